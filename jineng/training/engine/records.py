"""Validation of training-record rows (one person in one class), pure Python and fast.

The import reads a file into rows of strings, the service loads the reference data it needs once (the
classes named in the file, the occupation codes), and ``records_parse`` checks every row in one pass without
touching the database. Errors are Chinese and name the spreadsheet row and the column:
第 N 行“列”：message. Capacity needs the people already enrolled, so ``capacity_check`` runs once the service
knows who they are.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter, mul
from typing import NamedTuple

from jineng.core.engine.identifiers import InvalidIdentifier, resident_id_parse, uscc_validate
from jineng.core.engine.messages import Message, gettext_noop, row_error
from jineng.core.engine.tables import header_positions

CREDIT_CODE = gettext_noop("机构统一社会信用代码")
CLASS_CODE = gettext_noop("班级编号")
RESIDENT_ID = gettext_noop("身份证号")
NAME = gettext_noop("姓名")
OCCUPATION = gettext_noop("职业编码")
LEVEL = gettext_noop("等级")
ENROLLED = gettext_noop("报名日期")
COMPLETED = gettext_noop("结业日期")
HOURS = gettext_noop("出勤课时")
RESULT = gettext_noop("考核结果")
CERTIFICATE = gettext_noop("证书编号")
CERTIFICATE_DATE = gettext_noop("发证日期")
EMPLOYER = gettext_noop("用人单位统一社会信用代码")  # optional: the trainee's employer, for enterprise employee training
COLUMNS = (CREDIT_CODE, CLASS_CODE, RESIDENT_ID, NAME, OCCUPATION, LEVEL, ENROLLED, COMPLETED, HOURS, RESULT,
           CERTIFICATE, CERTIFICATE_DATE, EMPLOYER)
REQUIRED = frozenset({CREDIT_CODE, CLASS_CODE, RESIDENT_ID, NAME, OCCUPATION, LEVEL, ENROLLED})

# Level spellings accepted in the 等级 column -> SkillLevel value (None = 不分等级).
LEVELS: dict[str, int | None] = {
    "五级": 1, "五级/初级工": 1, "初级工": 1, "初级": 1, "5": 1,
    "四级": 2, "四级/中级工": 2, "中级工": 2, "中级": 2, "4": 2,
    "三级": 3, "三级/高级工": 3, "高级工": 3, "高级": 3, "3": 3,
    "二级": 4, "二级/技师": 4, "技师": 4, "2": 4,
    "一级": 5, "一级/高级技师": 5, "高级技师": 5, "1": 5,
    "不分等级": None, "无等级": None, "专项职业能力": None,
}
LEVEL_NAMES = {1: gettext_noop("五级"), 2: gettext_noop("四级"), 3: gettext_noop("三级"), 4: gettext_noop("二级"), 5: gettext_noop("一级"), None: gettext_noop("不分等级")}
RESULTS = {"": "", "合格": "passed", "通过": "passed", "不合格": "failed", "未通过": "failed", "缺考": "absent"}
RESULT_NAMES = {"": "", "passed": "合格", "failed": "不合格", "absent": "缺考"}
MAX_HOURS = 32767
MAX_NAME = 50
MAX_CERTIFICATE = 40
REQUIRED_MESSAGE = Message(gettext_noop("必填"))
_DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class ClassRef:
    """What a row is checked against: a class of the institution, its project's occupation and level."""

    class_id: int
    credit_code: str
    code: str
    occupation_code: str
    level: int | None
    start_date: date
    end_date: date
    capacity: int


@dataclass(frozen=True)
class Lookups:
    classes: dict[tuple[str, str], ClassRef]  # (credit code, class code) -> class
    occupation_codes: frozenset[str]
    today: date
    institution_code: str | None = None  # the uploader's institution; rows of another are refused
    _dates: dict[str, date | None] = field(default_factory=dict, compare=False)


class Record(NamedTuple):
    """A valid row; ``status`` follows from the dates (结业日期 given → completed)."""

    row: int
    class_id: int
    number: str  # the plain resident ID: kept in memory only, never logged or stored in the clear
    name: str
    enrolled_date: date
    status: str
    completed_date: date | None
    hours_attended: int
    exam_result: str
    exam_date: date | None
    certificate_no: str
    certificate_date: date | None
    employer_credit_code: str = ""


def header_columns(header: Sequence[str]) -> tuple[dict[str, int], list[str]]:
    """Column positions by header name, or the problems with the header row."""
    return header_positions(header, columns=list(COLUMNS), required=REQUIRED)


def resident_id_check(text: str) -> tuple[str, date] | str:
    """(number, birth date) or the Chinese error; the common well-formed case avoids the general parser."""
    number = text.strip().upper()
    if (len(number) == 18 and _DIGITS.issuperset(number[:17]) and number[17] in "0123456789X"
            and number[:2] in _PROVINCE_PREFIXES):
        birth = _birth_date(number[6:14])
        if birth is not None and _check_char(number) == number[17]:
            return number, birth
    try:
        parsed = resident_id_parse(text)
    except InvalidIdentifier as error:
        return error.message
    return parsed.number, parsed.birth_date


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ASCII_ZERO_TOTAL = 48 * sum(_ID_WEIGHTS)


def _check_char(number: str) -> str:
    """GB 11643 MOD 11-2 over the ASCII codes (C-level map), same result as identifiers.resident_id_check_char."""
    return "10X98765432"[(sum(map(mul, number[:17].encode(), _ID_WEIGHTS)) - _ASCII_ZERO_TOTAL) % 11]


_PROVINCE_PREFIXES = frozenset(
    str(n) for low, high in ((11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65), (71, 71), (81, 83))
    for n in range(low, high + 1)
)
_BIRTH_CACHE: dict[str, date | None] = {}


def _birth_date(digits: str) -> date | None:
    if digits in _BIRTH_CACHE:
        return _BIRTH_CACHE[digits]
    try:
        value: date | None = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        value = None
    if value is not None and (value.year < 1800 or value > date.today()):  # noqa: DTZ011 - a calendar bound
        value = None
    if len(_BIRTH_CACHE) < 100_000:
        _BIRTH_CACHE[digits] = value
    return value


def date_parse(text: str, cache: dict[str, date | None]) -> date | None:
    """YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD or an Excel date; None when not a real date."""
    if text in cache:
        return cache[text]
    value = text.strip()
    if "T" in value:
        value = value.split("T", 1)[0]
    if " " in value:
        value = value.split(" ", 1)[0]
    parts = value.replace("/", "-").replace(".", "-").split("-")
    if len(parts) == 1 and len(value) == 8 and value.isdigit():
        parts = [value[:4], value[4:6], value[6:]]
    try:
        result: date | None = date(int(parts[0]), int(parts[1]), int(parts[2])) if len(parts) == 3 else None
    except ValueError:
        result = None
    if result is not None and result.year < 1900:
        result = None
    cache[text] = result
    return result


def records_parse(
    rows: Iterable[Sequence[str]], columns: dict[str, int], lookups: Lookups, *, first_row: int = 2,
    progress: Callable[[int], None] | None = None, progress_every: int = 20_000,
) -> tuple[list[Record], list[str]]:
    """Every data row checked; valid rows as records, all problems as messages. Blank rows are skipped."""
    records: list[Record] = []
    errors: list[str] = []
    seen: dict[tuple[int, str], int] = {}
    dates = lookups._dates
    contexts: dict[tuple, tuple] = {}
    get = _getter(columns)
    for offset, row in enumerate(rows):
        number = first_row + offset
        if progress is not None and offset and offset % progress_every == 0:
            progress(offset)
        if not any(row):
            continue
        record, problems = _row(number, get(row), lookups, dates, contexts)
        if problems:
            errors.extend(row_error(number, column, message) for column, message in problems)
            continue
        key = (record.class_id, record.number)
        if key in seen:
            errors.append(row_error(number, RESIDENT_ID, Message(gettext_noop("与第 {row} 行是同一班级的同一人，请合并为一行"), row=seen[key])))
            continue
        seen[key] = number
        records.append(record)
    return records, errors


def _getter(columns: dict[str, int]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    positions = [columns.get(name, -1) for name in COLUMNS]
    if positions[-1] == -1 and -1 not in positions[:-1]:  # only the employer left out: read it as blank
        return _without_employer(itemgetter(*positions[:-1]), max(positions) + 1)
    if -1 in positions:  # optional columns left out: the general path
        def get(row: Sequence[str]) -> tuple[str, ...]:
            width = len(row)
            return tuple(str(row[p]).strip() if 0 <= p < width and row[p] is not None else "" for p in positions)

        return get
    pick, width = itemgetter(*positions), max(positions) + 1

    def get_all(row: Sequence[str]) -> tuple[str, ...]:
        if len(row) < width:
            row = [*row, *[""] * (width - len(row))]
        return tuple(map(str.strip, pick(row)))

    return get_all


def _without_employer(pick: Callable, width: int) -> Callable[[Sequence[str]], tuple[str, ...]]:
    def get(row: Sequence[str]) -> tuple[str, ...]:
        if len(row) < width:
            row = [*row, *[""] * (width - len(row))]
        return (*map(str.strip, pick(row)), "")

    return get


def _row(number: int, cells: tuple[str, ...], lookups: Lookups, dates: dict,
         contexts: dict) -> tuple[Record | None, list]:
    """One row: the person's cells checked each time; the rest (class, dates, results) once per distinct value set."""
    key = (*cells[:2], *cells[4:10], cells[10] != "", cells[11], cells[12])
    context = contexts.get(key)
    if context is None:
        context = _context(cells, lookups, dates)
        if len(contexts) < 500_000:
            contexts[key] = context
    problems, values = context
    resident_id, name, certificate_no = cells[2], cells[3], cells[10]
    checked = resident_id_check(resident_id) if resident_id else REQUIRED_MESSAGE
    if isinstance(checked, str) or not name or len(name) > MAX_NAME or len(certificate_no) > MAX_CERTIFICATE:
        problems = list(problems)
        if isinstance(checked, str):
            problems.append((RESIDENT_ID, checked))
        if not name or len(name) > MAX_NAME:
            problems.append((NAME, REQUIRED_MESSAGE if not name else Message(gettext_noop("不能超过 {limit} 字"), limit=MAX_NAME)))
        if len(certificate_no) > MAX_CERTIFICATE:
            problems.append((CERTIFICATE, Message(gettext_noop("不能超过 {limit} 个字符"), limit=MAX_CERTIFICATE)))
    if problems:
        return None, problems
    class_id, enrolled, status, completed, hours, result, exam_date, certificate_date, employer = values
    return Record(number, class_id, checked[0], name, enrolled, status, completed, hours, result, exam_date,
                  certificate_no, certificate_date, employer), []


def _context(cells: tuple[str, ...], lookups: Lookups, dates: dict) -> tuple[tuple, tuple | None]:
    """Problems and parsed values of everything in a row but the person's ID, name and certificate number."""
    (credit_code, class_code, _, _, occupation, level_text, enrolled_text, completed_text, hours_text, result_text,
     certificate_no, certificate_text, employer_text) = cells
    problems: list[tuple[str, str]] = []
    credit_code = credit_code.upper()
    klass = None
    if not credit_code:
        problems.append((CREDIT_CODE, REQUIRED_MESSAGE))
    elif lookups.institution_code is not None and credit_code != lookups.institution_code:
        problems.append((CREDIT_CODE, Message(gettext_noop("{code} 不是本机构的统一社会信用代码（应为 {own}）"), code=credit_code,
                                             own=lookups.institution_code)))
    elif not class_code:
        problems.append((CLASS_CODE, REQUIRED_MESSAGE))
    else:
        klass = lookups.classes.get((credit_code, class_code))
        if klass is None:
            problems.append((CLASS_CODE, Message(gettext_noop("该机构没有编号为 {code} 的培训班，请先在平台上开班"), code=class_code)))
    if not occupation:
        problems.append((OCCUPATION, REQUIRED_MESSAGE))
    elif occupation not in lookups.occupation_codes:
        problems.append((OCCUPATION, Message(gettext_noop("{code} 不是职业分类大典中的职业编码"), code=occupation)))
    elif klass is not None and occupation != klass.occupation_code:
        problems.append((OCCUPATION, Message(gettext_noop("与培训班 {klass} 的培训项目职业 {code} 不符"), klass=klass.code,
                                            code=klass.occupation_code)))
    if level_text not in LEVELS:
        problems.append((LEVEL, Message(gettext_noop("“{text}”不是有效等级（五级、四级、三级、二级、一级或不分等级）"), text=level_text)
                         if level_text else REQUIRED_MESSAGE))
    elif klass is not None and LEVELS[level_text] != klass.level:
        problems.append((LEVEL, Message(gettext_noop("与培训班 {klass} 的培训项目等级（{level}）不符"), klass=klass.code,
                                       level=Message(LEVEL_NAMES[klass.level]))))
    enrolled = _date(enrolled_text, ENROLLED, problems, dates, lookups.today, required=True)
    completed = _date(completed_text, COMPLETED, problems, dates, lookups.today)
    certificate_date = _date(certificate_text, CERTIFICATE_DATE, problems, dates, lookups.today)
    if enrolled and completed and completed < enrolled:
        problems.append((COMPLETED, Message(gettext_noop("结业日期 {completed} 早于报名日期 {enrolled}"), completed=str(completed),
                                           enrolled=str(enrolled))))
    if klass is not None:
        if enrolled and enrolled > klass.end_date:
            problems.append((ENROLLED, Message(gettext_noop("报名日期 {enrolled} 晚于培训班结束日期 {end}"), enrolled=str(enrolled),
                                              end=str(klass.end_date))))
        if completed and completed < klass.start_date:
            problems.append((COMPLETED, Message(gettext_noop("结业日期 {completed} 早于培训班开班日期 {start}"), completed=str(completed),
                                               start=str(klass.start_date))))
    hours = _hours(hours_text, problems)
    result = RESULTS.get(result_text)
    if result is None:
        problems.append((RESULT, Message(gettext_noop("“{text}”不是有效结果（合格、不合格、缺考或留空）"), text=result_text)))
    elif result and not completed_text:
        problems.append((RESULT, Message(gettext_noop("未结业的学员不能有考核结果，请填写结业日期"))))
    if certificate_no and result != "passed":
        problems.append((CERTIFICATE, Message(gettext_noop("只有考核合格的学员才有证书编号"))))
    if certificate_no and not certificate_text:
        problems.append((CERTIFICATE_DATE, Message(gettext_noop("填写了证书编号时必填"))))
    if certificate_text and not certificate_no:
        problems.append((CERTIFICATE, Message(gettext_noop("填写了发证日期时必填"))))
    if certificate_date and completed and certificate_date < completed:
        problems.append((CERTIFICATE_DATE, Message(gettext_noop("发证日期 {issued} 早于结业日期 {completed}"),
                                                  issued=str(certificate_date), completed=str(completed))))
    employer = _employer(employer_text, problems)
    if problems or klass is None or enrolled is None:
        return tuple(problems), None
    return (), (klass.class_id, enrolled, "completed" if completed else "enrolled", completed, hours, result or "",
                completed if result else None, certificate_date, employer)


def _employer(text: str, problems: list) -> str:
    if not text:
        return ""
    try:
        return uscc_validate(text)
    except InvalidIdentifier as exc:
        problems.append((EMPLOYER, exc.message))
        return ""


def _date(text: str, column: str, problems: list, cache: dict, today: date, *, required: bool = False) -> date | None:
    if not text:
        if required:
            problems.append((column, REQUIRED_MESSAGE))
        return None
    value = date_parse(text, cache)
    if value is None:
        problems.append((column, Message(gettext_noop("“{text}”不是有效日期（如 2024-03-04）"), text=text)))
    elif value > today:
        problems.append((column, Message(gettext_noop("{date} 晚于今天"), date=str(value))))
        return None
    return value


def _hours(text: str, problems: list) -> int:
    if not text:
        return 0
    value = text[:-2] if text.endswith(".0") else text
    if not value.isdigit() or not value.isascii():
        problems.append((HOURS, Message(gettext_noop("“{text}”不是非负整数"), text=text)))
        return 0
    hours = int(value)
    if hours > MAX_HOURS:
        problems.append((HOURS, Message(gettext_noop("{value} 超过上限 {limit}"), value=hours, limit=MAX_HOURS)))
    return hours


def capacity_check(
    records: Sequence[Record], *, is_new: Sequence[bool], existing: dict[int, int], classes: dict[int, ClassRef],
) -> list[str]:
    """Rows that would take a class beyond its capacity, counting the people enrolled already.

    ``is_new[i]`` says whether record i adds a person to the class; ``existing`` counts enrolments per class id.
    """
    errors = []
    counts = dict(existing)
    for record, new in zip(records, is_new, strict=True):
        if not new:
            continue
        count = counts[record.class_id] = counts.get(record.class_id, 0) + 1
        klass = classes[record.class_id]
        if count == klass.capacity + 1:
            errors.append(row_error(record.row, CLASS_CODE, Message(
                gettext_noop("培训班 {klass} 核定 {capacity} 人，已报名 {enrolled} 人，本文件从此行起超出核定人数"),
                klass=klass.code, capacity=klass.capacity, enrolled=existing.get(record.class_id, 0))))
    return errors
