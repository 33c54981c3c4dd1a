"""Aggregates against sums worked out by hand on a small world.

Campaign A (2024, 集成电路 + 养老护理) and the earlier P (2023, the same industries); X (2024, 养老护理 only)
opens between them and must not be taken as A's previous campaign.

A  r1 浦东 IC submitted: 6-25-02-05 三级 10 人 (2 月, 1 人/岗, 10000)、二级 4 人 (6, 0.5, 15000)、6-31-01-03 三级 2 人 (1, 3, 8000)
   r2 徐汇 IC accepted:  6-25-02-05 三级 6 人 (4 月, 2 人/岗, 12000)
   r3 浦东 ELDER returned (not counted): 4-10-01-05 四级 100 人;  r4 黄浦 ELDER draft (not counted)
P  p1 浦东 IC accepted:  6-25-02-05 三级 8 人;  6-31-01-03 三级 5 人
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from jineng.core.metrics import metric_compute
from jineng.demand.choices import ReportState
from jineng.demand.selectors.analysis import (
    DemandFilters,
    campaign_previous,
    demand_breakdown,
    demand_by_district,
    shortage_metrics,
)
from jineng.demand.tests import factories
from jineng.occupations.choices import SkillLevel

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
L3, L2, L4 = SkillLevel.L3, SkillLevel.L2, SkillLevel.L4


@pytest.fixture
def world(db):
    industries = ("IC", "ELDER")
    previous = factories.campaign(name="P", year=2023, opens_on=date(2023, 3, 1), closes_on=date(2023, 4, 30), industries=industries)
    factories.campaign(name="X", year=2024, opens_on=date(2023, 9, 1), closes_on=date(2023, 10, 31), industries=("ELDER",))
    current = factories.campaign(name="A", year=2024, opens_on=date(2024, 3, 1), closes_on=date(2024, 4, 30), industries=industries)
    pudong_chips = factories.enterprise(district="310115", industry="IC")
    xuhui_chips = factories.enterprise(district="310104", industry="IC")
    care = factories.enterprise(district="310115", industry="ELDER")
    huangpu_care = factories.enterprise(district="310101", industry="ELDER")
    r1 = factories.report(campaign=current, profile=pudong_chips, submitted_at=datetime(2024, 3, 15, 10, tzinfo=SHANGHAI))
    factories.line(r1, "6-25-02-05", level=L3, headcount=10, vacancy_months="2", applicants="1", pay="10000")
    factories.line(r1, "6-25-02-05", level=L2, headcount=4, vacancy_months="6", applicants="0.5", pay="15000")
    factories.line(r1, "6-31-01-03", level=L3, headcount=2, vacancy_months="1", applicants="3", pay="8000")
    r2 = factories.report(campaign=current, profile=xuhui_chips, state=ReportState.ACCEPTED,
                          submitted_at=datetime(2024, 4, 10, 9, tzinfo=SHANGHAI))
    factories.line(r2, "6-25-02-05", level=L3, headcount=6, vacancy_months="4", applicants="2", pay="12000")
    r3 = factories.report(campaign=current, profile=care, state=ReportState.RETURNED,
                          submitted_at=datetime(2024, 3, 20, 9, tzinfo=SHANGHAI))
    factories.line(r3, "4-10-01-05", level=L4, headcount=100)
    factories.report(campaign=current, profile=huangpu_care, state=ReportState.DRAFT)
    p1 = factories.report(campaign=previous, profile=pudong_chips, state=ReportState.ACCEPTED,
                          submitted_at=datetime(2023, 3, 20, 9, tzinfo=SHANGHAI))
    factories.line(p1, "6-25-02-05", level=L3, headcount=8, pay="9000")
    factories.line(p1, "6-31-01-03", level=L3, headcount=5, pay="8000")
    return {"A": current, "P": previous}


def _by_code(table):
    return {row.code: row for row in table.rows}


def test_shortage_metrics_equal_the_hand_computed_values(world, city_officer):
    table = shortage_metrics(viewer=city_officer, filters=DemandFilters(campaign_id=world["A"].pk))

    chips, electricians = _by_code(table)["6-25-02-05"], _by_code(table)["6-31-01-03"]
    assert [r.code for r in table.rows] == ["6-25-02-05", "6-31-01-03"]
    assert (chips.headcount, chips.line_count, chips.enterprises) == (20, 3, 2)
    assert chips.vacancy_months == Decimal("3.40")  # (2×10 + 6×4 + 4×6) / 20
    assert chips.applicants_per_vacancy == Decimal("1.20")  # (1×10 + 0.5×4 + 2×6) / 20
    # 三级: median(10000, 12000) / median(10000, 8000, 12000) − 1 = 0.1 over 16 people; 二级: 15000 / 15000 − 1 = 0 over 4
    assert chips.pay_premium == Decimal("0.0800")
    assert electricians.pay_premium == Decimal("-0.2000")  # 8000 / 10000 − 1
    assert table.previous_label == "P"
    assert (chips.previous_headcount, chips.growth) == (8, Decimal("1.5000"))  # (20 − 8) / 8
    assert (electricians.previous_headcount, electricians.growth) == (5, Decimal("-0.6000"))


def test_the_previous_campaign_covers_the_same_industries(world):
    assert campaign_previous(world["A"]) == world["P"]
    assert campaign_previous(world["P"]) is None


def test_a_year_compares_with_the_year_before(world, city_officer):
    table = shortage_metrics(viewer=city_officer, filters=DemandFilters(year=2024))

    assert table.previous_label == "2023年"
    assert _by_code(table)["6-25-02-05"].growth == Decimal("1.5000")


def test_breakdown_by_district_and_level_sums_per_group(world, city_officer):
    headers, rows = demand_breakdown(viewer=city_officer, filters=DemandFilters(campaign_id=world["A"].pk),
                                     dimensions=["district", "level"])

    assert headers[:3] == ["区划代码", "区", "技能等级"]
    cells = {row.keys: (row.headcount, row.line_count, row.enterprises, row.offered_monthly_pay) for row in rows}
    assert cells == {
        ("310115", "浦东新区", "三级/高级工"): (12, 2, 1, Decimal("9666.67")),  # (10000×10 + 8000×2) / 12
        ("310104", "徐汇区", "三级/高级工"): (6, 1, 1, Decimal("12000.00")),
        ("310115", "浦东新区", "二级/技师"): (4, 1, 1, Decimal("15000.00")),
    }
    assert [row.headcount for row in rows] == [12, 6, 4]


def test_district_totals_cover_all_sixteen_districts(world, city_officer):
    rows = demand_by_district(viewer=city_officer, filters=DemandFilters(year=2024))

    assert len(rows) == 16
    assert {r.code: r.headcount for r in rows if r.headcount} == {"310115": 16, "310104": 6}
    assert sum(r.headcount for r in rows) == 22


def test_analysis_follows_the_viewers_scope(world, pudong_officer, mzj_officer, jxw_officer):
    filters = DemandFilters(campaign_id=world["A"].pk)

    assert _by_code(shortage_metrics(viewer=pudong_officer, filters=filters))["6-25-02-05"].headcount == 14
    assert shortage_metrics(viewer=mzj_officer, filters=filters).rows == []
    assert _by_code(shortage_metrics(viewer=jxw_officer, filters=filters))["6-25-02-05"].headcount == 20


def test_filters_narrow_by_level_and_occupation_prefix(world, city_officer):
    table = shortage_metrics(viewer=city_officer, filters=DemandFilters(campaign_id=world["A"].pk, level=L2))
    assert [(r.code, r.headcount) for r in table.rows] == [("6-25-02-05", 4)]

    table = shortage_metrics(viewer=city_officer, filters=DemandFilters(campaign_id=world["A"].pk, occupation="6-31"))
    assert [(r.code, r.headcount) for r in table.rows] == [("6-31-01-03", 2)]
    assert table.rows[0].pay_premium == Decimal("-0.2000")  # the level median still spans every occupation


def test_metrics_count_enterprises_and_lines_submitted_by_the_end_of_the_month(world):
    march = metric_compute("demand.enterprises_reporting", year=2024, month=3)
    april = metric_compute("demand.enterprises_reporting", year=2024, month=4)
    lines = metric_compute("demand.lines", year=2024, month=4)

    assert (march.city, march.by_district) == (Decimal(1), {"310115": Decimal(1)})
    assert (april.city, april.by_district) == (Decimal(2), {"310115": Decimal(1), "310104": Decimal(1)})
    assert (lines.city, lines.by_district) == (Decimal(4), {"310115": Decimal(3), "310104": Decimal(1)})
    assert metric_compute("demand.enterprises_reporting", year=2023, month=12).city == Decimal(1)


def test_pages_render_the_analysis_with_exports(client, world, city_officer):
    client.force_login(city_officer)
    query = f"?campaign={world['A'].pk}&dims=occupation&dims=level"

    page = client.get(f"/demand/analysis/{query}")
    shortage = client.get(f"/demand/shortage/{query}")
    export = client.get(f"/demand/shortage/export.xlsx{query}")

    assert page.status_code == shortage.status_code == export.status_code == 200
    assert page.context["totals"]["headcount"] == 22
    assert page.context["map_data"]["values"]["310115"]["headcount"] == 16
    assert 'id="demand-map-data"' in page.content.decode()
    assert "8.0%" in shortage.content.decode()
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
