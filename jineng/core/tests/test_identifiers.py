import random
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jineng.core.identifiers import (
    InvalidIdentifier,
    resident_id_check_char,
    resident_id_mask,
    resident_id_normalise,
    resident_id_parse,
    synthetic_resident_id,
    synthetic_uscc,
    uscc_check_char,
    uscc_org_code_warning,
    uscc_validate,
    validate_resident_id,
    validate_uscc,
)

TODAY = date(2024, 6, 1)


def _with_id_check_char(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


# Resident identity number ------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_accepts_the_standards_own_examples(number):
    parsed = resident_id_parse(number, today=TODAY)

    assert parsed.number == number
    assert parsed.warnings == ()


def test_reads_birth_date_sex_and_area_code():
    parsed = resident_id_parse("11010519491231002X", today=TODAY)

    assert (parsed.birth_date, parsed.sex, parsed.area_code) == (date(1949, 12, 31), "F", "110105")
    assert resident_id_parse("440524188001010014", today=TODAY).sex == "M"


@pytest.mark.parametrize(("wrong", "expected"), [("110105194912310021", "X"), ("44052418800101001X", "4")])
def test_rejects_an_id_with_a_wrong_check_char_naming_the_right_one(wrong, expected):
    with pytest.raises(InvalidIdentifier, match=f"身份证号码校验位错误：应为 {expected}$"):
        resident_id_parse(wrong, today=TODAY)


def test_accepts_lowercase_x_and_full_width_digits():
    assert resident_id_parse(" 11010519491231002x ", today=TODAY).number == "11010519491231002X"
    assert resident_id_normalise("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"


@pytest.mark.parametrize("number", ["11010519491231002", "11010519491231002X0"])
def test_rejects_an_id_of_wrong_length_saying_how_long_it_is(number):
    with pytest.raises(InvalidIdentifier, match=f"身份证号码应为 18 位，当前为 {len(number)} 位"):
        resident_id_parse(number, today=TODAY)


def test_rejects_letters_among_the_first_17_characters():
    with pytest.raises(InvalidIdentifier, match="第 3 位“A”不是数字"):
        resident_id_parse("11A10519491231002X", today=TODAY)


def test_rejects_an_impossible_birth_date():
    with pytest.raises(InvalidIdentifier, match="出生日期 19491331 不是有效日期"):
        resident_id_parse(_with_id_check_char("31011519491331002"), today=TODAY)


def test_rejects_a_birth_date_in_the_future():
    number = _with_id_check_char("31011520240602002")

    with pytest.raises(InvalidIdentifier, match="出生日期 20240602 晚于今天"):
        resident_id_parse(number, today=TODAY)
    assert resident_id_parse(number, today=date(2024, 6, 2)).birth_date == date(2024, 6, 2)


@pytest.mark.parametrize("area", ["310103", "310108", "310119", "310230", "310102", "310225", "310151"])
def test_accepts_current_and_retired_shanghai_area_codes_without_warning(area):
    parsed = resident_id_parse(_with_id_check_char(f"{area}19800101001"), today=TODAY)

    assert parsed.warnings == ()


@pytest.mark.parametrize("area", ["990101", "310199"])
def test_accepts_an_unknown_area_code_with_a_warning(area):
    parsed = resident_id_parse(_with_id_check_char(f"{area}19900101001"), today=TODAY)

    assert len(parsed.warnings) == 1
    assert area in parsed.warnings[0]


def test_masks_all_but_area_and_last_four():
    assert resident_id_mask("310115199001014302") == "310115********4302"
    assert resident_id_mask("3101151990") == "**********"


@pytest.mark.parametrize("sex", ["M", "F"])
def test_synthetic_ids_validate_and_follow_the_requested_sex(sex):
    rng = random.Random(2024)

    numbers = [synthetic_resident_id(rng=rng, sex=sex) for _ in range(1000)]

    for number in numbers:
        parsed = resident_id_parse(number)
        assert parsed.sex == sex
        assert parsed.area_code == "310115"
        assert date(1965, 1, 1) <= parsed.birth_date <= date(2004, 12, 31)
        assert parsed.warnings == ()


def test_synthetic_ids_are_deterministic_for_a_seed():
    def batch(seed: int) -> list[str]:
        rng = random.Random(seed)
        return [synthetic_resident_id(rng=rng, area="310104") for _ in range(50)]

    assert batch(7) == batch(7)
    assert batch(7) != batch(8)


def test_check_char_agrees_with_python_stdnum():
    ric = pytest.importorskip("stdnum.cn.ric")  # a dev-only cross-check; the module itself needs no stdnum
    rng = random.Random(11643)

    for _ in range(500):
        first17 = synthetic_resident_id(rng=rng, area=f"{rng.randint(110000, 659999)}")[:17]
        assert resident_id_check_char(first17) == ric.calc_check_digit(first17 + "0")


def test_django_validator_raises_validation_error_with_the_chinese_message():
    validate_resident_id("11010519491231002X")

    with pytest.raises(ValidationError) as raised:
        validate_resident_id("110105194912310021")

    assert raised.value.code == "invalid"
    assert raised.value.messages == ["身份证号码校验位错误：应为 X"]


# Unified social credit code ----------------------------------------------------------------------------

PUBLIC_CODES = ["914403001922038216", "91310000132260250X", "9144030071526726XG", "91330100799655058B"]


@pytest.mark.parametrize("code", PUBLIC_CODES)
def test_accepts_public_credit_codes_with_no_org_code_warning(code):
    assert uscc_validate(code) == code
    assert uscc_org_code_warning(code) is None


def test_normalises_credit_code_case_and_whitespace():
    assert uscc_validate(" 9144030071526726xg ") == "9144030071526726XG"


@pytest.mark.parametrize(("code", "expected"), [("914403001922038217", "6"), ("91440300192189148B", "W")])
def test_rejects_a_credit_code_with_a_wrong_check_char_naming_the_right_one(code, expected):
    with pytest.raises(InvalidIdentifier, match=f"统一社会信用代码校验位错误：应为 {expected}$"):
        uscc_validate(code)


@pytest.mark.parametrize(
    ("code", "position"), [("914403001I22038216", 10), ("91440300192203821O", 18), ("S14403001922038216", 1)]
)
def test_rejects_letters_outside_the_alphabet_naming_the_position(code, position):
    with pytest.raises(InvalidIdentifier, match=f"第 {position} 位“{code[position - 1]}”不是允许的字符"):
        uscc_validate(code)


def test_rejects_a_letter_in_the_region_code():
    with pytest.raises(InvalidIdentifier, match="第 5 位“A”应为数字"):
        uscc_validate("9144A3001922038216")


@pytest.mark.parametrize("code", ["91440300192203821", "9144030019220382166"])
def test_rejects_a_credit_code_of_wrong_length(code):
    with pytest.raises(InvalidIdentifier, match=f"统一社会信用代码应为 18 位，当前为 {len(code)} 位"):
        uscc_validate(code)


def test_warns_when_the_embedded_org_code_check_fails():
    first17 = "9131011512345678" + "0"  # GB 11714 gives 8 for 12345678: 11 - 201 % 11
    code = first17 + uscc_check_char(first17)

    assert uscc_validate(code) == code
    assert uscc_org_code_warning(code) == "组织机构代码（第 9–17 位）校验位不符：应为 8"


def test_synthetic_credit_codes_validate_without_warnings():
    rng = random.Random(32100)

    codes = [synthetic_uscc(rng=rng) for _ in range(1000)]

    for code in codes:
        assert uscc_validate(code) == code
        assert uscc_org_code_warning(code) is None
        assert code.startswith("91310115")


def test_synthetic_credit_codes_are_deterministic_for_a_seed():
    def batch(seed: int) -> list[str]:
        rng = random.Random(seed)
        return [synthetic_uscc(rng=rng, region="310104") for _ in range(50)]

    assert batch(7) == batch(7)
    assert batch(7) != batch(8)


def test_credit_code_check_char_agrees_with_python_stdnum():
    uscc = pytest.importorskip("stdnum.cn.uscc")
    rng = random.Random(31)

    for _ in range(500):
        first17 = synthetic_uscc(rng=rng, region=f"{rng.randint(0, 999999):06d}")[:17]
        assert uscc_check_char(first17) == uscc.calc_check_digit(first17)
        assert uscc.is_valid(first17 + uscc_check_char(first17))


def test_django_validator_for_credit_codes_raises_validation_error():
    validate_uscc("914403001922038216")

    with pytest.raises(ValidationError) as raised:
        validate_uscc("914403001922038217")

    assert raised.value.code == "invalid"
    assert raised.value.messages == ["统一社会信用代码校验位错误：应为 6"]
