"""A worker's own pages: their records, a personal claim through the subsidy service, and nobody else's."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from jineng.subsidies.choices import ClaimantKind, ClaimStatus
from jineng.subsidies.selectors.claims import review_queue
from jineng.subsidies.tests.factories import submitted
from jineng.workers.services import worker_account_for
from jineng.workers.tests.oidc import resident

pytestmark = pytest.mark.django_db


def _worker(client, **kwargs):
    person, _number, enrolment = resident(**kwargs)
    worker = worker_account_for(person=person)
    client.force_login(worker)
    return worker, enrolment


def test_the_records_page_lists_the_worker_s_training_certificate_and_claimable_record(client):
    worker, enrolment = _worker(client)

    page = client.get("/workers/").content.decode()

    assert enrolment.training_class.code in page and enrolment.certificate_no in page
    assert f"/workers/training/{enrolment.pk}/claim/" in page
    assert "/v/" in page and "/credential.jwt" in page


def test_the_credential_of_the_worker_s_own_certificate_downloads(client):
    from jineng.certificates.models import Certificate

    worker, enrolment = _worker(client)
    certificate = Certificate.objects.get(number=enrolment.certificate_no)

    response = client.get(f"/workers/certificates/{certificate.pk}/credential.jwt")

    assert response.status_code == 200 and response["Content-Type"].startswith("application/vc")
    assert response.content.count(b".") == 2


def test_a_personal_claim_goes_through_the_checks_into_the_district_s_review_queue(client, pudong_officer):
    worker, enrolment = _worker(client)

    response = client.post(f"/workers/training/{enrolment.pk}/claim/",
                           {"scheme": "sh_skill_upgrade", "applicant_category": "employed"})

    claim = enrolment.subsidy_claims.get()
    assert response.status_code == 302 and response["Location"] == f"/workers/claims/{claim.pk}/"
    assert claim.status == ClaimStatus.IN_REVIEW, claim.check_failures
    assert claim.claimant_kind == ClaimantKind.PERSON and claim.submitted_by == worker
    assert claim.trace["checks"] and claim.amount > 0
    assert claim in review_queue(viewer=pudong_officer)
    assert claim.number in client.get(f"/workers/claims/{claim.pk}/").content.decode()


def test_a_second_claim_on_the_same_record_is_not_offered(client):
    worker, enrolment = _worker(client)
    client.post(f"/workers/training/{enrolment.pk}/claim/",
                {"scheme": "sh_skill_upgrade", "applicant_category": "employed"})

    response = client.get(f"/workers/training/{enrolment.pk}/claim/")

    assert response.status_code == 404


def test_a_claim_the_checks_refuse_is_kept_with_its_reasons(client):
    worker, enrolment = _worker(client, certificate_days_ago=500)  # past the 12-month deadline

    client.post(f"/workers/training/{enrolment.pk}/claim/",
                {"scheme": "sh_skill_upgrade", "applicant_category": "employed"})

    claim = enrolment.subsidy_claims.get()
    assert claim.status == ClaimStatus.CHECK_FAILED and claim.check_failures


def test_another_worker_s_claim_record_and_certificate_are_not_found(client):
    from jineng.certificates.models import Certificate

    _other, other_enrolment = _worker(client, username="li", name="李建国")
    other_claim = submitted(other_enrolment)
    other_certificate = Certificate.objects.get(number=other_enrolment.certificate_no)
    _worker(client)

    assert client.get(f"/workers/claims/{other_claim.pk}/").status_code == 404
    assert client.get(f"/workers/training/{other_enrolment.pk}/claim/").status_code == 404
    assert client.post(f"/workers/training/{other_enrolment.pk}/claim/",
                       {"scheme": "sh_skill_upgrade", "applicant_category": "employed"}).status_code == 404
    assert client.get(f"/workers/certificates/{other_certificate.pk}/credential.jwt").status_code == 404
    assert client.get("/workers/claims/99999999999999999999/").status_code == 404
    assert other_claim.number not in client.get("/workers/").content.decode()


def test_a_claim_filed_for_the_worker_by_their_institution_shows_on_their_page(client):
    worker, enrolment = _worker(client)
    claim = submitted(enrolment)

    page = client.get("/workers/").content.decode()

    assert claim.number in page
    assert client.get(f"/workers/claims/{claim.pk}/").status_code == 200


def test_the_subsidy_service_refuses_a_worker_claiming_on_another_person_s_record(client):
    from jineng.core.exceptions import NotAllowed
    from jineng.subsidies.services.claims import claim_submit
    from jineng.subsidies.tests.factories import scheme

    worker, _enrolment = _worker(client)
    _person, _number, other = resident(username="li", name="李建国")

    with pytest.raises(NotAllowed):
        claim_submit(by=worker, scheme=scheme(), enrolment=other, applicant_category="employed")


def test_officers_and_organisations_get_403_on_the_worker_pages(client, pudong_officer):
    client.force_login(pudong_officer)

    assert client.get("/workers/").status_code == 403


def test_a_worker_lands_on_their_records_and_sees_none_of_the_officers_pages(client):
    worker, _enrolment = _worker(client)

    assert client.get("/")["Location"] == "/workers/"
    for name in ("subsidies:claims", "certificates:register", "training:classes", "workplan:desk"):
        assert client.get(reverse(name)).status_code == 403, name
    assert get_user_model().objects.get(pk=worker.pk).organisation_id is None
