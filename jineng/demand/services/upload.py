"""Bulk upload of demand lines from the .xlsx template: all-or-nothing, idempotent, and fast.

Every row is checked against reference data loaded once (occupation codes, work types) — no query per
row. If any row is wrong nothing is written and every wrong cell is reported as 第 N 行“列”：message.
Lines are matched by their key (occupation, work type, level): a new key is created, a known key is
updated when a value differs, so the same file uploaded twice changes nothing. Lines already in the
report but not in the file are kept; remove them on the report page.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from jineng.core.audit import save_audited
from jineng.core.engine.messages import gettext_noop
from jineng.core.exceptions import ImportRejected
from jineng.core.import_jobs import ImportCounts, import_job_queue, job_set
from jineng.core.imports import history_copy, history_insert, rows_insert_with_ids, rows_upsert, table_read
from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes
from jineng.demand.choices import Urgency
from jineng.demand.engine.lines import (
    COLUMNS,
    HEADER_SEARCH,
    KEY_FIELDS,
    UPDATABLE_FIELDS,
    LineValues,
    header_find,
    lines_parse,
)
from jineng.demand.models import DemandLine, DemandReport, DemandUpload
from jineng.demand.services.lines import lookups_load
from jineng.demand.services.reports import check_editable
from jineng.occupations.choices import CERTIFICATE_DIGIT_TO_LEVEL, HIGH_SKILLED, SkillLevel

TEMPLATE_HEADERS = list(COLUMNS.values())
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def demand_lines_parse(content: bytes, *, file_name: str = "lines.xlsx",
                       progress: Progress | None = None) -> dict[tuple, LineValues]:
    """The file's lines by key (.xlsx, or .csv in UTF-8 or GBK), or ImportRejected naming every wrong row and column.

    ``progress(rows_total, rows_done)`` hears how many rows the file has, then how far validation got.
    """
    table = table_read(content=content, file_name=file_name)
    if progress is not None:
        progress(table.total, 0)
    head = list(itertools.islice(table.rows, HEADER_SEARCH))
    found = header_find(head)
    if isinstance(found, str):
        raise ImportRejected([found])
    index, columns = found
    rows = itertools.chain(head[index + 1:], table.rows)
    step = (lambda done: progress(table.total, done)) if progress is not None else None
    parsed, errors = lines_parse(rows, columns, lookups_load(), first_row=index + 2, progress=step)
    if not parsed and not errors:
        errors.append(gettext_noop("文件中没有数据行"))
    if errors:
        raise ImportRejected(errors)
    return parsed


def demand_lines_import(*, report: DemandReport, content: bytes, by, today: date | None = None,
                        file_name: str = "lines.xlsx", progress: Progress | None = None) -> ImportSummary:
    """Import now (the body of the background upload; tests and the bench call it directly)."""
    check_editable(report, by, today)
    parsed = demand_lines_parse(content, file_name=file_name, progress=progress)
    with transaction.atomic():
        report = DemandReport.objects.select_for_update().select_related("campaign").get(pk=report.pk)
        check_editable(report, by, today)
        summary = _store(report, parsed, by)
    return summary


# In the background (``core.import_jobs``) --------------------------------------------------------------


def demand_upload_queue(*, report: DemandReport, content: bytes, file_name: str, by,
                        today: date | None = None) -> DemandUpload:
    """Keep the file (encrypted) and queue its import; the upload's page shows progress, then the outcome."""
    check_editable(report, by, today)
    return import_job_queue(DemandUpload, content=content, file_name=file_name, by=by, report=report)


def demand_upload_body(upload: DemandUpload, content: bytes, progress) -> ImportCounts:
    def step(total: int, done: int) -> None:
        if total != upload.rows_total:
            job_set(upload, rows_total=total)
        progress(done)

    summary = demand_lines_import(report=upload.report, content=content, by=upload.created_by,
                                  file_name=upload.file_name, progress=step)
    return ImportCounts(created=summary.created, updated=summary.updated, unchanged=summary.unchanged,
                        total=summary.created + summary.updated + summary.unchanged)


_LINE_TABLE = "demand_demandline"
_KEYED = ("report_id", *KEY_FIELDS)


def _store(report: DemandReport, parsed: dict[tuple, LineValues], by) -> ImportSummary:
    """New lines inserted, changed lines upserted, each with its history row, through the core bulk writer."""
    current = {row[1:4]: row for row in DemandLine.objects.filter(report=report).values_list(
        "id", *KEY_FIELDS, *UPDATABLE_FIELDS).order_by()}
    created, changed, unchanged = [], [], 0
    for key, values in parsed.items():
        updatable = tuple(getattr(values, name) for name in UPDATABLE_FIELDS)
        row = current.get(key)
        if row is None:
            created.append((report.pk, *key, *updatable))
        elif row[4:] != updatable:
            changed.append((row[0], report.pk, *key, *updatable))
        else:
            unchanged += 1
    summary = ImportSummary(created=len(created), updated=len(changed), unchanged=unchanged)
    if summary.changed:
        reason = _("上传需求表：新增 {created} 行、更新 {updated} 行").format(created=summary.created, updated=summary.updated)
        columns = (*_KEYED, *UPDATABLE_FIELDS)
        ids = rows_insert_with_ids(_LINE_TABLE, columns, created)
        rows_upsert(_LINE_TABLE, ("id", *columns), changed, conflict=("id",), compared=UPDATABLE_FIELDS)
        user_id = by.pk if by is not None else None
        if ids:  # the new lines' history rows, copied in the database from the rows just written
            history_copy(DemandLine, ("id", *columns), where="report_id = %s AND id BETWEEN %s AND %s",
                         params=(report.pk, min(ids), max(ids)), history_type="+", user_id=user_id, reason=reason)
        history_insert(DemandLine, ("id", *columns), changed, history_type="~", user_id=user_id, reason=reason)
        save_audited(report, by=by, reason=reason, update_fields=["updated_at"])
    return summary


def demand_template_bytes(*, report: DemandReport | None = None) -> bytes:
    """The upload template; for a report, pre-filled with its lines so that it can be edited and re-uploaded."""
    workbook = new_workbook()
    rows = []
    if report is not None:
        for line in report.lines.select_related("occupation", "work_type").order_by("occupation__code", "work_type__name", "-level"):
            rows.append([
                line.occupation.code, line.work_type.name if line.work_type else "", line.get_level_display(),
                line.headcount, line.get_urgency_display(), line.vacancy_months, line.applicants_per_vacancy,
                line.offered_monthly_pay, line.expected_hire_date or "", line.reason,
            ])
    workbook_add_table(workbook, title=_("需求明细"), headers=TEMPLATE_HEADERS, rows=rows)
    workbook_add_table(workbook, title=_("填写说明"), headers=[_("列"), _("可填写的值"), _("说明")], rows=_guide_rows())
    return workbook_bytes(workbook)


def _guide_rows() -> list[list[str]]:
    digits = {level: digit for digit, level in CERTIFICATE_DIGIT_TO_LEVEL.items()}
    rows = [[_("职业编码"), _("如 6-25-02-05"), _("2022 年版职业分类大典的细类编码，必填")],
            [_("工种"), _("如 数控车工"), _("该职业下已登记的工种名称；不区分工种时留空")]]
    for level in SkillLevel:
        digit = digits.get(level)
        accepted = _("、").join(filter(None, [str(digit) if digit else "", *str(level.label).split("/"), str(level.label)]))
        note = _("高技能人才") if level in HIGH_SKILLED else ""
        rows.append([_("技能等级"), accepted, note])
    rows.append([_("需求人数"), _("正整数"), _("必填")])
    for urgency in Urgency:
        rows.append([_("紧急程度"), _("{value}、{label}").format(value=urgency.value, label=urgency.label), ""])
    rows += [
        [_("空缺时长（月）"), _("不小于 0 的数字"), _("岗位已空缺的月数，必填")],
        [_("每岗位应聘人数"), _("不小于 0 的数字"), _("近 3 个月每个岗位收到的有效应聘人数，必填")],
        [_("月薪（元）"), _("不小于 0 的数字"), _("拟提供的税前月薪，必填")],
        [_("预计到岗日期"), _("如 2024-07-01"), _("可留空")],
        [_("原因"), _("不超过 500 字"), _("可留空")],
        ["", "", _("同一职业、工种和技能等级只能占一行；重复上传同一文件不会重复计数；任何一行有误则整个文件不导入")],
    ]
    return rows
