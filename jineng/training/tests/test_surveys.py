"""Trainee satisfaction surveys through the API: own completed enrolments only, the first answer stands."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from jineng.core.exceptions import DomainError
from jineng.training import selectors
from jineng.training.models import SurveyResponse
from jineng.training.services.surveys import SurveyAlreadyAnswered, survey_submit
from jineng.training.tests import factories

URL = "/api/v1/training/surveys/"


@pytest.fixture
def setup(db):
    inst = factories.institution()
    klass = factories.training_class(factories.project(inst), start=date(2024, 3, 4))
    api = APIClient()
    api.force_authenticate(factories.institution_user(inst))
    return {"inst": inst, "klass": klass, "done": factories.enrolment(klass),
            "training": factories.enrolment(klass, completed=False), "api": api}


def test_an_answer_is_recorded_once(setup):
    response = setup["api"].post(URL, {"enrolment": setup["done"].pk, "satisfaction": 4}, format="json")

    assert response.status_code == 201 and response.json()["satisfaction"] == 4
    assert SurveyResponse.objects.get().enrolment == setup["done"]


def test_the_same_answer_again_changes_nothing(setup):
    setup["api"].post(URL, {"enrolment": setup["done"].pk, "satisfaction": 4}, format="json")

    again = setup["api"].post(URL, {"enrolment": setup["done"].pk, "satisfaction": 4}, format="json")

    assert again.status_code == 200 and SurveyResponse.objects.count() == 1


def test_a_different_second_answer_is_refused_and_the_first_kept(setup):
    setup["api"].post(URL, {"enrolment": setup["done"].pk, "satisfaction": 4}, format="json")

    again = setup["api"].post(URL, {"enrolment": setup["done"].pk, "satisfaction": 1}, format="json")

    assert again.status_code == 409 and "以首次评价为准" in again.json()["detail"]
    assert SurveyResponse.objects.get().satisfaction == 4


def test_a_trainee_still_in_training_cannot_answer(setup):
    response = setup["api"].post(URL, {"enrolment": setup["training"].pk, "satisfaction": 5}, format="json")

    assert response.status_code == 400 and "已结业" in response.content.decode()


@pytest.mark.parametrize("value", [0, 6, "好"])
def test_satisfaction_outside_one_to_five_is_refused(setup, value):
    response = setup["api"].post(URL, {"enrolment": setup["done"].pk, "satisfaction": value}, format="json")

    assert response.status_code == 400 and not SurveyResponse.objects.exists()


def test_another_institutions_enrolment_is_a_404(setup):
    other = factories.enrolment(factories.training_class(factories.project(factories.institution())))

    response = setup["api"].post(URL, {"enrolment": other.pk, "satisfaction": 5}, format="json")

    assert response.status_code == 404


def test_supervisors_cannot_answer_for_trainees(setup, city_officer):
    api = APIClient()
    api.force_authenticate(city_officer)

    assert api.post(URL, {"enrolment": setup["done"].pk, "satisfaction": 5}, format="json").status_code == 403


def test_the_service_refuses_a_changed_answer(setup):
    survey_submit(enrolment=setup["done"], satisfaction=5)

    with pytest.raises(SurveyAlreadyAnswered):
        survey_submit(enrolment=setup["done"], satisfaction=3)
    with pytest.raises(DomainError, match="1–5"):
        survey_submit(enrolment=setup["done"], satisfaction=True)


def test_the_class_summary_counts_completed_trainees_only(setup):
    other = factories.enrolment(setup["klass"])
    factories.enrolment(setup["klass"])
    survey_submit(enrolment=setup["done"], satisfaction=5)
    survey_submit(enrolment=other, satisfaction=4)

    summary = selectors.class_survey_summary(klass=setup["klass"])

    assert (summary.completed, summary.responses, summary.mean) == (3, 2, 4.5)
    assert summary.response_rate == pytest.approx(2 / 3)


def test_the_class_page_shows_response_rate_and_mean(setup, client, city_officer):
    survey_submit(enrolment=setup["done"], satisfaction=4)
    client.force_login(city_officer)

    page = client.get(f"/training/classes/{setup['klass'].pk}/").content.decode()

    assert "1 / 1 名结业学员已评价" in page and "100.0%" in page and "4.00 / 5" in page
