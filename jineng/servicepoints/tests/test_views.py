"""Pages: the public map and circle without login; the register for the office and districts (another
district's point is a 404); the planner's view and its export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jineng.servicepoints.tests import factories as f


def test_the_public_pages_open_without_login(client, db) -> None:
    f.point(lon=121.5, lat=31.23)
    for name in ("servicepoints:map", "servicepoints:circle", "servicepoints:districts"):
        assert client.get(reverse(name)).status_code == 200, name


def test_the_district_outlines_are_the_sixteen_districts_and_may_be_cached(client, db) -> None:
    answer = client.get(reverse("servicepoints:districts"))

    assert len(answer.json()["features"]) == 16
    assert "max-age=3600" in answer["Cache-Control"]


def test_the_circle_lists_the_services_within_reach_with_the_method(client, db) -> None:
    near = f.point(lon=121.5, lat=31.23, name="近处服务站")
    f.point(lon=121.6, lat=31.23, name="远处服务站")

    page = client.get(reverse("servicepoints:circle") + "?lng=121.501&lat=31.23&mode=walk&minutes=15")

    text = page.content.decode()
    assert page.status_code == 200
    assert f'data-id="sp-{near.pk}"' in text and "远处服务站" not in text
    assert "绕行系数 1.3" in text and "4.5" in text


def test_the_circle_starts_from_a_district_or_a_site(client, db) -> None:
    point = f.point(name="区内服务站")

    by_district = client.get(reverse("servicepoints:circle") + "?district=310115&mode=bike&minutes=30")
    by_site = client.get(reverse("servicepoints:circle") + f"?district=310115&site=sp-{point.pk}&mode=walk")

    assert by_district.status_code == 200 and 'id="circle-services"' in by_district.content.decode()
    assert f'data-id="sp-{point.pk}"' in by_site.content.decode()


@pytest.mark.parametrize("query", ["lng=abc&lat=31", "lng=121.5&lat=31.2&minutes=99", "lng=121.5&lat=31.2&mode=x",
                                   "site=nope", "district=999999", "lng=nan&lat=nan"])
def test_the_circle_answers_bad_input_without_a_server_error(client, db, query) -> None:
    assert client.get(reverse("servicepoints:circle") + "?" + query).status_code in (200, 400)


def test_another_districts_point_is_a_404_and_the_own_one_opens(client, pudong_officer) -> None:
    own, other = f.point(district="310115"), f.point(district="310101")
    client.force_login(pudong_officer)

    assert client.get(reverse("servicepoints:point", args=[own.pk])).status_code == 200
    assert client.get(reverse("servicepoints:point", args=[other.pk])).status_code == 404
    assert client.post(reverse("servicepoints:point", args=[other.pk]), {"name": "x"}).status_code == 404


def test_the_register_lists_only_the_districts_own_points(client, pudong_officer) -> None:
    own, other = f.point(district="310115"), f.point(district="310101")
    client.force_login(pudong_officer)

    text = client.get(reverse("servicepoints:register")).content.decode()

    assert own.name in text and other.name not in text


def test_a_district_registers_a_point_through_the_form(client, pudong_officer) -> None:
    client.force_login(pudong_officer)
    from jineng.core.models import District

    pudong = District.objects.get(code="310115")
    answer = client.post(reverse("servicepoints:point_new"), {
        "name": "花木社区就业服务站", "kind": "station", "district": pudong.pk, "address": "花木路1号",
        "lon": "121.553", "lat": "31.208", "hours": "周一至周五", "is_active": "on"})

    assert answer.status_code == 302


def test_roles_without_the_register_get_a_403(client, enterprise_hr) -> None:
    client.force_login(enterprise_hr)

    assert client.get(reverse("servicepoints:register")).status_code == 403
    assert client.get(reverse("servicepoints:planner")).status_code == 403


def test_the_planner_shades_the_city_and_exports_the_least_served_cells(client, city_officer) -> None:
    f.point(lon=121.5, lat=31.23)
    client.force_login(city_officer)

    page = client.get(reverse("servicepoints:planner"))
    export = client.get(reverse("servicepoints:planner_export"))

    assert page.status_code == 200 and "least-served" in page.content.decode()
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 16 * 5
    assert {row[0] for row in rows[1:]} >= {"浦东新区", "黄浦区"}


def test_a_district_planner_lists_only_its_own_cells(client, pudong_officer) -> None:
    client.force_login(pudong_officer)

    export = client.get(reverse("servicepoints:planner_export"))

    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))[1:]
    assert {row[0] for row in rows} == {"浦东新区"}
