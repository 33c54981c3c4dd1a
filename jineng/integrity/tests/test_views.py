"""Pages and API: who sees what, pages render with masked IDs only, review and run actions."""

from datetime import date

import pytest
from django.urls import reverse

from jineng.integrity.models import InstitutionRating, RiskFinding, RiskRun
from jineng.integrity.services import ratings, runs
from jineng.training.models import CheckIn
from jineng.training.tests import factories as tf
from jineng.training.tests.factories import shanghai

pytestmark = pytest.mark.django_db

DAY = date(2024, 4, 8)


@pytest.fixture
def finding():
    """A shared-device finding in Pudong, with the plain number of one trainee to look for in responses."""
    klass = tf.training_class(tf.project(tf.institution(district="310115")), capacity=40)
    who, number = tf.person_with_number()
    for n in range(15):
        tf.check_in(tf.enrolment(klass), at=shanghai(DAY, 9, n), device="PHONE-A")
    tf.check_in(tf.enrolment(klass, who), at=shanghai(DAY, 9, 20), device="PHONE-A")
    runs.risk_run_execute(run_id=RiskRun.objects.create().pk)
    found = RiskFinding.objects.get()
    found.plain_number = number
    return found


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("persona", "expected"), [
    ("city_officer", 200), ("leader", 200), ("pudong_officer", 200), ("huangpu_officer", 404),
    ("rsj_officer", 403), ("enterprise_hr", 403), (None, 302),
])
def test_finding_detail_access_matrix(request, client, finding, persona, expected):
    user = request.getfixturevalue(persona) if persona else None

    response = _client(client, user).get(reverse("integrity:finding", args=[finding.pk]))

    assert response.status_code == expected


@pytest.mark.parametrize(("persona", "sees"), [
    ("city_officer", True), ("leader", True), ("pudong_officer", True), ("huangpu_officer", False),
])
def test_finding_list_is_scoped_by_district(request, client, finding, persona, sees):
    response = _client(client, request.getfixturevalue(persona)).get(reverse("integrity:findings"))

    assert response.status_code == 200
    assert (finding.summary in response.content.decode()) is sees


def test_finding_detail_shows_evidence_with_masked_numbers_only(client, city_officer, finding):
    page = _client(client, city_officer).get(reverse("integrity:finding", args=[finding.pk])).content.decode()

    assert "PHONE-A" in page and finding.evidence["persons"][0]["masked"] in page
    assert finding.plain_number not in page
    klass = CheckIn.objects.get(pk=finding.evidence["check_ins"][0]).enrolment.training_class_id
    assert reverse("training:class", args=[klass]) in page
    assert reverse("training:institution", args=[finding.institution_id]) in page


def test_leader_reads_but_cannot_review(client, leader, finding):
    client = _client(client, leader)

    page = client.get(reverse("integrity:finding", args=[finding.pk])).content.decode()
    client.post(reverse("integrity:finding_review", args=[finding.pk]), {"outcome": "dismissed", "note": "x"})

    assert "id=\"review-form\"" not in page
    finding.refresh_from_db()
    assert finding.status == "open"


def test_district_officer_confirms_a_finding_with_a_note(client, pudong_officer, finding):
    response = _client(client, pudong_officer).post(
        reverse("integrity:finding_review", args=[finding.pk]), {"outcome": "confirmed", "note": "核实属实"})

    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.status, finding.review_note, finding.reviewed_by) == ("confirmed", "核实属实", pudong_officer)


def test_filters_by_rule_and_status(client, city_officer, finding):
    client = _client(client, city_officer)

    hit = client.get(reverse("integrity:findings"), {"rule": "shared_device", "status": "open"}).content.decode()
    miss = client.get(reverse("integrity:findings"), {"rule": "claim_burst"}).content.decode()

    assert finding.summary in hit and finding.summary not in miss


def test_programme_office_starts_a_run_and_watches_its_progress(client, city_officer, immediate_tasks,
                                                                django_capture_on_commit_callbacks):
    client = _client(client, city_officer)

    assert "发起全市风险核查" in client.get(reverse("integrity:runs")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("integrity:run_start"))

    run = RiskRun.objects.get()
    assert response.url == reverse("integrity:run", args=[run.pk])
    assert "8 / 8" in client.get(reverse("integrity:run_progress", args=[run.pk])).content.decode()
    assert client.get(reverse("integrity:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true").status_code == 204
    assert client.get(reverse("integrity:run", args=[run.pk])).status_code == 200


def test_district_officer_cannot_start_a_run(client, pudong_officer):
    client = _client(client, pudong_officer)

    client.post(reverse("integrity:run_start"))

    assert not RiskRun.objects.exists()


@pytest.fixture
def rated(city_officer):
    inst = tf.institution(name="上海公开评级培训学校")
    klass = tf.training_class(tf.project(inst), capacity=30)
    for n in range(25):
        tf.enrolment(klass, passed=n < 20)
    ratings.rating_compute(year=2024, by=city_officer)
    return InstitutionRating.objects.get()


def test_anonymous_visitors_see_published_grades_only(client, city_officer, rated):
    assert "上海公开评级培训学校" not in client.get(reverse("integrity:ratings")).content.decode()
    assert client.get(reverse("integrity:rating", args=[rated.pk])).status_code == 404

    ratings.rating_publish(year=2024, by=city_officer)

    assert "上海公开评级培训学校" in client.get(reverse("integrity:ratings")).content.decode()
    detail = client.get(reverse("integrity:rating", args=[rated.pk])).content.decode()
    assert "得分构成" in detail and "先验强度" in detail


def test_programme_office_computes_and_publishes_from_the_page(client, city_officer, rated):
    client = _client(client, city_officer)

    assert "公布本年度等级" in client.get(reverse("integrity:ratings"), {"year": 2024}).content.decode()
    client.post(reverse("integrity:ratings_compute"), {"year": "2024"})
    client.post(reverse("integrity:ratings_publish"), {"year": "2024"})

    assert InstitutionRating.objects.get().is_published


def test_leader_cannot_publish(client, leader, rated):
    response = _client(client, leader).post(reverse("integrity:ratings_publish"), {"year": "2024"})

    assert response.status_code == 403 and not InstitutionRating.objects.get().is_published


def test_ratings_export_is_a_workbook(client, city_officer, rated):
    ratings.rating_publish(year=2024, by=city_officer)

    response = client.get(reverse("integrity:ratings_export", args=[2024]))

    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml")


def test_api_lists_findings_for_supervisors_only(client, city_officer, huangpu_officer, enterprise_hr, finding):
    url = "/api/v1/integrity/findings/"

    assert client.get(url).status_code in (401, 403)
    assert _client(client, enterprise_hr).get(url).status_code == 403
    client.force_login(huangpu_officer)
    assert client.get(url).json()["count"] == 0
    client.force_login(city_officer)
    body = client.get(url, {"rule": "shared_device"}).json()
    assert body["count"] == 1 and body["results"][0]["person_masked"] is None
    detail = client.get(f"{url}{finding.pk}/").content.decode()
    assert "PHONE-A" in detail and finding.plain_number not in detail


def test_api_reviews_a_finding(client, pudong_officer, finding):
    client.force_login(pudong_officer)

    response = client.post(f"/api/v1/integrity/findings/{finding.pk}/review/",
                           {"outcome": "dismissed", "note": "教室签到机"}, content_type="application/json")
    refused = client.post(f"/api/v1/integrity/findings/{finding.pk}/review/",
                          {"outcome": "confirmed"}, content_type="application/json")

    assert response.status_code == 200 and response.json()["status"] == "dismissed"
    assert refused.status_code == 400


def test_api_starts_a_run_and_reports_its_status(client, city_officer, pudong_officer, immediate_tasks,
                                                django_capture_on_commit_callbacks):
    client.force_login(pudong_officer)
    assert client.post("/api/v1/integrity/runs/").status_code == 403
    client.force_login(city_officer)

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/api/v1/integrity/runs/")

    assert started.status_code == 202
    status = client.get(f"/api/v1/integrity/runs/{started.json()['id']}/").json()
    assert status["status"] == "done" and status["progress_percent"] == 100


def test_api_ratings_are_public_once_published(client, city_officer, rated):
    assert client.get("/api/v1/integrity/ratings/").json()["count"] == 0

    ratings.rating_publish(year=2024, by=city_officer)

    body = client.get("/api/v1/integrity/ratings/", {"year": 2024}).json()
    assert body["count"] == 1 and body["results"][0]["components"]["pass_rate"]["prior_strength"] > 0


def test_api_reviewing_a_finding_into_its_own_outcome_answers_409(client, pudong_officer, finding):
    client.force_login(pudong_officer)
    url = f"/api/v1/integrity/findings/{finding.pk}/review/"

    first = client.post(url, {"outcome": "dismissed", "note": "教室签到机"}, content_type="application/json")
    again = client.post(url, {"outcome": "dismissed", "note": "仍是教室签到机"}, content_type="application/json")

    assert first.status_code == 200
    assert (again.status_code, again.json()["code"]) == (409, "invalid_state")
    finding.refresh_from_db()
    assert finding.review_note == "教室签到机"


def test_the_review_partial_offers_the_district_its_outcomes_and_the_history(client, pudong_officer, finding):
    client = _client(client, pudong_officer)
    client.post(reverse("integrity:finding_review", args=[finding.pk]), {"action": "confirm", "comment": "核实属实"})

    page = client.get(reverse("integrity:finding", args=[finding.pk]))

    assert [a.name for a in page.context["review"].actions] == ["dismiss", "reopen"]
    assert "待核实 → 查实" in page.content.decode()
