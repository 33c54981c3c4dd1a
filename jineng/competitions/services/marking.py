"""Judges, marks per aspect, sign-off, and the two-person change of a signed-off mark.

Measurement aspects take one mark (0 to the aspect's maximum); judgement aspects take the three judges' scores
0–3, refused when they differ by more than one point, and the mark is their mean share of 3 times the maximum
(``engine.scores.judgement_mark``). No judge marks a contestant of the judge's own organisation. After sign-off
the marks are locked: a change is a ``MarkChange`` asked by one person and approved by another
(``workflows.MARK_CHANGE_WORKFLOW``), and the approval rewrites the mark (audited) and the event's results.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from jineng.competitions.choices import AspectKind, EventStatus, RegistrationStatus
from jineng.competitions.engine.scores import JudgementRefused, judgement_mark, measurement_check
from jineng.competitions.models import Aspect, Event, Judge, Mark, MarkChange, Registration
from jineng.competitions.workflows import EVENT_WORKFLOW, MARK_CHANGE_WORKFLOW
from jineng.core.audit import create_audited, save_audited
from jineng.core.capabilities import user_can
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed, RecordNotFound


def judge_assign(*, by, event: Event, user, is_chief: bool = False) -> Judge:
    if not user_can(by, "competitions.run", event):
        raise NotAllowed(_("您无权为该赛项安排裁判"))
    if Judge.objects.filter(event=event, user=user).exists():
        raise InvalidState(_("%(user)s 已是该赛项裁判") % {"user": user})
    return create_audited(Judge, by=by, reason=_("安排裁判"), event=event, user=user,
                          organisation_id=user.organisation_id, is_chief=is_chief)


def judge_assign_by_username(*, by, event: Event, username: str, is_chief: bool = False) -> Judge:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise DomainError(_("没有该用户名的账号"))
    return judge_assign(by=by, event=event, user=user, is_chief=is_chief)


def _judgement_message(exc: JudgementRefused) -> str:
    return {
        "count": _("评价评分须录入三名裁判的分数"),
        "range": _("裁判评分须为 0、1、2 或 3 的整数"),
        "spread": _("三名裁判的评分相差超过 1 分，须重新评判"),
    }[exc.code]


def mark_value(aspect: Aspect, *, value=None, scores=None) -> tuple[Decimal, list[int]]:
    """The mark an aspect takes from a measured value or three judges' scores, or the reason it is refused."""
    if aspect.kind == AspectKind.JUDGEMENT:
        try:
            scores = [int(s) for s in (scores or [])]
        except (TypeError, ValueError) as exc:
            raise DomainError(_("裁判评分须为 0、1、2 或 3 的整数")) from exc
        try:
            return judgement_mark(scores, aspect.max_mark), scores
        except JudgementRefused as exc:
            raise DomainError(_judgement_message(exc)) from exc
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
        measurement_check(number, aspect.max_mark)
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise DomainError(_("得分须在 0 至 %(max)s 之间") % {"max": aspect.max_mark}) from exc
    return number, []


def _conflict_check(judge_user, registration: Registration) -> None:
    if registration.employer_id and registration.employer_id == judge_user.organisation_id:
        raise NotAllowed(_("裁判不能为本单位选手评分"))


def mark_enter(*, by, registration: Registration, aspect: Aspect, value=None, scores=None) -> Mark:
    event = registration.event
    if not user_can(by, "competitions.judge", event):
        raise NotAllowed(_("您不是该赛项的裁判"))
    if aspect.event_id != event.pk:
        raise RecordNotFound(_("评分项不属于该赛项"))
    if registration.status != RegistrationStatus.REGISTERED:
        raise InvalidState(_("该选手已退出比赛"))
    _conflict_check(by, registration)
    number, scores = mark_value(aspect, value=value, scores=scores)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status != EventStatus.PLANNED:
            raise InvalidState(_("成绩已签核，改分须提出改分申请并经另一人批准"))
        mark = Mark.objects.filter(registration=registration, aspect=aspect).first()
        if mark is None:
            mark = create_audited(Mark, by=by, reason=_("录入得分"), registration=registration, aspect=aspect,
                                  value=number, judge_scores=scores, entered_by=by)
        else:
            mark.value, mark.judge_scores, mark.entered_by = number, scores, by
            save_audited(mark, by=by, reason=_("修改得分（签核前）"),
                         update_fields=["value", "judge_scores", "entered_by"])
    return mark


def event_sign_off(*, by, event: Event) -> Event:
    """Lock the marks and compute the results: every registered contestant needs a mark on every aspect."""
    from jineng.competitions.services.results import results_compute

    def complete(obj, _step) -> None:
        aspects = obj.aspects.count()
        contestants = obj.registrations.filter(status=RegistrationStatus.REGISTERED)
        if not contestants.exists():
            raise DomainError(_("没有选手，无法签核"))
        complete_ids = (Mark.objects.filter(registration__event=obj).values("registration_id")
                        .annotate(n=Count("id")).filter(n=aspects).values("registration_id"))
        missing = contestants.exclude(pk__in=complete_ids)
        if missing.exists():
            raise DomainError(_("还有 %(n)s 名选手的得分未录全") % {"n": missing.count()})

    with transaction.atomic():
        event = EVENT_WORKFLOW.take(event, "sign_off", by=by, guard=complete)
        results_compute(event, by=by)
    return event


def mark_change_request(*, by, mark: Mark, reason: str, value=None, scores=None) -> MarkChange:
    event = mark.registration.event
    if not (user_can(by, "competitions.run", event) or user_can(by, "competitions.judge", event)):
        raise NotAllowed(_("您无权申请修改该赛项的得分"))
    if event.status not in (EventStatus.SIGNED_OFF, EventStatus.PUBLICITY):
        raise InvalidState(_("只有已签核、未发证的成绩可以申请改分"))
    if not reason.strip():
        raise DomainError(_("改分须说明理由"))
    if mark.changes.filter(state="pending").exists():
        raise InvalidState(_("该得分已有待复核的改分申请"))
    number, scores = mark_value(mark.aspect, value=value, scores=scores)
    return create_audited(MarkChange, by=by, reason=_("申请改分"), mark=mark, old_value=mark.value,
                          new_value=number, new_judge_scores=scores, why=reason.strip()[:200], requested_by=by)


def mark_change_decide(*, by, change: MarkChange, approve: bool, comment: str = "") -> MarkChange:
    """A second person approves (the mark and the results change, audited) or rejects the change."""
    from jineng.competitions.services.results import results_compute

    def rewrite(obj, step) -> list[str]:
        mark = Mark.objects.select_for_update().get(pk=obj.mark_id)
        mark.value, mark.judge_scores = obj.new_value, obj.new_judge_scores
        save_audited(mark, by=by, reason=_("改分（经复核批准）"), update_fields=["value", "judge_scores"])
        return []

    with transaction.atomic():
        if approve:
            change = MARK_CHANGE_WORKFLOW.take(change, "approve", by=by, comment=comment, effects=rewrite)
            results_compute(change.mark.registration.event, by=by)
        else:
            change = MARK_CHANGE_WORKFLOW.take(change, "reject", by=by, comment=comment)
    return change
