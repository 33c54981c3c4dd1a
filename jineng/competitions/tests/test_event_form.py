"""Planning and editing events from the page and the API; refusals that name their field; the registration
window shown against today; the competition certificate source on the register and its verification."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from jineng.competitions.models import Event, Registration
from jineng.competitions.services import marking, plans, registrations, results
from jineng.competitions.tests import factories as f
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.evaluation.tests import factories as ef

pytestmark = pytest.mark.django_db

PUDONG = {"lon": "121.60", "lat": "31.20"}


def _form(**changes) -> dict:
    today = timezone.localdate()
    data = {"year": (today + timedelta(days=30)).year, "code": "PAGE-1", "title": "浦东数控车工月度赛",
            "tier": "monthly", "occupation": "6-18-01-01", "level_awarded": "3", "district": "", "venue": "张江实训基地",
            **PUDONG, "start_date": today + timedelta(days=30), "end_date": today + timedelta(days=31),
            "registration_opens": today, "registration_closes": today + timedelta(days=20), "capacity": "40",
            "min_age": "16", "description": "", "aspects": "A，实际操作，测量，70\nB，工艺，评价，30"}
    return {**data, **changes}


def test_a_district_plans_an_event_from_its_page_and_the_office_anywhere(client, pudong_officer, city_officer):
    from jineng.core.models import District

    pudong = District.objects.get(code="310115")
    client.force_login(pudong_officer)
    assert client.get("/competitions/events/new/").status_code == 200
    response = client.post("/competitions/events/new/", _form(district=pudong.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(code="PAGE-1")
    assert (event.district, event.organiser, event.capacity) == (pudong, pudong_officer.organisation, 40)
    assert [a.kind for a in event.aspects.order_by("code")] == ["measurement", "judgement"]
    assert event.plan.year == event.start_date.year
    assert event.history.first().history_change_reason == "安排赛项"
    # another district is not in the choices of a district government
    huangpu = District.objects.get(code="310101")
    response = client.post("/competitions/events/new/", _form(code="PAGE-2", district=huangpu.pk))
    assert response.status_code == 400 and not Event.objects.filter(code="PAGE-2").exists()
    client.force_login(city_officer)
    response = client.post("/competitions/events/new/", _form(code="PAGE-3", district=huangpu.pk, lon="121.49",
                                                              lat="31.23"))
    assert response.status_code == 302 and Event.objects.get(code="PAGE-3").district == huangpu


def test_refusals_name_the_field_in_chinese_and_english(client, pudong_officer):
    from jineng.core.models import District

    pudong = District.objects.get(code="310115")
    client.force_login(pudong_officer)
    today = timezone.localdate()
    late = _form(district=pudong.pk, registration_closes=today + timedelta(days=40))
    page = client.post("/competitions/events/new/", late).content.decode()
    assert "“报名截止”：报名期限须在比赛开始前结束" in page
    outside = client.post("/competitions/events/new/", _form(district=pudong.pk, lon="121.10", lat="31.00"))
    assert "“比赛场地”：场地坐标不在浦东新区范围内" in outside.content.decode()
    blank = client.post("/competitions/events/new/", _form(district=pudong.pk, capacity="", aspects="A，操作，称重，10"))
    text = blank.content.decode()
    assert "名额：" in text and "第 1 行应为" in text
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.post("/competitions/events/new/", late).content.decode()
    assert "“Registration closes”: registration must close before the competition starts" in english
    assert not Event.objects.exists()


def test_editing_an_event_is_audited_and_keeps_the_rules(client, pudong_officer, huangpu_officer, city_officer):
    event = f.event(by=pudong_officer)
    client.force_login(pudong_officer)
    assert client.get(f"/competitions/events/{event.pk}/edit/").status_code == 200
    data = {k: v for k, v in _form().items() if k not in ("code", "aspects")}
    data.update(year=2024, start_date="2024-06-20", end_date="2024-06-21", registration_opens="2024-05-10",
                registration_closes="2024-06-15", district=event.district_id, capacity="80", venue="金桥实训中心")
    response = client.post(f"/competitions/events/{event.pk}/edit/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.capacity, event.venue, event.start_date) == (80, "金桥实训中心", date(2024, 6, 20))
    reason = event.history.first().history_change_reason
    assert reason.startswith("修改赛项：") and "名额" in reason and "开始日期" in reason
    # the plan's year must be the year the event starts in
    page = client.post(f"/competitions/events/{event.pk}/edit/", {**data, "year": 2025}).content.decode()
    assert "“竞赛计划”：须为比赛开始日期所在年度（2024 年）的计划" in page
    # another district's government gets a 404; a district cannot move its event into another district
    client.force_login(huangpu_officer)
    assert client.get(f"/competitions/events/{event.pk}/edit/").status_code == 404
    from jineng.core.models import District

    with pytest.raises(NotAllowed):
        plans.event_update(by=pudong_officer, event=event, district=District.objects.get(code="310101"),
                           lon="121.49", lat="31.23")
    # capacity cannot fall below the registrations; a signed-off event is not edited
    for seed in (500, 501):
        registrations.registration_create(event=event, person=f.person(seed)[0], today=date(2024, 6, 1))
    with pytest.raises(DomainError, match="不能少于已报名人数 2"):
        plans.event_update(by=city_officer, event=event, capacity=1)
    event.status = "signed_off"
    event.save(update_fields=["status"])
    with pytest.raises(InvalidState):
        plans.event_update(by=city_officer, event=event, capacity=90)


def test_the_api_edits_an_event_field_by_field(client, pudong_officer, huangpu_officer):
    event = f.event(by=pudong_officer)
    client.force_login(pudong_officer)
    url = f"/api/v1/competitions/events/{event.pk}/"
    response = client.patch(url, {"capacity": 120, "title": "改名后的赛项"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["capacity"] == 120
    refused = client.patch(url, {"registration_closes": "2024-07-01"}, content_type="application/json")
    assert refused.status_code == 400 and "报名截止" in refused.json()["detail"]
    assert client.patch(url, {"occupation": "9-99"}, content_type="application/json").status_code == 400
    assert client.patch(url, {"capacity": "x"}, content_type="application/json").status_code == 400
    client.force_login(huangpu_officer)
    assert client.patch(url, {"capacity": 10}, content_type="application/json").status_code == 404


def test_the_event_page_tells_which_plan_version_lists_it(client, pudong_officer, city_officer):
    event = f.event(by=pudong_officer)
    client.force_login(pudong_officer)
    assert "计划尚未发布" in client.get(f"/competitions/events/{event.pk}/").content.decode()
    plans.plan_publish(by=city_officer, plan=event.plan)
    assert "第 1 版列入计划" in client.get(f"/competitions/events/{event.pk}/").content.decode()
    plans.event_update(by=pudong_officer, event=event, venue="新场地")
    assert "修改待下一版计划发布" in client.get(f"/competitions/events/{event.pk}/").content.decode()


def test_the_calendar_shows_each_window_against_today(client, pudong_officer):
    past = f.event(by=pudong_officer)  # 2024
    now = f.event_open_today(by=pudong_officer)
    page = client.get("/competitions/calendar/?year=2024").content.decode()
    assert "报名已截止" in page and past.title in page
    this_year = client.get(f"/competitions/calendar/?year={now.start_date.year}").content.decode()
    assert "报名中" in this_year and now.title in this_year
    public = client.get(f"/competitions/calendar/{past.pk}/").content.decode()
    assert 'id="window-note"' in public and 'id="register-form"' not in public


def test_the_calendar_opens_on_the_latest_year_with_events(client, pudong_officer):
    event = f.event(by=pudong_officer)  # only 2024 events: the demo's calendar read in a later year
    page = client.get("/competitions/calendar/").content.decode()
    assert event.title in page


def test_a_worker_registers_today_inside_a_real_window(client, pudong_officer):
    event = f.event_open_today(by=pudong_officer)
    _p, number = f.person(510)
    response = client.post(f"/competitions/calendar/{event.pk}/register/", {"name": "选手510", "resident_id": number},
                           follow=True)
    assert "报名成功" in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_competition_certificates_carry_their_own_source_and_verify_as_such(client, pudong_officer, city_officer):
    from jineng.certificates import metrics as register_metrics
    from jineng.certificates.models import Certificate
    from jineng.competitions import metrics

    event = f.event(by=pudong_officer, body=ef.body(district="310115"), level=3, tier="city_special")
    judge = f.judge_user("企业乙")
    marking.judge_assign(by=pudong_officer, event=event, user=judge)
    registration = registrations.registration_create(event=event, person=f.person(520)[0], today=date(2024, 5, 20))
    a, b = event.aspects.order_by("code")
    marking.mark_enter(by=judge, registration=registration, aspect=a, value=D(68))
    marking.mark_enter(by=judge, registration=registration, aspect=b, scores=[3, 3, 3])
    marking.event_sign_off(by=pudong_officer, event=event)
    results.results_publish(by=pudong_officer, event=event, today=date(2024, 6, 12))
    [certificate] = results.event_finalise(by=pudong_officer, event=event, today=date(2024, 6, 20))
    assert certificate.source == "competition" and certificate.get_source_display() == "竞赛晋级"
    assert certificate.level == 4  # promoted one level above the level the event awards
    assert certificate.history.first().source == "competition"
    # the register's metric counts it once, as the competitions' metric does
    assert register_metrics.high_skill_certificates(2024, 12).city == 1
    assert metrics.certificates(2024, 12).city == 1
    answer = client.get("/certificates/verify/", {"number": certificate.number, "name": certificate.holder_name})
    text = answer.content.decode()
    assert 'data-result="valid"' in text and "竞赛晋级" in text
    api = client.get("/api/v1/certificates/verify/", {"number": certificate.number,
                                                      "name": certificate.holder_name})
    if api.status_code == 200:
        assert api.json()["source"] == "competition"
    assert Certificate.objects.filter(source="result").count() == 0
