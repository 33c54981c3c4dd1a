"""Every subsidy page and API endpoint × every role: who sees which claim, who gets 403 or 404."""

import pytest
from django.urls import reverse

from jineng.subsidies.services import claims as claim_services
from jineng.subsidies.services import payments as payment_services
from jineng.subsidies.tests import factories
from jineng.training.tests import factories as training

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404
ROLES = ["anonymous", "office", "leader", "rsj", "pudong", "huangpu", "institution", "other_institution", "enterprise"]


@pytest.fixture
def world(city_officer, leader, rsj_officer, pudong_officer, huangpu_officer, enterprise_hr):
    enrolment = factories.certified()  # a 浦东 institution
    institution_user = factories.institution_user_for(enrolment)
    other = training.institution_user(training.institution(district="310101"))
    claim = factories.submitted(enrolment, by=institution_user)
    claim_services.claim_approve(claim=claim, by=city_officer)
    batch = payment_services.payment_batch_create(by=city_officer)
    users = {"anonymous": None, "office": city_officer, "leader": leader, "rsj": rsj_officer, "pudong": pudong_officer,
             "huangpu": huangpu_officer, "institution": institution_user, "other_institution": other,
             "enterprise": enterprise_hr}
    return {"users": users, "claim": claim, "batch": batch}


def _expect(default, **overrides):
    return {role: overrides.get(role, default) for role in ROLES}


SEE = _expect(OK, anonymous=LOGIN, rsj=FORBIDDEN)
PAY = _expect(FORBIDDEN, anonymous=LOGIN, office=OK)
PAGES = {
    "subsidies:quote": _expect(OK, anonymous=LOGIN),
    "subsidies:parameters": _expect(OK, anonymous=LOGIN),
    "subsidies:claims": SEE,
    "subsidies:claims_export": SEE,
    "subsidies:summary": SEE,
    "subsidies:review": _expect(FORBIDDEN, anonymous=LOGIN, office=OK, pudong=OK, huangpu=OK),
    "subsidies:claim_new": _expect(FORBIDDEN, anonymous=LOGIN, institution=OK, other_institution=OK, enterprise=OK),
    "subsidies:batches": PAY,
}
CLAIM = _expect(MISSING, anonymous=LOGIN, rsj=FORBIDDEN, office=OK, leader=OK, pudong=OK, institution=OK)


def _login(client, world, role):
    if world["users"][role]:
        client.force_login(world["users"][role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_page_access(client, world, role, page):
    _login(client, world, role)

    response = client.get(reverse(page))

    assert response.status_code == PAGES[page][role]


@pytest.mark.parametrize("role", ROLES)
def test_claim_page_is_scoped(client, world, role):
    _login(client, world, role)

    response = client.get(reverse("subsidies:claim", args=[world["claim"].pk]))

    assert response.status_code == CLAIM[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["subsidies:batch", "subsidies:batch_export"])
def test_batch_pages_are_for_the_programme_office(client, world, role, page):
    _login(client, world, role)

    response = client.get(reverse(page, args=[world["batch"].pk]))

    assert response.status_code == PAY[role]


API_CLAIM = _expect(404, anonymous=401, rsj=404, office=200, leader=200, pudong=200, institution=200)


@pytest.mark.parametrize("role", ROLES)
def test_api_claim_detail_is_scoped(client, world, role):
    _login(client, world, role)

    response = client.get(f"/api/v1/subsidies/claims/{world['claim'].pk}/")

    assert response.status_code == API_CLAIM[role]


@pytest.mark.parametrize("role", ROLES)
def test_api_claim_list_shows_only_what_the_role_may_see(client, world, role):
    _login(client, world, role)

    response = client.get("/api/v1/subsidies/claims/")

    if role == "anonymous":
        assert response.status_code == 401
    else:
        assert response.json()["count"] == (1 if API_CLAIM[role] == 200 else 0)


@pytest.mark.parametrize("role", ROLES)
def test_api_batches_are_for_the_programme_office(client, world, role):
    _login(client, world, role)

    response = client.get("/api/v1/subsidies/batches/")

    assert response.status_code == {"anonymous": 401, "office": 200}.get(role, 403)


@pytest.mark.parametrize(("role", "expected"), [("huangpu", 403), ("institution", 403), ("leader", 403),
                                                ("other_institution", 403)])
def test_api_approve_is_refused_to_those_who_may_not_review(client, world, role, expected):
    claim = factories.submitted(factories.certified())
    _login(client, world, role)

    response = client.post(f"/api/v1/subsidies/claims/{claim.pk}/approve/", {}, content_type="application/json")

    assert response.status_code in (expected, 404)
    claim.refresh_from_db()
    assert claim.status == "in_review"
