"""The monthly supervision bulletin (督办通报) as Word, its Excel annex, and the tables both share with the pages.

Rendering only: everything arrives already read and scoped (desk, scorecard, late reports, progress texts).
"""

import io
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes
from jineng.workplan.choices import ProgressStatus, Rag, TargetKind
from jineng.workplan.selectors.desk import Desk, IndicatorRow, TaskRow
from jineng.workplan.selectors.scorecard import ScoreRow
from jineng.workplan.selectors.timeliness import LateReport

__all__ = [
    "LateReport",
    "bulletin_annex_xlsx",
    "bulletin_docx",
    "desk_table",
    "late_table",
    "scorecard_table",
]

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
_PERCENT = Decimal("0.1")


# ---------------------------------------------------------------------------
# Tables shared by the annex and the page exports
# ---------------------------------------------------------------------------


def desk_table(desk: Desk, *, progress: Mapping[int, str] | None = None) -> tuple[list[str], list[list]]:
    """One row per indicator of each task (one row for a task without indicators).

    ``progress`` maps task id to the latest reported narrative (``latest_progress_map``); without it the
    最新进展 column stays empty.
    """
    headers = [
        _("序号"), _("项目"), _("牵头单位"), _("指标"), _("单位"), _("年度目标"), _("应达进度"), _("累计完成"),
        _("系统计算"), _("完成率（%）"), _("预计全年"), _("状态灯"), _("进展状态"), _("最新进展"),
    ]  # fmt: skip
    rows = []
    for block in desk.blocks:
        for row in block.rows:
            common = [row.task.number, block.category.name, _leads(row)]
            tail = [_status_text(row), (progress or {}).get(row.task.pk, "")]
            for item in row.indicators or [None]:
                rows.append(common + _indicator_cells(item, row) + tail)
    return headers, rows


def _indicator_cells(item: IndicatorRow | None, row: TaskRow) -> list:
    if item is None:
        return ["", "", None, None, None, None, None, None, _rag_label(row.rag)]
    indicator = item.indicator
    return [
        indicator.label,
        indicator.unit,
        item.target,
        item.expected,
        item.actual,
        item.computed,
        _percent(item.actual, item.target) if indicator.kind == TargetKind.QUANTITY else None,
        item.projected,
        _rag_label(item.rag),
    ]


def scorecard_table(rows: Sequence[ScoreRow]) -> tuple[list[str], list[list]]:
    headers = [
        _("排名"), _("区"), _("得分"), _("进度完成率（%）"), _("按时报送率（%）"), _("目标完成率（%）"),
        _("分解指标数"), _("应报"), _("按时"), _("逾期"), _("未报"),
    ]  # fmt: skip
    body = [
        [
            row.rank,
            row.district.name,
            row.score,
            _share(row.progress),
            _share(row.timely_share),
            _share(row.target_share),
            row.indicators,
            row.reports_due,
            row.on_time,
            row.late,
            row.missing,
        ]
        for row in rows
    ]
    return headers, body


def late_table(late_reports: Sequence[LateReport]) -> tuple[list[str], list[list]]:
    headers = [_("单位"), _("任务序号"), _("月份"), _("情况"), _("逾期天数"), _("首次报送时间")]
    body = [
        [
            report.organisation_name,
            report.task_number,
            report.period,
            report.verdict_label,
            report.days_late or None,
            _moment(report.first_submitted_at),
        ]
        for report in late_reports
    ]
    return headers, body


# ---------------------------------------------------------------------------
# The annex workbook
# ---------------------------------------------------------------------------


def bulletin_annex_xlsx(
    *,
    desk: Desk,
    scorecard: Sequence[ScoreRow],
    late_reports: Sequence[LateReport],
    progress: Mapping[int, str] | None = None,
) -> bytes:
    workbook = new_workbook()
    for title, (headers, rows) in (
        (_("任务进度"), desk_table(desk, progress=progress)),
        (_("报送情况"), late_table(late_reports)),
        (_("区考核排名"), scorecard_table(scorecard)),
    ):
        workbook_add_table(workbook, title=title, headers=headers, rows=rows)
    return workbook_bytes(workbook)


# ---------------------------------------------------------------------------
# The bulletin document
# ---------------------------------------------------------------------------


def bulletin_docx(
    *,
    desk: Desk,
    scorecard: Sequence[ScoreRow],
    late_reports: Sequence[LateReport],
    generated_at,
    progress: Mapping[int, str] | None = None,
) -> bytes:
    document = _new_document()
    _masthead(document, desk, generated_at)
    _overview(document, desk)
    _behind(document, desk, progress or {})
    _reporting(document, desk, late_reports)
    _ranking(document, scorecard)
    _requirements(document)
    document.core_properties.title = _title(desk)
    document.core_properties.author = _issuer()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _issuer() -> str:
    return _("市人力资源社会保障局高技能人才工作专班办公室")


def _title(desk: Desk) -> str:
    return _("{year}年高技能人才工作要点落实情况督办通报（{month}月）").format(
        year=desk.plan.year, month=desk.month
    )


def _masthead(document, desk: Desk, generated_at) -> None:
    title = document.add_paragraph(style="Title")
    title.add_run(_title(desk))
    if desk.district is not None:
        _centred(document, _("（{district}）").format(district=desk.district.name))
    _centred(document, _issuer())
    _centred(document, _date_text(generated_at))


def _overview(document, desk: Desk) -> None:
    headline = desk.headline
    document.add_heading(_("一、总体情况"), level=1)
    none = headline["tasks"] - headline["red"] - headline["amber"] - headline["green"]
    document.add_paragraph(
        _(
            "截至{year}年{month}月，纳入督办的重点任务共{tasks}项，其中进度滞后（红灯）{red}项、"
            "存在预警（黄灯）{amber}项、正常推进（绿灯）{green}项，暂无可比数据{none}项。"
            "数量型指标{indicators}项，其中{behind}项低于应达进度。"
        ).format(
            year=desk.plan.year,
            month=desk.month,
            tasks=headline["tasks"],
            red=headline["red"],
            amber=headline["amber"],
            green=headline["green"],
            none=none,
            indicators=headline["indicators"],
            behind=headline["indicators_behind"],
        )
    )
    quantities = [
        (row, item)
        for row in desk.rows
        for item in row.indicators
        if item.indicator.kind == TargetKind.QUANTITY
    ]
    if not quantities:
        return
    document.add_paragraph(_("主要数量指标完成情况如下："))
    headers = [
        _("编号"), _("指标"), _("年度目标"), _("累计完成"), _("应达进度"), _("完成率"), _("进度比"),
        _("预计全年"), _("状态"),
    ]  # fmt: skip
    rows = [
        [
            item.indicator.code,
            _with_unit(item.indicator.label, item.indicator.unit),
            _number(item.target),
            _number(item.actual),
            _number(item.expected),
            _percent_text(_percent(item.actual, item.target)),
            _percent_text(_percent(item.actual, item.expected)),
            _number(item.projected),
            _rag_label(item.rag),
        ]
        for row, item in quantities
    ]
    _docx_table(document, headers, rows, widths=[1.2, 4.2, 1.7, 1.7, 1.7, 1.3, 1.3, 1.7, 1.2])


def _behind(document, desk: Desk, progress: Mapping[int, str]) -> None:
    document.add_heading(_("二、进度滞后的任务"), level=1)
    rows = [row for row in desk.rows if row.rag in ("red", "amber")]
    if not rows:
        document.add_paragraph(_("本月各项任务均按进度推进，无进度滞后或预警的任务。"))
        return
    red = sum(row.rag == "red" for row in rows)
    document.add_paragraph(
        _("以下{count}项任务进度滞后或存在预警（红灯{red}项、黄灯{amber}项），请牵头单位重点推进：").format(
            count=len(rows), red=red, amber=len(rows) - red
        )
    )
    headers = [_("序号"), _("任务内容"), _("牵头单位"), _("状态灯"), _("指标完成情况"), _("最新进展")]
    body = [
        [
            str(row.task.number),
            row.task.content,
            _leads(row),
            _rag_label(row.rag),
            "\n".join(_indicator_line(item) for item in row.indicators if item.rag in ("red", "amber")),
            "\n".join(text for text in (_status_text(row), progress.get(row.task.pk, "")) if text),
        ]
        for row in rows
    ]
    _docx_table(document, headers, body, widths=[1.0, 5.0, 2.4, 1.2, 3.4, 3.0])


def _indicator_line(item: IndicatorRow) -> str:
    return _("{label}：累计{actual}，应达{expected}，进度比{pace}").format(
        label=_with_unit(item.indicator.label, item.indicator.unit),
        actual=_number(item.actual),
        expected=_number(item.expected),
        pace=_percent_text(_percent(item.actual, item.expected)),
    )


def _reporting(document, desk: Desk, late_reports: Sequence[LateReport]) -> None:
    document.add_heading(_("三、报送情况"), level=1)
    counts = {
        verdict: sum(r.verdict == verdict for r in late_reports)
        for verdict in ("late", "missing", "returned")
    }
    document.add_paragraph(
        _(
            "{month}月应报送月度报告{due}份，逾期报送{late}份，未报送{missing}份，退回修改{returned}份。"
        ).format(month=desk.month, due=desk.headline["reports_due"], **counts)
    )
    if not late_reports:
        document.add_paragraph(_("各责任单位均按时报送，无退回修改的报告。"))
        return
    headers, rows = late_table(late_reports)
    body = [[_text(value) for value in row[:5]] for row in rows]
    _docx_table(document, headers[:5], body, widths=[5.5, 1.8, 2.0, 2.2, 1.8])


def _ranking(document, scorecard: Sequence[ScoreRow]) -> None:
    document.add_heading(_("四、各区考核排名"), level=1)
    if not scorecard:
        document.add_paragraph(_("暂无区考核数据。"))
        return
    document.add_paragraph(_("按进度完成率与按时报送率加权计算得分，各区排名如下："))
    headers, rows = scorecard_table(scorecard)
    body = [[_text(value) for value in row[:5]] for row in rows]
    _docx_table(document, headers[:5], body, widths=[1.5, 3.0, 2.0, 3.0, 3.0])


def _requirements(document) -> None:
    document.add_heading(_("五、下步工作要求"), level=1)
    document.add_paragraph(
        _(
            "各责任单位要对照年度目标和月度进度，对进度滞后、存在预警的任务逐项分析原因，明确整改措施和完成时限，"
            "确保按期完成全年目标任务。逾期未报送或报告被退回的单位，请于3个工作日内补报或修改后重新报送。"
            "各区要压实属地责任，加大工作推进力度。专班办公室将持续跟踪督办，并将落实情况纳入年度考核。"
        )
    )


# ---------------------------------------------------------------------------
# Word formatting
# ---------------------------------------------------------------------------


def _new_document():
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    section.left_margin, section.right_margin = Cm(2.2), Cm(2.2)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = LATIN_FONT, Pt(12)
    _east_asian_font(normal.element, BODY_FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.3
    _heading_style(document.styles["Heading 1"], size=15)
    _heading_style(document.styles["Title"], size=20)
    title = document.styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    border = title.element.pPr.find(qn("w:pBdr"))
    if border is not None:
        title.element.pPr.remove(border)
    return document


def _heading_style(style, *, size: int) -> None:
    style.font.name, style.font.size = LATIN_FONT, Pt(size)
    style.font.bold = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian_font(style.element, HEADING_FONT)
    style.paragraph_format.space_before = Pt(12)
    style.paragraph_format.space_after = Pt(6)


def _east_asian_font(element, name: str) -> None:
    """Set w:rFonts/@w:eastAsia; the theme attributes would otherwise win over the named font."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _centred(document, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _docx_table(
    document, headers: Sequence[str], rows: Sequence[Sequence[str]], *, widths: Sequence[float]
) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(table.rows[0])
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell, header, bold=True)
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            _cell_text(cell, value)
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    document.add_paragraph()


def _cell_text(cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.font.size = Pt(9)
    run.bold = bold
    if bold:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _east_asian_font(run._element, HEADING_FONT)


def _repeat_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


# ---------------------------------------------------------------------------
# Values as text
# ---------------------------------------------------------------------------


def _leads(row: TaskRow) -> str:
    return "、".join(organisation.name for organisation in row.leads)


def _rag_label(rag: str) -> str:
    return str(Rag(rag).label) if rag in Rag.values else ""


def _status_text(row: TaskRow) -> str:
    if not row.status:
        return ""
    label = str(ProgressStatus(row.status).label)
    if row.status_period is None:
        return label
    return _("{status}（{month}月）").format(status=label, month=row.status_period.month)


def _percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part / whole * 100).quantize(_PERCENT, ROUND_HALF_UP)


def _share(ratio: Decimal | None) -> Decimal | None:
    return None if ratio is None else (ratio * 100).quantize(_PERCENT, ROUND_HALF_UP)


def _percent_text(value: Decimal | None) -> str:
    return "—" if value is None else f"{_number(value)}%"


def _number(value: Decimal | None) -> str:
    """800000.00 -> '800,000'; 85.30 -> '85.3'."""
    if value is None:
        return "—"
    return f"{value.normalize():,f}"


def _text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return _number(value)
    return str(value)


def _with_unit(label: str, unit: str) -> str:
    return f"{label}（{unit}）" if unit else label


def _moment(value: datetime | None) -> str:
    return "" if value is None else f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


def _date_text(value) -> str:
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return _("{year}年{month}月{day}日").format(year=value.year, month=value.month, day=value.day)
