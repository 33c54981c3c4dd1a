"""The rules of one demand line, shared by the form, the API and the spreadsheet upload; pure Python.

Values arrive as text (a spreadsheet cell, a form field) or typed (the API); each parser returns the typed
value or raises ``Invalid`` with a message that names no field — the caller adds the row and column.
``lines_parse`` checks a whole file's rows in one pass against reference data the service loaded once
(``Lookups``), naming every wrong row and column: 第 N 行“列”：…
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from jineng.core.engine.messages import Message, gettext_noop, row_error, row_problem

COLUMNS = {
    "occupation": gettext_noop("职业编码"),
    "work_type": gettext_noop("工种"),
    "level": gettext_noop("技能等级"),
    "headcount": gettext_noop("需求人数"),
    "urgency": gettext_noop("紧急程度"),
    "vacancy_months": gettext_noop("空缺时长（月）"),
    "applicants_per_vacancy": gettext_noop("每岗位应聘人数"),
    "offered_monthly_pay": gettext_noop("月薪（元）"),
    "expected_hire_date": gettext_noop("预计到岗日期"),
    "reason": gettext_noop("原因"),
}
OPTIONAL = frozenset({"work_type", "expected_hire_date", "reason"})
DECIMAL_LIMITS = {
    "vacancy_months": Decimal("120"),
    "applicants_per_vacancy": Decimal("10000"),
    "offered_monthly_pay": Decimal("1000000"),
}
HEADCOUNT_LIMIT = 100_000
REASON_LIMIT = 500
CENT = Decimal("0.01")
DATE_RANGE = (date(2000, 1, 1), date(2100, 12, 31))


class Invalid(ValueError):
    pass


@dataclass(frozen=True)
class LineValues:
    occupation_id: int
    work_type_id: int | None
    level: int
    headcount: int
    urgency: int
    vacancy_months: Decimal
    applicants_per_vacancy: Decimal
    offered_monthly_pay: Decimal
    expected_hire_date: date | None
    reason: str

    def key(self) -> tuple[int, int | None, int]:
        return (self.occupation_id, self.work_type_id, self.level)

    def as_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELD_NAMES}  # dataclasses.asdict deep-copies: slow at 100k rows


FIELD_NAMES = tuple(LineValues.__dataclass_fields__)
KEY_FIELDS = ("occupation_id", "work_type_id", "level")
UPDATABLE_FIELDS = [name for name in FIELD_NAMES if name not in KEY_FIELDS]


@dataclass(frozen=True)
class Lookups:
    """Reference data loaded once for a whole file: occupation codes, their work types, level and urgency names."""

    occupations: dict[str, int]  # 2022 code -> occupation id
    work_types: dict[tuple[int, str], int]  # (occupation id, name) -> work type id
    levels: dict[str, int]  # every accepted spelling -> SkillLevel value
    urgencies: dict[str, int]  # value or label -> Urgency value

    def occupation_id(self, code: str) -> int:
        code = code.strip()
        if not code:
            raise Invalid(Message(gettext_noop("请填写职业编码")))
        found = self.occupations.get(code)
        if found is None:
            raise Invalid(Message(gettext_noop("“{code}”不是 2022 年版职业分类大典中的职业编码"), code=code))
        return found

    def work_type_id(self, occupation_id: int, name: str, code: str) -> int | None:
        name = name.strip()
        if not name:
            return None
        found = self.work_types.get((occupation_id, name))
        if found is None:
            raise Invalid(Message(gettext_noop("“{name}”不是职业 {code} 下的工种"), name=name, code=code))
        return found

    def level(self, value: Any) -> int:
        text = str(value).strip().replace(" ", "")
        if text in self.levels:
            return self.levels[text]
        raise Invalid(Message(gettext_noop("“{text}”不是技能等级，可填 1–5（证书等级）或 三级、高级工、三级/高级工 等"), text=text))

    def urgency(self, value: Any) -> int:
        text = str(value).strip()
        if text in self.urgencies:
            return self.urgencies[text]
        raise Invalid(Message(gettext_noop("“{text}”不是紧急程度，可填 1 一般、2 较急、3 紧急"), text=text))


def parse_headcount(value: Any) -> int:
    text = str(value).strip().replace(",", "")
    if not text.isdigit() or int(text) <= 0:
        raise Invalid(Message(gettext_noop("“{text}”不是正整数"), text=text))
    count = int(text)
    if count > HEADCOUNT_LIMIT:
        raise Invalid(Message(gettext_noop("{value} 超过上限 {limit}"), value=count, limit=HEADCOUNT_LIMIT))
    return count


def parse_decimal(value: Any, *, limit: Decimal) -> Decimal:
    text = str(value).strip().replace(",", "")
    if not text:
        raise Invalid(Message(gettext_noop("请填写")))
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise Invalid(Message(gettext_noop("“{text}”不是数字"), text=text)) from exc
    if not number.is_finite():
        raise Invalid(Message(gettext_noop("“{text}”不是数字"), text=text))
    if number < 0:
        raise Invalid(Message(gettext_noop("不能为负数")))
    if number > limit:
        raise Invalid(Message(gettext_noop("{value} 超过上限 {limit}"), value=text, limit=str(limit)))
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ]00:00(?::00)?)?$")


def parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        parsed = value
    else:
        text = str(value or "").strip()
        if not text:
            return None
        match = _DATE.match(text)
        if match is None:
            raise Invalid(Message(gettext_noop("“{text}”不是日期，格式应为 2024-07-01"), text=text))
        try:
            parsed = date(*(int(part) for part in match.groups()))
        except ValueError as exc:
            raise Invalid(Message(gettext_noop("“{text}”不是有效日期"), text=text)) from exc
    if not DATE_RANGE[0] <= parsed <= DATE_RANGE[1]:
        raise Invalid(Message(gettext_noop("{date} 不在合理范围内"), date=f"{parsed:%Y-%m-%d}"))
    return parsed


def parse_reason(value: Any) -> str:
    text = str(value or "").strip()
    if len(text) > REASON_LIMIT:
        raise Invalid(Message(gettext_noop("不能超过 {limit} 个字"), limit=REASON_LIMIT))
    return text


def parse_line(raw: dict[str, Any], lookups: Lookups, *, level_parser=None) -> tuple[LineValues | None, list[tuple[str, str]]]:
    """Every field checked; the errors are (column label, message) pairs.

    A good line (nearly every line of a real file) is parsed straight through; only a line with a problem goes
    through the slower pass that collects every problem of the line.
    """
    level_parser = level_parser or lookups.level
    try:
        return _line(raw, lookups, level_parser), []
    except Invalid:
        return None, _line_errors(raw, lookups, level_parser)


def _line(raw: dict[str, Any], lookups: Lookups, level_parser) -> LineValues:
    get = raw.get
    code = str(get("occupation") or "").strip()
    occupation_id = lookups.occupation_id(code)
    return LineValues(
        occupation_id=occupation_id,
        work_type_id=lookups.work_type_id(occupation_id, str(get("work_type") or ""), code),
        level=level_parser(get("level", "")),
        headcount=parse_headcount(get("headcount", "")),
        urgency=lookups.urgency(get("urgency", "")),
        vacancy_months=parse_decimal(get("vacancy_months", ""), limit=DECIMAL_LIMITS["vacancy_months"]),
        applicants_per_vacancy=parse_decimal(get("applicants_per_vacancy", ""),
                                             limit=DECIMAL_LIMITS["applicants_per_vacancy"]),
        offered_monthly_pay=parse_decimal(get("offered_monthly_pay", ""), limit=DECIMAL_LIMITS["offered_monthly_pay"]),
        expected_hire_date=parse_date(get("expected_hire_date")),
        reason=parse_reason(get("reason", "")),
    )


def _line_errors(raw: dict[str, Any], lookups: Lookups, level_parser) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    values: dict[str, Any] = {}

    def attempt(field: str, parse, *args) -> Any:
        try:
            return parse(*args)
        except Invalid as exc:
            errors.append((COLUMNS[field], exc.args[0]))
            return None

    code = str(raw.get("occupation") or "").strip()
    occupation_id = attempt("occupation", lookups.occupation_id, code)
    values["occupation_id"] = occupation_id
    work_type = str(raw.get("work_type") or "")
    values["work_type_id"] = attempt("work_type", lookups.work_type_id, occupation_id, work_type, code) if occupation_id else None
    values["level"] = attempt("level", level_parser, raw.get("level", ""))
    values["headcount"] = attempt("headcount", parse_headcount, raw.get("headcount", ""))
    values["urgency"] = attempt("urgency", lookups.urgency, raw.get("urgency", ""))
    for field, limit in DECIMAL_LIMITS.items():
        values[field] = attempt(field, lambda v, limit=limit: parse_decimal(v, limit=limit), raw.get(field, ""))
    values["expected_hire_date"] = attempt("expected_hire_date", parse_date, raw.get("expected_hire_date"))
    values["reason"] = attempt("reason", parse_reason, raw.get("reason", ""))
    return errors


# A whole file ------------------------------------------------------------------------------------------

HEADER_FIELDS = {label: field for field, label in COLUMNS.items()}
HEADER_SEARCH = 10  # the header may sit below a title row or two


def header_find(rows: list[list[str]]) -> tuple[int, dict[str, int]] | str:
    """(index of the header row, column position by field) or the Chinese problem with the header."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        cells = [_header_text(cell) for cell in row]
        if COLUMNS["occupation"] in cells and COLUMNS["headcount"] in cells:
            columns = {HEADER_FIELDS[cell]: position for position, cell in enumerate(cells) if cell in HEADER_FIELDS}
            missing = [label for field, label in COLUMNS.items() if field not in columns and field not in OPTIONAL]
            if missing:
                return Message(gettext_noop("第 {row} 行表头缺少列：{columns}，请使用下载的模板"), row=index + 1,
                               columns="、".join(missing))
            return index, columns
    return Message(gettext_noop("未找到表头：第一张工作表须有 {columns} 等列，请使用下载的模板"),
                   columns="、".join(COLUMNS.values()))


def _header_text(cell: str) -> str:
    return "".join(cell.split()).replace("(", "（").replace(")", "）")


PROGRESS_EVERY = 5000


def lines_parse(rows: Iterable[list[str]], columns: dict[str, int], lookups: Lookups, *, first_row: int,
                progress: Callable[[int], None] | None = None) -> tuple[dict[tuple, LineValues], list[str]]:
    """Every data row checked: the valid lines by key, and the errors 第 N 行“列”：… (N counts from 1).

    ``progress`` hears the sheet row reached every few thousand rows (for a progress bar).
    """
    parsed: dict[tuple, LineValues] = {}
    seen: dict[tuple, int] = {}
    errors: list[str] = []
    for number, row in enumerate(rows, start=first_row):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number)
        if not any(row):
            continue
        width = len(row)
        raw = {field: row[index] if index < width else "" for field, index in columns.items()}
        values, row_errors = parse_line(raw, lookups)
        if row_errors:
            errors.extend(row_error(number, column, message) for column, message in row_errors)
            continue
        key = values.key()
        if key in seen:
            errors.append(row_problem(number, Message(gettext_noop("与第 {row} 行的职业编码、工种和技能等级相同，请合并为一行"),
                                                      row=seen[key])))
            continue
        seen[key] = number
        parsed[key] = values
    return parsed, errors
