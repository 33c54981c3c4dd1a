"""The rules of one wage-survey row, for the enterprise upload and the ``wage_levels`` command; pure Python.

``records_parse`` checks every row of a file against the 2022 classification's codes and returns either every
row typed or every problem as ``第 N 行“列”：…`` — never some of both, so the caller writes all or nothing.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jineng.core.engine.identifiers import InvalidIdentifier, uscc_validate
from jineng.core.engine.tables import header_positions
from jineng.wages.engine.levels import level_spellings

CREDIT_CODE = "统一社会信用代码"
COLUMNS = {
    "occupation_code": "职业编码",
    "work_type": "工种",
    "level": "技能等级",
    "annual_pay": "年度工资收入（元）",
    "basic_pay": "其中：基本工资",
    "bonus": "奖金",
    "allowances": "津贴补贴",
    "overtime_pay": "加班工资",
    "post_category": "岗位类别",
    "employment_form": "用工形式",
}
OPTIONAL = frozenset({"work_type", "basic_pay", "bonus", "allowances", "overtime_pay", "employment_form"})
COMPONENTS = ("basic_pay", "bonus", "allowances", "overtime_pay")
SKILL, MANAGEMENT, PROFESSIONAL = "skill", "management", "professional"
POST_CATEGORIES = {"技能": SKILL, "管理": MANAGEMENT, "专业技术": PROFESSIONAL}
# A year's pay below the first bound is most likely a monthly figure; above the second, a typing slip.
PAY_MIN = Decimal("12000")
PAY_MAX = Decimal("5000000")
COMPONENT_TOLERANCE = Decimal("1")  # yuan: rounding of each component to the yuan
TEXT_LIMIT = 40
# The template's example row: values as the parser reads them, in Chinese whatever the interface language.
EXAMPLE_ROW = ["6-18-01-01", "", "三级/高级工", "120000", "72000", "30000", "15000", "3000", "技能", "全日制"]
CENT = Decimal("0.01")


class Invalid(ValueError):
    pass


@dataclass(frozen=True)
class WageRow:
    row: int
    credit_code: str
    occupation_code: str
    work_type: str
    level: int | None
    annual_pay: Decimal
    basic_pay: Decimal | None
    bonus: Decimal | None
    allowances: Decimal | None
    overtime_pay: Decimal | None
    post_category: str
    employment_form: str


@dataclass(frozen=True)
class Parsed:
    rows: list[WageRow]
    errors: list[str]


def columns_for(*, with_credit_code: bool) -> list[str]:
    names = list(COLUMNS.values())
    return [CREDIT_CODE, *names] if with_credit_code else names


def parse_amount(text: str, *, low: Decimal = Decimal(0), high: Decimal = PAY_MAX) -> Decimal:
    cleaned = str(text).strip().replace(",", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation as exc:
        raise Invalid(f"“{cleaned}”不是数字") from exc
    if not number.is_finite():
        raise Invalid(f"“{cleaned}”不是数字")
    if number < low or number > high:
        raise Invalid(f"{cleaned} 不在合理范围 {low}–{high} 元之内")
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_level(text: str, post_category: str) -> int | None:
    cleaned = str(text).strip().replace(" ", "")
    if not cleaned:
        if post_category == SKILL:
            raise Invalid("技能岗位须填写技能等级")
        return None
    level = level_spellings().get(cleaned)
    if level is None:
        raise Invalid(f"“{cleaned}”不是技能等级，可填 五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师")
    return level


def records_parse(rows: Iterable[Sequence[str]], *, occupation_codes: Collection[str],
                  with_credit_code: bool = False) -> Parsed:
    """Every row of a file (header first) typed, or every problem; ``occupation_codes``: the 2022 codes."""
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        return Parsed([], ["文件是空的"])
    names = columns_for(with_credit_code=with_credit_code)
    required = [COLUMNS[k] for k in COLUMNS if k not in OPTIONAL] + ([CREDIT_CODE] if with_credit_code else [])
    positions, problems = header_positions(header, columns=names, required=required)
    if problems:
        return Parsed([], problems)
    parsed: list[WageRow] = []
    errors: list[str] = []
    for number, cells in enumerate(iterator, start=2):
        if not any(str(c).strip() for c in cells):
            continue
        raw = {name: (str(cells[i]).strip() if i < len(cells) else "") for name, i in positions.items()}
        row, row_errors = _row(number, raw, occupation_codes, with_credit_code)
        if row_errors:
            errors.extend(f"第 {number} 行“{column}”：{message}" for column, message in row_errors)
        elif row is not None:
            parsed.append(row)
    if not parsed and not errors:
        errors.append("文件中没有数据行")
    return Parsed([] if errors else parsed, errors)


def _row(number: int, raw: dict[str, str], occupation_codes: Collection[str],
         with_credit_code: bool) -> tuple[WageRow | None, list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    values: dict[str, object] = {}

    def check(key: str, column: str, parse) -> None:
        try:
            values[key] = parse(raw.get(column, ""))
        except Invalid as exc:
            errors.append((column, exc.args[0] if exc.args else str(exc)))

    if with_credit_code:
        check("credit_code", CREDIT_CODE, _credit_code)
    check("occupation_code", COLUMNS["occupation_code"], lambda t: _occupation(t, occupation_codes))
    check("work_type", COLUMNS["work_type"], _text)
    check("post_category", COLUMNS["post_category"], _post_category)
    check("level", COLUMNS["level"], lambda t: parse_level(t, values.get("post_category", SKILL)))
    check("annual_pay", COLUMNS["annual_pay"], lambda t: parse_amount(t, low=PAY_MIN) if t else _missing())
    for key in COMPONENTS:
        check(key, COLUMNS[key], lambda t: parse_amount(t) if t else None)
    check("employment_form", COLUMNS["employment_form"], _text)
    if errors:
        return None, errors
    problem = components_problem(values["annual_pay"], [values[k] for k in COMPONENTS])
    if problem:
        return None, [(COLUMNS["annual_pay"], problem)]
    return WageRow(row=number, credit_code=str(values.get("credit_code", "")), **{
        k: values[k] for k in ("occupation_code", "work_type", "level", "annual_pay", *COMPONENTS,
                               "post_category", "employment_form")}), []


def components_problem(total: Decimal, components: Sequence[Decimal | None]) -> str:
    """The components may not exceed the total; when all four are given they must add up to it (± 1 yuan)."""
    given = [c for c in components if c is not None]
    if not given:
        return ""
    added = sum(given, Decimal(0))
    if added > total + COMPONENT_TOLERANCE:
        return f"各项构成合计 {added} 元超过年度工资收入 {total} 元"
    if len(given) == len(components) and abs(added - total) > COMPONENT_TOLERANCE:
        return f"基本工资、奖金、津贴补贴、加班工资合计 {added} 元，与年度工资收入 {total} 元不符"
    return ""


def _missing():
    raise Invalid("请填写")


def _credit_code(text: str) -> str:
    if not text.strip():
        raise Invalid("请填写")
    try:
        return uscc_validate(text)
    except InvalidIdentifier as exc:
        raise Invalid(exc.message) from exc


def _occupation(text: str, occupation_codes: Collection[str]) -> str:
    code = text.strip()
    if not code:
        raise Invalid("请填写职业编码")
    if code not in occupation_codes:
        raise Invalid(f"“{code}”不是 2022 年版职业分类大典中的职业编码")
    return code


def _post_category(text: str) -> str:
    found = POST_CATEGORIES.get(text.strip())
    if found is None:
        raise Invalid("应为 技能、管理 或 专业技术")
    return found


def _text(text: str) -> str:
    if len(text) > TEXT_LIMIT:
        raise Invalid(f"不能超过 {TEXT_LIMIT} 个字")
    return text
