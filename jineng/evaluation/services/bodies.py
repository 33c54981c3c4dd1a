"""Writes on bodies: filing, the workflow's moves, registered scope, test sites, evaluators and supervisors."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.accounts.models import Organisation
from jineng.core.audit import create_audited, save_audited
from jineng.core.districts import district_contains
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.core.identifiers import uscc_validate
from jineng.core.people import person_register
from jineng.evaluation.choices import BodyKind, BodyStatus, ScopeStatus, StaffRole
from jineng.evaluation.models import BodyScope, BodyStaff, EvaluationBody, TestSite
from jineng.evaluation.permissions import user_can
from jineng.evaluation.workflows import BODY_WORKFLOW
from jineng.occupations.choices import CatalogueKind, SkillLevel


def body_apply(*, by, credit_code: str, name: str, kind: str, district, city_serial: str = "",
               contact: str = "") -> EvaluationBody:
    """An application to file a body. Body staff apply for their own organisation; the office registers a body
    and opens its login organisation."""
    if not user_can(by, "evaluation.apply"):
        raise NotAllowed(_("您无权申请备案评价机构"))
    code = uscc_validate(credit_code)
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise DomainError(_("机构名称不能为空，且不超过 120 字"))
    if kind not in BodyKind.values:
        raise DomainError(_("未知的机构类型"))
    if EvaluationBody.objects.filter(credit_code=code).exists():
        raise DomainError(_("统一社会信用代码 %(code)s 已申请或备案") % {"code": code})
    with transaction.atomic():
        if user_can(by, "evaluation.see_own"):
            organisation = by.organisation
            if organisation is None or EvaluationBody.objects.filter(organisation=organisation).exists():
                raise DomainError(_("本机构已有备案申请"))
        else:
            organisation = Organisation.objects.filter(name=name).first() or create_audited(
                Organisation, by=by, reason=gettext_noop("备案评价机构时开设登录机构"), name=name,
                kind="evaluation_institution", district=district)
        serial = city_serial or _next_serial()
        return create_audited(EvaluationBody, by=by, reason=gettext_noop("申请备案评价机构"), organisation=organisation,
                              credit_code=code, name=name, kind=kind, district=district, city_serial=serial,
                              applied_on=timezone.localdate(), contact=(contact or "").strip()[:40])


def _next_serial() -> str:
    last = EvaluationBody.objects.order_by("-city_serial").values_list("city_serial", flat=True).first()
    return f"{int(last) + 1 if last and last.isdigit() else 1:06d}"


def body_transition(*, by, body: EvaluationBody, action: str, comment: str = "") -> EvaluationBody:
    """One move of the filing workflow; suspending a body suspends its active scope, reinstating restores it."""
    if action not in BODY_WORKFLOW.transitions:
        raise DomainError(_("未知的操作"))

    def effects(obj, step):
        if action == "suspend":
            _scopes_set(obj, ScopeStatus.ACTIVE, ScopeStatus.SUSPENDED, by=by, reason=step.comment)
        elif action == "reinstate":
            _scopes_set(obj, ScopeStatus.SUSPENDED, ScopeStatus.ACTIVE, by=by, reason=step.comment)
        return ()

    return BODY_WORKFLOW.take(body, action, by=by, comment=comment, effects=effects)


def _scopes_set(body, source: str, target: str, *, by, reason: str) -> int:
    count = 0
    for scope in body.scopes.filter(status=source):
        scope.status = target
        scope.status_reason = (reason or "")[:200] if target == ScopeStatus.SUSPENDED else ""
        save_audited(scope, by=by, reason=gettext_noop("评价范围状态随机构变更"), update_fields=["status", "status_reason"])
        count += 1
    return count


def _require_run(by, body) -> None:
    if not user_can(by, "evaluation.run", body):
        raise NotAllowed(_("只有本机构人员可以维护本机构的信息"))
    if body.status == BodyStatus.WITHDRAWN:
        raise DomainError(_("机构已撤销"))


# a body's own staff register scope entries while its filing is open; the office registers them at any time
SCOPE_OPEN = (BodyStatus.APPLIED, BodyStatus.RETURNED)


def scope_add(*, by, body: EvaluationBody, occupation=None, work_type=None, special_item=None,
              levels: list[int] | None = None, developed_by_body: bool = False,
              registered_on: date | None = None) -> BodyScope:
    """Register an item: an occupation (or work type) at some levels, or a special-competence item."""
    office = user_can(by, "evaluation.review")
    if not (office or user_can(by, "evaluation.run", body)):
        raise NotAllowed(_("您无权登记评价范围"))
    if not office and body.status not in SCOPE_OPEN:
        raise InvalidState(_("机构公布后，新增评价范围由专班办公室登记"))
    levels = sorted(set(levels or []))
    if special_item is not None:
        if special_item.version.kind != CatalogueKind.SPECIAL:
            raise DomainError(_("专项职业能力须取自专项职业能力考核项目目录"))
        if occupation is not None or levels:
            raise DomainError(_("专项职业能力项目不分职业等级"))
    else:
        if occupation is None:
            raise DomainError(_("请选择职业或专项职业能力项目"))
        if work_type is not None and work_type.occupation_id != occupation.pk:
            raise DomainError(_("工种不属于所选职业"))
        allowed = {SkillLevel.L5, SkillLevel.L4, SkillLevel.L3, SkillLevel.L2, SkillLevel.L1}
        if not levels or not set(levels) <= allowed:
            raise DomainError(_("请选择一至五级中的等级"))
        if developed_by_body:
            raise DomainError(_("只有专项职业能力项目可以标为机构自主开发"))
    return create_audited(BodyScope, by=by, reason=gettext_noop("登记评价范围"), body=body, occupation=occupation,
                          work_type=work_type, special_item=special_item, levels=levels,
                          developed_by_body=developed_by_body, registered_on=registered_on or timezone.localdate())


def site_add(*, by, body: EvaluationBody, name: str, address: str, lon, lat, capacity: int) -> TestSite:
    """A test site; its coordinates (GCJ-02) must lie inside the body's district."""
    _require_run(by, body)
    name, address = (name or "").strip(), (address or "").strip()
    if not name or not address:
        raise DomainError(_("请填写考点名称和地址"))
    try:
        lon, lat = Decimal(str(lon)).quantize(Decimal("0.000001")), Decimal(str(lat)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("经纬度须为数字")) from exc
    if not district_contains(body.district.geometry, lon, lat):
        raise DomainError(_("考点坐标不在%(district)s范围内") % {"district": body.district.name})
    if not isinstance(capacity, int) or not 1 <= capacity <= 5000:
        raise DomainError(_("考位数须为 1–5000"))
    if body.sites.filter(name=name).exists():
        raise DomainError(_("本机构已有名为“%(name)s”的考点") % {"name": name})
    return create_audited(TestSite, by=by, reason=gettext_noop("登记考点"), body=body, name=name[:120],
                          address=address[:200], district=body.district, lon=lon, lat=lat, capacity=capacity)


def staff_add(*, by, body: EvaluationBody, resident_id: str, name: str, role: str, card_no: str = "") -> BodyStaff:
    """An evaluator or internal quality supervisor, registered as a person (the number is kept encrypted)."""
    _require_run(by, body)
    if role not in StaffRole.values:
        raise DomainError(_("未知的人员角色"))
    with transaction.atomic():
        person = person_register(resident_id=resident_id, name=name, by=by)
        if BodyStaff.objects.filter(body=body, person=person, role=role).exists():
            raise DomainError(_("该人员已登记为本机构的%(role)s") % {"role": StaffRole(role).label})
        return create_audited(BodyStaff, by=by, reason=gettext_noop("登记考评人员"), body=body, person=person,
                              role=role, card_no=(card_no or "").strip()[:30])
