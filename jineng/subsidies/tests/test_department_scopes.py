"""City departments read, and only read, the subsidy claims of the plan tasks they lead (department-scopes.csv)."""

from datetime import date

import pytest
from django.http import Http404

from jineng.accounts.models import Organisation, User
from jineng.occupations.models import Industry
from jineng.subsidies import permissions
from jineng.subsidies.selectors import claims as selectors
from jineng.subsidies.tests import factories
from jineng.training.tests import factories as training


def _officer(organisation_name: str) -> User:
    return User.objects.create_user(username=f"dept-{organisation_name}",
                                    organisation=Organisation.objects.get(name=organisation_name))


@pytest.fixture
def claims(db):
    factories.catalogue()
    college = training.institution(kind="college")
    private = training.institution(kind="private")
    elder_project = training.project(training.institution(kind="private"), code=factories.LATHE, industry=Industry.objects.get(code="ELDER"))
    elder_enrolment = training.enrolment(training.training_class(elder_project, start=date(2024, 10, 8)),
                                         certificate_date=date(2025, 3, 1))
    return {
        "college": factories.submitted(factories.certified(inst=college)),
        "private": factories.submitted(factories.certified(inst=private)),
        "elder": factories.submitted(elder_enrolment),
    }


def test_the_finance_bureau_reads_every_claim_of_its_schemes_tasks_3_and_16(claims):
    caizheng = _officer("市财政局")

    assert set(selectors.claim_list(viewer=caizheng)) == set(claims.values())


def test_the_education_commission_reads_the_claims_of_college_trainees_task_9(claims, jiaowei_officer):
    assert set(selectors.claim_list(viewer=jiaowei_officer)) == {claims["college"]}
    with pytest.raises(Http404):
        selectors.get_claim_for_user(jiaowei_officer, claims["private"].pk)


def test_civil_affairs_reads_the_claims_of_elderly_care_training_task_17(claims):
    assert set(selectors.claim_list(viewer=_officer("市民政局"))) == {claims["elder"]}


def test_a_department_reviews_no_claim_and_pays_nothing(claims):
    caizheng = _officer("市财政局")

    assert not permissions.can_review(caizheng, claims["college"])
    assert not permissions.can_review_any(caizheng)
    assert not permissions.can_pay(caizheng)
    assert not permissions.can_withdraw(caizheng, claims["college"])
    assert not permissions.can_submit(caizheng)


def test_the_claim_page_is_read_only_for_a_department(claims, client):
    client.force_login(_officer("市财政局"))
    before = claims["college"].status

    page = client.get(f"/subsidies/claims/{claims['college'].pk}/")
    approve = client.post(f"/subsidies/claims/{claims['college'].pk}/approve/")

    assert page.status_code == 200
    assert claims["college"].number in page.content.decode()
    assert approve.status_code in (403, 404)
    claims["college"].refresh_from_db()
    assert claims["college"].status == before


def test_a_department_without_such_a_task_sees_no_claims(claims, rsj_officer):
    assert list(selectors.claim_list(viewer=rsj_officer)) == []
    assert not permissions.can_see_claims(rsj_officer)
