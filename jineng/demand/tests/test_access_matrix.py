"""Every demand page and API endpoint × every role: who sees which report, who gets 403 or 404."""

import pytest
from django.urls import reverse

from jineng.demand.choices import ReportState
from jineng.demand.models import DemandReport
from jineng.demand.tests import factories

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404
ROLES = ["anonymous", "office", "leader", "rsj", "jxw", "mzj", "pudong", "chip", "care", "no_profile"]


@pytest.fixture
def world(city_officer, leader, rsj_officer, jxw_officer, mzj_officer, pudong_officer, chip_hr, care_hr, enterprise_hr,
          chip_firm, care_home, open_campaign):
    chip_report = factories.report(campaign=open_campaign, profile=chip_firm)  # IC, 浦东, submitted
    factories.line(chip_report, "6-25-02-05", headcount=5)
    care_report = factories.report(campaign=open_campaign, profile=care_home)  # ELDER, 徐汇, submitted
    factories.line(care_report, "4-10-01-05", headcount=3)
    other_chip = factories.enterprise(district="310115", industry="IC")
    draft = factories.report(campaign=open_campaign, profile=other_chip, state=ReportState.DRAFT)
    users = {"anonymous": None, "office": city_officer, "leader": leader, "rsj": rsj_officer, "jxw": jxw_officer,
             "mzj": mzj_officer, "pudong": pudong_officer, "chip": chip_hr, "care": care_hr, "no_profile": enterprise_hr}
    return {"users": users, "chip": chip_report, "care": care_report, "draft": draft}


def _expect(default, **overrides):
    return {role: overrides.get(role, default) for role in ROLES}


GOVERNMENT = _expect(OK, anonymous=LOGIN, chip=FORBIDDEN, care=FORBIDDEN, no_profile=FORBIDDEN)
REPORTS = {
    "chip": _expect(MISSING, anonymous=LOGIN, office=OK, leader=OK, jxw=OK, pudong=OK, chip=OK),
    "care": _expect(MISSING, anonymous=LOGIN, office=OK, leader=OK, mzj=OK, care=OK),
    "draft": _expect(MISSING, anonymous=LOGIN, office=OK, leader=OK),
}
PAGES = {
    "demand:reports": _expect(OK, anonymous=LOGIN),
    "demand:template": _expect(OK, anonymous=LOGIN),
    "demand:analysis": GOVERNMENT,
    "demand:analysis_export": GOVERNMENT,
    "demand:district_export": GOVERNMENT,
    "demand:shortage": GOVERNMENT,
    "demand:shortage_export": GOVERNMENT,
    "demand:campaigns": GOVERNMENT,
    "demand:ranking": _expect(FORBIDDEN, anonymous=LOGIN, office=OK, leader=OK),
    "demand:ranking_export": _expect(FORBIDDEN, anonymous=LOGIN, office=OK, leader=OK),
    "demand:weights": _expect(FORBIDDEN, anonymous=LOGIN, office=OK),
}


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
@pytest.mark.parametrize("which", list(REPORTS))
@pytest.mark.parametrize("page", ["demand:report", "demand:report_export", "demand:report_template"])
def test_report_pages_are_scoped(client, world, role, which, page):
    _login(client, world, role)

    response = client.get(reverse(page, args=[world[which].pk]))

    assert response.status_code == REPORTS[which][role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", list(REPORTS))
def test_api_report_detail_is_scoped(client, world, role, which):
    _login(client, world, role)

    response = client.get(f"/api/v1/demand/reports/{world[which].pk}/")

    expected = REPORTS[which][role]
    assert response.status_code == (401 if expected == LOGIN else expected)


@pytest.mark.parametrize(("role", "count"), [("office", 3), ("leader", 3), ("rsj", 0), ("jxw", 1), ("mzj", 1),
                                             ("pudong", 1), ("chip", 1), ("care", 1), ("no_profile", 0)])
def test_api_and_page_lists_hold_only_what_the_role_may_see(client, world, role, count):
    _login(client, world, role)

    api = client.get("/api/v1/demand/reports/").json()
    page = client.get(reverse("demand:reports"))

    assert api["count"] == count
    assert len(page.context["reports"]) == count


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("office", 200), ("jxw", 200), ("pudong", 200),
                                              ("chip", 403)])
def test_api_analysis_needs_a_government_role(client, world, role, status):
    _login(client, world, role)

    assert client.get("/api/v1/demand/shortage/").status_code == status
    assert client.get("/api/v1/demand/analysis/?dims=district").status_code == status


def test_a_district_reads_but_cannot_review_or_edit(client, world):
    client.force_login(world["users"]["pudong"])
    report = world["chip"]

    review = client.post(reverse("demand:report_review", args=[report.pk]), {"decision": "accept"})
    add = client.post(reverse("demand:line_add", args=[report.pk]), {})
    api = client.post(f"/api/v1/demand/reports/{report.pk}/accept/", {}, content_type="application/json")

    assert review.status_code == FORBIDDEN and add.status_code == FORBIDDEN and api.status_code == FORBIDDEN
    assert DemandReport.objects.get(pk=report.pk).state == ReportState.SUBMITTED


def test_the_industrys_department_reviews_through_page_and_api(client, world):
    client.force_login(world["users"]["jxw"])
    report = world["chip"]

    page = client.get(reverse("demand:report", args=[report.pk]))
    returned = client.post(f"/api/v1/demand/reports/{report.pk}/return/", {"comment": "请补充原因"},
                           content_type="application/json")

    assert [a.name for a in page.context["review"].actions] == ["accept", "return"]
    assert returned.status_code == 200 and returned.json()["state"] == "returned"


def test_another_enterprise_cannot_touch_a_report_by_guessing_its_id(client, world):
    client.force_login(world["users"]["care"])
    chip = world["chip"]
    line = chip.lines.get()

    responses = [
        client.post(reverse("demand:line_add", args=[chip.pk]), {}),
        client.post(reverse("demand:line_remove", args=[chip.pk, line.pk])),
        client.post(reverse("demand:report_submit", args=[chip.pk])),
        client.delete(f"/api/v1/demand/lines/{line.pk}/"),
        client.post(f"/api/v1/demand/reports/{chip.pk}/lines/", {}, content_type="application/json"),
    ]

    assert [r.status_code for r in responses] == [MISSING] * 5
    assert chip.lines.count() == 1
