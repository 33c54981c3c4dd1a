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

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.certificates.choices import CertificateSource, CertificateStatus
from jineng.certificates.engine import rows as engine
from jineng.certificates.models import Certificate
from jineng.certificates.services.issue import STATUS_INDEX, counter_take
from jineng.certificates.services.status import status_changes_record
from jineng.core import metrics
from jineng.core.crypto import keyed_digests
from jineng.core.exceptions import ImportRejected, NotAllowed
from jineng.core.imports import (
    db_now,
    history_copy,
    history_insert,
    rows_upsert,
    stage_create,
    stage_drop,
    stage_fill,
    table_header,
    table_read,
)
from jineng.core.people import person_register_staged
from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes
from jineng.evaluation.models import EvaluationBody
from jineng.occupations.models import Occupation, WorkType

COMPARED = ("holder_id", "holder_name", "occupation_id", "work_type_id", "special_item", "level", "body_id",
            "issued_on", "status", "status_date", "status_reason")
COLUMNS = ("number", *COMPARED, "status_index", "source", "is_synthetic", "created_at")


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

    Set-based over a staging table: the rows are staged (``COPY`` on PostgreSQL) with the digests of their holders'
    resident IDs; people not yet registered are registered (only they are encrypted); new certificates go in with
    one ``INSERT … SELECT`` that joins the registry for the holder and numbers the status-list positions, and their
    history rows with one ``INSERT … SELECT`` over those positions; certificates already in the register are
    compared in Python and the changed ones upserted with their history. Status changes are kept as
    ``StatusChange`` rows (``services.status.status_changes_record``); a status changed by file without a date (a
    reinstatement) is in force from ``today``."""
    with transaction.atomic():
        created, updated = _write(rows, by=by, is_synthetic=is_synthetic, reason=reason, today=today)
    if created or updated:
        metrics.metrics_records_changed("certificates.Certificate")
    return ImportCounts(rows=len(rows), created=created, updated=updated, unchanged=len(rows) - created - updated)


_STAGE = "certificates_import_stage"
_STAGED = ("line", "digest", "number", "holder_name", "occupation_id", "work_type_id", "special_item", "level",
           "body_id", "issued_on", "status", "status_date", "status_reason")
_NEW = ("number", "holder_id", "holder_name", "occupation_id", "work_type_id", "special_item", "level", "body_id",
        "issued_on", "status", "status_date", "status_reason", "status_index", "source", "is_synthetic", "created_at")


def _write(rows, *, by, is_synthetic: bool, reason: str, today: date | None) -> tuple[int, int]:
    if not rows:
        return 0, 0
    table = Certificate._meta.db_table
    digests = keyed_digests(r.resident_id.number for r in rows)
    stage_create(_STAGE, like=table, columns=_STAGED[2:], extra=(("line", "integer"), ("digest", "varchar(64)")))
    stage_fill(_STAGE, _STAGED, (
        (r.line, digest, r.number, r.name, r.occupation_id, r.work_type_id, r.special_item, r.level, r.body_id,
         r.issued_on, r.status, r.status_date, r.status_reason) for r, digest in zip(rows, digests, strict=True)))
    person_register_staged(stage=_STAGE, digest_column="digest", is_synthetic=is_synthetic,
                           people={digest: (r.resident_id, r.name) for r, digest in zip(rows, digests, strict=True)})
    compared = ", ".join(f"c.{name}" for name in COMPARED)
    with connection.cursor() as cursor:
        # the certificates already in the register (none on a first import), with the holder the file names
        cursor.execute(f"SELECT s.line, p.id, c.number, {compared}, c.status_index, c.id FROM {_STAGE} s "  # noqa: S608
                       f"{_register_match(table)} JOIN core_person p ON p.resident_id_digest = s.digest")
        existing = cursor.fetchall()
    by_line = {r.line: r for r in rows} if existing else {}
    now, errors, changed, before = db_now(), [], [], {}
    for line, holder, *old in sorted(existing):
        r = by_line[line]
        if old[1] != holder:
            errors.append(_("第 {line} 行“证书编号”：登记簿中该编号属于另一持证人").format(line=line))
            continue
        values = (holder, r.name, r.occupation_id, r.work_type_id, r.special_item, r.level, r.body_id, r.issued_on,
                  r.status, r.status_date, r.status_reason)
        if tuple(old[1:12]) != values:
            changed.append((r.number, *values, old[12], "import", is_synthetic, now))
            before[r.number] = (old[13], old)
    if errors:
        raise ImportRejected(errors)
    created = len(rows) - len(existing)
    first = counter_take(STATUS_INDEX, created) if created else 0
    statuses = []
    if created:
        _insert_new(first, created, is_synthetic=is_synthetic, now=now, skip_registered=bool(existing))
        history_copy(Certificate, ("id", *COLUMNS), where="status_index >= %s AND status_index < %s",
                     params=[first, first + created], history_type="+", user_id=getattr(by, "pk", None),
                     reason=reason or gettext_noop("批量导入证书"))
        with connection.cursor() as cursor:  # new certificates not valid: their status is a change to keep
            cursor.execute(f"SELECT id, status, status_date, status_reason, issued_on FROM {table} "  # noqa: S608
                           "WHERE status_index >= %s AND status_index < %s AND status <> %s",
                           [first, first + created, CertificateStatus.VALID.value])
            statuses += [(pk, None, tuple(after)) for pk, *after in cursor.fetchall()]
    if changed:
        rows_upsert(table, COLUMNS, changed, conflict=("number",), compared=COMPARED)
        history_insert(Certificate, ("id", *COLUMNS), [(before[w[0]][0], *w) for w in changed], history_type="~",
                       user_id=getattr(by, "pk", None), reason=reason or gettext_noop("批量导入证书"))
        statuses += [(before[w[0]][0], _status_of(before[w[0]][1]), _status_of(w)) for w in changed]
    stage_drop(_STAGE)
    if statuses:
        status_changes_record(statuses, by=by, today=today)
    return created, len(changed)


def _register_match(table: str) -> str:
    """The join from staged rows to the register's row of the same number. On PostgreSQL each staged row probes
    the unique index (``LATERAL … LIMIT 1``, not pulled up into a join): its planner otherwise hashes or merges
    the whole register against the file (1,000,000 rows against 10,000,000: 1.2 s probing, 6–8 s hashing)."""
    if connection.vendor == "postgresql":
        return f"CROSS JOIN LATERAL (SELECT * FROM {table} r WHERE r.number = s.number LIMIT 1) c"  # noqa: S608
    return f"JOIN {table} c ON c.number = s.number"


def _insert_new(first: int, count: int, *, is_synthetic: bool, now, skip_registered: bool) -> None:
    """The staged rows whose number is not in the register, with their holders' ids and status-list positions
    ``first`` … ``first + count - 1`` in file order; a number another writer registered meanwhile refuses the
    file (the transaction is rolled back). ``skip_registered``: some staged numbers are in the register already
    and are left out here. Otherwise none was a moment ago, and the number's unique index refuses one that
    another writer has registered since, so no anti-join with the register is needed (on PostgreSQL it hashed
    the whole register: 13 s of a 1,000,000-row import into 10,000,000)."""
    table = Certificate._meta.db_table
    staged = ", ".join(f"s.{name}" for name in _STAGED[3:])
    unregistered = (f"WHERE NOT EXISTS (SELECT 1 FROM {table} c WHERE c.number = s.number)"  # noqa: S608
                    if skip_registered else "")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(_NEW)}) "  # noqa: S608 - constants
                f"SELECT s.number, p.id, {staged}, %s + row_number() OVER (ORDER BY s.line), %s, %s, %s "
                f"FROM {_STAGE} s JOIN core_person p ON p.resident_id_digest = s.digest {unregistered}",
                [first - 1, CertificateSource.IMPORT.value, is_synthetic, now])
            inserted = cursor.rowcount
    except IntegrityError as exc:
        raise ImportRejected([_("导入期间登记簿有其他写入，请重新导入")]) from exc
    if inserted != count:
        raise ImportRejected([_("导入期间登记簿有其他写入，请重新导入")])


def _status_of(row: tuple) -> tuple:
    """(status, status_date, status_reason, issued_on) of a written row or of the register's row before it: both
    hold the number, then ``COMPARED``."""
    return row[9], row[10], row[11], row[8]
