"""The 22-character number of a 职业技能等级证书 (DOMAIN §7.5), pure.

``Y`` or ``S`` · 4-digit ministry code of the body · province ``31`` · 6-digit city serial of the body ·
2-digit year of issue · level digit 1–5 (1 = 一级/高级技师 … 5 = 五级/初级工) · 6-digit certificate serial.
No check character is defined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LENGTH = 22
PROVINCE = "31"
LETTERS = ("Y", "S")
MAX_SERIAL = 999_999
_PATTERN = re.compile(r"^[YS][0-9]{21}$")


class NumberError(ValueError):
    """A string that is not a certificate number, or parts that cannot make one; ``reason`` is a short key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class CertificateNumber:
    letter: str
    ministry_code: str
    province: str
    city_serial: str
    year: int  # four digits
    level_digit: int  # 1 (highest) … 5
    serial: int

    def __str__(self) -> str:
        return number_format(self)


def number_normalise(text: str) -> str:
    """Trim spaces, upper-case the letter and turn full-width digits into ASCII (people type them)."""
    if text.isascii():  # the usual case, without a loop over the characters
        return text.strip().replace(" ", "").replace("-", "").upper()
    out = []
    for ch in text.strip():
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            ch = chr(code - 0xFEE0)
        if ch in " \u3000-":
            continue
        out.append(ch)
    return "".join(out).upper()


def number_is_valid(text: str) -> bool:
    return bool(_PATTERN.match(text)) and text[5:7] == PROVINCE and text[15] in "12345"


def number_parse(text: str, *, province: str = PROVINCE) -> CertificateNumber:
    """Parse a number; raise ``NumberError`` with the reason ("length", "letter", "digits", "province", "level")."""
    text = number_normalise(text)
    return number_parse_normalised(text, province=province)


def number_parse_normalised(text: str, *, province: str = PROVINCE) -> CertificateNumber:
    """``number_parse`` of a text ``number_normalise`` has already normalised (the bulk import)."""
    if len(text) != LENGTH:
        raise NumberError("length")
    if text[0] not in LETTERS:
        raise NumberError("letter")
    if not text[1:].isdigit() or not text[1:].isascii():
        raise NumberError("digits")
    if text[5:7] != province:
        raise NumberError("province")
    level = int(text[15])
    if not 1 <= level <= 5:
        raise NumberError("level")
    return CertificateNumber(
        letter=text[0], ministry_code=text[1:5], province=text[5:7], city_serial=text[7:13],
        year=2000 + int(text[13:15]), level_digit=level, serial=int(text[16:22]),
    )


def number_format(number: CertificateNumber) -> str:
    return number_make(
        letter=number.letter, ministry_code=number.ministry_code, city_serial=number.city_serial, year=number.year,
        level_digit=number.level_digit, serial=number.serial, province=number.province,
    )


def number_make(*, letter: str, ministry_code: str, city_serial: str, year: int, level_digit: int, serial: int,
                province: str = PROVINCE) -> str:
    """Build the number from its parts; raise ``NumberError`` when a part does not fit."""
    if letter not in LETTERS:
        raise NumberError("letter")
    if len(ministry_code) != 4 or not (ministry_code.isdigit() and ministry_code.isascii()):
        raise NumberError("ministry_code")
    if len(province) != 2 or not (province.isdigit() and province.isascii()):
        raise NumberError("province")
    if len(city_serial) != 6 or not (city_serial.isdigit() and city_serial.isascii()):
        raise NumberError("city_serial")
    if not 2000 <= year <= 2099:
        raise NumberError("year")
    if not 1 <= level_digit <= 5:
        raise NumberError("level")
    if not 1 <= serial <= MAX_SERIAL:
        raise NumberError("serial")
    return f"{letter}{ministry_code}{province}{city_serial}{year % 100:02d}{level_digit}{serial:06d}"


def number_prefix(*, letter: str, ministry_code: str, city_serial: str, year: int, level_digit: int,
                  province: str = PROVINCE) -> str:
    """The first 16 characters shared by every certificate of a body, year and level."""
    return number_make(letter=letter, ministry_code=ministry_code, city_serial=city_serial, year=year,
                       level_digit=level_digit, serial=1, province=province)[:16]


# SkillLevel values of the occupations app (L5 = 1 … L1 = 5) against the number's level digit (5 … 1).
def level_digit_from_skill_level(value: int) -> int:
    if not 1 <= value <= 5:
        raise NumberError("level")
    return 6 - value


def skill_level_from_level_digit(digit: int) -> int:
    if not 1 <= digit <= 5:
        raise NumberError("level")
    return 6 - digit


def name_mask(name: str) -> str:
    """张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明: first and last characters shown, the rest starred."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def name_matches(given: str, recorded: str) -> bool:
    """Exact match after trimming spaces and the middle dot variants of minority and foreign names."""
    def norm(s: str) -> str:
        return "".join(ch for ch in s.strip() if ch not in " \u3000").replace("．", "·").replace("•", "·").replace(
            ".", "·")
    return bool(given.strip()) and norm(given) == norm(recorded)
