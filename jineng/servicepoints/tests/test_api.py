"""The public API under /api/v1/portal/: the list of every public point, and nearby from exactly that list."""

import pytest
from django.urls import reverse

from jineng.servicepoints.engine.reach import distance_m
from jineng.servicepoints.tests import factories as f


@pytest.fixture
def world(db):
    from jineng.competitions.tests import factories as competitions
    from jineng.evaluation.tests import factories as evaluation
    from jineng.training.tests import factories as training

    station = f.point(lon=121.5000, lat=31.2300)
    inactive = f.point(lon=121.5010, lat=31.2300, is_active=False)
    institution = training.institution()
    training.project(institution, code="6-25-04-05", level=3)
    site = training.site(institution, lon=121.5050, lat=31.2310)
    test_site = evaluation.site(evaluation.body())
    event = competitions.event()
    return {"station": station, "inactive": inactive, "site": site, "test_site": test_site, "event": event}


def test_the_api_lives_under_the_portal_prefix() -> None:
    assert reverse("api-portal-service-points") == "/api/v1/portal/service-points/"
    assert reverse("api-portal-nearby") == "/api/v1/portal/nearby/"


def test_service_points_lists_every_modules_public_points_without_login(client, world) -> None:
    answer = client.get("/api/v1/portal/service-points/").json()

    ids = {point["id"] for point in answer["results"]}
    assert ids == {f"sp-{world['station'].pk}", f"ts-{world['site'].pk}", f"ev-{world['test_site'].pk}",
                   f"cv-{world['event'].pk}"}
    assert set(answer["results"][0]) >= {"id", "kind", "name", "lng", "lat"}


def test_occupation_and_level_keep_the_training_sites_that_teach_them(client, world) -> None:
    taught = client.get("/api/v1/portal/service-points/?occupation=6-25-04-05&level=3").json()["results"]
    other = client.get("/api/v1/portal/service-points/?occupation=6-25-04-05&level=5").json()["results"]

    assert [p["id"] for p in taught] == [f"ts-{world['site'].pk}"]
    assert other == []


def test_nearby_answers_from_exactly_the_listed_points_nearest_first(client, world) -> None:
    listed = client.get("/api/v1/portal/service-points/").json()["results"]
    for mode, speed in (("walk", 4.5), ("bike", 15)):
        answer = client.get(f"/api/v1/portal/nearby/?lng=121.5&lat=31.23&mode={mode}&minutes=15").json()

        radius = 15 * speed * 1000 / 60 / 1.3
        expected = sorted((distance_m(121.5, 31.23, p["lng"], p["lat"]), p["id"]) for p in listed)
        assert [s["id"] for s in answer["services"]] == [pid for d, pid in expected if d <= radius]
        assert answer["method"].items() >= {"mode": mode, "speed_kmh": speed, "detour_factor": 1.3,
                                            "kind": "estimate"}.items()
    walk = client.get("/api/v1/portal/nearby/?lng=121.5&lat=31.23&mode=walk&minutes=15").json()["services"]
    assert walk[0]["id"] == f"sp-{world['station'].pk}" and walk[0]["distance_m"] == 0
    assert walk[1]["minutes"] == pytest.approx(round(walk[1]["distance_m"] * 1.3 / 75, 1), abs=0.05)


@pytest.mark.parametrize("query", [
    "", "lng=abc&lat=31.2", "lng=121.5", "lng=121.5&lat=91", "lng=181&lat=31", "lng=nan&lat=31.2",
    "lng=inf&lat=31.2", "lng=1e999&lat=31.2", "lng=121.5&lat=31.2&minutes=4", "lng=121.5&lat=31.2&minutes=31",
    "lng=121.5&lat=31.2&minutes=15.5", "lng=121.5&lat=31.2&minutes=99999999999999999999999",
    "lng=121.5&lat=31.2&mode=car", "lng=121.5&lat=31.2&kind=shop", "lng=121.5&lat=31.2&level=9",
    "lng=121.5&lat=31.2&district=' OR 1=1",
])
def test_bad_coordinates_modes_or_minutes_are_a_400_never_a_500(client, db, query) -> None:
    assert client.get(f"/api/v1/portal/nearby/?{query}").status_code == 400


def test_a_point_far_from_the_city_or_near_a_pole_finds_nothing_without_error(client, world) -> None:
    for lng, lat in ((0, 0), (179.99, 84.9), (-180, -85)):
        answer = client.get(f"/api/v1/portal/nearby/?lng={lng}&lat={lat}&mode=bike&minutes=30")
        assert answer.status_code == 200 and answer.json()["services"] == []
