"""The arithmetic of every scheme and applicant category, with its trace, from the reference data files."""

from datetime import date
from decimal import Decimal

import pytest

from jineng.subsidies.engine import Case, Membership, Parameter, QuoteError, parameters_in_force, quote
from jineng.subsidies.reference import read_csv

KEY_LIST = (Membership("key_support", "2025年重点支持职业（工种）目录", date(2025, 1, 10)),)


def parameters(scheme: str, on: date) -> dict[str, Parameter]:
    rows = [Parameter(key=r["key"], value=Decimal(r["value"]), valid_from=date.fromisoformat(r["valid_from"]),
                      valid_to=date.fromisoformat(r["valid_to"]) if r["valid_to"] else None, id=n, source=r["source"])
            for n, r in enumerate(read_csv("parameters.csv"), start=1) if r["scheme"] == scheme]
    return parameters_in_force(rows, on=on)


def shanghai_quote(level, category, *, on=date(2025, 3, 1), memberships=()):
    case = Case("sh_skill_upgrade", "certificate", level, category, on, memberships)
    return quote(case, parameters("sh_skill_upgrade", on))


STANDARDS = [(1, "1500.00"), (2, "2000.00"), (3, "2500.00"), (4, "3000.00"), (5, "3500.00"), (None, "1000.00")]
SHARES = [("unemployed_hukou", "1.00"), ("disabled", "1.00"), ("veteran", "1.00"), ("employed", "0.80"),
          ("college_graduate", "0.80"), ("vocational_graduate", "0.80")]
# College graduates claim from 四级 up (tested below), every other category at every level.
CASES = [(level, standard, category, share) for level, standard in STANDARDS for category, share in SHARES
         if category != "college_graduate" or (level or 0) >= 2]


@pytest.mark.parametrize(("level", "standard", "category", "share"), CASES)
def test_shanghai_amount_is_standard_for_level_times_share_of_category(level, standard, category, share):
    result = shanghai_quote(level, category)

    assert result.amount == (Decimal(standard) * Decimal(share)).quantize(Decimal("0.01"))
    assert [step.label for step in result.trace] == ["补贴标准", "目录上浮", "个人比例", "计算", "取整"]
    assert result.trace[0].value == f"{standard} 元"
    assert result.trace[2].value == ("100%" if share == "1.00" else "80%")


def test_key_support_occupation_for_employed_person_is_2500_times_1_3_times_0_8():
    result = shanghai_quote(3, "employed", memberships=KEY_LIST)

    assert result.amount == Decimal("2600.00")
    uplift = result.trace[1]
    assert uplift.value == "30%"
    assert "重点支持" in uplift.detail
    assert uplift.parameter.startswith("uplift.key_support@2024-12-01")
    assert any(v.startswith("standard.level.3@2019-01-01") for v in result.versions)


def test_key_support_occupation_for_unemployed_hukou_person_is_2500_times_1_3():
    assert shanghai_quote(3, "unemployed_hukou", memberships=KEY_LIST).amount == Decimal("3250.00")


def test_certificate_without_level_gets_1000():
    result = shanghai_quote(None, "unemployed_hukou")

    assert result.amount == Decimal("1000.00")
    assert "不分等级" in result.trace[0].detail


def test_uplift_parameter_switches_on_at_its_valid_from_date():
    before = shanghai_quote(3, "employed", on=date(2024, 11, 30),
                            memberships=(Membership("key_support", "重点支持", None),))
    after = shanghai_quote(3, "employed", on=date(2024, 12, 1),
                           memberships=(Membership("key_support", "重点支持", None),))

    assert before.amount == Decimal("2000.00")
    assert after.amount == Decimal("2600.00")


def test_certificate_issued_before_catalogue_publication_gets_no_uplift():
    result = shanghai_quote(3, "employed", on=date(2025, 1, 5), memberships=KEY_LIST)

    assert result.amount == Decimal("2000.00")
    assert "早于" in result.trace[1].detail


def test_urgent_catalogue_uplift_is_zero_until_set():
    result = shanghai_quote(3, "employed", memberships=(Membership("urgent", "急需紧缺目录", date(2025, 1, 1)),))

    assert result.amount == Decimal("2000.00")
    assert result.trace[1].parameter.startswith("uplift.urgent@")


def test_college_graduate_below_intermediate_level_is_refused_with_a_reason():
    with pytest.raises(QuoteError, match="中级"):
        shanghai_quote(1, "college_graduate")


def test_category_outside_the_scheme_is_refused_with_a_reason():
    with pytest.raises(QuoteError, match="不在该补贴项目"):
        shanghai_quote(3, "insured_employee")


@pytest.mark.parametrize(("level", "amount"), [(1, "1000.00"), (2, "1500.00"), (3, "2000.00")])
@pytest.mark.parametrize("category", ["insured_employee", "ui_recipient"])
def test_unemployment_insurance_scheme_pays_fixed_amount_by_level(level, amount, category):
    case = Case("ui_skill_upgrade", "certificate", level, category, date(2025, 3, 1))

    result = quote(case, parameters("ui_skill_upgrade", date(2025, 3, 1)))

    assert result.amount == Decimal(amount)
    assert result.trace[-1].label == "取整"


def test_unemployment_insurance_scheme_has_no_standard_for_technicians():
    case = Case("ui_skill_upgrade", "certificate", 4, "insured_employee", date(2025, 3, 1))

    with pytest.raises(QuoteError, match="二级/技师"):
        quote(case, parameters("ui_skill_upgrade", date(2025, 3, 1)))


def test_enterprise_training_pays_class_hours_times_rate_up_to_cap():
    on = date(2025, 3, 1)
    short = quote(Case("ent_training", "course", class_hours=24), parameters("ent_training", on))
    long = quote(Case("ent_training", "course", class_hours=120), parameters("ent_training", on))

    assert short.amount == Decimal("360.00")
    assert long.amount == Decimal("600.00")
    assert [step.label for step in long.trace] == ["课时费率", "课时", "上限", "取整"]


def test_apprenticeship_pays_standard_per_apprentice_per_year():
    result = quote(Case("apprenticeship", "apprentice", period_year=2025), parameters("apprenticeship", date(2025, 1, 1)))

    assert result.amount == Decimal("5000.00")
    assert "2025" in result.trace[0].detail


def test_rounding_is_half_up_to_the_cent():
    params = {"standard.level.3": Parameter("standard.level.3", Decimal("1000.05"), date(2019, 1, 1)),
              "share.employed": Parameter("share.employed", Decimal("0.50"), date(2019, 1, 1))}

    result = quote(Case("x", "certificate", 3, "employed", date(2025, 1, 1)), params)

    assert result.amount == Decimal("500.03")


def test_later_parameter_row_supersedes_an_earlier_one():
    rows = [Parameter("cap.per_year", Decimal(3), date(2019, 1, 1), date(2025, 1, 1)),
            Parameter("cap.per_year", Decimal(1), date(2025, 1, 1))]

    assert parameters_in_force(rows, on=date(2024, 12, 31))["cap.per_year"].value == 3
    assert parameters_in_force(rows, on=date(2025, 1, 1))["cap.per_year"].value == 1
