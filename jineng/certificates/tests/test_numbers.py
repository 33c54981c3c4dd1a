import pytest

from jineng.certificates.engine.numbers import (
    CertificateNumber,
    NumberError,
    level_digit_from_skill_level,
    name_mask,
    name_matches,
    number_is_valid,
    number_make,
    number_parse,
    number_prefix,
    skill_level_from_level_digit,
)


def test_parse_reads_every_part():
    number = number_parse("Y000131000123243000045")
    assert number == CertificateNumber(letter="Y", ministry_code="0001", province="31", city_serial="000123",
                                       year=2024, level_digit=3, serial=45)
    assert str(number) == "Y000131000123243000045"


def test_make_and_parse_round_trip():
    text = number_make(letter="S", ministry_code="0000", city_serial="310105", year=2023, level_digit=1,
                       serial=999_999)
    assert text == "S000031310105231999999"
    assert len(text) == 22
    assert str(number_parse(text)) == text
    assert number_prefix(letter="S", ministry_code="0000", city_serial="310105", year=2023, level_digit=1) == text[:16]


def test_parse_accepts_what_people_type():
    assert number_parse(" y0001 31000123243000045 ").letter == "Y"
    assert number_parse("".join(chr(ord(c) + 0xFEE0) for c in "Y000131000123243000045")).serial == 45


@pytest.mark.parametrize(("text", "reason"), [
    ("", "length"),
    ("Y00013100012324300004", "length"),
    ("Y0001310001232430000451", "length"),
    ("X000131000123243000045", "letter"),
    ("Y0001310001232430000A5", "digits"),
    ("Y000123000123243000045", "province"),
    ("Y000131000123246000045", "level"),
    ("Y000131000123240000045", "level"),
    ("Y٠٠٠131000123243000045", "digits"),
])
def test_parse_refuses(text, reason):
    with pytest.raises(NumberError) as caught:
        number_parse(text)
    assert caught.value.reason == reason
    assert not number_is_valid(text)


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("letter", "Z", "letter"), ("ministry_code", "01", "ministry_code"), ("city_serial", "12345a", "city_serial"),
    ("year", 1999, "year"), ("level_digit", 0, "level"), ("serial", 0, "serial"), ("serial", 1_000_000, "serial"),
])
def test_make_refuses(field, value, reason):
    parts = {"letter": "Y", "ministry_code": "0001", "city_serial": "000123", "year": 2024, "level_digit": 3,
             "serial": 1}
    parts[field] = value
    with pytest.raises(NumberError) as caught:
        number_make(**parts)
    assert caught.value.reason == reason


def test_levels_map_both_ways():
    assert [level_digit_from_skill_level(v) for v in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]
    assert [skill_level_from_level_digit(d) for d in (5, 4, 3, 2, 1)] == [1, 2, 3, 4, 5]
    with pytest.raises(NumberError):
        level_digit_from_skill_level(6)


def test_name_mask_and_match():
    assert name_mask("张小三") == "张*三"
    assert name_mask("张三") == "张*"
    assert name_mask("欧阳小明") == "欧**明"
    assert name_mask("张") == "张"
    assert name_matches(" 张三 ", "张三")
    assert name_matches("阿依古丽.买买提", "阿依古丽·买买提")
    assert not name_matches("", "")
    assert not name_matches("张四", "张三")
