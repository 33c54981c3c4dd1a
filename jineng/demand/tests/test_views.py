"""The enterprise's journey through the pages and the API, and what the reviewer sees."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jineng.demand.choices import ReportState
from jineng.demand.models import DemandLine, DemandReport, DemandUpload
from jineng.demand.tests.factories import good_row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("需求.xlsx", content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_enterprise_starts_fills_uploads_and_submits_through_the_pages(client, open_campaign, chip_hr, jxw_officer,
                                                                       django_capture_on_commit_callbacks):
    client.force_login(chip_hr)

    listing = client.get(reverse("demand:reports"))
    assert [c.pk for c in listing.context["open_campaigns"]] == [open_campaign.pk]
    started = client.post(reverse("demand:report_start"), {"campaign": open_campaign.pk})
    report = DemandReport.objects.get()
    assert started.url == reverse("demand:report", args=[report.pk])

    added = client.post(reverse("demand:line_add", args=[report.pk]), {
        "occupation": "6-25-02-05", "level": 3, "headcount": 4, "urgency": 3, "vacancy_months": "2",
        "applicants_per_vacancy": "0.5", "offered_monthly_pay": "12000", "reason": "新产线"})
    assert added.status_code == 302 and DemandLine.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(reverse("demand:report_upload", args=[report.pk]),
                             {"file": _upload(xlsx([good_row("6-31-01-03"), good_row("0-00-00-00")]))})
    upload = DemandUpload.objects.get()
    assert queued.url == reverse("demand:upload", args=[upload.pk])
    rejected = client.get(queued.url)
    assert rejected.context["upload"].status == "rejected"
    assert rejected.context["upload"].errors_shown[0].startswith("第 3 行“职业编码”")
    assert "处错误，未写入任何记录" in rejected.content.decode()
    assert DemandLine.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        uploaded = client.post(reverse("demand:report_upload", args=[report.pk]),
                               {"file": _upload(xlsx([good_row("6-31-01-03")]))})
    done = client.get(uploaded.url).content.decode()
    assert "新增 1，更新 0，未变 0" in done and DemandLine.objects.count() == 2
    progress = client.get(reverse("demand:upload_progress", args=[DemandUpload.objects.latest("pk").pk]),
                          headers={"HX-Request": "true"})
    assert progress.status_code == 204 and progress["HX-Refresh"] == "true"

    client.post(reverse("demand:report_submit", args=[report.pk]))
    assert DemandReport.objects.get().state == ReportState.SUBMITTED
    page = client.get(reverse("demand:report", args=[report.pk]))
    assert page.context["editable"] is False

    client.force_login(jxw_officer)
    review = client.get(reverse("demand:report", args=[report.pk]))
    assert [a.name for a in review.context["review"].actions] == ["accept", "return"]
    client.post(reverse("demand:report_review", args=[report.pk]), {"decision": "return", "comment": "请补充到岗日期"})
    assert DemandReport.objects.get().state == ReportState.RETURNED


def test_a_line_form_error_is_shown_next_to_the_form(client, open_campaign, chip_hr):
    client.force_login(chip_hr)
    client.post(reverse("demand:report_start"), {"campaign": open_campaign.pk})
    report = DemandReport.objects.get()

    response = client.post(reverse("demand:line_add", args=[report.pk]), {
        "occupation": "6-99-99-99", "level": 3, "headcount": 4, "urgency": 3, "vacancy_months": "2",
        "applicants_per_vacancy": "0.5", "offered_monthly_pay": "12000"})

    assert response.status_code == 200
    assert "不是 2022 年版职业分类大典中的职业编码" in response.content.decode()


def test_enterprise_uses_the_api_end_to_end(client, open_campaign, chip_hr, city_officer,
                                            django_capture_on_commit_callbacks):
    client.force_login(chip_hr)

    report = client.post("/api/v1/demand/reports/", {"campaign": open_campaign.pk}, content_type="application/json").json()
    line = client.post(f"/api/v1/demand/reports/{report['id']}/lines/", {
        "occupation": "6-25-02-05", "level": 3, "headcount": 4, "urgency": 3, "vacancy_months": "2",
        "applicants_per_vacancy": "0.5", "offered_monthly_pay": "12000"}, content_type="application/json")
    with django_capture_on_commit_callbacks(execute=True):
        bad = client.post(f"/api/v1/demand/reports/{report['id']}/upload/", {"file": _upload(xlsx([good_row(headcount=-1)]))})
    with django_capture_on_commit_callbacks(execute=True):
        good = client.post(f"/api/v1/demand/reports/{report['id']}/upload/", {"file": _upload(xlsx([good_row("6-31-01-03")]))})
    bad_job, good_job = client.get(bad.json()["url"]).json(), client.get(good.json()["url"]).json()
    changed = client.put(f"/api/v1/demand/lines/{line.json()['id']}/", {
        "occupation": "6-25-02-05", "level": 4, "headcount": 6, "urgency": 2, "vacancy_months": "2",
        "applicants_per_vacancy": "0.5", "offered_monthly_pay": "13000"}, content_type="application/json")
    submitted = client.post(f"/api/v1/demand/reports/{report['id']}/submit/")

    assert line.status_code == 201 and line.json()["occupation_name"] == "半导体芯片制造工"
    assert bad.status_code == 202 and bad.json()["status"] == "queued"
    assert bad_job["status"] == "rejected" and bad_job["errors"][0].startswith("第 2 行“需求人数”")
    assert good.status_code == 202 and good.json()["url"] == f"/api/v1/demand/uploads/{good.json()['id']}/"
    assert (good_job["status"], good_job["created_count"], good_job["updated_count"]) == ("done", 1, 0)
    assert changed.status_code == 200 and changed.json()["level"] == 4
    assert submitted.json()["state"] == "submitted"
    assert client.get("/api/v1/demand/reports/").json()["count"] == 1

    client.force_login(city_officer)
    accepted = client.post(f"/api/v1/demand/reports/{report['id']}/accept/", {}, content_type="application/json")
    assert accepted.json()["state"] == "accepted"


def test_office_sets_a_campaign_on_its_page(client, city_officer, rsj_officer):
    data = {"name": "2025年上半年", "year": 2025, "opens_on": "2025-03-01", "closes_on": "2025-04-30", "industries": []}
    client.force_login(rsj_officer)
    client.post(reverse("demand:campaigns"), data)
    client.force_login(city_officer)

    response = client.post(reverse("demand:campaigns"), data)
    duplicate = client.post(reverse("demand:campaigns"), data)

    assert response.status_code == 302
    assert "已有名为" in duplicate.content.decode()
    from jineng.demand.models import Campaign
    assert list(Campaign.objects.values_list("name", flat=True)) == ["2025年上半年"]


def test_enterprise_edits_and_removes_a_line_on_its_page(client, open_campaign, chip_hr):
    from jineng.demand.services.reports import demand_line_add, demand_report_open

    report = demand_report_open(campaign=open_campaign, by=chip_hr)
    line = demand_line_add(report=report, by=chip_hr, occupation="6-25-02-05", level=3, headcount=4, urgency=3,
                           vacancy_months="2", applicants_per_vacancy="0.5", offered_monthly_pay="12000")
    client.force_login(chip_hr)
    url = reverse("demand:line_edit", args=[report.pk, line.pk])

    form = client.get(url)
    saved = client.post(url, {"occupation": "6-25-02-05", "level": 4, "headcount": 9, "urgency": 1, "vacancy_months": "2",
                              "applicants_per_vacancy": "0.5", "offered_monthly_pay": "12000"})
    history = client.get(url).context["history"]
    removed = client.post(reverse("demand:line_remove", args=[report.pk, line.pk]))

    assert form.status_code == 200 and form.context["form"].initial["headcount"] == 4
    assert saved.status_code == 302
    assert [e.reason for e in history] == ["修改需求", "新增需求"]
    assert {c.field for c in history[0].changes} == {"技能等级", "需求人数", "紧急程度"}
    assert removed.status_code == 302 and not DemandLine.objects.exists()


def test_office_edits_the_ranking_weights_with_a_reason(client, city_officer, open_campaign):
    from jineng.demand.models import RankingWeights

    client.force_login(city_officer)
    year = open_campaign.year
    values = {"headcount": "0.30", "enterprises": "0.10", "vacancy_months": "0.15", "applicants": "0.10",
              "pay_premium": "0.10", "growth": "0.10", "strategic": "0.15"}

    refused = client.post(f"/demand/ranking/weights/?year={year}", values)
    assert refused.status_code == 200 and not RankingWeights.objects.exists()

    saved = client.post(f"/demand/ranking/weights/?year={year}", values | {"reason": "人数更重要"})
    page = client.get(f"/demand/ranking/weights/?year={year}")

    assert saved.status_code == 302
    assert str(RankingWeights.objects.get(year=year).headcount) == "0.30"
    assert page.context["history"][0].reason == "人数更重要"


def test_a_refused_upload_reads_in_english_with_the_row_and_column(client, open_campaign, chip_firm, chip_hr, settings,
                                                                   django_capture_on_commit_callbacks):
    from jineng.demand.tests.factories import report as report_of

    report = report_of(campaign=open_campaign, profile=chip_firm, state=ReportState.DRAFT, by=chip_hr)
    client.force_login(chip_hr)
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(reverse("demand:report_upload", args=[report.pk]),
                             {"file": _upload(xlsx([good_row(), good_row("0-00-00-00", headcount=-2)]))})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(queued.url).content.decode()
    api = client.get(f"/api/v1/demand/uploads/{DemandUpload.objects.get().pk}/").json()

    english = 'Row 3, "Occupation code": "0-00-00-00" is not an occupation code of the 2022 Occupational Classification'
    assert english.replace('"', "&quot;") in page
    assert 'Row 3, &quot;Headcount needed&quot;: &quot;-2&quot; is not a positive whole number' in page
    assert english in api["errors"] and "第 3 行" not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "第 3 行“职业编码”：“0-00-00-00”不是 2022 年版职业分类大典中的职业编码" in client.get(queued.url).content.decode()
