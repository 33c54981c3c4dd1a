"""Ranking, publicity with objections, and the award.

The office ranks a call once every application under review has its scores: the totals come from the engine
(extremes dropped, weighted), equal totals share a rank. Applications within the quota go into publicity for the
call's objection window; a tie across the quota is broken by the earlier submission (the notice's rule: first
come, first served), recorded in the audit reason. After the window, with no objection open, the office awards.
"""

from calendar import monthrange
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.awards.choices import ApplicationState, CallStatus, ObjectionStatus
from jineng.awards.engine.scoring import rank
from jineng.awards.models import Application, Award, Call, Objection
from jineng.awards.services.common import CHANGED, CREATED, require_capability, today
from jineng.awards.services.reviews import application_result
from jineng.awards.workflows import APPLICATION_WORKFLOW, OBJECTION_WORKFLOW
from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError, InvalidState

PUBLICITY_DAYS = 5


@transaction.atomic
def call_rank_and_publicise(*, call: Call, by, start: date | None = None, days: int = PUBLICITY_DAYS) -> list:
    """Rank the call's applications under review and put those within the quota into publicity."""
    require_capability(by, "awards.decide")
    if call.status not in (CallStatus.OPEN, CallStatus.REVIEWING):
        raise InvalidState(_("该申报通知已进入公示或已确定"))
    if not 1 <= days <= 30:
        raise DomainError(_("公示期须为 1–30 天"))
    applications = list(call.applications.filter(state=ApplicationState.UNDER_REVIEW).order_by("submitted_at", "pk"))
    if not applications:
        raise DomainError(_("没有处于专家评审阶段的申报"))
    totals = {}
    for application in applications:
        total = application_result(application).total
        if total is None:
            raise DomainError(_("申报 {number} 的评分尚未完成（至少 3 名专家）").format(number=application.number))
        totals[application.pk] = total
    ranked = rank(totals, quota=call.quota)
    by_pk = {a.pk: a for a in applications}
    slots = call.quota - sum(1 for r in ranked if r.within_quota)
    order = {a.pk: i for i, a in enumerate(applications)}  # by submission
    tied = sorted((r for r in ranked if r.tied_at_cutoff), key=lambda r: order[r.key])
    chosen = {r.key for r in ranked if r.within_quota} | {r.key for r in tied[:slots]}
    for entry in ranked:
        application = by_pk[entry.key]
        application.total, application.rank = entry.total, entry.rank
        save_audited(application, by=by, reason=gettext_noop("评审排名"), update_fields=["total", "rank"])
        APPLICATION_WORKFLOW.take(application, "publicise" if entry.key in chosen else "decline", by=by)
    start = start or today()
    call.status, call.publicity_start, call.publicity_end = CallStatus.PUBLICITY, start, start + timedelta(days=days - 1)
    save_audited(call, by=by, reason=gettext_noop("公示"), update_fields=["status", "publicity_start", "publicity_end"])
    return ranked


@transaction.atomic
def objection_lodge(*, application: Application, by, text: str) -> Objection:
    require_capability(by, "awards.object")
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写异议内容"))
    if len(text) > 1000:
        raise DomainError(_("异议内容不能超过 1000 字"))
    call = application.call
    if application.state != ApplicationState.PUBLICITY or not call.publicity_end or today() > call.publicity_end:
        raise InvalidState(_("该项目不在公示期内，不能提出异议"))
    return create_audited(Objection, by=by, reason=CREATED, application=application, lodged_by=by, text=text)


def objection_handle(*, objection: Objection, by, upheld: bool, note: str) -> Objection:
    """An upheld objection takes the application out of the list; a dismissed one leaves it there."""

    def withdraw(obj, step):
        APPLICATION_WORKFLOW.take(obj.application, "withdraw", by=by, comment=note)

    return OBJECTION_WORKFLOW.take(objection, "uphold" if upheld else "dismiss", by=by, comment=note,
                                   effects=withdraw if upheld else None)


def _publicity_over(application: Application, step) -> None:
    call = application.call
    if call.publicity_end is None or today() <= call.publicity_end:
        raise InvalidState(_("公示期至 {day} 结束，之后方可确定资助").format(
            day=call.publicity_end.isoformat() if call.publicity_end else "—"))
    if application.objections.filter(status=ObjectionStatus.OPEN).exists():
        raise InvalidState(_("尚有未处理的异议"))


def award_grant(*, application: Application, by, awarded_on: date | None = None) -> Award:
    call = application.call
    awarded_on = awarded_on or today()
    categories = list(call.rule_set.content.get("categories", []))

    def create(obj, step):
        create_audited(Award, by=by, reason=CREATED, application=obj, amount=call.amount,
                       matching_required=call.matching_min, awarded_on=awarded_on, period_start=awarded_on,
                       period_end=_months_after(awarded_on, call.funding_months), categories=categories,
                       awarded_by=by)

    with transaction.atomic():
        APPLICATION_WORKFLOW.take(application, "award", by=by, guard=_publicity_over, effects=create)
        if not call.applications.filter(state=ApplicationState.PUBLICITY).exists():
            call.status = CallStatus.DECIDED
            save_audited(call, by=by, reason=CHANGED, update_fields=["status"])
        return Award.objects.get(application=application)


def _months_after(day: date, months: int) -> date:
    if months <= 0:
        return day
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1])) - timedelta(days=1)
