"""Bulk upload of a session's results through the core pipeline: all-or-nothing, idempotent.

The file (.xlsx or .csv, UTF-8 or GBK) has the columns 身份证号, 姓名, 理论成绩, 实操成绩, 综合评审成绩; each row
is checked by ``engine/rows.py`` (errors ``第 N 行“列”：…``) and ``passed`` follows the item's pass rule. One
wrong row refuses the whole file. Rows are written with ``rows_upsert`` keyed on (session, person): the same
file again changes nothing; a corrected score updates that candidate's row. Every upload is kept as a
``ResultImport`` with its counts or its errors.
"""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.exceptions import ImportRejected, InvalidState, NotAllowed
from jineng.core.identifiers import resident_id_parse
from jineng.core.imports import history_insert, rows_upsert, table_header, table_read
from jineng.core.metrics import metrics_records_changed
from jineng.core.people import person_bulk_register, person_row_from
from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes
from jineng.evaluation.choices import ImportStatus, ResultStatus, SessionStatus
from jineng.evaluation.engine import rows as engine
from jineng.evaluation.models import EvaluationResult, EvaluationSession, ResultImport
from jineng.evaluation.permissions import user_can
from jineng.evaluation.services.results import db_row

_COLUMNS = ("session_id", "person_id", "theory_score", "practical_score", "comprehensive_score", "passed", "status",
            "sampled", "resample_note")
_COMPARED = ("theory_score", "practical_score", "comprehensive_score", "passed")


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    updated: int
    unchanged: int
    record: ResultImport


def results_import(*, by, session: EvaluationSession, content: bytes, file_name: str) -> ImportOutcome:
    """Check the whole file, then write it in one transaction; ``ImportRejected`` lists every problem (and the
    refused upload is kept with its errors)."""
    if not user_can(by, "evaluation.run", session):
        raise NotAllowed(_("只有本机构人员可以导入成绩"))
    if session.status != SessionStatus.HELD:
        raise InvalidState(_("考试批次当前状态为“%(state)s”，不能导入成绩") % {"state": session.get_status_display()})
    sha256 = hashlib.sha256(content).hexdigest()
    file_name = (file_name or "results")[:200]
    try:
        table = table_read(content=content, file_name=file_name)
        columns, errors = engine.header_columns(table_header(table))
        if errors:
            raise ImportRejected(errors)
        parsed, errors = engine.rows_validate(table.rows, columns, level=session.level)
        if errors:
            raise ImportRejected(errors)
        if not parsed:
            raise ImportRejected([_("文件中没有成绩记录")])
    except ImportRejected as exc:
        ResultImport.objects.create(session=session, file_name=file_name, sha256=sha256, status=ImportStatus.REJECTED,
                                    errors=list(exc.errors or [str(exc)])[:200], created_by=by)
        raise
    with transaction.atomic():
        return _store(session, parsed, by=by, file_name=file_name, sha256=sha256)


def _store(session, parsed, *, by, file_name: str, sha256: str) -> ImportOutcome:
    people = {row.resident_id: person_row_from(resident_id_parse(row.resident_id), name=row.name) for row in parsed}
    ids = person_bulk_register(people.values())
    existing = {person_id: (t, p, c, ok) for person_id, t, p, c, ok in EvaluationResult.objects.filter(
        session=session).values_list("person_id", *_COMPARED)}
    rows, created, updated = [], 0, 0
    for row in parsed:
        person_id = ids[people[row.resident_id].digest]
        values = (row.theory, row.practical, row.comprehensive, row.passed)
        before = existing.get(person_id)
        if before is None:
            created += 1
        elif tuple(before) != values:
            updated += 1
        else:
            continue
        rows.append((session.pk, person_id, *values, ResultStatus.RECORDED, False, ""))
    rows_upsert("evaluation_evaluationresult", _COLUMNS, rows, conflict=("session_id", "person_id"),
                compared=_COMPARED)
    written = {r[1] for r in rows}
    history_columns = ("id", *_COLUMNS)
    history_insert(EvaluationResult, history_columns,
                   [db_row(r) for r in EvaluationResult.objects.filter(session=session, person_id__in=written)
                    .order_by("pk").values_list(*history_columns)],
                   history_type="~", user_id=by.pk, reason=gettext_noop("成绩导入"))
    metrics_records_changed("evaluation.EvaluationResult")
    record = ResultImport.objects.create(session=session, file_name=file_name, sha256=sha256,
                                         status=ImportStatus.DONE, created_count=created, updated_count=updated,
                                         unchanged_count=len(parsed) - created - updated, created_by=by)
    return ImportOutcome(created, updated, len(parsed) - created - updated, record)


def results_template_bytes() -> bytes:
    workbook = new_workbook()
    workbook_add_table(workbook, title=_("考试成绩"), headers=list(engine.HEADER), rows=[])
    return workbook_bytes(workbook)
