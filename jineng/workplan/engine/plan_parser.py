"""Parser for the annual task-division table (重点任务职责分工表): tab-indented text, .xlsx and .docx.

Every format is turned into numbered rows of cell strings and handed to one core that finds the
header by its names, continues blank or merged category cells, validates the 序号 sequence and
pulls measurable targets (quantities, comparisons, milestones, coverage) out of each task's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import docx
from python_calamine import CalamineWorkbook

from jineng.core.engine.files import FileLimits, size_check, text_decode, zip_verify
from jineng.core.exceptions import ImportRejected

__all__ = [
    "ParsedPlan",
    "ParsedTarget",
    "ParsedTask",
    "PlanParseError",
    "TargetKind",
    "extract_targets",
    "parse_plan",
    "parse_plan_rows",
    "parse_plan_text",
]


class TargetKind:
    QUANTITY = "quantity"
    COMPARISON = "comparison"
    MILESTONE = "milestone"
    COVERAGE = "coverage"


@dataclass(frozen=True)
class ParsedTarget:
    kind: str
    value: Decimal | None
    unit: str
    label: str
    text: str


@dataclass(frozen=True)
class ParsedTask:
    number: int
    category: str
    content: str
    lead_units: tuple[str, ...]
    partner_units: tuple[str, ...]
    targets: tuple[ParsedTarget, ...]
    row: int


@dataclass(frozen=True)
class ParsedPlan:
    title: str
    tasks: tuple[ParsedTask, ...]

    def categories(self) -> list[str]:
        return list(dict.fromkeys(task.category for task in self.tasks))

    def to_json_dict(self, year: int) -> dict[str, Any]:
        return {"year": year, "tasks": [_task_json(task) for task in self.tasks]}


class PlanParseError(ValueError):
    """A table that cannot be read; the message is Chinese and names the row when there is one."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(f"第 {row} 行：{message}" if row is not None else message)
        self.row = row


NumberedRows = list[tuple[int, list[str]]]
DEFAULT_LIMITS = FileLimits()
_ZIPPED = {".xlsx": "Excel", ".docx": "Word"}
_T = TypeVar("_T")


# ---------------------------------------------------------------- entry points


def parse_plan(path: Path, *, limits: FileLimits = DEFAULT_LIMITS) -> ParsedPlan:
    """Parse a plan file; an empty file, one past the limits or a zip bomb is refused before it is read."""
    path = Path(path)
    _check_file(path, limits)
    readers: dict[str, Callable[[Path], ParsedPlan]] = {
        ".txt": _parse_text_file,
        ".xlsx": _parse_xlsx,
        ".docx": _parse_docx,
    }
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise PlanParseError(f"不支持的文件类型：{path.suffix or '无扩展名'}（请使用 .txt、.xlsx 或 .docx）")
    return reader(path)


def _check_file(path: Path, limits: FileLimits) -> None:
    size = _guarded(lambda: path.stat().st_size, "")
    if size == 0:
        raise PlanParseError("文件是空的：请上传填好的任务分工表（.txt、.xlsx 或 .docx）")
    try:
        size_check(size, limits)
        if path.suffix.lower() in _ZIPPED:
            with path.open("rb") as handle:
                zip_verify(handle, limits, kind=_ZIPPED[path.suffix.lower()])
    except ImportRejected as exc:
        raise PlanParseError("；".join(exc.errors)) from exc


def parse_plan_text(text: str) -> ParsedPlan:
    return _parse_numbered(_text_rows(text))


def parse_plan_rows(rows: list[list[str]], *, first_row_number: int = 1) -> ParsedPlan:
    return _parse_numbered([(number, list(cells)) for number, cells in enumerate(rows, first_row_number)])


# ---------------------------------------------------------------- readers


def _parse_text_file(path: Path) -> ParsedPlan:
    try:
        text = text_decode(path.read_bytes(), kind="文本")
    except ImportRejected as exc:
        raise PlanParseError("；".join(exc.errors)) from exc
    if not text.strip():
        raise PlanParseError("文件是空的：请上传填好的任务分工表（.txt、.xlsx 或 .docx）")
    return parse_plan_text(text)


def _text_rows(text: str) -> NumberedRows:
    """Tab-indented lines are cells; a blank line ends a row; an unindented line continues the last
    cell (a lead-unit cell may wrap onto one, even after a blank line) or, before any cell, is a
    title line of its own."""
    rows: NumberedRows = []
    in_row = gap = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("\t"):
            if gap or not in_row:
                rows.append((number, []))
            rows[-1][1].append(line.strip())
            in_row, gap = True, False
        elif not line.strip():
            gap = True
        elif in_row:
            rows[-1][1][-1] += "\n" + line.strip()
            gap = False
        else:
            rows.append((number, [line.strip()]))
    return rows


def _parse_xlsx(path: Path) -> ParsedPlan:
    sheets = _guarded(lambda: _xlsx_sheets(path), "Excel")
    return _parse_numbered(_first_with_header(sheets))


def _xlsx_sheets(path: Path) -> list[NumberedRows]:
    workbook = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in workbook.sheet_names:
        # skip_empty_area=False keeps row 1 at index 0, so sheet row numbers stay true.
        grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append([(number, [_cell_text(v) for v in row]) for number, row in enumerate(grid, 1)])
    return sheets


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _parse_docx(path: Path) -> ParsedPlan:
    document = _guarded(lambda: docx.Document(str(path)), "Word")
    tables = [_docx_rows(table) for table in document.tables]
    title = _title([(0, [paragraph.text for paragraph in document.paragraphs])])
    return _parse_numbered(_first_with_header(tables), default_title=title)


def _docx_rows(table: Any) -> NumberedRows:
    # python-docx repeats a vertically merged cell's text on every row it spans: that reads as
    # "same category as above", which is exactly what continuation means.
    return [
        (number, [""] * row.grid_cols_before + [cell.text for cell in row.cells])
        for number, row in enumerate(table.rows, start=1)
    ]


def _guarded(read: Callable[[], _T], kind: str) -> _T:
    try:
        return read()
    except Exception as exc:  # calamine, python-docx and zipfile raise assorted types on bad files
        raise PlanParseError(f"无法读取{kind}文件：{exc}") from exc


def _first_with_header(grids: list[NumberedRows]) -> NumberedRows:
    found = (grid for grid in grids if _find_header(grid) is not None)
    return next(found, grids[0] if grids else [])


# ---------------------------------------------------------------- core


_HEADER_NAMES = {
    "number": ("序号",),
    "category": ("项目", "重点任务"),
    "content": ("内容", "工作内容", "具体内容"),
    "lead": ("牵头部门", "牵头单位"),
    "partner": ("配合单位", "责任单位"),
}
_REQUIRED_COLUMNS = ("number", "content", "lead")
_ATTACHMENT_MARK = re.compile(r"附件\s*[0-9一二三四五六七八九十]*\s*[:：]?")
_UNIT_SEPARATORS = re.compile(r"[、，,;；\n]+")


def _parse_numbered(rows: NumberedRows, *, default_title: str = "") -> ParsedPlan:
    header = _find_header(rows)
    if header is None:
        raise PlanParseError("未找到表头：需要包含 序号、内容、牵头部门 等列")
    index, columns = header
    tasks = _tasks(rows[index + 1 :], columns, header_row=rows[index][0])
    _check_sequence(tasks)
    return ParsedPlan(title=_title(rows[:index]) or default_title, tasks=tuple(tasks))


def _find_header(rows: NumberedRows) -> tuple[int, dict[str, int]] | None:
    for index, (_, cells) in enumerate(rows):
        columns = _header_columns(cells)
        if all(name in columns for name in _REQUIRED_COLUMNS):
            return index, columns
    return None


def _header_columns(cells: Sequence[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, cell in enumerate(cells):
        name = re.sub(r"\s+", "", cell)
        for field, names in _HEADER_NAMES.items():
            if name in names:
                columns.setdefault(field, position)
    return columns


def _title(rows_above: NumberedRows) -> str:
    for _, cells in rows_above:
        for cell in cells:
            text = _normalise(cell)
            if text and not _ATTACHMENT_MARK.fullmatch(text):
                return text
    return ""


def _tasks(rows: NumberedRows, columns: dict[str, int], *, header_row: int) -> list[ParsedTask]:
    tasks: list[ParsedTask] = []
    seen: dict[int, int] = {}
    category = ""
    for row, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        task = _task(row, cells, columns, category)
        if task.number in seen:
            raise PlanParseError(f"序号 {task.number} 重复（第 {seen[task.number]} 行已使用）", row)
        seen[task.number] = row
        category = task.category
        tasks.append(task)
    if not tasks:
        raise PlanParseError("表头下方没有任务行", header_row)
    return tasks


def _task(row: int, cells: list[str], columns: dict[str, int], previous_category: str) -> ParsedTask:
    def cell(field: str) -> str:
        position = columns.get(field)
        return cells[position] if position is not None and position < len(cells) else ""

    number = _serial(cell("number"), row)
    content = _normalise(cell("content"))
    category = _normalise(cell("category")) or previous_category
    lead_units = _split_units(cell("lead"))
    _require(row, [("内容", content), ("牵头部门", lead_units), ("项目（重点任务）", category)])
    partners = _split_units(cell("partner"))
    return ParsedTask(number, category, content, lead_units, partners, extract_targets(content), row)


def _require(row: int, fields: list[tuple[str, object]]) -> None:
    for name, value in fields:
        if not value:
            raise PlanParseError(f"缺少{name}", row)


def _serial(text: str, row: int) -> int:
    text = text.strip()
    if not text:
        raise PlanParseError("缺少序号", row)
    if not text.isascii() or not text.isdigit():
        raise PlanParseError(f"序号“{text}”不是整数", row)
    if int(text) < 1:
        raise PlanParseError("序号应从 1 开始", row)
    return int(text)


def _check_sequence(tasks: list[ParsedTask]) -> None:
    numbers = {task.number for task in tasks}
    missing = sorted(set(range(1, max(numbers) + 1)) - numbers)
    if missing:
        following = min((task for task in tasks if task.number > missing[0]), key=lambda task: task.number)
        raise PlanParseError(f"缺少序号 {missing[0]}（序号应从 1 起连续编号）", following.row)


def _normalise(text: str) -> str:
    """Lines are joined without a space (Chinese needs none); other runs of whitespace become one
    space, dropped next to non-ASCII characters."""
    joined = re.sub(r"\s*\n\s*", "", text.strip())
    collapsed = re.sub(r"\s+", " ", joined)
    return re.sub(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ", "", collapsed)


def _split_units(text: str) -> tuple[str, ...]:
    names = (re.sub(r"\s+", "", part) for part in _UNIT_SEPARATORS.split(text))
    return tuple(name for name in names if name)


# ---------------------------------------------------------------- targets

_ASCII_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# Not after 第 (ordinals), a digit or "+" ("3+6"); 个 not as in 个月 / 个百分点 (durations, percentages).
_QUANTITY = re.compile(
    r"(?<![第\d.+＋])(?P<number>\d+(?:\.\d+)?)(?P<scale>[万亿])?"
    r"(?P<unit>人次|人|项|个(?!月|百分点|工作日|小时)|家|名|所|场|次)"
)
_PHRASES = (
    (
        TargetKind.COMPARISON,
        re.compile(r"(?:不(?:低于|高于|少于|超过)|(?:高于|低于)[^，。；]*?平均水平)[^，。；]*"),
    ),
    (
        TargetKind.MILESTONE,
        re.compile(
            r"(?:年内|年底前|年末前|\d{1,2}月底前)[^，。；]*?(?:建成|完成|上线|出台|印发)(?P<object>[^，。；]*)"
        ),
    ),
    (TargetKind.COVERAGE, re.compile(r"(?:实现)?全面?覆盖")),
)
_LIST_BREAKS = "，。；：、,;:！？!?"
_SENTENCE_BREAKS = "，。；：,;:！？!?"
# Words that open a clause without naming what is counted.
_LEAD_WORDS = ("确保", "力争", "全年", "年内", "其中", "完成", "开展", "评选", "资助", "累计", "共计")
# A clause ending in one of these verbs counts its object, which follows the number.
_COUNTING_VERBS = (
    "发布", "开发", "遴选", "编制", "制定", "建设", "建成", "打造", "培育", "认定", "新增", "新建",
    "设立", "推出", "组建", "创建", "举办", "引进", "选拔", "完成", "开展", "达到", "超过",
)  # fmt: skip
_GENERIC_QUALIFIERS = ("具备条件的", "符合条件的", "符合要求的")
_LABEL_MAX = 30


def extract_targets(content: str) -> tuple[ParsedTarget, ...]:
    text = content.translate(_ASCII_DIGITS)
    found = [(m.span(), _quantity(content, text, m)) for m in _QUANTITY.finditer(text)]
    for kind, pattern in _PHRASES:
        for match in pattern.finditer(text):
            # a phrase carrying a number ("不少于30家") is already a quantity target
            if not any(_overlap(match.span(), span) for span, _ in found):
                found.append((match.span(), _phrase(kind, content, text, match)))
    return tuple(target for _, target in sorted(found, key=lambda item: item[0]))


def _quantity(content: str, text: str, match: re.Match[str]) -> ParsedTarget:
    value = Decimal(match["number"]) * _SCALES.get(match["scale"] or "", Decimal(1))
    if value == value.to_integral_value():
        value = value.to_integral_value()
    label = _quantity_label(_before(text, match.start(), _LIST_BREAKS), _after(text, match.end()))
    return ParsedTarget(TargetKind.QUANTITY, value, match["unit"], label, content[slice(*match.span())])


def _quantity_label(before: str, after: str) -> str:
    """ "制定发布100项X目录" counts what follows; "技能大师工作室30个" counts what precedes."""
    if after and (not before or before.endswith(_COUNTING_VERBS)):
        return _tidy(_drop_prefixes(after, _GENERIC_QUALIFIERS))
    subject = _drop_prefixes(before, _LEAD_WORDS)
    if subject.startswith("培训") and len(subject) > 2:  # "培训X人员3万人次" counts X人员培训
        subject = subject[2:] + "培训"
    return _tidy(subject)


def _phrase(kind: str, content: str, text: str, match: re.Match[str]) -> ParsedTarget:
    if kind == TargetKind.MILESTONE:
        # "年内建成X并启动试运行": the milestone is X
        label = match["object"].split("并", 1)[0] or match[0]
    else:
        label = _drop_prefixes(_before(text, match.start(), _SENTENCE_BREAKS), _LEAD_WORDS)
    return ParsedTarget(kind, None, "", _tidy(label), content[slice(*match.span())])


def _before(text: str, end: int, breaks: str) -> str:
    start = max(text.rfind(mark, 0, end) for mark in breaks) + 1
    return text[start:end]


def _after(text: str, start: int) -> str:
    ends = [index for index in (text.find(mark, start) for mark in _LIST_BREAKS) if index >= 0]
    return text[start : min(ends, default=len(text))]


def _drop_prefixes(text: str, prefixes: Iterable[str]) -> str:
    prefixes = tuple(prefixes)
    while text.startswith(prefixes):
        text = text[len(next(p for p in prefixes if text.startswith(p))) :]
    return text


def _tidy(label: str) -> str:
    # Chinese noun phrases end in their head noun, so an over-long label keeps its tail.
    return re.sub(r"[“”\"‘’'「」\s]", "", label)[-_LABEL_MAX:]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ---------------------------------------------------------------- JSON


def _task_json(task: ParsedTask) -> dict[str, Any]:
    return {
        "number": task.number,
        "category": task.category,
        "content": task.content,
        "lead_units": list(task.lead_units),
        "targets": [_target_json(target) for target in task.targets],
    }


def _target_json(target: ParsedTarget) -> dict[str, Any]:
    return {
        "value": _json_number(target.value),
        "unit": target.unit,
        "label": target.label,
        "kind": target.kind,
    }


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
