"""Bulk import of certificates into the register (.csv or .xlsx): all-or-nothing, idempotent, set-based.

Read by the core pipeline, every row checked by ``engine.rows`` against bodies, occupations and work types loaded
once; then in one transaction: new people registered in bulk, new certificates inserted with status-list
positions reserved from the counter, changed ones updated (``rows_upsert``: ``COPY`` into a staging table and
``INSERT … ON CONFLICT … DO UPDATE … WHERE`` changed on PostgreSQL), each written row with its history row.
A number already in the register for another person is refused, so a file cannot move a certificate to someone
else. An evaluation body may import only its own certificates.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.certificates.engine import rows as engine
from jineng.certificates.models import Certificate
from jineng.certificates.services.issue import STATUS_INDEX, counter_take
from jineng.certificates.services.status import status_changes_record
from jineng.core import metrics
from jineng.core.exceptions import ImportRejected, NotAllowed
from jineng.core.imports import db_now, history_insert, rows_upsert, table_header, table_read
from jineng.core.people import person_bulk_register, person_row_from
from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes
from jineng.evaluation.models import EvaluationBody
from jineng.occupations.models import Occupation, WorkType

COMPARED = ("holder_id", "holder_name", "occupation_id", "work_type_id", "special_item", "level", "body_id",
            "issued_on", "status", "status_date", "status_reason")
COLUMNS = ("number", *COMPARED, "status_index", "source", "is_synthetic", "created_at")
_BATCH = 20_000


@dataclass(frozen=True)
class ImportCounts:
    rows: int
    created: int
    updated: int
    unchanged: int

    def as_dict(self) -> dict[str, int]:
        return {"rows": self.rows, "created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def certificates_template_bytes() -> bytes:
    workbook = new_workbook()
    workbook_add_table(workbook, title=_("证书"), headers=engine.COLUMNS, rows=[engine.EXAMPLE])
    return workbook_bytes(workbook)


def _bodies(by) -> dict[str, engine.BodyRef]:
    bodies = EvaluationBody.objects.all()
    if by is not None and getattr(by, "role", "") == "evaluator":
        bodies = bodies.filter(organisation_id=by.organisation_id)
    return {b.credit_code.upper(): engine.BodyRef(b.pk, b.certificate_letter, b.ministry_code, b.city_serial)
            for b in bodies.order_by()}


def certificates_import(*, content: bytes, file_name: str, by=None, today: date | None = None,
                        is_synthetic: bool = False) -> ImportCounts:
    """Check the whole file, then write it whole; ``ImportRejected`` with ``第 N 行“列”：…`` messages otherwise."""
    from jineng.certificates.permissions import user_can

    if by is not None and not user_can(by, "certificates.import"):
        raise NotAllowed(_("您无权导入证书"))
    table = table_read(content=content, file_name=file_name)
    header = table_header(table)
    today = today or timezone.localdate()
    occupations = dict(Occupation.objects.values_list("code", "pk").order_by())
    work_types = {(o, n): pk for o, n, pk in WorkType.objects.values_list("occupation_id", "name", "pk").order_by()}
    parsed = engine.rows_parse(header, table.rows, bodies=_bodies(by), occupations=occupations,
                               work_types=work_types, today=today)
    if parsed.errors:
        raise ImportRejected(list(parsed.errors))
    return certificates_write(parsed.rows, by=by, is_synthetic=is_synthetic, today=today)


def certificates_write(rows, *, by=None, is_synthetic: bool = False, reason: str = "",
                       today: date | None = None) -> ImportCounts:
    """Write checked rows (``engine.rows.CertificateRow``) in one transaction; used by the import and the demo.

    Status changes are kept as ``StatusChange`` rows (``services.status.status_changes_record``); a status
    changed by file without a date (a reinstatement) is in force from ``today``."""
    created = updated = 0
    with transaction.atomic():
        for start in range(0, len(rows), _BATCH):
            c, u = _write_batch(rows[start:start + _BATCH], by=by, is_synthetic=is_synthetic, reason=reason,
                                today=today)
            created += c
            updated += u
    if created or updated:
        metrics.metrics_records_changed("certificates.Certificate")
    return ImportCounts(rows=len(rows), created=created, updated=updated, unchanged=len(rows) - created - updated)


def _write_batch(rows, *, by, is_synthetic: bool, reason: str, today: date | None) -> tuple[int, int]:
    people = person_bulk_register(person_row_from(r.resident_id, name=r.name, is_synthetic=is_synthetic)
                                  for r in rows)
    existing = {
        row[0]: row for row in Certificate.objects.filter(number__in=[r.number for r in rows]).values_list(
            "number", *COMPARED, "status_index", "id").order_by()
    }
    now = db_now()
    new = [r for r in rows if r.number not in existing]
    index = counter_take(STATUS_INDEX, len(new)) if new else 0
    written, changed, errors = [], [], []
    for r in rows:
        holder = people[_digest(r)]
        values = (holder, r.name, r.occupation_id, r.work_type_id, r.special_item, r.level, r.body_id, r.issued_on,
                  r.status, r.status_date, r.status_reason)
        old = existing.get(r.number)
        if old is None:
            written.append((r.number, *values, index, "import", is_synthetic, now))
            index += 1
            continue
        if old[1] != holder:
            errors.append(_("第 {line} 行“证书编号”：登记簿中该编号属于另一持证人").format(line=r.line))
            continue
        if tuple(old[1:12]) != values:
            written.append((r.number, *values, old[12], "import", is_synthetic, now))
            changed.append(r.number)
    if errors:
        raise ImportRejected(errors)
    if not written:
        return 0, 0
    table = Certificate._meta.db_table
    rows_upsert(table, COLUMNS, written, conflict=("number",), compared=COMPARED)
    ids = dict(Certificate.objects.filter(number__in=[w[0] for w in written]).values_list("number", "id"))
    updated = set(changed)
    status_changes_record(
        [(ids[w[0]], _status_of(existing[w[0]]) if w[0] in updated else None, _status_of(w)) for w in written],
        by=by, today=today)
    for kind, chosen in (("+", [w for w in written if w[0] not in updated]),
                         ("~", [w for w in written if w[0] in updated])):
        history_insert(Certificate, ("id", *COLUMNS), [(ids[w[0]], *w) for w in chosen], history_type=kind,
                       user_id=getattr(by, "pk", None), reason=reason or gettext_noop("批量导入证书"))
    return len(written) - len(changed), len(changed)


def _status_of(row: tuple) -> tuple:
    """(status, status_date, status_reason, issued_on) of a written row or of the register's row before it: both
    hold the number, then ``COMPARED``."""
    return row[9], row[10], row[11], row[8]


def _digest(row) -> str:
    from jineng.core.crypto import keyed_digest

    return keyed_digest(row.resident_id.number)
