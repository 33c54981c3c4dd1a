"""The forms on the pages: scope entries, session plans, inspection results, rectification and its verification."""

from datetime import date

import pytest

from jineng.evaluation.models import BodyScope, EvaluationSession, Inspection, InspectionFinding
from jineng.evaluation.tests import factories as f

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_scope_entry_by_body_staff_while_applying_and_by_the_office_any_time(client, pudong_officer,
                                                                             city_officer):
    applying = f.body(district="310115", status="applied")
    client.force_login(f.body_user(applying))
    response = client.post(f"/evaluation/bodies/{applying.pk}/scopes/",
                           {"occupation": "6-18-01-01", "levels": ["3", "4"]}, follow=True)
    assert response.status_code == 200
    assert list(applying.scopes.values_list("levels", flat=True)) == [[3, 4]]
    published = f.body(district="310115")
    client.force_login(f.body_user(published))
    response = client.post(f"/evaluation/bodies/{published.pk}/scopes/",
                           {"occupation": "6-18-01-01", "levels": ["3"]}, follow=True)
    assert not published.scopes.exists()  # 409: after publication the office registers new items
    assert any("专班办公室" in m for m in _messages(response))
    assert client.post(f"/evaluation/bodies/{applying.pk}/scopes/", {}).status_code == 404  # another body
    client.force_login(pudong_officer)
    assert client.post(f"/evaluation/bodies/{published.pk}/scopes/", {"occupation": "6-18-01-01",
                                                                      "levels": ["3"]}).status_code == 403
    client.force_login(city_officer)
    response = client.post(f"/evaluation/bodies/{published.pk}/scopes/",
                           {"occupation": "6-18-01-01", "levels": ["7", "x", "99999999999"],
                            "registered_on": "2024-02-30"}, follow=True)
    assert published.scopes.count() == 0 and any("等级" in m for m in _messages(response))
    client.post(f"/evaluation/bodies/{published.pk}/scopes/", {"occupation": "6-18-01-01", "levels": ["2"],
                                                               "registered_on": "2024-03-01"})
    assert published.scopes.get().registered_on == date(2024, 3, 1)


def test_session_plan_by_the_body_only_with_its_own_scope_and_site(client, city_officer):
    body = f.body(district="310115")
    scope, site = f.scope(body, levels=(3, 4)), f.site(body)
    other = f.body(district="310101")
    other_site = f.site(other)
    client.force_login(city_officer)
    assert client.post(f"/evaluation/bodies/{body.pk}/sessions/", {}).status_code == 403
    client.force_login(f.body_user(body))
    form = {"scope": scope.pk, "site": site.pk, "level": "3", "exam_date": "2024-12-01", "code": "PJ-T-1",
            "period": "pm", "planned_candidates": "40"}
    response = client.post(f"/evaluation/bodies/{body.pk}/sessions/", {**form, "site": other_site.pk},
                           follow=True)
    assert not EvaluationSession.objects.filter(code="PJ-T-1").exists() and _messages(response)
    response = client.post(f"/evaluation/bodies/{body.pk}/sessions/", {**form, "exam_date": "12/01"}, follow=True)
    assert not EvaluationSession.objects.filter(code="PJ-T-1").exists() and _messages(response)
    response = client.post(f"/evaluation/bodies/{body.pk}/sessions/", form)
    session = EvaluationSession.objects.get(code="PJ-T-1")
    assert response.status_code == 302 and response["Location"] == f"/evaluation/sessions/{session.pk}/"
    assert (session.level, session.period, session.planned_candidates) == (3, "pm", 40)
    response = client.post(f"/evaluation/bodies/{body.pk}/sessions/", {**form, "level": "1"}, follow=True)
    assert EvaluationSession.objects.filter(body=body).count() == 1 and _messages(response)
    assert client.post(f"/evaluation/bodies/{other.pk}/sessions/", form).status_code == 404
    body.status = "suspended"
    body.save()
    response = client.post(f"/evaluation/bodies/{body.pk}/sessions/", {**form, "code": "PJ-T-2"}, follow=True)
    assert not EvaluationSession.objects.filter(code="PJ-T-2").exists() and _messages(response)  # 409


def test_inspection_recorded_then_rectified_and_verified(client, pudong_officer, huangpu_officer):
    body = f.body(district="310115")
    inspection = Inspection.objects.create(body=body, year=2024, level="district", mode="onsite",
                                           team=pudong_officer.organisation, planned_on=date(2024, 5, 1))
    staff = f.body_user(body)
    url = f"/evaluation/inspections/{inspection.pk}/record/"
    form = {"score": "75", "outcome": "rectify", "summary": "考场管理不规范",
            "severity": ["minor", "major", "minor"], "description": ["监控盲区", "签到不全", ""],
            "rectify_by": ["2024-06-30", "", ""]}
    client.force_login(huangpu_officer)
    assert client.post(url, form).status_code == 404
    client.force_login(staff)
    assert client.post(url, form).status_code == 403
    client.force_login(pudong_officer)
    response = client.post(url, {**form, "rectify_by": ["30/06", "", ""]}, follow=True)
    assert not inspection.findings.exists() and _messages(response)
    client.post(url, form)
    inspection.refresh_from_db()
    assert (inspection.score, inspection.status, inspection.findings.count()) == (75, "done", 2)
    response = client.post(url, form, follow=True)  # 409: recorded once
    assert inspection.findings.count() == 2 and _messages(response)

    first, second = inspection.findings.order_by("pk")
    assert client.post(f"/evaluation/findings/{first.pk}/rectify/", {"note": "已加装"}).status_code == 403
    client.force_login(staff)
    assert client.post(f"/evaluation/findings/{first.pk}/verify/", {"accepted": "1"}).status_code == 403
    for finding in (first, second):
        client.post(f"/evaluation/findings/{finding.pk}/rectify/", {"note": "已整改"})
    assert set(inspection.findings.values_list("rectification", flat=True)) == {"reported"}
    response = client.post(f"/evaluation/findings/{first.pk}/rectify/", {"note": "再次"}, follow=True)
    assert _messages(response)  # 409: already reported
    client.force_login(huangpu_officer)
    assert client.post(f"/evaluation/findings/{first.pk}/verify/", {"accepted": "1"}).status_code == 404
    client.force_login(pudong_officer)
    client.post(f"/evaluation/findings/{first.pk}/verify/", {"accepted": "1"})
    client.post(f"/evaluation/findings/{second.pk}/verify/", {"accepted": "0"})
    assert InspectionFinding.objects.get(pk=second.pk).rectification == "required"
    client.force_login(staff)
    client.post(f"/evaluation/findings/{second.pk}/rectify/", {"note": "补充签到表"})
    client.force_login(pudong_officer)
    client.post(f"/evaluation/findings/{second.pk}/verify/", {"accepted": "1"})
    inspection.refresh_from_db()
    assert inspection.status == "closed"
    assert client.get(f"/evaluation/inspections/{inspection.pk}/").status_code == 200
    assert client.post("/evaluation/findings/99999999999999999999/verify/", {}).status_code == 404


def test_body_page_shows_the_forms_to_whom_they_serve(client, city_officer):
    applying = f.body(district="310115", status="applied")
    client.force_login(f.body_user(applying))
    page = client.get(f"/evaluation/bodies/{applying.pk}/").content.decode()
    assert 'id="scope-form"' in page and 'id="plan-form"' not in page
    published = f.body(district="310115")
    f.scope(published)
    client.force_login(f.body_user(published))
    page = client.get(f"/evaluation/bodies/{published.pk}/").content.decode()
    assert 'id="scope-form"' not in page and 'id="plan-form"' in page
    client.force_login(city_officer)
    page = client.get(f"/evaluation/bodies/{published.pk}/").content.decode()
    assert 'id="scope-form"' in page and 'id="plan-form"' not in page
    assert BodyScope.objects.filter(body=published).count() == 1
