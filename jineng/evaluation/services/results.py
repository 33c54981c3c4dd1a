"""Sessions and results: planning, recording scores under the item's pass rule, approval, re-examination sample.

``results_approve`` is the one door through which results become APPROVED; it then calls every callback
registered with ``on_results_approved`` (certificates registers itself from its ``AppConfig.ready``: evaluation
imports nothing of certificates). Callbacks run inside the approving transaction: results are approved and
their certificates issued together, or neither.
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.core.imports import history_insert
from jineng.core.metrics import metrics_records_changed
from jineng.evaluation.choices import BodyStatus, ResultStatus, ScopeStatus, SessionPeriod, SessionStatus
from jineng.evaluation.engine.rules import result_passes, sample_for_reexamination
from jineng.evaluation.models import BodyScope, EvaluationResult, EvaluationSession, TestSite
from jineng.evaluation.permissions import user_can
from jineng.evaluation.workflows import SESSION_WORKFLOW

ApprovedCallback = Callable[[list[int], object], None]
_CALLBACKS: list[ApprovedCallback] = []


def on_results_approved(callback: ApprovedCallback) -> ApprovedCallback:
    """Register ``callback(result_ids, by)``, called after results become APPROVED (in the same transaction)."""
    if callback not in _CALLBACKS:
        _CALLBACKS.append(callback)
    return callback


def approved_callbacks() -> list[ApprovedCallback]:
    return list(_CALLBACKS)


def approved_results(*, since=None, result_ids: Iterable[int] | None = None, passed: bool | None = True) -> QuerySet:
    """Approved results (passed ones by default), with session, body and person, for issuing certificates."""
    rows = EvaluationResult.objects.filter(status=ResultStatus.APPROVED).select_related(
        "session__body", "session__occupation", "session__work_type", "session__site", "person")
    if passed is not None:
        rows = rows.filter(passed=passed)
    if since is not None:
        rows = rows.filter(approved_at__gte=since)
    if result_ids is not None:
        rows = rows.filter(pk__in=list(result_ids))
    return rows.order_by("pk")


def results_approve(*, results, by, reason: str = gettext_noop("成绩核准")) -> list[int]:
    """Move results (a queryset or ids) that are recorded or body-approved to APPROVED, stamp ``approved_at``,
    write their history, then call the registered callbacks with the ids. Returns the ids approved."""
    ids = list(results.values_list("pk", flat=True)) if isinstance(results, QuerySet) else [int(i) for i in results]
    with transaction.atomic():
        rows = EvaluationResult.objects.select_for_update().filter(
            pk__in=ids, status__in=(ResultStatus.RECORDED, ResultStatus.BODY_APPROVED))
        approved = sorted(rows.values_list("pk", flat=True))
        _status_set(approved, ResultStatus.APPROVED, by=by, reason=reason, approved=True)
        for callback in _CALLBACKS:
            callback(approved, by)
    return approved


def _status_set(ids: list[int], status: str, *, by, reason: str, approved: bool = False,
                body_approved: bool = False) -> None:
    if not ids:
        return
    now = timezone.now()
    fields = {"status": status}
    if approved:
        fields["approved_at"] = now
    if body_approved:
        fields["body_approved_at"] = now
    if status == ResultStatus.RECORDED:
        fields.update(approved_at=None, body_approved_at=None)
    EvaluationResult.objects.filter(pk__in=ids).update(**fields)
    columns = ("id", "session_id", "person_id", "theory_score", "practical_score", "comprehensive_score", "passed",
               "status", "approved_at", "body_approved_at", "sampled", "resample_note")
    rows = [db_row(row) for row in EvaluationResult.objects.filter(pk__in=ids).order_by("pk").values_list(*columns)]
    history_insert(EvaluationResult, columns, rows, history_type="~", user_id=getattr(by, "pk", None),
                   reason=reason)
    metrics_records_changed("evaluation.EvaluationResult")


def db_row(row: tuple) -> tuple:
    """A row read through the ORM, with datetimes in the form a raw insert takes on this database."""
    if connection.vendor == "postgresql":
        return row
    return tuple(connection.ops.adapt_datetimefield_value(v) if isinstance(v, datetime) else v for v in row)


def session_plan(*, by, scope: BodyScope, level: int | None, site: TestSite, exam_date: date, code: str,
                 period: str = SessionPeriod.MORNING, planned_candidates: int = 0, invigilators: str = "",
                 examiners=()) -> EvaluationSession:
    body = scope.body
    if not user_can(by, "evaluation.run", body):
        raise NotAllowed(_("只有本机构人员可以安排考试"))
    if body.status != BodyStatus.PUBLISHED:
        raise InvalidState(_("机构未公布或已暂停，不能安排考试"))
    if scope.status != ScopeStatus.ACTIVE:
        raise InvalidState(_("该评价范围已暂停"))
    if site.body_id != body.pk or not site.is_active:
        raise DomainError(_("考点不属于本机构或已停用"))
    if scope.special_item_id is None and level not in scope.levels:
        raise DomainError(_("该等级不在登记的评价范围内"))
    if period not in SessionPeriod.values:
        raise DomainError(_("未知的时段"))
    code = (code or "").strip()
    if not code or len(code) > 30 or EvaluationSession.objects.filter(code=code).exists():
        raise DomainError(_("批次编号不能为空、不超过 30 字且不能重复"))
    with transaction.atomic():
        session = create_audited(
            EvaluationSession, by=by, reason=gettext_noop("安排考试批次"), body=body, code=code, scope=scope,
            occupation=scope.occupation, work_type=scope.work_type,
            special_item=scope.special_item.label if scope.special_item_id else "",
            level=None if scope.special_item_id else level, site=site, exam_date=exam_date, period=period,
            planned_candidates=max(0, int(planned_candidates or 0)), invigilators=(invigilators or "")[:200])
        staff = [s for s in examiners if s.body_id == body.pk]
        if staff:
            session.examiners.set(staff)
    return session


def result_record(*, by, session: EvaluationSession, person, theory=None, practical=None,
                  comprehensive=None) -> EvaluationResult:
    """Record (or correct) one candidate's scores while the session is held; ``passed`` follows the item's rule."""
    if not user_can(by, "evaluation.run", session):
        raise NotAllowed(_("只有本机构人员可以录入成绩"))
    if session.status != SessionStatus.HELD:
        raise InvalidState(_("考试批次当前状态为“%(state)s”，不能录入成绩") % {"state": session.get_status_display()})
    passed = result_passes(session.level, theory=theory, practical=practical, comprehensive=comprehensive)
    result = EvaluationResult.objects.filter(session=session, person=person).first()
    if result is None:
        return create_audited(EvaluationResult, by=by, reason=gettext_noop("录入成绩"), session=session,
                              person=person, theory_score=theory, practical_score=practical,
                              comprehensive_score=comprehensive, passed=passed)
    result.theory_score, result.practical_score, result.comprehensive_score = theory, practical, comprehensive
    result.passed = passed
    save_audited(result, by=by, reason=gettext_noop("更正成绩"),
                 update_fields=["theory_score", "practical_score", "comprehensive_score", "passed"])
    return result


def session_transition(*, by, session: EvaluationSession, action: str, comment: str = "") -> EvaluationSession:
    """One move of the session workflow; approving or returning moves its results with it."""
    if action not in SESSION_WORKFLOW.transitions:
        raise DomainError(_("未知的操作"))

    def guard(obj, step):
        if action in ("approve", "submit") and not obj.results.exists():
            raise DomainError(_("尚未录入成绩"))

    def effects(obj, step):
        recorded = obj.results.filter(status=ResultStatus.RECORDED)
        if action == "approve":
            results_approve(results=recorded, by=by, reason=gettext_noop("机构审核并核准成绩"))
        elif action == "submit":
            _status_set(list(recorded.values_list("pk", flat=True)), ResultStatus.BODY_APPROVED, by=by,
                        reason=gettext_noop("机构审核成绩，报区核准"), body_approved=True)
        elif action == "district_approve":
            results_approve(results=obj.results.filter(status=ResultStatus.BODY_APPROVED), by=by,
                            reason=gettext_noop("区核准成绩"))
        elif action == "district_return":
            _status_set(list(obj.results.filter(status=ResultStatus.BODY_APPROVED).values_list("pk", flat=True)),
                        ResultStatus.RECORDED, by=by, reason=gettext_noop("区退回成绩"))
        return ()

    return SESSION_WORKFLOW.take(session, action, by=by, comment=comment, guard=guard, effects=effects)


def results_sample(*, by, session: EvaluationSession, rate: float = 0.05) -> list[int]:
    """Draw a reproducible random sample of a session's approved or body-approved results for re-examination."""
    if not user_can(by, "evaluation.sample", session):
        raise NotAllowed(_("您无权抽取复核考生"))
    if not 0 < rate <= 1:
        raise DomainError(_("抽取比例须在 0 与 1 之间"))
    rows = session.results.exclude(status__in=(ResultStatus.RECORDED, ResultStatus.VOIDED))
    ids = list(rows.values_list("pk", flat=True))
    if not ids:
        raise InvalidState(_("该批次尚无经审核的成绩"))
    chosen = sample_for_reexamination(ids, rate=rate, seed=f"{session.code}-{len(ids)}")
    with transaction.atomic():
        for result in EvaluationResult.objects.filter(pk__in=chosen, sampled=False):
            result.sampled = True
            save_audited(result, by=by, reason=gettext_noop("抽中复核"), update_fields=["sampled"])
    return chosen
