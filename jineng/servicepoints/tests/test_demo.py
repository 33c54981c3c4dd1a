"""The demo step: about 500 stations and 16 windows, dated 2024, inside their districts; a second run adds none."""

from django.core.management import call_command

from jineng.core.districts import district_contains
from jineng.servicepoints.models import ServicePoint


def test_the_demo_places_500_stations_and_a_window_per_district_inside_the_polygons(db) -> None:
    call_command("seed_demo", "--only", "servicepoints")
    call_command("seed_demo", "--only", "servicepoints")

    points = list(ServicePoint.objects.select_related("district"))
    assert sum(p.kind == "station" for p in points) == 500
    assert sorted(p.district.code for p in points if p.kind == "window") == sorted({p.district.code for p in points})
    assert len({p.district.code for p in points}) == 16
    assert all(p.opened_date.year == 2024 for p in points)
    assert all(district_contains(p.district.geometry, p.lon, p.lat) for p in points)
    assert all(p.history.exists() for p in points[:5])
