"""Applications: drafted by the employer, checked against the call's rules, submitted before the deadline,
screened by the chosen 主管部门 (city department or district government)."""

from dataclasses import asdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation
from jineng.awards.choices import ApplicationState, AttachmentKind, CallKind, CallStatus
from jineng.awards.engine.eligibility import Facts, evaluate, rule_set_parse
from jineng.awards.models import Application, Attachment, Call
from jineng.awards.reasons import reason_text
from jineng.awards.services.common import CHANGED, CREATED, require_capability
from jineng.awards.workflows import APPLICATION_WORKFLOW
from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError, InvalidState

EDITABLE = ("title", "leader_name", "leader_level", "leader_honours", "leader_funded_chief_year",
            "leader_still_employed", "matching_declared", "summary", "screening_unit")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx")


def _call_open(call: Call) -> None:
    if call.status != CallStatus.OPEN or timezone.now() > call.deadline:
        raise InvalidState(_("申报已于 {deadline} 截止").format(
            deadline=timezone.localtime(call.deadline).strftime("%Y-%m-%d %H:%M")))


def _screening_unit_check(unit: Organisation) -> None:
    if unit is None or unit.kind not in (OrganisationKind.DEPARTMENT, OrganisationKind.DISTRICT):
        raise DomainError(_("主管部门须为市级部门或区政府"))


def _clean(fields: dict) -> dict:
    fields = {k: v for k, v in fields.items() if k in EDITABLE}
    if "leader_honours" in fields:
        fields["leader_honours"] = sorted({str(h) for h in fields["leader_honours"] or []})
    if fields.get("matching_declared") is not None and Decimal(fields["matching_declared"]) < 0:
        raise DomainError(_("配套资金不能为负数"))
    if "screening_unit" in fields:
        _screening_unit_check(fields["screening_unit"])
    return fields


def _number(call: Call) -> str:
    prefix = f"{call.kind[:2].upper()}{call.year}-{call.pk:03d}-"
    last = Application.objects.filter(number__startswith=prefix).aggregate(n=Max("number"))["n"]
    return f"{prefix}{int(last.rsplit('-', 1)[1]) + 1 if last else 1:04d}"


@transaction.atomic
def application_create(*, call: Call, by, **fields) -> Application:
    require_capability(by, "awards.apply", message=_("只有企业或机构可以申报"))
    _call_open(call)
    fields = _clean(fields)
    for name in ("title", "leader_name"):
        if not str(fields.get(name) or "").strip():
            raise DomainError(_("请填写项目名称和负责人"))
    if "screening_unit" not in fields:
        raise DomainError(_("请选择主管部门"))
    employer = by.organisation
    application = Application(call=call, employer=employer, district_id=employer.district_id
                              or fields["screening_unit"].district_id, number=_number(call), created_by=by, **fields)
    if application.district_id is None:
        raise DomainError(_("申报单位没有所在区，请联系专班办公室"))
    eligibility_store(application)
    save_audited(application, by=by, reason=CREATED)
    return application


@transaction.atomic
def application_update(*, application: Application, by, **fields) -> Application:
    require_capability(by, "awards.apply", application)
    if application.state != ApplicationState.DRAFT:
        raise InvalidState(_("只有草稿可以修改"))
    _call_open(application.call)
    for name, value in _clean(fields).items():
        setattr(application, name, value)
    eligibility_store(application)
    save_audited(application, by=by, reason=CHANGED)
    return application


def application_facts(application: Application) -> Facts:
    """What the application declares, completed from the register of earlier awards."""
    earlier = Application.objects.filter(state=ApplicationState.AWARDED, call__year__lt=application.call.year)
    funded_before = (earlier.filter(call__kind=application.call.kind, employer_id=application.employer_id,
                                    title=application.title).order_by("call__year")
                     .values_list("call__year", flat=True).first())
    chief_year = (earlier.filter(call__kind=CallKind.CHIEF_TECHNICIAN, employer_id=application.employer_id,
                                 leader_name=application.leader_name).order_by("call__year")
                  .values_list("call__year", flat=True).first())
    return Facts(leader_honours=frozenset(application.leader_honours or ()), leader_level=application.leader_level,
                 leader_funded_chief_year=chief_year or application.leader_funded_chief_year,
                 leader_still_employed=application.leader_still_employed, funded_before_year=funded_before,
                 matching_declared=Decimal(application.matching_declared or 0),
                 led_by_district=application.employer.kind == OrganisationKind.DISTRICT)


def eligibility_store(application: Application) -> None:
    content = application.call.rule_set.content
    rule_set = rule_set_parse({"code": application.call.rule_set.code, "version": application.call.rule_set.version,
                               "valid_from": application.call.rule_set.valid_from.isoformat(),
                               "rules": content.get("rules", [])})
    verdict = evaluate(rule_set, application_facts(application))
    application.eligible = verdict.eligible
    application.eligibility = [_jsonable(asdict(reason)) for reason in verdict.reasons]


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def missing_attachments(application: Application) -> list[str]:
    present = set(application.attachments.values_list("kind", flat=True))
    labels = dict(AttachmentKind.choices)
    return [str(labels.get(code, code)) for code in application.call.required_attachments if code not in present]


def _submittable(application: Application, step) -> None:
    _call_open(application.call)
    eligibility_store(application)
    if not application.eligible:
        failures = [reason_text(r) for r in application.eligibility if not r["ok"]]
        raise DomainError(_("不符合申报条件：{reasons}").format(reasons=_("；").join(failures)))
    missing = missing_attachments(application)
    if missing:
        raise DomainError(_("请上传：{names}").format(names=_("、").join(missing)))


def _eligibility_effects(application: Application, step) -> list[str]:
    eligibility_store(application)
    return ["eligibility", "eligible"]


def application_submit(*, application: Application, by) -> Application:
    return APPLICATION_WORKFLOW.take(application, "submit", by=by, guard=_submittable, effects=_eligibility_effects)


def application_screen(*, application: Application, by, comment: str = "") -> Application:
    return APPLICATION_WORKFLOW.take(application, "screen", by=by, comment=comment)


def application_return(*, application: Application, by, comment: str) -> Application:
    require_capability(by, "awards.screen", application, _("只有申报所选的主管部门可以审核"))
    return APPLICATION_WORKFLOW.take(application, "return", by=by, comment=comment)


def application_send_back(*, application: Application, by, comment: str) -> Application:
    require_capability(by, "awards.decide", message=_("只有专班办公室可以办理"))
    return APPLICATION_WORKFLOW.take(application, "send_back", by=by, comment=comment)


@transaction.atomic
def attachment_add(*, application: Application, by, kind: str, upload) -> Attachment:
    require_capability(by, "awards.apply", application)
    if application.state != ApplicationState.DRAFT:
        raise InvalidState(_("只有草稿可以上传附件"))
    if kind not in AttachmentKind.values:
        raise DomainError(_("附件类型不正确"))
    name = str(getattr(upload, "name", "") or "")[-120:]
    if not name.lower().endswith(ATTACHMENT_TYPES):
        raise DomainError(_("附件须为 PDF、图片、Word 或 Excel 文件"))
    if not upload.size or upload.size > MAX_ATTACHMENT_BYTES:
        raise DomainError(_("附件须小于 10 MB 且不能为空"))
    application.attachments.filter(kind=kind).delete()
    return create_audited(Attachment, by=by, reason=CREATED, application=application, kind=kind, file=upload,
                          name=name, size=upload.size, uploaded_by=by)
