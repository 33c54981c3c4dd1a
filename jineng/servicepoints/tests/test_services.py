"""The register: the office keeps every district's points, a district its own; coordinates inside the district."""

from decimal import Decimal

import pytest

from jineng.core.districts import random_point_in
from jineng.core.exceptions import DomainError, NotAllowed
from jineng.core.models import District
from jineng.servicepoints.services import PointFields, point_create, point_update
from jineng.servicepoints.tests import factories as f


def _fields(code: str = "310115", **extra) -> PointFields:
    import random

    place = District.objects.get(code=code)
    lon, lat = random_point_in(place.geometry, rng=random.Random(5))
    values = {"name": "张江社区就业服务站", "kind": "station", "district": place, "address": "张江路1号",
              "lon": Decimal(str(lon)), "lat": Decimal(str(lat)), "hours": "周一至周五 9:00–17:00"}
    return PointFields(**(values | extra))


def test_a_district_registers_a_point_in_its_own_district_with_its_history(pudong_officer) -> None:
    point = point_create(by=pudong_officer, fields=_fields())

    assert point.district.code == "310115"
    assert point.history.get().history_user == pudong_officer


def test_a_district_may_not_register_a_point_in_another_district(pudong_officer) -> None:
    with pytest.raises(NotAllowed):
        point_create(by=pudong_officer, fields=_fields("310101"))


def test_the_office_registers_points_in_any_district(city_officer) -> None:
    assert point_create(by=city_officer, fields=_fields("310101")).district.code == "310101"


def test_coordinates_outside_the_district_are_refused(city_officer) -> None:
    pudong = District.objects.get(code="310115")
    with pytest.raises(DomainError, match="不在浦东新区范围内"):
        point_create(by=city_officer, fields=_fields(district=pudong, lon=Decimal("121.0"), lat=Decimal("31.9")))


def test_a_second_point_of_the_same_name_in_the_district_is_refused(city_officer) -> None:
    point_create(by=city_officer, fields=_fields())
    with pytest.raises(DomainError, match="已有名为"):
        point_create(by=city_officer, fields=_fields())


def test_an_update_writes_only_what_changed_and_is_audited(pudong_officer) -> None:
    point = f.point()

    point_update(by=pudong_officer, point=point, fields=_fields(name=point.name, lon=point.lon, lat=point.lat,
                                                              address=point.address, hours="全天"))

    point.refresh_from_db()
    assert point.hours == "全天"
    assert point.history.first().history_change_reason == "修改服务网点"


def test_an_enterprise_may_not_keep_points(enterprise_hr) -> None:
    with pytest.raises(NotAllowed):
        point_create(by=enterprise_hr, fields=_fields())
