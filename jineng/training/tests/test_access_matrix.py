"""Who sees which institutions, classes and records, through selectors, pages and the API."""

import pytest
from django.http import Http404

from jineng.training import permissions, selectors
from jineng.training.tests import factories


@pytest.fixture
def world(db):
    pudong = factories.institution(district="310115")
    huangpu = factories.institution(district="310101")
    pudong_class = factories.training_class(factories.project(pudong))
    huangpu_class = factories.training_class(factories.project(huangpu))
    return {"pudong": pudong, "huangpu": huangpu, "pudong_class": pudong_class, "huangpu_class": huangpu_class,
            "pudong_user": factories.institution_user(pudong), "huangpu_user": factories.institution_user(huangpu)}


def _visible(user):
    return set(selectors.institution_list(viewer=user).values_list("credit_code", flat=True))


@pytest.mark.parametrize(("persona", "expected"), [
    ("city_officer", {"pudong", "huangpu"}),
    ("leader", {"pudong", "huangpu"}),
    ("pudong_officer", {"pudong"}),
    ("huangpu_officer", {"huangpu"}),
    ("enterprise_hr", set()),
    ("rsj_officer", set()),
])
def test_each_role_sees_the_institutions_of_its_scope(world, persona, expected, request):
    user = request.getfixturevalue(persona)

    assert _visible(user) == {world[name].credit_code for name in expected}


def test_an_institution_user_sees_only_its_own_institution(world):
    assert _visible(world["pudong_user"]) == {world["pudong"].credit_code}
    assert list(selectors.class_list(viewer=world["pudong_user"])) == [world["pudong_class"]]


def test_another_institutions_class_is_a_404_for_an_institution_user(world):
    with pytest.raises(Http404):
        permissions.get_class_for_user(world["pudong_user"], world["huangpu_class"].pk)


def test_a_district_officer_reads_but_does_not_manage(world, pudong_officer):
    klass = permissions.get_class_for_user(pudong_officer, world["pudong_class"].pk)

    assert not permissions.can_manage(pudong_officer, klass.institution)
    with pytest.raises(Http404):
        permissions.get_class_for_user(pudong_officer, world["huangpu_class"].pk)


def test_only_the_own_institution_user_manages(world, city_officer):
    assert permissions.can_manage(world["pudong_user"], world["pudong"])
    assert not permissions.can_manage(world["pudong_user"], world["huangpu"])
    assert not permissions.can_manage(city_officer, world["pudong"])


@pytest.mark.parametrize(("persona", "status"), [
    ("city_officer", 200), ("leader", 200), ("pudong_officer", 200), ("huangpu_officer", 404),
    ("enterprise_hr", 403),
])
def test_the_class_page_follows_the_scope(world, client, persona, status, request):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(f"/training/classes/{world['pudong_class'].pk}/")

    assert response.status_code == status


@pytest.mark.parametrize(("persona", "count"), [
    ("city_officer", 2), ("leader", 2), ("pudong_officer", 1), ("huangpu_officer", 1), ("enterprise_hr", 0),
])
def test_the_api_lists_institutions_in_scope(world, client, persona, count, request):
    client.force_login(request.getfixturevalue(persona))

    data = client.get("/api/v1/training/institutions/").json()

    assert (data["count"] if isinstance(data, dict) else len(data)) == count


def test_the_api_hides_another_institutions_class(world, client):
    client.force_login(world["pudong_user"])

    assert client.get(f"/api/v1/training/classes/{world['huangpu_class'].pk}/").status_code == 404
    assert client.get(f"/api/v1/training/classes/{world['pudong_class'].pk}/").status_code == 200
