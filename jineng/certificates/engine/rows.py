"""Validation of certificate-register rows for the bulk import, pure Python.

The service loads what rows are checked against once (bodies by credit code, occupation codes, work types),
and ``rows_parse`` checks every row in one pass. Errors name the spreadsheet row and column:
第 N 行“列”：message.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

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
    out: list[CertificateRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(rows, start=2):
        cells = {name: (str(raw[pos]).strip() if pos < len(raw) and raw[pos] is not None else "")
                 for name, pos in positions.items()}
        if not any(cells.values()):
            continue
        row, row_errors = _row(index, cells, bodies, occupations, work_types, today)
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
    errors: list[str] = []

    def err(column: str, message: str) -> None:
        errors.append(f"第 {line} 行“{column}”：{message}")

    text = number_normalise(cells.get(NUMBER, ""))
    parsed = None
    try:
        parsed = number_parse_normalised(text)
    except NumberError as exc:
        err(NUMBER, _NUMBER_REASONS.get(exc.reason, "证书编号格式不正确"))
    name = cells.get(NAME, "")
    if not name:
        err(NAME, "不能为空")
    elif len(name) > MAX_NAME:
        err(NAME, f"不能超过 {MAX_NAME} 字")
    resident = None
    try:
        resident = resident_id_parse(cells.get(RESIDENT_ID, ""), today=today)
    except InvalidIdentifier as exc:
        err(RESIDENT_ID, exc.message)
    body = bodies.get(cells.get(BODY, "").upper())
    if body is None:
        err(BODY, "平台上没有该评价机构")
    occupation_id = None
    code = cells.get(OCCUPATION, "")
    special = cells.get(SPECIAL, "")
    if code:
        occupation_id = occupations.get(code)
        if occupation_id is None:
            err(OCCUPATION, f"职业编码“{code}”不在国家职业分类大典中")
    elif not special:
        err(OCCUPATION, "职业编码和专项职业能力须至少填写一项")
    if len(special) > MAX_SPECIAL:
        err(SPECIAL, f"不能超过 {MAX_SPECIAL} 字")
    work_type_id = None
    work_type = cells.get(WORK_TYPE, "")
    if work_type and occupation_id is not None:
        work_type_id = work_types.get((occupation_id, work_type))
        if work_type_id is None:
            err(WORK_TYPE, f"该职业下没有工种“{work_type}”")
    level_text = cells.get(LEVEL, "")
    if level_text not in LEVELS:
        err(LEVEL, "应为五级、四级、三级、二级、一级或不分等级")
        level = None
    else:
        level = LEVELS[level_text]
    if level is None and level_text in LEVELS and not special:
        err(LEVEL, "只有专项职业能力证书可以不分等级")
    issued = _date(cells.get(ISSUED, ""))
    if issued is None:
        err(ISSUED, "日期格式应为 2024-06-30")
    elif issued > today:
        err(ISSUED, "发证日期不能晚于今天")
    status = STATUSES.get(cells.get(STATUS, ""))
    if status is None:
        err(STATUS, "应为有效、暂停或撤销")
    status_date = None
    reason = cells.get(STATUS_REASON, "")
    if status and status != "valid":
        status_date = _date(cells.get(STATUS_DATE, ""))
        if status_date is None:
            err(STATUS_DATE, "暂停或撤销的证书须填写状态日期（如 2024-06-30）")
        elif issued is not None and status_date < issued:
            err(STATUS_DATE, "不能早于发证日期")
        if not reason:
            err(STATUS_REASON, "暂停或撤销的证书须填写原因")
    if len(reason) > MAX_REASON:
        err(STATUS_REASON, f"不能超过 {MAX_REASON} 字")
    if parsed is not None and body is not None and (parsed.letter, parsed.ministry_code, parsed.city_serial) != (
            body.letter, body.ministry_code, body.city_serial):
        err(NUMBER, f"编号第 1–13 位应为该评价机构的 {body.letter}{body.ministry_code}31{body.city_serial}")
    if parsed is not None and issued is not None and parsed.year != issued.year:
        err(NUMBER, f"编号第 14–15 位（年份 {parsed.year}）与发证日期不符")
    if parsed is not None and level is not None and parsed.level_digit != 6 - level:
        err(NUMBER, f"编号第 16 位（等级 {parsed.level_digit}）与“{LEVEL}”不符")
    if errors:
        return (None if parsed is None else _placeholder(text, line)), errors
    return CertificateRow(
        line=line, number=text, name=name, resident_id=resident, body_id=body.body_id, occupation_id=occupation_id,
        work_type_id=work_type_id, special_item=special, level=level, issued_on=issued, status=status,
        status_date=status_date, status_reason=reason if status != "valid" else "",
    ), errors


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
