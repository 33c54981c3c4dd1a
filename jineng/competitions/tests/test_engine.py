"""The pure engines against hand-computed figures (no database)."""

from datetime import date
from decimal import Decimal as D

import pytest

from jineng.competitions.engine.calendar import EventLine, plan_diff
from jineng.competitions.engine.eligibility import Conditions, Entry, refusals
from jineng.competitions.engine.promotion import outcome_for, rule_in_force, rule_versions, rules_parse
from jineng.competitions.engine.scores import (
    JudgementRefused,
    judgement_check,
    judgement_mark,
    ranks,
    standardise,
    standings,
)


def test_standardises_a_hand_computed_event_to_median_700():
    # median 70; absolute deviations 20 10 0 10 20 -> MAD 10 -> s = 14.826
    assert standardise([D(50), D(60), D(70), D(80), D(90)]) == [D("673.02"), D("686.51"), D("700.00"),
                                                                  D("713.49"), D("726.98")]


def test_standardisation_falls_back_to_the_standard_deviation_when_most_share_the_median():
    # MAD 0; mean 77.5, population SD sqrt(168.75) = 12.990381
    assert standardise([D(70), D(70), D(70), D(100)]) == [D("700.00"), D("700.00"), D("700.00"), D("746.19")]


def test_everyone_equal_gets_700():
    assert standardise([D(55), D(55)]) == [D("700.00"), D("700.00")]
    assert standardise([]) == []


def test_ties_share_the_best_rank_and_skip_the_next_places():
    assert ranks([D(80), D(90), D(80), D(70)]) == [2, 1, 2, 4]
    rows = standings([D(80), D(90), D(80), D(70)])
    assert [r.percentile for r in rows] == [D("50.00"), D("25.00"), D("50.00"), D("100.00")]


@pytest.mark.parametrize("scores, code", [((1, 2, 3), "spread"), ((0, 2, 2), "spread"), ((1, 2), "count"),
                                          ((1, 2, 4), "range"), ((-1, 0, 0), "range")])
def test_judgement_scores_are_refused_when_they_differ_by_more_than_one_point(scores, code):
    with pytest.raises(JudgementRefused) as refused:
        judgement_check(scores)
    assert refused.value.code == code


def test_judgement_mark_is_the_mean_share_of_three_times_the_maximum():
    judgement_check((2, 3, 3))
    assert judgement_mark((2, 3, 3), D(6)) == D("5.33")
    assert judgement_mark((0, 0, 1), D("4.5")) == D("0.50")


def _outcome(tier, *, raw=D(80), rank=50, percentile=D(50), current=None, level=3, on=date(2024, 6, 1)):
    return outcome_for(tier=tier, awarded_level=level, raw=raw, max_marks=D(100), rank=rank, percentile=percentile,
                       current_level=current, on=on)


@pytest.mark.parametrize("tier", ["monthly", "city_special", "city_contest", "national", "worldskills"])
def test_every_tier_refuses_below_the_pass_mark_and_certifies_at_it(tier):
    assert _outcome(tier, raw=D("59.99"), rank=60).kind == "none"
    at_mark = _outcome(tier, raw=D(60), rank=60, percentile=D(60))
    assert (at_mark.kind, at_mark.level, at_mark.version) == ("certificate", 3, "2024-01")


@pytest.mark.parametrize("tier, rank, percentile, kind, level", [
    ("monthly", 1, D("10.00"), "promotion", 4), ("monthly", 1, D("10.01"), "certificate", 3),
    ("city_special", 3, D(40), "promotion", 4), ("city_special", 4, D("15.00"), "promotion", 4),
    ("city_special", 4, D("15.01"), "certificate", 3),
    ("city_contest", 5, D(90), "promotion", 4), ("city_contest", 6, D(20), "promotion", 4),
    ("city_contest", 6, D("20.01"), "certificate", 3),
    ("national", 3, D(5), "promotion", 4), ("national", 4, D("50.00"), "promotion", 4),
    ("national", 4, D("50.01"), "certificate", 3),
    ("worldskills", 1, D(1), "promotion", 5), ("worldskills", 5, D(50), "promotion", 4),
    ("worldskills", 6, D(1), "certificate", 3),
])
def test_promotion_band_edges_by_tier(tier, rank, percentile, kind, level):
    outcome = _outcome(tier, rank=rank, percentile=percentile)
    assert (outcome.kind, outcome.level) == (kind, level)


def test_national_medallists_get_at_least_the_technician_level():
    outcome = _outcome("national", rank=2, percentile=D(2), level=2)
    assert (outcome.kind, outcome.level, outcome.reason) == ("promotion", 4, "medal")


def test_promotion_stops_at_the_top_level_and_nothing_for_a_level_already_held():
    assert _outcome("monthly", rank=1, percentile=D(1), level=5).level == 5
    assert _outcome("monthly", current=3).reason == "already_holds"
    assert _outcome("monthly", rank=1, percentile=D(1), current=3).level == 4


def test_rules_are_dated_versions():
    later = rules_parse('{"versions": [{"version": "a", "valid_from": "2024-01-01", "tiers": {"monthly": '
                        '{"pass_mark_pct": "60"}}}, {"version": "b", "valid_from": "2024-07-01", "tiers": '
                        '{"monthly": {"pass_mark_pct": "70"}}}]}')
    assert rule_in_force(date(2024, 6, 30), later).version == "a"
    assert rule_in_force(date(2024, 7, 1), later).version == "b"
    june = outcome_for(tier="monthly", awarded_level=3, raw=D(65), max_marks=D(100), rank=9, percentile=D(90),
                       current_level=None, on=date(2024, 6, 30), versions=later)
    july = outcome_for(tier="monthly", awarded_level=3, raw=D(65), max_marks=D(100), rank=9, percentile=D(90),
                       current_level=None, on=date(2024, 7, 1), versions=later)
    assert (june.kind, july.kind) == ("certificate", "none")
    with pytest.raises(LookupError):
        rule_in_force(date(2023, 12, 31))
    assert rule_versions()[0].tiers.keys() == {"monthly", "city_special", "city_contest", "national", "worldskills"}


def _line(code, start=date(2024, 5, 10), district="310115", venue="A", cancelled=False):
    return EventLine(code, f"赛项{code}", start, start, district, venue, cancelled)


def test_plan_diff_lists_added_moved_and_cancelled_events():
    before = [_line("1"), _line("2"), _line("3"), _line("4")]
    after = [_line("1"), _line("2", start=date(2024, 6, 1)), _line("3", cancelled=True), _line("5"),
             _line("6", district="310101", cancelled=True)]
    diff = plan_diff(before, after)
    assert [e.code for e in diff.added] == ["5"]
    assert [(m.after.code, m.what) for m in diff.moved] == [("2", ("dates",))]
    assert sorted(e.code for e in diff.cancelled) == ["3", "4"]
    assert plan_diff(after, after).is_empty
    assert EventLine.from_json(_line("9").as_json()) == _line("9")


def test_eligibility_reasons():
    rules = Conditions(event_start=date(2024, 6, 1), awarded_level=3, min_age=16, max_age=60, min_current_level=2,
                       one_per_window=True, window=(date(2024, 5, 1), date(2024, 5, 20)))
    ok = Entry(date(1990, 6, 1), (2,), ((date(2024, 5, 21), date(2024, 5, 31)),))
    assert refusals(ok, rules) == []
    assert refusals(Entry(date(2008, 6, 2), (2,), ()), rules) == ["too_young"]
    assert refusals(Entry(date(2008, 6, 1), (2,), ()), rules) == []
    assert refusals(Entry(date(1960, 1, 1), (), ()), rules) == ["too_old", "level_missing"]
    assert refusals(Entry(date(1990, 1, 1), (3,), ()), rules) == ["already_holds"]
    assert refusals(Entry(date(1990, 1, 1), (2,), ((date(2024, 5, 20), date(2024, 6, 1)),)), rules) == [
        "one_per_window"]
