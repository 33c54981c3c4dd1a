"""An employer applies for a master studio, its 主管部门 screens it, the office assigns three reviewers who score it,
the office ranks the call, the public publicity list shows it, and after publicity the award is recorded."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, log_out

pytestmark = pytest.mark.browser

EMPLOYER = "上海浏测精密制造有限公司"
DEPARTMENT = "市经济信息化委"
STUDIO = "周建国数控技能大师工作室"
ANYWHERE = re.compile(r"^(?!.*accounts/login).*$")


@pytest.fixture
def awards_world(world):
    from jineng.accounts.models import Organisation, User
    from jineng.awards.services import calls, reviews
    from jineng.core.models import District

    office = User.objects.get(username="office")
    employer = Organisation.objects.create(name=EMPLOYER, kind="enterprise",
                                           district=District.objects.get(code="310115"))
    User.objects.create_user(username="studiohr", password=PASSWORD, organisation=employer)
    User.objects.create_user(username="jingxin", password=PASSWORD,
                             organisation=Organisation.objects.get(name=DEPARTMENT))
    experts = Organisation.objects.create(name="上海浏测技能评价中心", kind="evaluation_institution",
                                          district=District.objects.get(code="310112"))
    for i in range(1, 4):
        user = User.objects.create_user(username=f"expert{i}", password=PASSWORD, organisation=experts)
        reviews.reviewer_register(user=user, by=office, speciality="数控加工")
    return calls.call_create(by=office, kind="master_studio", year=2024, title="2024 年技能大师工作室资助（浏览器测试）",
                             quota=30, opens_on=timezone.localdate().replace(month=5, day=6),
                             deadline=timezone.now() + timedelta(days=20), required_attachments=["application_form"])


def test_a_master_studio_from_application_to_award(new_page, awards_world, tmp_path, screenshots):
    call = awards_world
    page = new_page()

    # the employer applies: the rules answer with reasons, the form is attached, the application submitted
    log_in(page, "studiohr", lands=ANYWHERE)
    page.goto(f"/awards/calls/{call.pk}/")
    page.locator("#apply").click()
    page.fill("#id_title", STUDIO)
    page.select_option("#id_screening_unit", label=DEPARTMENT)
    page.fill("#id_leader_name", "周建国")
    page.select_option("#id_leader_level", "5")
    page.get_by_label("全国技术能手").check()
    page.fill("#id_matching_declared", "120000")
    page.locator("#application-form button").click()
    expect(page.locator("#eligibility")).to_contain_text("领衔人获得全国技术能手，符合条件")
    form = tmp_path / "申报表.pdf"
    form.write_bytes(b"%PDF-1.4 studio application")
    page.select_option("#id_kind", "application_form")
    page.set_input_files("#id_file", str(form))
    page.locator("#attach-form button").click()
    page.locator("#review-form button[value=submit]").click()
    expect(page.locator("#review-state")).to_have_text("已提交，待主管部门审核")
    application_url = page.url
    log_out(page)

    # the 主管部门 screens and signs
    log_in(page, "jingxin", lands=ANYWHERE)
    page.goto(application_url)
    page.fill("#review-comment", "经审核，同意推荐")
    page.locator("#review-form button[value=screen]").click()
    expect(page.locator("#review-state")).to_have_text("主管部门已审核推荐")
    log_out(page)

    # the office assigns three reviewers and starts the review
    log_in(page, "office")
    page.goto(application_url)
    for box in page.locator("#assign-form input[name=reviewer]").all():
        box.check()
    page.locator("#assign-form button").click()
    page.locator("#review-form button[value=start_review]").click()
    expect(page.locator("#review-state")).to_have_text("专家评审中")
    log_out(page)

    # three reviewers score; the extremes are dropped per criterion
    for i, mark in ((1, "92"), (2, "85"), (3, "70")):
        log_in(page, f"expert{i}", lands=ANYWHERE)
        page.goto("/awards/reviews/")
        page.locator("#review-queue").get_by_role("link", name="评分").click()
        for criterion in ("achievement", "innovation", "mentoring", "support"):
            page.fill(f"#id_{criterion}", mark)
        page.locator("#score-form button").click()
        expect(page.locator("#review-queue")).to_contain_text("已提交")
        log_out(page)

    # the office ranks the call: the studio goes into publicity
    log_in(page, "office")
    page.goto(f"/awards/calls/{call.pk}/")
    page.locator("#publicise-form button").click()
    expect(page.locator("#call-applications")).to_contain_text("公示中")
    page.goto(application_url)
    expect(page.locator("#scores tfoot")).to_contain_text("85.00")
    screenshots(page, "awards-application.png")
    log_out(page)

    # anyone, without logging in, reads the publicity list
    page.goto(f"/awards/publicity/{call.pk}/")
    expect(page.locator("#publicity-list")).to_contain_text(STUDIO)
    screenshots(page, "awards-publicity.png")

    # after the publicity period the office records the award
    from jineng.awards.models import Call

    Call.objects.filter(pk=call.pk).update(publicity_end=timezone.localdate() - timedelta(days=1))
    log_in(page, "office")
    page.goto(application_url)
    page.locator("#award-form button").click()
    expect(page.locator("#review-state")).to_have_text("已立项资助")
    page.get_by_role("link", name="资金跟踪").click()
    expect(page.locator("#position")).to_contain_text("100,000")
    screenshots(page, "awards-funding.png")
