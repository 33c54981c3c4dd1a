"""Items 12 and 34 against figures computed by hand."""

from decimal import Decimal

import pytest

from jineng.core.exceptions import DomainError, NotAllowed
from jineng.wages.choices import Ownership
from jineng.wages.engine.commitments import (
    EnterpriseFigures,
    growth_by_enterprise,
    growth_by_group,
    share_by_group,
)
from jineng.wages.models import SoeGroup
from jineng.wages.selectors.soe import soe_commitments
from jineng.wages.services.soe import city_benchmark_set, ownership_set, soe_report_submit
from jineng.wages.tests.factories import enterprise, soe_values


def _f(name, group, skilled, new, high, managers, hs_growth, m_growth):
    return EnterpriseFigures(enterprise=name, group=group, skilled=skilled, new_high_skilled=new, high_skilled=high,
                             managers=managers, high_skilled_growth=Decimal(hs_growth), manager_growth=Decimal(m_growth))


FIGURES = [
    _f("甲", "A", 1000, 15, 300, 100, "6.00", "4.00"),
    _f("乙", "A", 3000, 25, 900, 300, "2.00", "3.00"),
    _f("丙", "B", 2000, 40, 500, 50, "5.00", "5.00"),
    _f("丁", "", 5000, 10, 1000, 100, "1.00", "9.00"),  # a central SOE: no group
]


def test_group_share_of_new_high_skilled_against_the_city():
    # A: (15 + 25) / (1000 + 3000) = 1.00 %; B: 40 / 2000 = 2.00 %; city: 12,000 / 1,000,000 = 1.20 %.
    rows = share_by_group(FIGURES, city_skilled=1_000_000, city_new_high_skilled=12_000)

    assert [(r.group, r.share, r.city_share, r.meets) for r in rows] == [
        ("A", Decimal("1.00"), Decimal("1.20"), False), ("B", Decimal("2.00"), Decimal("1.20"), True)]


def test_equal_share_does_not_beat_the_city():
    rows = share_by_group(FIGURES[2:3], city_skilled=100, city_new_high_skilled=2)

    assert rows[0].meets is False


def test_pay_growth_per_enterprise_and_weighted_per_group():
    # A high-skilled: (6 × 300 + 2 × 900) / 1200 = 3.00; managers: (4 × 100 + 3 × 300) / 400 = 3.25 → short.
    groups = growth_by_group(FIGURES)
    enterprises = growth_by_enterprise(FIGURES)

    assert [(g.name, g.high_skilled_growth, g.manager_growth, g.meets) for g in groups] == [
        ("A", Decimal("3.00"), Decimal("3.25"), False), ("B", Decimal("5.00"), Decimal("5.00"), True)]
    assert {g.name: g.meets for g in enterprises} == {"甲": True, "乙": False, "丙": True, "丁": False}


@pytest.mark.django_db
def test_reports_give_the_desk_its_facts_and_the_list_of_those_falling_short(city_officer):
    group = SoeGroup.objects.create(name="示例集团")
    first, second, private = enterprise(), enterprise(), enterprise()
    ownership_set(enterprise=first, ownership=Ownership.MUNICIPAL_SOE, group=group, by=city_officer)
    ownership_set(enterprise=second, ownership=Ownership.CENTRAL_SOE, group=group, by=city_officer)
    city_benchmark_set(year=2024, skilled_workers=1_000_000, new_high_skilled=12_000, source="测试", by=city_officer)
    soe_report_submit(enterprise=first, year=2024, values=soe_values(skilled_workers=1000, new_high_skilled=10),
                      by=None)
    soe_report_submit(enterprise=second, year=2024, by=None,
                      values=soe_values(high_skilled_pay_growth=Decimal("2"), manager_pay_growth=Decimal("3")))

    facts = soe_commitments(year=2024)

    assert [(s.group, s.share, s.meets) for s in facts.shares] == [("示例集团", Decimal("1.00"), False)]
    assert len(facts.growth_short) == 1 and facts.growth_short[0].name == second.organisation.name
    with pytest.raises(NotAllowed):
        soe_report_submit(enterprise=private, year=2024, values=soe_values(), by=None)
    with pytest.raises(DomainError):
        soe_report_submit(enterprise=first, year=2024, values=soe_values(new_high_skilled=400), by=None)
    with pytest.raises(DomainError):
        ownership_set(enterprise=private, ownership=Ownership.MUNICIPAL_SOE, group=None, by=city_officer)


@pytest.mark.django_db
def test_pay_growth_comes_from_the_wage_survey_when_it_covers_both_years(city_officer):
    from jineng.wages.selectors.soe import report_figures
    from jineng.wages.services.uploads import wage_upload_import
    from jineng.wages.tests.factories import pay_csv, pay_row, survey_round

    profile = enterprise()
    ownership_set(enterprise=profile, ownership=Ownership.CENTRAL_SOE, group=None, by=city_officer)
    for year, high, manager in ((2023, 100000, 200000), (2024, 105000, 204000)):
        wage_upload_import(survey_round=survey_round(data_year=year), enterprise=profile, by=None,
                           file_name=f"{year}.csv", content=pay_csv([pay_row(pay=high),
                                                                     pay_row(level="", post="管理", pay=manager)]))
    report = soe_report_submit(enterprise=profile, year=2024, values=soe_values(), by=None)

    figures = report_figures([report])

    # high-skilled 105,000 / 100,000 → 5.00 %; managers 204,000 / 200,000 → 2.00 % (the report said 5 and 4).
    assert (figures[0].high_skilled_growth, figures[0].manager_growth) == (Decimal("5.00"), Decimal("2.00"))
