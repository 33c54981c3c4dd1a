"""New-type apprentices: enterprises register theirs; the programme office and districts read them with counts."""

import random
from datetime import date

import pytest

from jineng.accounts.models import Organisation, User
from jineng.core.exceptions import DomainError
from jineng.core.identifiers import synthetic_uscc
from jineng.core.models import District
from jineng.demand.models import EnterpriseProfile
from jineng.occupations.models import Industry, Occupation
from jineng.training import selectors
from jineng.training.models import Apprenticeship
from jineng.training.services.apprentices import apprentice_register
from jineng.training.tests import factories
from jineng.training.tests.factories import PASSWORD


def _enterprise_user(name: str, district: str | None = "310115", username: str | None = None) -> User:
    organisation = Organisation.objects.create(
        name=name, kind="enterprise", district=District.objects.get(code=district) if district else None)
    return User.objects.create_user(username=username or f"ent-{organisation.pk}", password=PASSWORD,
                                    organisation=organisation)


@pytest.fixture
def world(db):
    pudong = _enterprise_user("上海浦东学徒测试有限公司", "310115")
    huangpu = _enterprise_user("上海黄浦学徒测试有限公司", "310101")
    return {"pudong": pudong, "huangpu": huangpu, "occupation": Occupation.objects.filter(code="6-25-04-05").first()}


def _register(user, occupation, number=None, **changes):
    if number is None:
        _, number = factories.person_with_number()
    fields = {"resident_id": number, "name": "学徒甲", "occupation": occupation, "target_level": 3,
              "start_date": date(2025, 3, 1), "end_date": date(2027, 2, 28)} | changes
    return apprentice_register(by=user, **fields)


def test_an_enterprise_registers_an_apprentice_in_its_district(world):
    apprenticeship = _register(world["pudong"], world["occupation"])

    assert apprenticeship.enterprise == world["pudong"].organisation and apprenticeship.district.code == "310115"
    assert apprenticeship.history.first().history_user == world["pudong"]


def test_the_district_comes_from_the_demand_profile_when_the_organisation_has_none(world):
    user = _enterprise_user("上海无区学徒测试有限公司", None)
    EnterpriseProfile.objects.create(organisation=user.organisation, district=District.objects.get(code="310104"),
                                     credit_code=synthetic_uscc(rng=random.Random(7), region="310104"),
                                     industry=Industry.objects.order_by("pk").first(), size="medium")

    assert _register(user, world["occupation"]).district.code == "310104"


def test_an_enterprise_without_a_known_district_must_choose_one(world):
    user = _enterprise_user("上海未知区学徒测试有限公司", None)

    with pytest.raises(DomainError, match="请选择所在区"):
        _register(user, world["occupation"])
    assert _register(user, world["occupation"], district=District.objects.get(code="310112")).district.code == "310112"


@pytest.mark.parametrize(("end", "ok"), [
    (date(2026, 2, 28), False), (date(2026, 3, 1), True), (date(2028, 3, 1), True), (date(2028, 3, 2), False),
])
def test_the_period_is_one_to_three_years(world, end, ok):
    if ok:
        assert _register(world["pudong"], world["occupation"], end_date=end).end_date == end
    else:
        with pytest.raises(DomainError, match="1 至 3 年"):
            _register(world["pudong"], world["occupation"], end_date=end)


def test_the_target_level_is_four_or_above(world):
    with pytest.raises(DomainError, match="四级/中级工及以上"):
        _register(world["pudong"], world["occupation"], target_level=1)


def test_the_same_apprentice_and_occupation_twice_is_refused_with_a_masked_number(world):
    trainee, number = factories.person_with_number()
    _register(world["pudong"], world["occupation"], number=number)

    with pytest.raises(DomainError, match="已在本企业登记") as caught:
        _register(world["pudong"], world["occupation"], number=number)
    assert number not in str(caught.value) and trainee.resident_id_masked in str(caught.value)


@pytest.mark.parametrize("persona", ["city_officer", "pudong_officer", "leader"])
def test_only_enterprise_users_register(world, persona, request):
    with pytest.raises(DomainError, match="只有企业用户"):
        _register(request.getfixturevalue(persona), world["occupation"])


def test_a_suspended_partner_institution_is_refused(world, city_officer):
    institution = factories.institution()
    institution.status = "suspended"
    institution.save(update_fields=["status"])

    with pytest.raises(DomainError, match="合作培训机构"):
        _register(world["pudong"], world["occupation"], institution=institution)


@pytest.mark.parametrize(("persona", "expected"), [
    ("city_officer", {"pudong", "huangpu"}), ("leader", {"pudong", "huangpu"}), ("pudong_officer", {"pudong"}),
    ("huangpu_officer", {"huangpu"}), ("pudong", {"pudong"}), ("huangpu", {"huangpu"}), ("rsj_officer", set()),
    ("enterprise_hr", set()),
])
def test_each_role_sees_the_apprentices_of_its_scope(world, persona, expected, request):
    for name in ("pudong", "huangpu"):
        _register(world[name], world["occupation"])
    viewer = world[persona] if persona in world else request.getfixturevalue(persona)

    seen = {a.enterprise.name for a in selectors.apprenticeship_list(viewer=viewer)}

    assert seen == {world[name].organisation.name for name in expected}


def test_counts_by_district_and_occupation(world, city_officer):
    other = Occupation.objects.filter(code="4-10-01-05").first()
    _register(world["pudong"], world["occupation"])
    _register(world["pudong"], other)
    _register(world["huangpu"], world["occupation"])

    counts = selectors.apprenticeship_counts(rows=selectors.apprenticeship_list(viewer=city_officer))

    assert [(r["district__code"], r["n"]) for r in counts["by_district"]] == [("310101", 1), ("310115", 2)]
    assert counts["by_occupation"][0] == {"occupation__code": "6-25-04-05",
                                          "occupation__name": world["occupation"].name, "n": 2}


@pytest.mark.parametrize(("persona", "status"), [
    ("city_officer", 200), ("leader", 200), ("pudong_officer", 200), ("pudong", 200), ("rsj_officer", 403),
    ("enterprise_hr", 200),
])
def test_the_list_page_follows_the_roles(world, client, persona, status, request):
    client.force_login(world[persona] if persona in world else request.getfixturevalue(persona))

    assert client.get("/training/apprentices/").status_code == status


@pytest.mark.parametrize(("persona", "status"), [
    ("city_officer", 403), ("pudong_officer", 403), ("pudong", 200),
])
def test_only_enterprises_get_the_registration_form(world, client, persona, status, request):
    client.force_login(world[persona] if persona in world else request.getfixturevalue(persona))

    assert client.get("/training/apprentices/new/").status_code == status


def test_the_form_registers_and_the_list_shows_the_masked_number_only(world, client, city_officer):
    trainee, number = factories.person_with_number()
    client.force_login(world["pudong"])

    response = client.post("/training/apprentices/new/", {
        "resident_id": number, "name": trainee.name, "occupation": f"6-25-04-05 {world['occupation'].name}",
        "target_level": 3, "start_date": "2025-03-01", "end_date": "2027-03-01"})
    client.force_login(city_officer)
    page = client.get("/training/apprentices/").content.decode()

    assert response.status_code == 302 and Apprenticeship.objects.count() == 1
    assert trainee.resident_id_masked in page and number not in page


def test_a_refused_form_does_not_echo_the_number(world, client):
    _, number = factories.person_with_number()
    client.force_login(world["pudong"])

    response = client.post("/training/apprentices/new/", {
        "resident_id": number, "name": "学徒乙", "occupation": "6-25-04-05", "target_level": 3,
        "start_date": "2025-03-01", "end_date": "2029-03-01"})

    body = response.content.decode()
    assert response.status_code == 400 and "1 至 3 年" in body and number not in body


def test_an_unknown_occupation_code_is_a_form_error(world, client):
    _, number = factories.person_with_number()
    client.force_login(world["pudong"])

    response = client.post("/training/apprentices/new/", {
        "resident_id": number, "name": "学徒丙", "occupation": "9-99-99-99", "target_level": 3,
        "start_date": "2025-03-01", "end_date": "2027-03-01"})

    assert response.status_code == 400 and "职业分类大典" in response.content.decode()


def test_a_refused_apprenticeship_registers_no_person(world):
    from jineng.core.models import Person

    _, number = factories.person_with_number()
    Person.objects.all().delete()

    with pytest.raises(DomainError):
        _register(world["pudong"], world["occupation"], number=number, end_date=date(2030, 3, 1))
    assert not Person.objects.exists()
