"""A visitor without login: the 15-minute circle walking and cycling from a district and from a click, the
listed services checked against the computation; the training map's filters."""

import random
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def points_world(django_db_serialized_rollback, transactional_db):
    from jineng.core.models import District
    from jineng.servicepoints.tests import factories as f
    from jineng.training.tests import factories as training

    rng = random.Random(12)
    seat = District.objects.get(code="310101")
    for n in range(40):
        f.point(district="310101", kind=("station", "window")[n % 2],
                lon=float(seat.seat_lon) + rng.uniform(-0.03, 0.03), lat=float(seat.seat_lat) + rng.uniform(-0.03, 0.03))
    institution = training.institution(district="310101")
    training.project(institution, code="6-25-04-05", level=3)
    for _ in range(3):
        training.site(institution)
    other = training.institution(district="310115")
    training.project(other, code="4-10-01-01", level=5)
    training.site(other)


def _expected(lng: float, lat: float, mode: str, minutes: int) -> list[str]:
    from jineng.servicepoints.engine.reach import distance_m
    from jineng.servicepoints.parameters import reach_parameters
    from jineng.servicepoints.selectors import public_points

    parameters = reach_parameters(mode)
    radius = minutes * parameters.speed_kmh * 1000 / 60 / parameters.detour_factor
    found = sorted((distance_m(lng, lat, p.lng, p.lat), p.id) for p in public_points())
    return [pid for distance, pid in found if distance <= radius]


def _check_circle(page, mode: str) -> list[str]:
    lng, lat = float(page.input_value("#circle-lng")), float(page.input_value("#circle-lat"))
    listed = page.locator("#circle-services li[data-id]").evaluate_all("items => items.map(i => i.dataset.id)")
    assert page.locator("#circle-services").get_attribute("data-mode") == mode
    assert listed == _expected(lng, lat, mode, 15)
    return listed


def test_circle_walking_and_cycling_and_the_map_filters(new_page, points_world, problems, screenshots):
    page = new_page()

    page.goto("/servicepoints/circle/")
    page.select_option("#circle-district", "310101")
    page.wait_for_url("**district=310101**")
    walking = _check_circle(page, "walk")
    expect(page.locator("#circle-method")).to_contain_text("1.3")
    page.check("input[name=mode][value=bike]")
    page.click("#circle-go")
    page.wait_for_url("**mode=bike**")
    cycling = _check_circle(page, "bike")
    assert set(walking) < set(cycling)
    expect(page.locator("#circle-map path.leaflet-interactive").first).to_be_visible()
    box = page.locator("#circle-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.5)
    page.wait_for_url(re.compile(r"district=&.*lng=1"))
    _check_circle(page, "bike")
    screenshots(page, "servicepoints-circle.png")

    page.goto("/servicepoints/map/")
    total = page.locator("#map-count")
    expect(total).to_have_attribute("data-count", "44")
    page.select_option("#map-filters select[name=kind]", "training")
    expect(total).to_have_attribute("data-count", "4")
    page.select_option("#map-filters select[name=occupation]", "6-25-04-05")
    expect(total).to_have_attribute("data-count", "3")
    page.select_option("#map-filters select[name=kind]", "")
    page.select_option("#map-filters select[name=level]", "5")
    expect(total).to_have_attribute("data-count", "0")
    page.select_option("#map-filters select[name=occupation]", "")
    page.select_option("#map-filters select[name=level]", "")
    page.select_option("#map-filters select[name=district]", "310101")
    expect(total).to_have_attribute("data-count", "43")
    expect(page.locator("#sp-list li[data-id]").first).to_be_visible()
    kinds = page.locator("#sp-list li[data-id]").evaluate_all("items => items.map(i => i.dataset.kind)")
    assert set(kinds) <= {"station", "window", "training"}
    screenshots(page, "servicepoints-map.png")
    assert problems.console == [] and problems.page == []
