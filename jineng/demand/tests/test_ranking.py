import random
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from jineng.core.exceptions import DomainError
from jineng.demand.engine.ranking import (
    OccupationDemand,
    Weights,
    rank_percentiles,
    ranking_build,
    strategic_weight,
)
from jineng.demand.models import RankingWeights
from jineng.demand.selectors.ranking import ranking_for_year
from jineng.demand.services.campaigns import ranking_weights_set
from jineng.demand.tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _demand(code, headcount, enterprises=1, vacancy=1.0, applicants=1.0, premium=0.0, growth=None, strategic=0.8):
    return OccupationDemand(code=code, name=code, headcount=headcount, enterprises=enterprises, vacancy_months=vacancy,
                            applicants_per_vacancy=applicants, pay_premium=premium, growth=growth, strategic_weight=strategic)


DEMANDS = [
    _demand("6-25-02-05", 120, 9, 6.0, 0.4, 0.12, 0.8, 1.0),
    _demand("4-10-01-05", 200, 12, 4.0, 0.7, -0.05, 0.5, 0.8),
    _demand("6-18-01-01", 40, 5, 2.0, 2.5, 0.02, -0.2, 0.8),
    _demand("4-04-05-05", 40, 3, 5.0, 0.6, 0.20, None, 1.0),
    _demand("6-05-01-03", 15, 2, 1.0, 6.0, -0.15, -0.4, 0.8),
    _demand("6-31-01-03", 60, 7, 1.5, 3.0, 0.0, 0.1, 0.3),
]


def test_percentiles_average_ties_and_give_missing_values_the_middle():
    assert rank_percentiles([10, 20, 20, 30]) == [0.0, 0.5, 0.5, 1.0]
    assert rank_percentiles([10, None, 30]) == [0.0, 0.5, 1.0]
    assert rank_percentiles([3, 1, 2], higher_is_more=False) == [0.0, 1.0, 0.5]
    assert rank_percentiles([7]) == [0.5]
    assert rank_percentiles([5, 5, 5]) == [0.5, 0.5, 0.5]


def test_same_inputs_twice_give_identical_rows():
    assert ranking_build(DEMANDS, Weights()) == ranking_build(list(DEMANDS), Weights())


def test_input_order_does_not_change_the_ranking():
    expected = ranking_build(DEMANDS, Weights())
    for seed in range(5):
        shuffled = list(DEMANDS)
        random.Random(seed).shuffle(shuffled)
        assert ranking_build(shuffled, Weights()) == expected


def test_score_is_the_weighted_sum_of_parts_and_ranks_follow_it():
    rows = ranking_build(DEMANDS, Weights())

    for row in rows:
        parts = row.parts
        expected = (0.25 * parts.headcount + 0.15 * parts.enterprises + 0.15 * parts.vacancy_months
                    + 0.10 * parts.applicants + 0.10 * parts.pay_premium + 0.10 * parts.growth + 0.15 * parts.strategic)
        assert row.score == pytest.approx(expected, abs=1e-6)
    assert [r.rank for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    assert rows[0].code == "6-25-02-05"


def test_weight_edits_change_the_order_predictably():
    only_headcount = Weights(headcount=1, enterprises=0, vacancy_months=0, applicants=0, pay_premium=0, growth=0, strategic=0)
    only_applicants = replace(only_headcount, headcount=0, applicants=1)

    by_headcount = [r.code for r in ranking_build(DEMANDS, only_headcount)]
    by_applicants = [r.code for r in ranking_build(DEMANDS, only_applicants)]

    # 40 and 40 tie on headcount: the code breaks the tie
    assert by_headcount == ["4-10-01-05", "6-25-02-05", "6-31-01-03", "4-04-05-05", "6-18-01-01", "6-05-01-03"]
    assert by_applicants == ["6-25-02-05", "4-04-05-05", "4-10-01-05", "6-18-01-01", "6-31-01-03", "6-05-01-03"]


def test_previous_ranks_are_carried_and_duplicates_refused():
    rows = ranking_build(DEMANDS, Weights(), previous_ranks={"6-25-02-05": 4})

    assert {r.code: r.previous_rank for r in rows}["6-25-02-05"] == 4
    assert {r.code: r.previous_rank for r in rows}["4-10-01-05"] is None
    with pytest.raises(ValueError):
        ranking_build([*DEMANDS, DEMANDS[0]], Weights())


def test_strategic_weight_is_headcount_weighted_over_industry_kinds():
    assert strategic_weight({"leading": 30, "other": 10}) == pytest.approx((1.0 * 30 + 0.3 * 10) / 40)
    assert strategic_weight({}) is None


@pytest.fixture
def two_years(db):
    industries = ("IC", "EQUIP")
    firms = [factories.enterprise(industry="IC"), factories.enterprise(industry="EQUIP", district="310112")]
    campaigns = {
        2023: factories.campaign(year=2023, opens_on=date(2023, 3, 1), closes_on=date(2023, 4, 30), industries=industries),
        2024: factories.campaign(year=2024, opens_on=date(2024, 3, 1), closes_on=date(2024, 4, 30), industries=industries),
    }
    demand = {  # year -> firm -> (code, headcount, applicants per vacancy)
        2023: [[("6-25-02-05", 5, "3"), ("6-18-01-01", 30, "0.5")], [("6-18-01-01", 20, "0.5"), ("6-31-01-03", 8, "2")]],
        2024: [[("6-25-02-05", 40, "0.4"), ("6-18-01-01", 10, "2")], [("6-18-01-01", 5, "2"), ("6-31-01-03", 9, "2")]],
    }
    for year, per_firm in demand.items():
        for firm, lines in zip(firms, per_firm, strict=True):
            report = factories.report(campaign=campaigns[year], profile=firm,
                                      submitted_at=datetime(year, 3, 20, 10, tzinfo=SHANGHAI))
            for code, headcount, applicants in lines:
                factories.line(report, code, headcount=headcount, applicants=applicants)
    return campaigns


def test_the_years_ranking_shows_last_years_rank(two_years, city_officer):
    ranking = ranking_for_year(viewer=city_officer, year=2024)

    ranks = {r.code: (r.rank, r.previous_rank) for r in ranking.rows}
    assert ranks["6-25-02-05"] == (1, 3)  # grew eightfold, fewest applicants
    assert ranks["6-18-01-01"][1] == 1  # 2023's biggest demand
    assert not ranking.weights.pk  # the defaults until the office saves its own


@pytest.mark.django_db
def test_weights_are_saved_audited_and_change_the_order(two_years, city_officer, leader):
    only_electricians = {"headcount": 0, "enterprises": 0, "vacancy_months": 0, "applicants": 0, "pay_premium": 0,
                         "growth": 0, "strategic": "1"}

    weights = ranking_weights_set(year=2024, values=only_electricians, by=city_officer, reason="只看产业权重")
    rows = ranking_for_year(viewer=city_officer, year=2024).rows

    assert weights.history.get().history_change_reason == "只看产业权重"
    assert rows[0].code == "6-25-02-05"  # the only occupation reported only by an IC (leading) firm
    assert rows[-1].code == "6-31-01-03"  # reported only by a high-end equipment (key) firm
    with pytest.raises(DomainError, match="专班办公室"):
        ranking_weights_set(year=2024, values=only_electricians, by=leader, reason="试试")
    with pytest.raises(DomainError, match="须在 0 到 1 之间"):
        ranking_weights_set(year=2024, values=only_electricians | {"growth": "1.5"}, by=city_officer, reason="x")
    with pytest.raises(DomainError, match="全部为 0"):
        ranking_weights_set(year=2024, values=dict.fromkeys(only_electricians, 0), by=city_officer, reason="x")
    assert RankingWeights.objects.get(year=2024).strategic == Decimal("1.00")


@pytest.mark.django_db
def test_ranking_page_and_export_for_the_office(client, two_years, city_officer):
    client.force_login(city_officer)

    page = client.get("/demand/ranking/?year=2024")
    export = client.get("/demand/ranking/export.xlsx?year=2024")
    api = client.get("/api/v1/demand/ranking/?year=2024").json()

    assert page.status_code == 200 and export.status_code == 200
    assert [r.code for r in page.context["ranking"].rows] == [r["code"] for r in api["rows"]]
    assert api["rows"][0]["previous_rank"] == 3


@pytest.mark.django_db
def test_ticked_rows_go_into_the_urgent_catalogue_draft_with_rank_and_score(client, two_years, city_officer):
    from jineng.occupations.models import CatalogueEntry
    from jineng.occupations.services import catalogue_version_create

    draft = catalogue_version_create(kind="urgent", year=2024, by=city_officer)
    client.force_login(city_officer)
    top = ranking_for_year(viewer=city_officer, year=2024).rows[0]

    response = client.post("/demand/ranking/pick/?year=2024", {"version": draft.pk, "code": [top.code, "6-31-01-03"]})
    again = client.post("/demand/ranking/pick/?year=2024", {"version": draft.pk, "code": [top.code]}, follow=True)

    assert response.status_code == 302
    entries = {e.occupation.code: e for e in CatalogueEntry.objects.filter(version=draft).select_related("occupation")}
    assert set(entries) == {top.code, "6-31-01-03"}
    assert entries[top.code].levels == [3, 4, 5]
    assert entries[top.code].reason == f"需求排名第 1 位，得分 {top.score:.3f}"
    assert any("不能重复" in str(m) for m in again.context["messages"])


@pytest.mark.django_db
def test_only_the_office_picks_and_only_into_an_urgent_draft(two_years, city_officer, leader):
    from jineng.demand.services.catalogue_pick import ranking_pick_to_catalogue
    from jineng.occupations.services import catalogue_version_create

    other_kind = catalogue_version_create(kind="new_skill", year=2024, by=city_officer)
    urgent = catalogue_version_create(kind="urgent", year=2024, by=city_officer)

    with pytest.raises(DomainError, match="急需紧缺职业目录的草稿"):
        ranking_pick_to_catalogue(version=other_kind, year=2024, codes=["6-25-02-05"], by=city_officer)
    with pytest.raises(DomainError, match="专班办公室"):
        ranking_pick_to_catalogue(version=urgent, year=2024, codes=["6-25-02-05"], by=leader)
    result = ranking_pick_to_catalogue(version=urgent, year=2024, codes=["6-25-02-05", "1-01-00-01"], by=city_officer)
    assert result.added == ["6-25-02-05"] and result.skipped == ["1-01-00-01：不在 2024 年的需求排名中"]
