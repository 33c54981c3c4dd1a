"""Validation of certificate-register rows for the bulk import, pure Python.

The service loads what rows are checked against once (bodies by credit code, occupation codes, work types),
and ``rows_parse`` checks every row in one pass. Errors name the spreadsheet row and column:
第 N 行“列”：message.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter

from jineng.certificates.engine.numbers import NumberError, number_normalise, number_parse_normalised
from jineng.core.engine.identifiers import InvalidIdentifier, ResidentId, resident_id_parse
from jineng.core.engine.tables import header_positions

NUMBER = "证书编号"
NAME = "姓名"
RESIDENT_ID = "身份证号"
BODY = "评价机构统一社会信用代码"
OCCUPATION = "职业编码"
WORK_TYPE = "工种"
SPECIAL = "专项职业能力"
LEVEL = "等级"
ISSUED = "发证日期"
STATUS = "状态"
STATUS_DATE = "状态日期"
STATUS_REASON = "状态原因"
COLUMNS = (NUMBER, NAME, RESIDENT_ID, BODY, OCCUPATION, WORK_TYPE, SPECIAL, LEVEL, ISSUED, STATUS, STATUS_DATE,
           STATUS_REASON)
REQUIRED = frozenset({NUMBER, NAME, RESIDENT_ID, BODY, LEVEL, ISSUED})
EXAMPLE = ("S000031000101243000001", "张小三", "310101199001011234", "91310000MA1FL0XX0X", "6-18-01-01", "", "",
           "三级", "2024-06-30", "有效", "", "")

# Level spellings -> SkillLevel value (L5 = 1 … L1 = 5); None = special-competence certificate without a level.
LEVELS: dict[str, int | None] = {
    "五级": 1, "五级/初级工": 1, "初级工": 1, "5": 1,
    "四级": 2, "四级/中级工": 2, "中级工": 2, "4": 2,
    "三级": 3, "三级/高级工": 3, "高级工": 3, "3": 3,
    "二级": 4, "二级/技师": 4, "技师": 4, "2": 4,
    "一级": 5, "一级/高级技师": 5, "高级技师": 5, "1": 5,
    "不分等级": None, "专项职业能力": None,
}
STATUSES = {"": "valid", "有效": "valid", "暂停": "suspended", "已暂停": "suspended", "撤销": "revoked",
            "已撤销": "revoked"}
MAX_NAME = 40
MAX_REASON = 200
MAX_SPECIAL = 80


@dataclass(frozen=True)
class BodyRef:
    body_id: int
    letter: str
    ministry_code: str
    city_serial: str


@dataclass(frozen=True)
class CertificateRow:
    line: int
    number: str
    name: str
    resident_id: ResidentId
    body_id: int
    occupation_id: int | None
    work_type_id: int | None
    special_item: str
    level: int | None
    issued_on: date
    status: str
    status_date: date | None
    status_reason: str


@dataclass(frozen=True)
class Parsed:
    rows: tuple[CertificateRow, ...]
    errors: tuple[str, ...]


def _date(text: str) -> date | None:
    if len(text) == 10:  # 2024-06-30, the template's form
        try:
            day = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            return day if 1950 <= day.year <= 2100 else None
    text = text.strip().replace("/", "-").replace(".", "-")
    if " " in text:
        text = text.split(" ", 1)[0]
    try:
        day = date.fromisoformat(text)
    except ValueError:
        try:
            day = date(*(int(part) for part in text.split("-")))  # 2024-6-3
        except (TypeError, ValueError):
            return None
    return day if 1950 <= day.year <= 2100 else None


def rows_parse(header: Sequence[str], rows: Iterable[Sequence[str]], *, bodies: Mapping[str, BodyRef],
               occupations: Mapping[str, int], work_types: Mapping[tuple[int, str], int], today: date,
               max_errors: int = 200) -> Parsed:
    positions, problems = header_positions(header, columns=COLUMNS, required=REQUIRED)
    if problems:
        return Parsed((), tuple(problems))
    # the cells of a row in COLUMNS order (a column the file lacks reads as empty); the bodies with the first 13
    # characters of their numbers
    order = [positions.get(name) for name in COLUMNS]
    width = max(pos for pos in order if pos is not None) + 1
    pick = itemgetter(*order) if None not in order else None
    known = {code: (body, f"{body.letter}{body.ministry_code}31{body.city_serial}") for code, body in bodies.items()}
    out: list[CertificateRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(rows, start=2):
        if pick is not None and len(raw) >= width:
            cells = [("" if cell is None else str(cell).strip()) for cell in pick(raw)]
        else:
            size = len(raw)
            cells = [(str(raw[pos]).strip() if pos is not None and pos < size and raw[pos] is not None else "")
                     for pos in order]
        if not any(cells):
            continue
        row, row_errors = _row(index, cells, known, occupations, work_types, today)
        if row is not None:
            if row.number in seen:
                row_errors.append(f"第 {index} 行“{NUMBER}”：与第 {seen[row.number]} 行重复")
            else:
                seen[row.number] = index
        if row_errors:
            errors += row_errors
            if len(errors) >= max_errors:
                break
        elif row is not None:
            out.append(row)
    if not out and not errors:
        errors.append("文件中没有证书记录")
    return Parsed(tuple(out), tuple(errors))


def _row(line, cells, bodies, occupations, work_types, today) -> tuple[CertificateRow | None, list[str]]:
    """One row's cells (in ``COLUMNS`` order, stripped) checked: the row, or what is wrong with it."""
    (number_text, name, resident_text, body_code, code, work_type, special, level_text, issued_text, status_text,
     status_date_text, reason) = cells
    errors: list[str] = []
    text = number_normalise(number_text)
    parsed = None
    try:
        parsed = number_parse_normalised(text)
    except NumberError as exc:
        errors.append(_error(line, NUMBER, _NUMBER_REASONS.get(exc.reason, "证书编号格式不正确")))
    if not name:
        errors.append(_error(line, NAME, "不能为空"))
    elif len(name) > MAX_NAME:
        errors.append(_error(line, NAME, f"不能超过 {MAX_NAME} 字"))
    resident = None
    try:
        resident = resident_id_parse(resident_text, today=today)
    except InvalidIdentifier as exc:
        errors.append(_error(line, RESIDENT_ID, exc.message))
    body, prefix = bodies.get(body_code.upper(), (None, ""))
    if body is None:
        errors.append(_error(line, BODY, "平台上没有该评价机构"))
    occupation_id = None
    if code:
        occupation_id = occupations.get(code)
        if occupation_id is None:
            errors.append(_error(line, OCCUPATION, f"职业编码“{code}”不在国家职业分类大典中"))
    elif not special:
        errors.append(_error(line, OCCUPATION, "职业编码和专项职业能力须至少填写一项"))
    if len(special) > MAX_SPECIAL:
        errors.append(_error(line, SPECIAL, f"不能超过 {MAX_SPECIAL} 字"))
    work_type_id = None
    if work_type and occupation_id is not None:
        work_type_id = work_types.get((occupation_id, work_type))
        if work_type_id is None:
            errors.append(_error(line, WORK_TYPE, f"该职业下没有工种“{work_type}”"))
    level = LEVELS.get(level_text, _UNKNOWN)
    if level is _UNKNOWN:
        errors.append(_error(line, LEVEL, "应为五级、四级、三级、二级、一级或不分等级"))
        level = None
    elif level is None and not special:
        errors.append(_error(line, LEVEL, "只有专项职业能力证书可以不分等级"))
    issued = _date(issued_text)
    if issued is None:
        errors.append(_error(line, ISSUED, "日期格式应为 2024-06-30"))
    elif issued > today:
        errors.append(_error(line, ISSUED, "发证日期不能晚于今天"))
    status = STATUSES.get(status_text)
    if status is None:
        errors.append(_error(line, STATUS, "应为有效、暂停或撤销"))
    status_date = None
    if status and status != "valid":
        status_date = _date(status_date_text)
        if status_date is None:
            errors.append(_error(line, STATUS_DATE, "暂停或撤销的证书须填写状态日期（如 2024-06-30）"))
        elif issued is not None and status_date < issued:
            errors.append(_error(line, STATUS_DATE, "不能早于发证日期"))
        if not reason:
            errors.append(_error(line, STATUS_REASON, "暂停或撤销的证书须填写原因"))
    if len(reason) > MAX_REASON:
        errors.append(_error(line, STATUS_REASON, f"不能超过 {MAX_REASON} 字"))
    if parsed is not None:
        if body is not None and text[:13] != prefix:
            errors.append(_error(line, NUMBER, f"编号第 1–13 位应为该评价机构的 {prefix}"))
        if issued is not None and parsed.year != issued.year:
            errors.append(_error(line, NUMBER, f"编号第 14–15 位（年份 {parsed.year}）与发证日期不符"))
        if level is not None and parsed.level_digit != 6 - level:
            errors.append(_error(line, NUMBER, f"编号第 16 位（等级 {parsed.level_digit}）与“{LEVEL}”不符"))
    if errors:
        return (None if parsed is None else _placeholder(text, line)), errors
    return CertificateRow(
        line=line, number=text, name=name, resident_id=resident, body_id=body.body_id, occupation_id=occupation_id,
        work_type_id=work_type_id, special_item=special, level=level, issued_on=issued, status=status,
        status_date=status_date, status_reason=reason if status != "valid" else "",
    ), errors


def _error(line: int, column: str, message: str) -> str:
    return f"第 {line} 行“{column}”：{message}"


_UNKNOWN = object()


def _placeholder(number: str, line: int):
    """A stand-in carrying only the number, so a repeated number is still reported on a row with other errors."""
    return _Numbered(number, line)


@dataclass(frozen=True)
class _Numbered:
    number: str
    line: int


_NUMBER_REASONS = {
    "length": "应为 22 位：1 位字母加 21 位数字",
    "letter": "第 1 位应为 Y（用人单位）或 S（社会培训评价组织）",
    "digits": "第 2–22 位应为数字",
    "province": "第 6–7 位应为上海的省份代码 31",
    "level": "第 16 位等级应为 1–5",
}
