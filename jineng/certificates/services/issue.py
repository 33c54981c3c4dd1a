"""Issuing certificates from approved results, and handing out serials and status-list positions.

Serials are per body and year (the last six characters of the number); positions in the status lists are
city-wide. Both come from a ``Counter`` row locked with ``select_for_update`` inside the caller's transaction,
so two approvals at the same moment never share a number (SQLite serialises writers anyway).
"""

from collections.abc import Iterable
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.certificates.choices import CertificateSource, CertificateStatus
from jineng.certificates.engine.numbers import MAX_SERIAL, level_digit_from_skill_level, number_make
from jineng.certificates.models import Certificate, Counter
from jineng.core import metrics
from jineng.core.exceptions import DomainError
from jineng.core.imports import db_now, history_insert, rows_insert_with_ids
from jineng.evaluation.choices import ResultStatus

STATUS_INDEX = "status_index"
#: the level digit of a special-competence certificate, which has no level: the national format has no other
#: digit for it, so it takes the entry level's (docs/certificates.md)
SPECIAL_LEVEL_DIGIT = 5


def counter_take(key: str, count: int = 1) -> int:
    """Reserve ``count`` consecutive values of the counter ``key``: the first of them (values start at 1)."""
    if count < 1:
        raise ValueError(count)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Counter.objects.get_or_create(key=key)
        except IntegrityError:  # created by a concurrent transaction at the same moment
            pass
        counter = Counter.objects.select_for_update().get(key=key)
        first = counter.value + 1
        counter.value += count
        counter.save(update_fields=["value"])
    return first


def serial_key(body_id: int, year: int) -> str:
    return f"serial:{body_id}:{year}"


def serials_take(body, year: int, count: int = 1) -> int:
    first = counter_take(serial_key(body.pk, year), count)
    if first + count - 1 > MAX_SERIAL:
        raise DomainError(_("评价机构 {name} 的 {year} 年证书序号已用完").format(name=body.name, year=year))
    return first


COLUMNS = ("number", "holder_id", "holder_name", "occupation_id", "work_type_id", "special_item", "level", "body_id",
           "session_id", "result_id", "issued_on", "status", "status_date", "status_reason", "status_index", "source",
           "is_synthetic", "created_at")


def certificates_issue_for_results(results: Iterable, *, by=None, issued_on: date | None = None) -> list[Certificate]:
    """A certificate for every approved, passed result that has none yet; the others are left alone (idempotent).

    Called when results are approved (registered with the evaluation app's "on approved" callbacks) and by hand.
    """
    issued_on = issued_on or timezone.localdate()
    wanted = [r for r in results if r.passed and r.status == ResultStatus.APPROVED]
    wanted.sort(key=lambda r: r.pk)
    if not wanted:
        return []
    with transaction.atomic():
        have = set(Certificate.objects.filter(result_id__in=[r.pk for r in wanted]).values_list("result_id",
                                                                                                flat=True))
        todo = [r for r in wanted if r.pk not in have]
        if not todo:
            return []
        index = counter_take(STATUS_INDEX, len(todo))
        by_body: dict[int, list] = {}
        for result in todo:
            by_body.setdefault(result.session.body_id, []).append(result)
        rows = []
        now = db_now()
        for group in by_body.values():
            body = group[0].session.body
            serial = serials_take(body, issued_on.year, len(group))
            for result in group:
                session = result.session
                digit = level_digit_from_skill_level(session.level) if session.level else SPECIAL_LEVEL_DIGIT
                number = number_make(letter=body.certificate_letter, ministry_code=body.ministry_code,
                                     city_serial=body.city_serial, year=issued_on.year, level_digit=digit,
                                     serial=serial)
                rows.append((number, result.person_id, result.person.name, session.occupation_id,
                             session.work_type_id, session.special_item, session.level, body.pk, session.pk,
                             result.pk, issued_on, CertificateStatus.VALID, None, "", index,
                             CertificateSource.RESULT, bool(body.is_synthetic), now))
                serial += 1
                index += 1
        ids = rows_insert_with_ids(Certificate._meta.db_table, COLUMNS, rows)
        history_insert(Certificate, ("id", *COLUMNS), [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
                       history_type="+", user_id=getattr(by, "pk", None), reason=gettext_noop("成绩核准，发放证书"))
    metrics.metrics_records_changed("certificates.Certificate")
    return list(Certificate.objects.filter(pk__in=ids).order_by("pk"))


def certificates_issue_on_approval(results, by=None, **_kwargs) -> list[Certificate]:
    """The callback the evaluation app runs after ``results_approve`` (with the approved results or their ids):
    certificates dated the approval day, in the same transaction."""
    from jineng.evaluation.models import EvaluationResult

    results = list(results)
    if results and not isinstance(results[0], EvaluationResult):
        results = list(EvaluationResult.objects.filter(pk__in=results).select_related("session__body", "person")
                       .order_by("pk"))
    return certificates_issue_for_results(results, by=by)
