"""An evaluation body records a 技师 session's results through its pages and submits them, the district approves
them, the register issues the certificate, a member of the public opens its QR link and reads "valid"; the
office revokes it with a reason, and the same link then reads "revoked" with the date."""

import random
import re
from datetime import date

import pytest
import segno
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, log_out

pytestmark = pytest.mark.browser

BODY = "上海浦评职业技能评价中心"
ANYWHERE = re.compile(r"^(?!.*accounts/login).*$")
PASSER, FAILER = "陈立新", "吴晓光"


@pytest.fixture
def journey_world(world):
    from jineng.accounts.models import Organisation, User
    from jineng.certificates.tests import factories as certificates
    from jineng.core.engine.identifiers import synthetic_resident_id
    from jineng.evaluation.tests import factories as evaluation
    from jineng.occupations.choices import SkillLevel

    body = certificates.body(district="310115", name=BODY)
    User.objects.create_user(username="pingjia", password=PASSWORD, organisation=body.organisation)
    User.objects.create_user(username="pudong", password=PASSWORD,
                             organisation=Organisation.objects.get(name="浦东新区人民政府"))
    session = evaluation.session(body, level=SkillLevel.L2, status="planned", code="PJ2024-0601",
                                 exam_date=date(2024, 6, 1))
    rng = random.Random(20240601)
    ids = [synthetic_resident_id(rng=rng) for _ in range(2)]
    return session, ids


def test_results_to_certificate_to_public_revocation(new_page, live_server, journey_world, tmp_path, screenshots, problems):
    session, (passer_id, failer_id) = journey_world
    page = new_page()

    # the body confirms the session was held, uploads its scores and submits them to the district (level 2)
    log_in(page, "pingjia", lands=ANYWHERE)
    page.goto(f"/evaluation/sessions/{session.pk}/")
    page.locator("#review-form button[value=hold]").click()
    expect(page.locator("#review-state")).to_have_text("已考试")
    scores = tmp_path / "成绩.csv"
    scores.write_text("身份证号,姓名,理论成绩,实操成绩,综合评审成绩\n"
                      f"{passer_id},{PASSER},82,88.5,75\n{failer_id},{FAILER},55,70,60\n", encoding="utf-8")
    page.set_input_files("input[name=file]", str(scores))
    page.get_by_role("button", name="上传").click()
    expect(page.locator("#results")).to_contain_text(PASSER)
    expect(page.locator("#results")).to_contain_text("不合格")
    page.locator("#review-form button[value=submit]").click()
    expect(page.locator("#review-state")).to_have_text("成绩已报送")
    screenshots(page, "certificate-journey-session.png")
    log_out(page)

    # the district approves: the passed result gets its certificate in the register
    log_in(page, "pudong", lands=ANYWHERE)
    page.goto(f"/evaluation/sessions/{session.pk}/")
    page.locator("#review-form button[value=district_approve]").click()
    expect(page.locator("#review-state")).to_have_text(re.compile("核准"))
    page.goto("/certificates/")
    expect(page.locator("#certificates tbody tr")).to_have_count(1)
    expect(page.locator("#certificates")).to_contain_text(PASSER)
    log_out(page)

    # the office opens the certificate and its QR link
    log_in(page, "office")
    page.goto("/certificates/")
    row = page.locator("#certificates tbody tr").filter(has_text=PASSER)
    number = row.locator("td").first.inner_text().strip()
    assert re.fullmatch(rf"S000031\d{{6}}{timezone.localdate():%y}2\d{{6}}", number), number
    row.get_by_role("link", name=number).click()
    expect(page.locator("#qr img")).to_be_visible()
    link = page.locator("#signed-link").get_attribute("href")
    assert link.startswith(f"{live_server.url}/v/"), link
    # the printed QR code carries exactly that link
    assert page.locator("#qr img").get_attribute("src") == segno.make(link, error="m").svg_data_uri(scale=3, border=2)
    screenshots(page, "certificate-journey-detail.png")

    # a member of the public scans it: signature checked in the browser, the register says valid
    public = new_page()
    public.goto(link)
    expect(public.locator("#signature-result")).to_have_attribute("data-state", "authentic")
    expect(public.locator("[data-field=n]")).to_have_text(number)
    expect(public.locator("[data-field=h]")).to_have_text("陈*新")
    expect(public.locator("#status-result")).to_have_attribute("data-state", "valid")
    expect(public.locator("#status-result")).to_contain_text("有效")
    screenshots(public, "certificate-journey-valid.png")

    # the office revokes it with a reason
    page.fill("#review-comment", "考试作弊，成绩无效")
    page.locator("#review-form button[value=revoke]").click()
    expect(page.locator("#review-state")).to_have_text("已撤销")
    today = timezone.localdate().isoformat()
    expect(page.locator(".facts")).to_contain_text(today)

    # the same link now says revoked, since today, with the reason
    public.reload()
    expect(public.locator("#signature-result")).to_have_attribute("data-state", "authentic")
    expect(public.locator("#status-result")).to_have_attribute("data-state", "revoked")
    expect(public.locator("#status-result")).to_contain_text("已撤销")
    expect(public.locator("#status-result")).to_contain_text(today)
    expect(public.locator("#status-result")).to_contain_text("考试作弊，成绩无效")
    screenshots(public, "certificate-journey-revoked.png")
    assert not problems.page and not problems.console, (problems.page, problems.console)
