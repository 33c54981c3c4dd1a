"""Who works where: employment records from the enterprise's roster and from the employer on a training record.

A roster upload is all-or-nothing and idempotent: the same file again changes nothing; a row whose person
already has a record starting on that day updates its end date. Every record written keeps its history
(who, when, from which file). An employer named on a training record confirms a record that already covers
the training, or adds one covering the training dates.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from jineng.core.exceptions import DomainError, ImportRejected
from jineng.core.identifiers import resident_id_parse
from jineng.core.imports import table_header, table_read
from jineng.core.people import person_bulk_register, person_row_from
from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes
from jineng.demand.choices import EmploymentSource
from jineng.demand.engine import roster as engine
from jineng.demand.models import Employment, EnterpriseProfile
from jineng.demand.selectors.employment import covers

MAX_ERRORS = 200


@dataclass(frozen=True)
class RosterResult:
    created: int
    updated: int
    unchanged: int
    sha256: str


@dataclass(frozen=True)
class EmployerClaim:
    """An institution's statement that a trainee worked for an enterprise during a class."""

    credit_code: str
    person_id: int
    start_date: date
    end_date: date
    detail: str


def employment_record(*, enterprise: EnterpriseProfile, person, start_date: date, end_date: date | None = None,
                      source: str, by, source_detail: str = "") -> Employment:
    """One employment period, created or (same enterprise, person and start) given its new end date."""
    if end_date is not None and end_date < start_date:
        raise DomainError(_("离职日期 %(end)s 早于入职日期 %(start)s") % {"end": end_date, "start": start_date})
    record = Employment.objects.filter(enterprise=enterprise, person=person, start_date=start_date).first()
    if record is None:
        record = Employment(enterprise=enterprise, person=person, start_date=start_date, end_date=end_date,
                            source=source, source_detail=source_detail[:200])
        record._history_user, record._change_reason = by, gettext_noop("登记在职记录")
        record.save()
    elif record.end_date != end_date:
        record.end_date, record.source, record.source_detail = end_date, source, source_detail[:200]
        record._history_user, record._change_reason = by, gettext_noop("更新离职日期")
        record.save(update_fields=["end_date", "source", "source_detail"])
    return record


def roster_import(*, enterprise: EnterpriseProfile, content: bytes, file_name: str, by,
                  today: date | None = None) -> RosterResult:
    """Check the whole roster, then write it in one transaction; ``ImportRejected`` lists every problem."""
    header, rows = roster_rows(content=content, file_name=file_name)
    columns, problems = engine.roster_header(header)
    if problems:
        raise ImportRejected(problems)
    parsed, errors = engine.roster_parse(rows, columns, today=today or timezone.localdate())
    if errors:
        raise ImportRejected(errors[:MAX_ERRORS] + ([_("另有 %(n)d 处错误未列出") % {"n": len(errors) - MAX_ERRORS}]
                                                    if len(errors) > MAX_ERRORS else []))
    if not parsed:
        raise ImportRejected([_("文件中没有职工记录")])
    sha256 = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        return _store(enterprise, parsed, by=by, detail=f"{file_name[:150]} ({sha256[:12]})", sha256=sha256)


def _store(enterprise: EnterpriseProfile, parsed: list[engine.RosterRow], *, by, detail: str,
           sha256: str) -> RosterResult:
    people = {row.number: person_row_from(resident_id_parse(row.number), name=row.name) for row in parsed}
    ids = person_bulk_register(people.values())
    existing = {(e.person_id, e.start_date): e for e in Employment.objects.filter(
        enterprise=enterprise, person_id__in=set(ids.values()))}
    new, changed = [], []
    for row in parsed:
        person_id = ids[people[row.number].digest]
        record = existing.get((person_id, row.start_date))
        if record is None:
            new.append(Employment(enterprise=enterprise, person_id=person_id, start_date=row.start_date,
                                  end_date=row.end_date, source=EmploymentSource.ROSTER, source_detail=detail))
        elif record.end_date != row.end_date:
            record.end_date, record.source, record.source_detail = row.end_date, EmploymentSource.ROSTER, detail
            changed.append(record)
    if new:
        bulk_create_with_history(new, Employment, default_user=by, default_change_reason=gettext_noop("花名册导入"))
    if changed:
        bulk_update_with_history(changed, Employment, ["end_date", "source", "source_detail"], default_user=by,
                                 default_change_reason=gettext_noop("花名册导入"))
    return RosterResult(created=len(new), updated=len(changed), unchanged=len(parsed) - len(new) - len(changed),
                        sha256=sha256)


def roster_rows(*, content: bytes, file_name: str) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of an .xlsx or .csv roster, read by the core import pipeline."""
    table = table_read(content=content, file_name=file_name)
    return table_header(table), list(table.rows)


def roster_template_bytes() -> bytes:
    workbook = new_workbook()
    workbook_add_table(workbook, title=_("职工花名册"), headers=list(engine.COLUMNS), rows=[])
    return workbook_bytes(workbook)


def employments_from_enrolments(claims: Iterable[EmployerClaim], *, by) -> int:
    """Confirm or add the employment each training record names; returns how many records were added.

    Set-based: the records of the enterprises and people named are read in one query. An employer not
    registered on the platform adds nothing (its code stays on the training record).
    """
    claims = list(claims)
    profiles = {p.credit_code: p.pk for p in EnterpriseProfile.objects.filter(
        credit_code__in={c.credit_code for c in claims})}
    if not profiles:
        return 0
    periods: dict[tuple[int, int], list[tuple[date, date | None]]] = {}
    for enterprise_id, person_id, start, end in Employment.objects.filter(
            enterprise_id__in=profiles.values(), person_id__in={c.person_id for c in claims}).values_list(
            "enterprise_id", "person_id", "start_date", "end_date"):
        periods.setdefault((enterprise_id, person_id), []).append((start, end))
    added = []
    for claim in claims:
        enterprise_id = profiles.get(claim.credit_code)
        if enterprise_id is None:
            continue
        known = periods.setdefault((enterprise_id, claim.person_id), [])
        if any(start == claim.start_date or covers(start, end, claim.start_date, claim.end_date)
               for start, end in known):
            continue
        known.append((claim.start_date, claim.end_date))
        added.append(Employment(enterprise_id=enterprise_id, person_id=claim.person_id, start_date=claim.start_date,
                                end_date=claim.end_date, source=EmploymentSource.ENROLMENT,
                                source_detail=claim.detail[:200]))
    if added:
        bulk_create_with_history(added, Employment, default_user=by, default_change_reason=gettext_noop("培训记录登记的用人单位"))
    return len(added)
