"""An enterprise's pay file for a survey round: all-or-nothing, idempotent.

Every row is checked by ``engine.records`` before anything is written; a wrong row refuses the whole file with
``第 N 行“列”：…``. The enterprise, its industry and district come from its demand-platform profile, never from
the file. A new file replaces the enterprise's records of the round; the same file again changes nothing.
"""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError, ImportRejected, InvalidState
from jineng.core.imports import rows_insert, table_read
from jineng.core.metrics import metrics_records_changed
from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes
from jineng.demand.models import EnterpriseProfile
from jineng.wages.engine.records import COLUMNS, EXAMPLE_ROW, columns_for, records_parse
from jineng.wages.models import SurveyRound, WageRecord, WageUpload
from jineng.wages.services.common import occupation_ids

RECORD_TABLE = WageRecord._meta.db_table
RECORD_COLUMNS = ("upload_id", "round_id", "enterprise_id", "industry_id", "district_id", "row", "occupation_id",
                  "work_type", "level", "annual_pay", "basic_pay", "bonus", "allowances", "overtime_pay",
                  "post_category", "employment_form")


@dataclass(frozen=True)
class UploadSummary:
    upload: WageUpload
    rows: int
    changed: bool


def wage_upload_import(*, survey_round: SurveyRound, enterprise: EnterpriseProfile, content: bytes, file_name: str,
                       by) -> UploadSummary:
    if not survey_round.is_open:
        raise InvalidState(_("本轮工资调查已截止填报"))
    table = table_read(content=content, file_name=file_name)
    codes = occupation_ids()
    parsed = records_parse(table.rows, occupation_codes=codes)
    if parsed.errors:
        raise ImportRejected(parsed.errors)
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        upload = WageUpload.objects.select_for_update().filter(round=survey_round, enterprise=enterprise).first()
        if upload is not None and upload.digest == digest:
            return UploadSummary(upload=upload, rows=upload.rows, changed=False)
        reason = _("上传工资调查表：{rows} 行").format(rows=len(parsed.rows))
        if upload is None:
            upload = create_audited(WageUpload, by=by, reason=reason, round=survey_round, enterprise=enterprise,
                                    file_name=file_name[:200], rows=len(parsed.rows), digest=digest,
                                    uploaded_by=by)
        else:
            upload.records.all().delete()
            upload.file_name, upload.rows, upload.digest = file_name[:200], len(parsed.rows), digest
            upload.uploaded_by, upload.uploaded_at = by, timezone.now()
            save_audited(upload, by=by, reason=reason,
                         update_fields=["file_name", "rows", "digest", "uploaded_by", "uploaded_at"])
        rows_insert(RECORD_TABLE, RECORD_COLUMNS, [
            (upload.pk, survey_round.pk, enterprise.pk, enterprise.industry_id, enterprise.district_id, r.row,
             codes[r.occupation_code], r.work_type, r.level, r.annual_pay, r.basic_pay, r.bonus, r.allowances,
             r.overtime_pay, r.post_category, r.employment_form)
            for r in parsed.rows])
        metrics_records_changed("wages.WageRecord")
    return UploadSummary(upload=upload, rows=len(parsed.rows), changed=True)


def round_open_latest() -> SurveyRound:
    found = SurveyRound.objects.filter(is_open=True).order_by("-data_year").first()
    if found is None:
        raise DomainError(_("目前没有接受填报的工资调查"))
    return found


def wage_template_bytes() -> bytes:
    workbook = new_workbook()
    workbook_add_table(workbook, title=_("工资调查"), headers=columns_for(with_credit_code=False),
                       rows=[EXAMPLE_ROW])
    guide = [
        [COLUMNS["occupation_code"], _("2022 年版职业分类大典的细类编码，必填")],
        [COLUMNS["work_type"], _("可留空")],
        [COLUMNS["level"], _("五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师；技能岗位必填")],
        [COLUMNS["annual_pay"], _("上年度应发工资总额（税前），12,000–5,000,000 元，必填")],
        [_("其中：基本工资、奖金、津贴补贴、加班工资"), _("可留空；四项都填时合计须等于年度工资收入（允许 1 元误差）")],
        [COLUMNS["post_category"], _("技能、管理 或 专业技术，必填")],
        [COLUMNS["employment_form"], _("如 全日制、劳务派遣，可留空")],
        ["", _("每名职工一行；任何一行有误则整个文件不导入；再次上传会替换本轮已填报的全部记录")],
    ]
    workbook_add_table(workbook, title=_("填写说明"), headers=[_("列"), _("说明")], rows=guide)
    return workbook_bytes(workbook)
