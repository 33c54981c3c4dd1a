"""Certificates earned in competitions, written into the certificate register.

The register hands out the numbers (the issuing body's serials and the status-list positions, under its own
counter locks) and writes the rows with their history; each certificate names no evaluation result (a
competition has none) and is linked from the competition result (``Result.certificate``). Idempotent: a result
that already has its certificate is skipped.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_noop

from jineng.certificates.choices import CertificateSource, CertificateStatus
from jineng.certificates.engine.numbers import level_digit_from_skill_level, number_make
from jineng.certificates.models import Certificate
from jineng.certificates.services.issue import COLUMNS, STATUS_INDEX, counter_take, serials_take
from jineng.competitions.choices import Outcome
from jineng.competitions.models import Event, Result
from jineng.competitions.services.results import history_for, rows_update
from jineng.core import metrics
from jineng.core.imports import db_now, history_insert, rows_insert_with_ids
from jineng.core.models import Person

#: the register's source for competition certificates (shown as 竞赛晋级 on the register and verification pages)
SOURCE = CertificateSource.COMPETITION


def certificates_issue_for_event(event: Event, *, by=None, issued_on: date):
    """The certificates issued now (a query: evaluate it to read them)."""
    # The results by the event's index, then their holders by primary key: two plans that cannot go wrong, where
    # one three-table join was at the mercy of the planner's estimates inside a long bulk-loading transaction.
    todo = list(Result.objects.filter(event=event, certificate__isnull=True, withheld=False,
                                      outcome__in=(Outcome.CERTIFICATE, Outcome.PROMOTION))
                .select_related("registration").order_by("rank", "pk"))
    if not todo:
        return Certificate.objects.none()
    people = Person.objects.only("pk", "name").in_bulk({result.registration.person_id for result in todo})
    body = event.body
    with transaction.atomic():
        index = counter_take(STATUS_INDEX, len(todo))
        serial = serials_take(body, issued_on.year, len(todo))
        rows, now = [], db_now()
        for result in todo:
            person = people[result.registration.person_id]
            number = number_make(letter=body.certificate_letter, ministry_code=body.ministry_code,
                                 city_serial=body.city_serial, year=issued_on.year,
                                 level_digit=level_digit_from_skill_level(result.level_granted), serial=serial)
            rows.append((number, person.pk, person.name, event.occupation_id, event.work_type_id, "",
                         result.level_granted, body.pk, None, None, issued_on, CertificateStatus.VALID, None, "",
                         index, SOURCE, bool(event.is_synthetic), now))
            serial += 1
            index += 1
        ids = rows_insert_with_ids(Certificate._meta.db_table, COLUMNS, rows)
        history_insert(Certificate, ("id", *COLUMNS), [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
                       history_type="+", user_id=getattr(by, "pk", None), reason=gettext_noop("竞赛成绩公示期满，发放证书"))
        rows_update(Result._meta.db_table, ("certificate_id",),
                    [(pk, result.pk) for result, pk in zip(todo, ids, strict=True)])
        history_for(Result, [result.pk for result in todo], history_type="~", by=by,
                    reason=gettext_noop("发放证书"))
    metrics.metrics_records_changed("certificates.Certificate", "competitions.Result")
    return Certificate.objects.filter(pk__in=ids).order_by("pk")
