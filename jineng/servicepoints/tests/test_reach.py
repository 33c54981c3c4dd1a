"""The reachability arithmetic against hand-computed cases, and its properties (no Django needed)."""

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jineng.servicepoints.engine.reach import (
    EARTH_RADIUS_M,
    Place,
    ReachParameters,
    bounding_box,
    distance_m,
    minutes_for,
    reach_m,
    reachable,
)

WALK = ReachParameters("walk", 4.5, 1.3, 1.2, 1.5, date(2024, 1, 1), "test")
BIKE = ReachParameters("bike", 15, 1.3, 1.2, 1.5, date(2024, 1, 1), "test")
PEOPLES_SQUARE = (121.475, 31.232)


def test_walking_covers_75_metres_a_minute_and_15_minutes_reach_865_metres_in_a_straight_line() -> None:
    # 4.5 km/h = 4500 m / 60 min = 75 m/min; 15 min × 75 = 1125 m of path; ÷ 1.3 = 865.38 m straight.
    assert WALK.metres_per_minute == 75
    assert reach_m(15, WALK) == pytest.approx(865.3846, abs=1e-3)


def test_cycling_covers_250_metres_a_minute_and_15_minutes_reach_2885_metres() -> None:
    # 15 km/h = 250 m/min; 15 × 250 = 3750 m; ÷ 1.3 = 2884.62 m.
    assert reach_m(15, BIKE) == pytest.approx(2884.615, abs=1e-3)


def test_a_kilometre_in_a_straight_line_is_17_minutes_walking_and_5_minutes_cycling() -> None:
    # 1000 × 1.3 ÷ 75 = 17.333…; 1000 × 1.3 ÷ 250 = 5.2; the band: × 1.2 ÷ 75 = 16, × 1.5 ÷ 75 = 20.
    assert minutes_for(1000, WALK) == pytest.approx(17.3333, abs=1e-4)
    assert minutes_for(1000, BIKE) == pytest.approx(5.2)
    assert minutes_for(1000, WALK, detour=WALK.detour_low) == pytest.approx(16)
    assert minutes_for(1000, WALK, detour=WALK.detour_high) == pytest.approx(20)


def test_one_degree_of_latitude_is_111_195_metres() -> None:
    # 6,371,008.8 m × π / 180 = 111,195.08 m.
    assert distance_m(121.0, 31.0, 121.0, 32.0) == pytest.approx(111_195.08, abs=0.01)


def test_a_hundredth_of_a_degree_of_longitude_at_31_degrees_is_953_metres() -> None:
    # 111,195.08 × cos 31° × 0.01 = 953.13 m (the great circle is shorter than the parallel by under a millimetre).
    assert distance_m(121.0, 31.0, 121.01, 31.0) == pytest.approx(953.13, abs=0.01)


def test_services_are_listed_nearest_first_with_their_minutes() -> None:
    lng, lat = PEOPLES_SQUARE
    step = 1 / (EARTH_RADIUS_M * math.pi / 180)  # one metre of latitude, in degrees
    places = [Place("far", "station", "远", lng, lat + 800 * step), Place("near", "station", "近", lng, lat + 300 * step),
              Place("out", "station", "外", lng, lat + 900 * step)]

    found = reachable(lng, lat, places, WALK, 15)

    assert [r.place.id for r in found] == ["near", "far"]
    assert found[0].minutes == pytest.approx(300 * 1.3 / 75, abs=1e-6)  # 5.2 min
    assert found[1].minutes == pytest.approx(800 * 1.3 / 75, abs=1e-6)  # 13.87 min
    assert (found[1].minutes_low, found[1].minutes_high) == pytest.approx((800 * 1.2 / 75, 800 * 1.5 / 75))


coordinates = st.tuples(st.floats(120.8, 122.3), st.floats(30.6, 31.9))
places = st.lists(st.builds(lambda i, p: Place(f"p{i}", "station", "x", p[0], p[1]), st.integers(0, 10**6), coordinates),
                  max_size=30, unique_by=lambda place: place.id)


@given(origin=coordinates, places=places, mode=st.sampled_from([WALK, BIKE]),
       shorter=st.integers(5, 30), longer=st.integers(5, 30))
def test_the_shorter_area_always_lies_inside_the_longer_one(origin, places, mode, shorter, longer) -> None:
    shorter, longer = sorted((shorter, longer))
    inner = {r.place.id for r in reachable(*origin, places, mode, shorter)}
    outer = {r.place.id for r in reachable(*origin, places, mode, longer)}

    assert reach_m(shorter, mode) <= reach_m(longer, mode)
    assert inner <= outer


@given(origin=coordinates, places=places)
def test_the_ten_minute_area_lies_inside_the_fifteen_minute_one(origin, places) -> None:
    for mode in (WALK, BIKE):
        ten = {r.place.id for r in reachable(*origin, places, mode, 10)}
        fifteen = {r.place.id for r in reachable(*origin, places, mode, 15)}
        assert ten <= fifteen


@given(origin=st.tuples(st.floats(-180, 180), st.floats(-85, 85)), bearing=st.floats(0, 2 * math.pi),
       fraction=st.floats(0, 1), radius=st.floats(1, 20_000))
def test_the_bounding_box_holds_every_point_within_the_radius(origin, bearing, fraction, radius) -> None:
    lng, lat = origin
    # The point at ``fraction × radius`` along ``bearing`` (spherical destination formula).
    delta, phi, lmb = fraction * radius / EARTH_RADIUS_M, math.radians(lat), math.radians(lng)
    phi2 = math.asin(math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(bearing))
    lmb2 = lmb + math.atan2(math.sin(bearing) * math.sin(delta) * math.cos(phi),
                            math.cos(delta) - math.sin(phi) * math.sin(phi2))
    lng2, lat2 = (math.degrees(lmb2) + 540) % 360 - 180, math.degrees(phi2)
    min_lng, min_lat, max_lng, max_lat = bounding_box(lng, lat, radius)

    assert min_lat <= lat2 <= max_lat
    if max_lng - min_lng < 360 and min_lng > -180 and max_lng < 180:
        assert min_lng <= lng2 <= max_lng
