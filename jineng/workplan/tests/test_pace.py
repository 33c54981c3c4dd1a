from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from jineng.workplan.engine import pace

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_linear_profile_reaches_one_in_december():
    profile = pace.linear_profile()

    assert len(profile) == 12
    assert profile[5] == Decimal("0.5")
    assert profile[-1] == Decimal("1")


def test_expected_to_date_follows_the_profile():
    assert pace.expected_to_date(Decimal(800000), pace.linear_profile(), 10) == Decimal("666666.40")
    assert pace.expected_to_date(Decimal(120000), pace.linear_profile(), 6) == Decimal("60000.00")


def test_rag_uses_the_thresholds_inclusively():
    thresholds = pace.Thresholds(green=Decimal("0.95"), amber=Decimal("0.85"))

    assert pace.rag(Decimal(95), Decimal(100), thresholds) == "green"
    assert pace.rag(Decimal("94.99"), Decimal(100), thresholds) == "amber"
    assert pace.rag(Decimal(85), Decimal(100), thresholds) == "amber"
    assert pace.rag(Decimal("84.99"), Decimal(100), thresholds) == "red"
    assert pace.rag(None, Decimal(100), thresholds) == "none"
    assert pace.rag(Decimal(0), Decimal(0), thresholds) == "green"


def test_projection_scales_by_the_expected_share():
    assert pace.projected_year_end(Decimal(300000), pace.linear_profile(), 6) == Decimal("600000.00")
    front_loaded = [Decimal("0.5")] * 11 + [Decimal(1)]
    assert pace.projected_year_end(Decimal(50), front_loaded, 3) == Decimal("100.00")


def test_profile_errors_name_the_problem():
    assert pace.profile_errors(list(pace.linear_profile())) == []
    assert "12 个月" in pace.profile_errors([0.5, 1])[0]
    bad = [str(v) for v in pace.linear_profile()]
    bad[3] = "0.1"
    assert any("第 4 月比例低于上月" in e for e in pace.profile_errors(bad))
    assert any("12 月累计比例须为 1" in e for e in pace.profile_errors(["0.1"] * 12))
    assert any("不在 0 到 1" in e for e in pace.profile_errors(["-0.1"] + ["1"] * 11))


def test_deadline_is_end_of_due_day_of_following_month():
    deadline = pace.report_deadline(date(2024, 12, 1), 10, SHANGHAI)

    assert deadline.date() == date(2025, 1, 10)
    assert deadline.tzinfo == SHANGHAI
    assert deadline.hour == 23 and deadline.minute == 59


def test_timeliness_classifies_submissions():
    deadline = pace.report_deadline(date(2024, 3, 1), 10, SHANGHAI)
    before = deadline - timedelta(days=2)
    after = deadline + timedelta(hours=1)
    now = datetime(2024, 5, 1, tzinfo=UTC)

    assert pace.timeliness(before, deadline, now) == "on_time"
    assert pace.timeliness(after, deadline, now) == "late"
    assert pace.timeliness(None, deadline, now) == "missing"
    assert pace.timeliness(None, deadline, deadline - timedelta(days=1)) == "pending"
    assert pace.days_late(after, deadline, now) == 1
    assert pace.days_late(before, deadline, now) == 0


def test_district_score_caps_progress_and_weights_timeliness():
    assert pace.district_score(Decimal("1.2"), Decimal(1), Decimal("0.7")) == Decimal("100.0")
    assert pace.district_score(Decimal("0.5"), Decimal("0.5"), Decimal("0.7")) == Decimal("50.0")
    assert pace.district_score(None, None, Decimal("0.7")) == Decimal("0.0")
