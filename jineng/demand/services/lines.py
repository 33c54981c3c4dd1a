"""The rules of one demand line, shared by the form, the API and the spreadsheet upload.

Values arrive as text (a spreadsheet cell, a form field) or typed (the API); each parser returns the typed
value or raises ``Invalid`` with a message that names no field — the caller adds the row and column.
"""
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from jineng.demand.choices import Urgency
from jineng.occupations.choices import CERTIFICATE_DIGIT_TO_LEVEL, SkillLevel
from jineng.occupations.models import Occupation, WorkType

COLUMNS = {
    "occupation": "职业编码",
    "work_type": "工种",
    "level": "技能等级",
    "headcount": "需求人数",
    "urgency": "紧急程度",
    "vacancy_months": "空缺时长（月）",
    "applicants_per_vacancy": "每岗位应聘人数",
    "offered_monthly_pay": "月薪（元）",
    "expected_hire_date": "预计到岗日期",
    "reason": "原因",
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


def _level_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for level in SkillLevel:
        label = str(level.label)
        names[label] = level.value
        for part in label.split("/"):
            names[part] = level.value
    for digit, level in CERTIFICATE_DIGIT_TO_LEVEL.items():
        names[str(digit)] = level.value
    return names


LEVEL_NAMES = _level_names()
URGENCY_NAMES = {str(u.value): u.value for u in Urgency} | {str(u.label): u.value for u in Urgency}


class Lookups:
    """Reference data loaded once for a whole file: occupation codes and their work types."""

    def __init__(self) -> None:
        self.occupations: dict[str, int] = dict(
            Occupation.objects.filter(classification="2022").values_list("code", "id")
        )
        self.work_types: dict[tuple[int, str], int] = {
            (occupation_id, name): pk for pk, occupation_id, name in WorkType.objects.values_list("id", "occupation_id", "name")
        }

    def occupation_id(self, code: str) -> int:
        code = code.strip()
        if not code:
            raise Invalid(_("请填写职业编码"))
        found = self.occupations.get(code)
        if found is None:
            raise Invalid(_("“{code}”不是 2022 年版职业分类大典中的职业编码").format(code=code))
        return found

    def work_type_id(self, occupation_id: int, name: str, code: str) -> int | None:
        name = name.strip()
        if not name:
            return None
        found = self.work_types.get((occupation_id, name))
        if found is None:
            raise Invalid(_("“{name}”不是职业 {code} 下的工种").format(name=name, code=code))
        return found


def parse_level(value: Any) -> int:
    text = str(value).strip().replace(" ", "")
    if text in LEVEL_NAMES:
        return LEVEL_NAMES[text]
    raise Invalid(_("“{text}”不是技能等级，可填 1–5（证书等级）或 三级、高级工、三级/高级工 等").format(text=text))


def parse_urgency(value: Any) -> int:
    text = str(value).strip()
    if text in URGENCY_NAMES:
        return URGENCY_NAMES[text]
    raise Invalid(_("“{text}”不是紧急程度，可填 1 一般、2 较急、3 紧急").format(text=text))


def parse_headcount(value: Any) -> int:
    text = str(value).strip().replace(",", "")
    if not text.isdigit() or int(text) <= 0:
        raise Invalid(_("“{text}”不是正整数").format(text=text))
    count = int(text)
    if count > HEADCOUNT_LIMIT:
        raise Invalid(_("{count} 超过上限 {HEADCOUNT_LIMIT}").format(count=count, HEADCOUNT_LIMIT=HEADCOUNT_LIMIT))
    return count


def parse_decimal(value: Any, *, limit: Decimal) -> Decimal:
    text = str(value).strip().replace(",", "")
    if not text:
        raise Invalid(_("请填写"))
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise Invalid(_("“{text}”不是数字").format(text=text)) from exc
    if not number.is_finite():
        raise Invalid(_("“{text}”不是数字").format(text=text))
    if number < 0:
        raise Invalid(_("不能为负数"))
    if number > limit:
        raise Invalid(_("{text} 超过上限 {limit}").format(text=text, limit=limit))
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
            raise Invalid(_("“{text}”不是日期，格式应为 2024-07-01").format(text=text))
        try:
            parsed = date(*(int(part) for part in match.groups()))
        except ValueError as exc:
            raise Invalid(_("“{text}”不是有效日期").format(text=text)) from exc
    if not DATE_RANGE[0] <= parsed <= DATE_RANGE[1]:
        raise Invalid(_("{parsed:%Y-%m-%d} 不在合理范围内").format(parsed=parsed))
    return parsed


def parse_reason(value: Any) -> str:
    text = str(value or "").strip()
    if len(text) > REASON_LIMIT:
        raise Invalid(_("不能超过 {REASON_LIMIT} 个字").format(REASON_LIMIT=REASON_LIMIT))
    return text


def parse_line(raw: dict[str, Any], lookups: Lookups, *, level_parser=parse_level) -> tuple[LineValues | None, list[tuple[str, str]]]:
    """Every field checked; the errors are (column label, message) pairs."""
    errors: list[tuple[str, str]] = []
    values: dict[str, Any] = {}

    def attempt(field: str, parse, *args) -> Any:
        try:
            return parse(*args)
        except Invalid as exc:
            errors.append((COLUMNS[field], str(exc)))
            return None

    code = str(raw.get("occupation") or "").strip()
    occupation_id = attempt("occupation", lookups.occupation_id, code)
    values["occupation_id"] = occupation_id
    work_type = str(raw.get("work_type") or "")
    values["work_type_id"] = attempt("work_type", lookups.work_type_id, occupation_id, work_type, code) if occupation_id else None
    values["level"] = attempt("level", level_parser, raw.get("level", ""))
    values["headcount"] = attempt("headcount", parse_headcount, raw.get("headcount", ""))
    values["urgency"] = attempt("urgency", parse_urgency, raw.get("urgency", ""))
    for field, limit in DECIMAL_LIMITS.items():
        values[field] = attempt(field, lambda v, limit=limit: parse_decimal(v, limit=limit), raw.get(field, ""))
    values["expected_hire_date"] = attempt("expected_hire_date", parse_date, raw.get("expected_hire_date"))
    values["reason"] = attempt("reason", parse_reason, raw.get("reason", ""))
    if errors:
        return None, errors
    return LineValues(**values), []


def parse_skill_level_value(value: Any) -> int:
    """The API and the form send the SkillLevel value itself (0 学徒工 … 7 首席技师)."""
    try:
        level = int(value)
    except (TypeError, ValueError) as exc:
        raise Invalid(_("“{value}”不是技能等级").format(value=value)) from exc
    if level not in SkillLevel.values:
        raise Invalid(_("“{value}”不是技能等级").format(value=value))
    return level
