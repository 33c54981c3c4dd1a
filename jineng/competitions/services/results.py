"""Results (raw totals, standardised scores, ranks, outcomes), the publicity list (公示) with its objection
window, and the certificates issued when the window has closed with no open objection."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.certificates.choices import CertificateStatus
from jineng.certificates.models import Certificate
from jineng.competitions.choices import EventStatus, ObjectionState, RegistrationStatus
from jineng.competitions.engine.promotion import outcome_for
from jineng.competitions.engine.scores import standings
from jineng.competitions.models import Event, Objection, Result
from jineng.competitions.workflows import EVENT_WORKFLOW
from jineng.core import metrics
from jineng.core.audit import create_audited, save_audited
from jineng.core.capabilities import user_can
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.core.imports import history_copy, rows_insert_with_ids

#: days the publicity list stays open to objections (docs/competitions.md)
OBJECTION_DAYS = 5
READS = ("competitions.Result",)
FIELDS = ("raw", "standardised", "rank", "percentile", "outcome", "level_granted", "rule_version")


def _current_levels(event: Event, person_ids: list[int]) -> dict[int, int]:
    rows = Certificate.objects.filter(holder_id__in=person_ids, occupation_id=event.occupation_id,
                                      status=CertificateStatus.VALID, level__isnull=False)
    best: dict[int, int] = {}
    for holder, level in rows.values_list("holder_id", "level"):
        best[holder] = max(level, best.get(holder, 0))
    return best


def results_rows(event: Event) -> list[Result]:
    """The event's results computed from its marks (unsaved): one per registered contestant with marks."""
    totals = list(event.registrations.filter(status=RegistrationStatus.REGISTERED)
                  .annotate(total=Sum("marks__value")).filter(total__isnull=False).order_by("pk")
                  .values_list("pk", "person_id", "total"))
    if not totals:
        return []
    max_marks = event.max_marks
    levels = _current_levels(event, [person for _pk, person, _total in totals])
    rows = []
    for (registration_id, person_id, _total), standing in zip(
            totals, standings([Decimal(t) for _r, _p, t in totals]), strict=True):
        outcome = outcome_for(tier=event.tier, awarded_level=event.level_awarded, raw=standing.raw,
                              max_marks=Decimal(max_marks), rank=standing.rank, percentile=standing.percentile,
                              current_level=levels.get(person_id), on=event.end_date)
        rows.append(Result(registration_id=registration_id, event=event, raw=standing.raw,
                           standardised=standing.standardised, rank=standing.rank, percentile=standing.percentile,
                           outcome=outcome.kind, level_granted=outcome.level, rule_version=outcome.version))
    return rows


def results_compute(event: Event, *, by=None) -> list[Result]:
    """Write (or rewrite) the event's results with the core bulk writer, each with its history row; certificates
    already issued stay linked."""
    rows = results_rows(event)
    with transaction.atomic():
        existing = dict(Result.objects.filter(event=event).values_list("registration_id", "pk"))
        values = [tuple(getattr(row, name) for name in FIELDS) for row in rows]
        create = [(row.registration_id, event.pk, *v, False) for row, v in zip(rows, values, strict=True)
                  if row.registration_id not in existing]
        update = [(*v, existing[row.registration_id]) for row, v in zip(rows, values, strict=True)
                  if row.registration_id in existing]
        ids = rows_insert_with_ids(Result._meta.db_table, ("registration_id", "event_id", *FIELDS, "withheld"),
                                   create)
        rows_update(Result._meta.db_table, FIELDS, update)
        history_for(Result, ids, history_type="+", by=by, reason=gettext_noop("计算竞赛成绩"))
        history_for(Result, [row[-1] for row in update], history_type="~", by=by,
                    reason=gettext_noop("重新计算竞赛成绩"))
    metrics.metrics_records_changed(*READS)
    return rows


def history_for(model, ids, *, history_type: str, by=None, reason: str) -> None:
    """The history rows of ``model``'s rows ``ids`` just bulk-written, copied in the database (every column):
    contiguous ids as ranges, a few hundred ranges a statement."""
    runs: list[list[int]] = []
    for pk in sorted(set(ids)):
        if runs and pk == runs[-1][1] + 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    columns = tuple(field.column for field in model._meta.concrete_fields)
    for start in range(0, len(runs), 300):
        chunk = runs[start:start + 300]
        history_copy(model, columns, where=" OR ".join(["id BETWEEN %s AND %s"] * len(chunk)),
                     params=[bound for run in chunk for bound in run], history_type=history_type,
                     user_id=getattr(by, "pk", None), reason=reason)


def rows_update(table: str, fields, rows) -> None:
    """``UPDATE table SET fields… WHERE id = …`` for many rows at once (each row: the values, then the id)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(name)} = %s" for name in fields)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {quote(table)} SET {assignments} WHERE id = %s", rows)  # noqa: S608


def results_publish(*, by, event: Event, today: date | None = None) -> Event:
    """Open the publicity list: objections may be raised for ``OBJECTION_DAYS`` days from today."""
    today = today or timezone.localdate()

    def window(obj, _step) -> list[str]:
        obj.publicity_from, obj.objection_closes = today, today + timedelta(days=OBJECTION_DAYS)
        return ["publicity_from", "objection_closes"]

    return EVENT_WORKFLOW.take(event, "publish", by=by, effects=window)


def objection_raise(*, event: Event, text: str, result: Result | None = None, contact: str = "",
                    today: date | None = None) -> Objection:
    """Anyone may object while the publicity list is open (no login)."""
    today = today or timezone.localdate()
    if event.status != EventStatus.PUBLICITY or not event.objection_closes or today > event.objection_closes:
        raise InvalidState(_("该赛项不在公示期内，不能提出异议"))
    if not text.strip():
        raise DomainError(_("异议内容不能为空"))
    if result is not None and result.event_id != event.pk:
        raise DomainError(_("成绩不属于该赛项"))
    return create_audited(Objection, by=None, reason=_("提出异议"), event=event, result=result,
                          text=text.strip()[:500], contact=contact.strip()[:60], raised_on=today)


def objection_answer(*, by, objection: Objection, upheld: bool, answer: str) -> Objection:
    """The organiser answers; an upheld objection withholds that contestant's certificate."""
    if not user_can(by, "competitions.run", objection.event):
        raise NotAllowed(_("您无权处理该异议"))
    if objection.state != ObjectionState.OPEN:
        raise InvalidState(_("该异议已处理"))
    if not answer.strip():
        raise DomainError(_("须填写处理意见"))
    with transaction.atomic():
        objection.state = ObjectionState.UPHELD if upheld else ObjectionState.DISMISSED
        objection.answer, objection.answered_by, objection.answered_at = answer.strip()[:300], by, timezone.now()
        save_audited(objection, by=by, reason=_("处理异议"),
                     update_fields=["state", "answer", "answered_by", "answered_at"])
        if upheld and objection.result_id:
            result = objection.result
            result.withheld = True
            save_audited(result, by=by, reason=_("异议成立，暂缓发证"), update_fields=["withheld"])
    return objection


def event_finalise(*, by, event: Event, today: date | None = None) -> list:
    """After the objection window, with every objection answered: the certificates, through the register."""
    from jineng.competitions.services.certificates import certificates_issue_for_event

    today = today or timezone.localdate()

    def closed(obj, _step) -> None:
        if obj.objection_closes and today <= obj.objection_closes:
            raise InvalidState(_("公示期至 %(day)s 结束，期满后方可发证") % {"day": obj.objection_closes})
        if obj.objections.filter(state=ObjectionState.OPEN).exists():
            raise InvalidState(_("还有未处理的异议"))
        if obj.body_id is None:
            raise DomainError(_("赛项未指定发证评价机构"))

    with transaction.atomic():
        event = EVENT_WORKFLOW.take(event, "finalise", by=by, guard=closed)
        issued = certificates_issue_for_event(event, by=by, issued_on=today)
    return issued
