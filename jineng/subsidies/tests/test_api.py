"""The claim workflow through the API: create, approve, batch, send, pay; refusals as 400 with the reason."""

import pytest
from django.utils import timezone

from jineng.subsidies.tests import factories

pytestmark = pytest.mark.django_db


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_institution_creates_a_claim_and_the_office_pays_it_through_the_api(client, city_officer):
    enrolment = factories.certified(certificate_date=timezone.localdate())
    client.force_login(factories.institution_user_for(enrolment))
    created = _post(client, "/api/v1/subsidies/claims/", {"scheme": "sh_skill_upgrade", "enrolment": enrolment.pk,
                                                          "applicant_category": "employed"})
    claim = created.json()
    client.force_login(city_officer)

    approved = _post(client, f"/api/v1/subsidies/claims/{claim['id']}/approve/")
    batch = _post(client, "/api/v1/subsidies/batches/", {"claims": [claim["id"]]}).json()
    sent = _post(client, f"/api/v1/subsidies/batches/{batch['id']}/send/")
    payment = client.get(f"/api/v1/subsidies/batches/{batch['id']}/payments/").json()[0]
    paid = _post(client, f"/api/v1/subsidies/payments/{payment['id']}/pay/", {"reference": "API-1"})

    assert created.status_code == 201
    assert claim["status"] == "in_review"
    assert claim["amount"] == "2000.00"
    assert "resident_id" not in claim
    assert claim["resident_id_masked"] == enrolment.person.resident_id_masked
    assert approved.json()["status"] == "approved"
    assert sent.json()["status"] == "sent"
    assert paid.json()["status"] == "paid"
    assert client.get(f"/api/v1/subsidies/claims/{claim['id']}/").json()["status"] == "paid"


def test_api_duplicate_claim_comes_back_as_check_failed_with_the_reason(client):
    first = factories.certified()
    factories.submitted(first)
    second = factories.certified(who=first.person)
    client.force_login(factories.institution_user_for(second))

    response = _post(client, "/api/v1/subsidies/claims/", {"scheme": "sh_skill_upgrade", "enrolment": second.pk})

    assert response.status_code == 201
    assert response.json()["status"] == "check_failed"
    assert "只能享受一次" in response.json()["check_failures"][0]


def test_api_reject_without_reason_is_a_400_with_the_message(client, city_officer):
    claim = factories.submitted(factories.certified())
    client.force_login(city_officer)

    response = _post(client, f"/api/v1/subsidies/claims/{claim.pk}/reject/", {"reason": ""})

    assert response.status_code == 400
    assert "理由" in response.json()["detail"]


def test_api_refuses_claims_to_government_roles(client, pudong_officer):
    enrolment = factories.certified()
    client.force_login(pudong_officer)

    response = _post(client, "/api/v1/subsidies/claims/", {"scheme": "sh_skill_upgrade", "enrolment": enrolment.pk})

    assert response.status_code == 403


def test_api_paying_a_failed_payment_answers_409_not_200(client, city_officer):
    claim = factories.submitted(factories.certified())
    client.force_login(city_officer)
    _post(client, f"/api/v1/subsidies/claims/{claim.pk}/approve/")
    batch = _post(client, "/api/v1/subsidies/batches/", {"claims": [claim.pk]}).json()
    _post(client, f"/api/v1/subsidies/batches/{batch['id']}/send/")
    payment_id = claim.__class__.objects.get(pk=claim.pk).payment.pk
    failed = _post(client, f"/api/v1/subsidies/payments/{payment_id}/fail/", {"reason": "账户已销户"})

    paid = _post(client, f"/api/v1/subsidies/payments/{payment_id}/pay/", {"reference": "X-1"})

    assert failed.json()["status"] == "failed"
    assert (paid.status_code, paid.json()["code"]) == (409, "invalid_state")
    assert "拨付失败" in paid.json()["detail"]
    assert client.get(f"/api/v1/subsidies/claims/{claim.pk}/").json()["status"] == "payment_failed"


def test_api_approving_twice_or_sending_a_sent_batch_answers_409(client, city_officer):
    claim = factories.submitted(factories.certified())
    client.force_login(city_officer)

    first = _post(client, f"/api/v1/subsidies/claims/{claim.pk}/approve/")
    second = _post(client, f"/api/v1/subsidies/claims/{claim.pk}/approve/")
    batch = _post(client, "/api/v1/subsidies/batches/", {"claims": [claim.pk]}).json()
    sent = _post(client, f"/api/v1/subsidies/batches/{batch['id']}/send/")
    resent = _post(client, f"/api/v1/subsidies/batches/{batch['id']}/send/")

    assert (first.status_code, second.status_code) == (200, 409)
    assert (sent.status_code, resent.status_code) == (200, 409)
