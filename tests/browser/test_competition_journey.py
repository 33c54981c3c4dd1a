"""A district plans a competition in its own district, the office publishes it in the plan, an employer registers a
worker, a judge marks, results are signed off and published, and after the publicity period the promoted worker's
certificate is issued: its public verification says valid (有效) with the source 竞赛晋级.

The registration window lies around the real today, so the journey holds whatever the date."""

import random
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, log_out

pytestmark = pytest.mark.browser

ANYWHERE = re.compile(r"^(?!.*accounts/login).*$")
EMPLOYER = "上海浏测精密机械有限公司"
WORKER = "陆晓峰"
CODE = "BROWSER-01"


@pytest.fixture
def contest_world(world):
    from jineng.accounts.models import Organisation, User
    from jineng.core.engine.identifiers import synthetic_resident_id
    from jineng.core.models import District
    from jineng.evaluation.tests import factories as ef

    pudong = District.objects.get(code="310115")
    User.objects.create_user(username="pudong", password=PASSWORD,
                             organisation=Organisation.objects.get(kind="district", district=pudong))
    employer = Organisation.objects.create(name=EMPLOYER, kind="enterprise", district=pudong)
    User.objects.create_user(username="contesthr", password=PASSWORD, organisation=employer)
    judges = Organisation.objects.create(name="上海浏测竞赛裁判中心", kind="training_institution", district=pudong)
    User.objects.create_user(username="judge7", password=PASSWORD, organisation=judges)
    body = ef.body(district="310115", name="浦东新区职业技能评价中心（浏览器测试）")
    worker_id = synthetic_resident_id(rng=random.Random(7), born_from=timezone.localdate().replace(year=1990),
                                      born_to=timezone.localdate().replace(year=1995))
    return body, worker_id


def test_a_competition_from_the_plan_to_a_verified_certificate(new_page, contest_world, problems, screenshots):
    from jineng.competitions.models import Event, Result

    body, worker_id = contest_world
    today = timezone.localdate()
    start = today + timedelta(days=20)
    page = new_page()

    # 浦东 plans the event in its district: the window is open now, it closes before the competition
    log_in(page, "pudong", lands=ANYWHERE)
    page.goto("/competitions/")
    page.locator("#event-new").click()
    page.fill("#id_year", str(start.year))
    page.fill("#id_code", CODE)
    page.fill("#id_title", "浦东数控车工技能竞赛（浏览器测试）")
    page.select_option("#id_tier", "city_special")
    page.fill("#id_occupation", "6-18-01-01")
    page.select_option("#id_level_awarded", "3")
    page.fill("#id_venue", "张江职业技能竞赛实训基地")
    page.fill("#id_lon", "121.60")
    page.fill("#id_lat", "31.20")
    page.fill("#id_start_date", start.isoformat())
    page.fill("#id_end_date", start.isoformat())
    page.fill("#id_registration_opens", (today - timedelta(days=1)).isoformat())
    page.fill("#id_registration_closes", (today + timedelta(days=10)).isoformat())
    page.fill("#id_capacity", "40")
    page.select_option("#id_body", label=body.name)
    page.locator("#event-form button").click()
    expect(page.locator("h1")).to_contain_text(CODE)
    expect(page.locator("#plan-standing")).to_contain_text("计划尚未发布")
    page.fill("input[name=username]", "judge7")
    page.get_by_role("button", name="安排裁判").click()
    expect(page.locator("body")).to_contain_text("judge7")
    event_url = page.url
    log_out(page)

    # the office publishes the plan's new version: the event is added
    log_in(page, "office")
    page.goto(f"/competitions/plan/?year={start.year}")
    page.fill("#publish-form input[name=note]", "新增浦东赛项")
    page.locator("#publish-form button").click()
    expect(page.locator("body")).to_contain_text(CODE)
    log_out(page)

    # the public calendar shows the event open for registration
    page.goto(f"/competitions/calendar/?year={start.year}")
    expect(page.locator("#calendar")).to_contain_text("报名中")

    # the employer registers its worker
    log_in(page, "contesthr", lands=ANYWHERE)
    page.goto("/competitions/employer/")
    page.select_option("#employer-register select[name=event]", str(Event.objects.get(code=CODE).pk))
    page.fill("#employer-register input[name=name]", WORKER)
    page.fill("#employer-register input[name=resident_id]", worker_id)
    page.locator("#employer-register button").click()
    expect(page.locator("#registrations")).to_contain_text(WORKER)
    assert worker_id not in page.content()
    log_out(page)

    # the judge marks every aspect (the judgement by three judges' scores 0–3)
    log_in(page, "judge7", lands=ANYWHERE)
    page.goto(event_url)
    aspects = dict(Event.objects.get(code=CODE).aspects.values_list("code", "pk"))
    for aspect, value, scores in (("A", "55", None), ("B", "14", None), ("C", None, ("3", "3", "2"))):
        page.select_option("#mark-form select[name=aspect]", str(aspects[aspect]))
        if value:
            page.fill("#mark-form input[name=value]", value)
        else:
            page.fill("#mark-form input[name=value]", "")
            for i, score in enumerate(scores, start=1):
                page.fill(f"#mark-form input[name=score{i}]", score)
        page.locator("#mark-form button").click()
        expect(page.locator(".messages")).to_contain_text("得分已录入")
    log_out(page)

    # 浦东 signs the marks off and publishes the results
    log_in(page, "pudong", lands=ANYWHERE)
    page.goto(event_url)
    page.locator("#review-form button[value=sign_off]").click()
    expect(page.locator("#review-state")).to_have_text("成绩已签核")
    expect(page.locator("#results")).to_contain_text("晋升一级")
    page.locator("#review-form button[value=publish]").click()
    expect(page.locator("#review-state")).to_have_text("结果公示中")

    # after the publicity period the certificates are issued
    Event.objects.filter(code=CODE).update(objection_closes=today - timedelta(days=1))
    page.goto(event_url)
    page.locator("#review-form button[value=finalise]").click()
    expect(page.locator("#review-state")).to_have_text("已发证")
    certificate = Result.objects.get(event__code=CODE).certificate
    expect(page.locator("#results")).to_contain_text(certificate.number)
    screenshots(page, "competition-event.png")
    log_out(page)

    # anyone verifies the certificate: valid, earned by competition promotion
    page.goto("/certificates/verify/")
    page.fill("#verify-form input[name=number]", certificate.number)
    page.fill("#verify-form input[name=name]", WORKER)
    page.locator("#verify-form button").click()
    expect(page.locator("#verify-result")).to_contain_text("有效")
    expect(page.locator("#verify-source")).to_have_text("竞赛晋级")
    screenshots(page, "competition-certificate-verified.png")
    assert not problems.page, problems.page
