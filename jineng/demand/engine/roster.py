"""Validation of an enterprise's staff roster (职工花名册), pure Python.

One row per period of employment: 身份证号, 姓名, 入职日期 and, for someone who has left, 离职日期. Errors are
Chinese and name the row and the column (第 N 行“列”：…); a resident ID in an error is never repeated in full.
The service reads the file and writes the valid rows; nothing here touches the database.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from jineng.core.engine.identifiers import InvalidIdentifier, resident_id_mask, resident_id_parse
from jineng.core.engine.messages import Message, gettext_noop, row_error
from jineng.core.engine.tables import header_positions

RESIDENT_ID = gettext_noop("身份证号")
NAME = gettext_noop("姓名")
START = gettext_noop("入职日期")
END = gettext_noop("离职日期")
COLUMNS = (RESIDENT_ID, NAME, START, END)
REQUIRED_MESSAGE = Message(gettext_noop("必填"))
REQUIRED = (RESIDENT_ID, NAME, START)
MAX_NAME = 50


@dataclass(frozen=True)
class RosterRow:
    row: int
    number: str  # the plain resident ID: kept in memory only, never logged or shown
    name: str
    start_date: date
    end_date: date | None


def roster_header(header: Sequence[str]) -> tuple[dict[str, int], list[str]]:
    """Column positions by name, or what is wrong with the header row."""
    return header_positions(header, columns=list(COLUMNS), required=REQUIRED)


def roster_parse(rows: Iterable[Sequence[str]], columns: dict[str, int], *, today: date,
                 first_row: int = 2) -> tuple[list[RosterRow], list[str]]:
    """Every data row checked; the valid ones, and every problem as 第 N 行“列”：message. Blank rows are skipped."""
    parsed: list[RosterRow] = []
    errors: list[str] = []
    seen: dict[str, list[RosterRow]] = {}
    for offset, row in enumerate(rows):
        number = first_row + offset
        cells = {name: _cell(row, position) for name, position in columns.items()}
        if not any(cells.values()):
            continue
        result, problems = _row(number, cells, today)
        if problems:
            errors.extend(row_error(number, column, message) for column, message in problems)
            continue
        clash = next((other for other in seen.get(result.number, []) if _overlap(other, result)), None)
        if clash is not None:
            errors.append(row_error(number, START, Message(
                gettext_noop("与第 {row} 行是同一人（{masked}）且在职期间重叠，请合并为一行"), row=clash.row,
                masked=resident_id_mask(result.number))))
            continue
        seen.setdefault(result.number, []).append(result)
        parsed.append(result)
    return parsed, errors


def _cell(row: Sequence[str], position: int) -> str:
    return str(row[position]).strip() if position < len(row) and row[position] is not None else ""


def _row(number: int, cells: dict[str, str], today: date) -> tuple[RosterRow | None, list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    resident_id, name = cells.get(RESIDENT_ID, ""), cells.get(NAME, "")
    parsed_number = ""
    if not resident_id:
        problems.append((RESIDENT_ID, REQUIRED_MESSAGE))
    else:
        try:
            parsed_number = resident_id_parse(resident_id).number
        except InvalidIdentifier as exc:
            problems.append((RESIDENT_ID, exc.message))
    if not name:
        problems.append((NAME, REQUIRED_MESSAGE))
    elif len(name) > MAX_NAME:
        problems.append((NAME, Message(gettext_noop("不能超过 {limit} 字"), limit=MAX_NAME)))
    start = _date(cells.get(START, ""), START, problems, today, required=True)
    end = _date(cells.get(END, ""), END, problems, today)
    if start and end and end < start:
        problems.append((END, Message(gettext_noop("离职日期 {end} 早于入职日期 {start}"), end=str(end), start=str(start))))
    if problems or start is None:
        return None, problems
    return RosterRow(number, parsed_number, name, start, end), []


def _overlap(a: RosterRow, b: RosterRow) -> bool:
    return a.start_date <= (b.end_date or date.max) and b.start_date <= (a.end_date or date.max)


def _date(text: str, column: str, problems: list, today: date, *, required: bool = False) -> date | None:
    if not text:
        if required:
            problems.append((column, REQUIRED_MESSAGE))
        return None
    value = date_parse(text)
    if value is None:
        problems.append((column, Message(gettext_noop("“{text}”不是有效日期（如 2024-03-04）"), text=text[:20])))
    elif value > today:
        problems.append((column, Message(gettext_noop("{date} 晚于今天"), date=str(value))))
        return None
    return value


def date_parse(text: str) -> date | None:
    """YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD or a spreadsheet date (with a time part); None otherwise."""
    value = text.strip().split("T", 1)[0].split(" ", 1)[0]
    parts = value.replace("/", "-").replace(".", "-").split("-")
    if len(parts) == 1 and len(value) == 8 and value.isdigit():
        parts = [value[:4], value[4:6], value[6:]]
    if len(parts) != 3 or not all(part.isdigit() and part.isascii() for part in parts):
        return None
    try:
        result = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return result if result.year >= 1900 else None
