"""Resident identity numbers (GB 11643) and unified social credit codes (GB 32100).

Pure functions (no Django, so engines may use them): parse, check, mask and generate synthetic numbers for
demo data; the Django field validators over them live in ``jineng.core.identifiers``. The checksums are
implemented here rather than taken from python-stdnum, whose ``ric.is_valid`` also demands that the area
code existed on the birth date and so rejects the standard's own example 440524188001010014.

Synthetic numbers carry valid check characters and Shanghai area codes, so one may coincide with a real
person's or organisation's number: use them only in demo data and fixtures, never with real names, and tag
such records ``is_synthetic``.
"""

import csv
import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from operator import mul
from pathlib import Path
from zoneinfo import ZoneInfo

from jineng.core.engine.messages import Message, gettext_noop
from jineng.core.exceptions import DomainError

SHANGHAI = ZoneInfo("Asia/Shanghai")
DISTRICTS_CSV = Path(__file__).resolve().parent.parent / "data" / "districts.csv"


class InvalidIdentifier(DomainError, ValueError):
    """An identifier failed a hard check; the message (``message``: a ``Message``, Chinese as a string) is one
    a user can act on, translated where it is shown (``core.messages.message_text``)."""

    @property
    def message(self) -> str:
        return self.args[0] if self.args else ""


# Resident identity number ------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_WEIGHTS_ZERO = ord("0") * sum(_ID_WEIGHTS)
_ID_CHECK_CHARS = "10X98765432"
# GB/T 2260 province-level prefixes; 81/82/83 are used by Hong Kong, Macao and Taiwan residence permits.
_PROVINCE_SPANS = ((11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65), (71, 71), (81, 83))
_PROVINCES = frozenset(str(n) for low, high in _PROVINCE_SPANS for n in range(low, high + 1))
# Retired Shanghai codes stay on people's cards for life (DOMAIN.md §5), so they are known, not suspicious.
_SHANGHAI_HISTORIC = frozenset(
    ["310000", "310100", "310102", "310103", "310108", "310111", "310119", "310200"]
    + [f"3102{n:02d}" for n in [*range(1, 11), *range(21, 31)]]
)


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    sex: str  # "M" or "F"
    area_code: str
    warnings: tuple[str, ...] = ()


def resident_id_check_char(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError("17 characters expected")
    if first17.isascii() and first17.isdigit():  # the digits' code points, less 48 × the sum of the weights
        total = sum(map(mul, first17.encode(), _ID_WEIGHTS)) - _ID_WEIGHTS_ZERO
    else:
        total = sum(map(mul, map(int, first17), _ID_WEIGHTS))
    return _ID_CHECK_CHARS[total % 11]


def resident_id_normalise(text: str) -> str:
    if text.isascii():  # NFKC leaves ASCII as it is
        return text.strip().upper()
    # NFKC turns full-width digits, Ｘ and the ideographic space into their ASCII forms.
    return unicodedata.normalize("NFKC", text).strip().upper()


def resident_id_parse(text: str, *, today: date | None = None) -> ResidentId:
    number = resident_id_normalise(text)
    _check_resident_id_shape(number)
    birth_date = _resident_id_birth_date(number[6:14], today=today or _today())
    expected = resident_id_check_char(number[:17])
    if number[17] != expected:
        raise InvalidIdentifier(Message(gettext_noop("身份证号码校验位错误：应为 {expected}"), expected=expected))
    sex = "M" if int(number[16]) % 2 else "F"
    warning = _area_code_warning(number[:6])
    return ResidentId(number, birth_date, sex, number[:6], (warning,) if warning else ())


def resident_id_mask(number: str) -> str:
    number = resident_id_normalise(number)
    if len(number) != 18:
        return "*" * len(number)
    return f"{number[:6]}{'*' * 8}{number[14:]}"


def synthetic_resident_id(
    *,
    rng: random.Random,
    area: str = "310115",
    born_from: date = date(1965, 1, 1),
    born_to: date = date(2004, 12, 31),
    sex: str | None = None,
) -> str:
    if not re.fullmatch(r"[1-9]\d{5}", area) or sex not in (None, "M", "F") or born_to < born_from:
        raise ValueError("area must be 6 digits, sex 'M', 'F' or None, born_from <= born_to")
    born = born_from + timedelta(days=rng.randint(0, (born_to - born_from).days))
    male = rng.random() < 0.5 if sex is None else sex == "M"
    sequence = rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"{area}{born:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check_char(first17)


def _today() -> date:
    return datetime.now(SHANGHAI).date()


def _check_resident_id_shape(number: str) -> None:
    if len(number) == 18 and number.isascii() and number[:17].isdigit() and number[17] in "0123456789X":
        return
    if len(number) != 18:
        raise InvalidIdentifier(Message(gettext_noop("身份证号码应为 18 位，当前为 {length} 位"), length=len(number)))
    for position, char in enumerate(number[:17], start=1):
        if not char.isascii() or not char.isdigit():
            raise InvalidIdentifier(Message(gettext_noop("身份证号码第 {position} 位“{char}”不是数字"), position=position, char=char))
    if number[17] not in "0123456789X":
        raise InvalidIdentifier(Message(gettext_noop("身份证号码第 18 位“{char}”只能是数字或 X"), char=number[17]))


def _resident_id_birth_date(digits: str, *, today: date) -> date:
    try:
        birth_date = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        birth_date = None
    if birth_date is None or birth_date.year < 1800:
        raise InvalidIdentifier(Message(gettext_noop("出生日期 {digits} 不是有效日期"), digits=digits))
    if birth_date > today:
        raise InvalidIdentifier(Message(gettext_noop("出生日期 {digits} 晚于今天"), digits=digits))
    return birth_date


@cache
def _shanghai_area_codes() -> frozenset[str]:
    with DISTRICTS_CSV.open(encoding="utf-8") as handle:
        current = {row["code"] for row in csv.DictReader(handle)}
    return frozenset(current) | _SHANGHAI_HISTORIC


def _area_code_warning(area_code: str) -> str | None:
    # Only Shanghai's codes are held in full; elsewhere the province prefix is all we can vouch for.
    if area_code[:2] not in _PROVINCES:
        return Message(gettext_noop("地址码 {code} 不是已知的行政区划代码"), code=area_code)
    if area_code.startswith("31") and area_code not in _shanghai_area_codes():
        return Message(gettext_noop("地址码 {code} 不是已知的上海市行政区划代码"), code=area_code)
    return None


# Unified social credit code ----------------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(char) * w for char, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[-total % 31]


def uscc_normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().upper()


def uscc_validate(text: str) -> str:
    code = uscc_normalise(text)
    if len(code) != 18:
        raise InvalidIdentifier(Message(gettext_noop("统一社会信用代码应为 18 位，当前为 {length} 位"), length=len(code)))
    for position, char in enumerate(code, start=1):
        _check_uscc_char(position, char)
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise InvalidIdentifier(Message(gettext_noop("统一社会信用代码校验位错误：应为 {expected}"), expected=expected))
    return code


def uscc_org_code_warning(code: str) -> str | None:
    code = uscc_validate(code)
    expected = _org_code_check_char(code[8:16])
    if code[16] != expected:
        return Message(gettext_noop("组织机构代码（第 9–17 位）校验位不符：应为 {expected}"), expected=expected)
    return None


def synthetic_uscc(*, rng: random.Random, region: str = "310115") -> str:
    if not re.fullmatch(r"\d{6}", region):
        raise ValueError("region must be 6 digits")
    body = "".join(rng.choice(USCC_ALPHABET) for _ in range(8))
    first17 = f"91{region}{body}{_org_code_check_char(body)}"
    return first17 + uscc_check_char(first17)


def _check_uscc_char(position: int, char: str) -> None:
    if 3 <= position <= 8 and not ("0" <= char <= "9"):
        raise InvalidIdentifier(Message(gettext_noop("统一社会信用代码第 {position} 位“{char}”应为数字（登记管理机关行政区划码）"), position=position,
                                  char=char))
    if char not in USCC_ALPHABET:
        raise InvalidIdentifier(
            Message(gettext_noop("统一社会信用代码第 {position} 位“{char}”不是允许的字符（只用数字和除 I、O、S、V、Z 外的大写字母）"),
              position=position, char=char)
        )


def _org_code_check_char(body8: str) -> str:
    # GB 11714 values letters A=10 … Z=35, unlike the 31-symbol USCC alphabet.
    total = sum(int(char, 36) * w for char, w in zip(body8, _ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))
