"""The reach parameters in force carry their source and how far the sources pin them down, and the 15-minute walk
stays inside the national standard's 15-minute life circle (GB 50180-2018: 800-1000 m)."""

from datetime import date

from jineng.servicepoints.engine.reach import reach_m
from jineng.servicepoints.parameters import parameter_rows, reach_parameters


def test_every_row_states_its_source_and_a_confidence() -> None:
    rows = parameter_rows()

    assert {row.mode for row in rows} == {"walk", "bike"}
    assert all(row.source and row.confidence in {"high", "medium", "low"} for row in rows)


def test_a_15_minute_walk_reaches_between_800_and_1000_metres_in_a_straight_line_over_the_detour_band() -> None:
    walk = reach_parameters("walk", on_date=date(2024, 11, 15))

    assert 800 <= reach_m(15, walk) <= 1000  # 865 m at the detour factor 1.3
    path_m = 15 * walk.metres_per_minute  # 1125 m along the streets
    assert (round(path_m / walk.detour_high), round(path_m / walk.detour_low)) == (750, 938)  # the band
