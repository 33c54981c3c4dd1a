"""An enterprise claims only for its own employees; trainee lists are scoped to the claimant."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jineng.core.exceptions import DomainError
from jineng.subsidies.choices import ClaimStatus
from jineng.subsidies.models import Claim
from jineng.subsidies.services.claims import claim_submit
from jineng.subsidies.tests import factories
from jineng.training.tests import factories as training

pytestmark = pytest.mark.django_db
CLAIMS = "/api/v1/subsidies/claims/"


def _claim(by, enrolment):
    return claim_submit(by=by, scheme=factories.scheme("ent_training"), enrolment=enrolment,
                        applicant_category="employed", submitted_at=factories.shanghai(date(2025, 3, 2)))


def test_api_refuses_enterprise_claim_for_a_trainee_it_does_not_employ(client, enterprise_hr):
    stranger = factories.certified()
    client.force_login(enterprise_hr)

    response = client.post(CLAIMS, {"scheme": "ent_training", "enrolment": stranger.pk}, content_type="application/json")

    assert response.status_code == 404
    assert not Claim.objects.exists()


def test_api_accepts_enterprise_claim_for_its_employee_and_records_the_evidence(client, enterprise_hr):
    enrolment = factories.certified()
    factories.employ(enterprise_hr.organisation, enrolment, start=date(2023, 5, 1))
    client.force_login(enterprise_hr)

    response = client.post(CLAIMS, {"scheme": "ent_training", "enrolment": enrolment.pk}, content_type="application/json")

    assert response.status_code == 201
    claim = Claim.objects.get()
    assert claim.status == ClaimStatus.IN_REVIEW
    assert claim.trace["employment"]["start_date"] == "2023-05-01"
    assert claim.trace["employment"]["source"] == "roster"


def test_refuses_claim_when_the_employment_began_after_the_training(enterprise_hr):
    enrolment = factories.certified()
    hired = enrolment.training_class.start_date + timedelta(days=10)
    factories.employ(enterprise_hr.organisation, enrolment, start=hired)

    with pytest.raises(DomainError, match="在培训期间.*不是本企业的在职职工"):
        _claim(enterprise_hr, enrolment)

    assert not Claim.objects.exists()


def test_refuses_claim_when_the_employee_left_before_the_training_ended(enterprise_hr):
    enrolment = factories.certified()
    factories.employ(enterprise_hr.organisation, enrolment, start=date(2020, 1, 1),
                     end=enrolment.training_class.start_date + timedelta(days=5))

    with pytest.raises(DomainError, match="职工花名册"):
        _claim(enterprise_hr, enrolment)


def test_refuses_claim_of_an_enterprise_without_a_profile(enterprise_hr):
    enrolment = factories.certified()

    with pytest.raises(DomainError, match="尚未登记企业信息"):
        _claim(enterprise_hr, enrolment)


def test_another_enterprises_claim_does_not_block_the_real_employer(enterprise_hr):
    from jineng.accounts.models import Organisation

    enrolment = factories.certified()
    factories.employ(enterprise_hr.organisation, enrolment, start=date(2022, 1, 1))
    other = Organisation.objects.create(name="上海别家企业有限公司", kind="enterprise")
    other_user = _user_of(other)

    with pytest.raises(DomainError):
        _claim(other_user, enrolment)
    claim = _claim(enterprise_hr, enrolment)

    assert claim.status == ClaimStatus.IN_REVIEW


def _user_of(organisation):
    from jineng.accounts.models import User

    return User.objects.create_user(username=f"u{organisation.pk}", password="x", organisation=organisation)


def test_reviewer_sees_the_employment_evidence_on_the_claim_page(client, enterprise_hr, city_officer):
    enrolment = factories.certified()
    factories.employ(enterprise_hr.organisation, enrolment, start=date(2023, 5, 1))
    claim = _claim(enterprise_hr, enrolment)
    client.force_login(city_officer)

    page = client.get(reverse("subsidies:claim", args=[claim.pk])).content.decode()

    assert "在职依据" in page
    assert "2023-05-01" in page
    assert "企业职工花名册" in page


def test_claim_form_search_by_class_code_lists_only_the_enterprises_employees(client, enterprise_hr):
    employee = factories.certified()
    klass = employee.training_class
    classmates = [training.enrolment(klass, certificate_date=date(2025, 3, 1)) for _ in range(3)]
    factories.employ(enterprise_hr.organisation, employee)
    client.force_login(enterprise_hr)

    page = client.get(reverse("subsidies:claim_new"), {"q": klass.code}).content.decode()

    assert employee.person.name in page
    for other in classmates:
        assert other.person.name not in page
        assert other.person.resident_id_masked not in page


def test_claim_form_search_shows_an_enterprise_nothing_of_strangers(client, enterprise_hr):
    stranger = factories.certified()
    client.force_login(enterprise_hr)

    page = client.get(reverse("subsidies:claim_new"), {"q": stranger.training_class.code}).content.decode()

    assert stranger.person.name not in page


def test_enterprise_form_post_of_a_strangers_enrolment_files_nothing(client, enterprise_hr):
    stranger = factories.certified()
    client.force_login(enterprise_hr)

    client.post(reverse("subsidies:claim_new"), {"enrolment": stranger.pk})

    assert not Claim.objects.exists()


def test_institution_search_by_another_institutions_class_code_finds_nothing(client):
    mine, theirs = factories.certified(), factories.certified()
    client.force_login(factories.institution_user_for(mine))

    page = client.get(reverse("subsidies:claim_new"), {"q": theirs.training_class.code}).content.decode()

    assert theirs.person.name not in page


def test_api_institution_naming_another_institutions_enrolment_gets_not_found(client):
    mine, theirs = factories.certified(), factories.certified()
    client.force_login(factories.institution_user_for(mine))

    response = client.post(CLAIMS, {"scheme": "sh_skill_upgrade", "enrolment": theirs.pk,
                                    "applicant_category": "employed"}, content_type="application/json")

    assert response.status_code == 404
    assert not Claim.objects.exists()


def test_api_enterprise_naming_another_enterprises_apprentice_gets_not_found(client, enterprise_hr):
    from jineng.accounts.models import Organisation

    other = Organisation.objects.create(name="上海学徒别家有限公司", kind="enterprise")
    apprentice = factories.apprenticeship(other)
    client.force_login(enterprise_hr)

    response = client.post(CLAIMS, {"scheme": "apprenticeship", "apprenticeship": apprentice.pk,
                                    "period_year": 2025}, content_type="application/json")

    assert response.status_code == 404
    assert not Claim.objects.exists()
