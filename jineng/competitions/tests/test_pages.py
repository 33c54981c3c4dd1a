"""Pages, feeds and the API of competitions."""

from datetime import date
from decimal import Decimal as D

import pytest
from icalendar import Calendar

from jineng.competitions.models import Registration
from jineng.competitions.services import marking, registrations, results
from jineng.competitions.tests import factories as f
from jineng.competitions.tests.test_services import OPEN

pytestmark = pytest.mark.django_db


def test_ical_feed_by_district_and_industry_parses_back(client, pudong_officer):
    from jineng.occupations.models import Industry

    industry = Industry.objects.order_by("order").first()
    event = f.event(by=pudong_officer, industry=industry)
    f.event(by=pudong_officer, start=date(2024, 9, 2))

    response = client.get("/competitions/calendar/district/310115.ics?year=2024")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    first = next(e for e in events if str(e["uid"]) == f"competition-{event.code}@jineng")
    assert str(first["summary"]) == event.title
    assert first.decoded("dtstart") == event.start_date
    assert first.decoded("dtend") == date(2024, 6, 11)
    assert round(first["geo"].latitude, 4) == round(float(event.lat), 4)
    by_industry = Calendar.from_ical(client.get(f"/competitions/calendar/industry/{industry.code}.ics?year=2024")
                                     .content)
    assert [str(e["uid"]) for e in by_industry.walk("VEVENT")] == [f"competition-{event.code}@jineng"]
    assert client.get("/competitions/calendar/district/999999.ics").status_code == 404


def test_public_calendar_and_event_page_need_no_login(client, pudong_officer):
    event = f.event(by=pudong_officer)
    page = client.get("/competitions/calendar/?year=2024&district=310115")
    assert page.status_code == 200 and event.title in page.content.decode()
    assert client.get(f"/competitions/calendar/{event.pk}/").status_code == 200
    assert client.get("/competitions/calendar/?year=99999&month=x").status_code == 200


def test_public_registration_outside_the_window_is_refused_and_masks_nothing_back(client, pudong_officer):
    event = f.event(by=pudong_officer)
    _p, number = f.person(300)
    response = client.post(f"/competitions/calendar/{event.pk}/register/", {"name": "王五", "resident_id": number},
                           follow=True)
    assert "不在报名期限内" in response.content.decode()
    assert number not in response.content.decode()
    assert not Registration.objects.exists()


def test_api_employer_registration_answers_409_outside_the_window(client, pudong_officer):
    event = f.event(by=pudong_officer)
    hr = f.enterprise_user()
    client.force_login(hr)
    _p, number = f.person(301)
    response = client.post("/api/v1/competitions/registrations/", {"event": event.pk, "name": "赵六",
                                                                    "resident_id": number},
                           content_type="application/json")
    assert response.status_code == 409


def test_publicity_list_shows_after_publishing_and_takes_objections(client, pudong_officer):
    event = f.event(by=pudong_officer)
    judge = f.judge_user("企业乙")
    marking.judge_assign(by=pudong_officer, event=event, user=judge)
    registration = registrations.registration_create(event=event, person=f.person(302)[0], today=OPEN)
    for aspect in event.aspects.all():
        marking.mark_enter(by=judge, registration=registration, aspect=aspect, value=D(20), scores=[2, 2, 3])
    page = client.get(f"/competitions/calendar/{event.pk}/").content.decode()
    assert 'id="publicity"' not in page
    marking.event_sign_off(by=pudong_officer, event=event)
    results.results_publish(by=pudong_officer, event=event)
    page = client.get(f"/competitions/calendar/{event.pk}/").content.decode()
    assert 'id="publicity"' in page and registration.person.name in page
    client.post(f"/competitions/calendar/{event.pk}/objection/", {"text": "请复核", "result": "abc"})
    assert event.objections.count() == 1


def test_judge_marks_from_the_event_page_and_the_api(client, pudong_officer):
    event = f.event(by=pudong_officer)
    judge = f.judge_user("企业乙")
    marking.judge_assign(by=pudong_officer, event=event, user=judge)
    registration = registrations.registration_create(event=event, person=f.person(303)[0], today=OPEN)
    a, b = event.aspects.order_by("code")
    client.force_login(judge)
    assert client.get(f"/competitions/events/{event.pk}/").status_code == 200
    client.post(f"/competitions/events/{event.pk}/marks/", {"registration": registration.pk, "aspect": a.pk,
                                                             "value": "55.5"})
    response = client.post(f"/api/v1/competitions/events/{event.pk}/marks/",
                           {"registration": registration.pk, "aspect": b.pk, "scores": [0, 2, 1]},
                           content_type="application/json")
    assert response.status_code == 400 and "相差超过" in response.json()["detail"]
    response = client.post(f"/api/v1/competitions/events/{event.pk}/marks/",
                           {"registration": registration.pk, "aspect": b.pk, "scores": [1, 2, 1]},
                           content_type="application/json")
    assert response.status_code == 200
    assert sorted(registration.marks.values_list("value", flat=True)) == [D("13.33"), D("55.50")]


def test_office_publishes_the_plan_from_its_page(client, city_officer, pudong_officer):
    f.event(by=pudong_officer)
    client.force_login(city_officer)
    response = client.post("/competitions/plan/publish/?year=2024", {"note": "首版"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_district_plans_an_event_through_the_api_inside_its_district_only(client, pudong_officer):
    client.force_login(pudong_officer)
    body = {"event_code": "API-1", "title": "接口赛项", "tier": "monthly", "occupation": "6-18-01-01", "level_awarded": 3,
            "district": "310115", "venue": "张江", "lon": "121.60", "lat": "31.20", "start_date": "2024-09-01",
            "end_date": "2024-09-01", "capacity": 30, "registration_opens": "2024-08-01",
            "registration_closes": "2024-08-20",
            "aspects": [{"code": "A", "name": "操作", "kind": "measurement", "max_mark": "100"}]}
    created = client.post("/api/v1/competitions/events/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert client.post("/api/v1/competitions/events/", {**body, "event_code": "API-2", "district": "310101",
                                                        "lon": "121.49", "lat": "31.23"},
                       content_type="application/json").status_code == 403
    assert client.post("/api/v1/competitions/events/", {**body, "event_code": "API-3", "lon": "121.10", "lat": "31.00"},
                       content_type="application/json").status_code == 400
    assert client.post("/api/v1/competitions/events/", {**body, "event_code": "API-4", "occupation": "x"},
                       content_type="application/json").status_code == 400
