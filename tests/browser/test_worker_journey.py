"""A worker signs in through the local identity provider (standing in for 一网通办), sees their training record
and certificate, files a skill-upgrading claim from it, and 浦东's officer finds the claim in the review queue."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, log_out

pytestmark = pytest.mark.browser


@pytest.fixture
def worker_world(world):
    """A 浦东 institution's trainee with a certificate from three weeks ago in the register and a login `zhang` on
    the local provider; the 浦东 district officer `pudong`."""
    from jineng.demand.tests.factories import user_of
    from jineng.workers.tests.oidc import resident

    person, number, enrolment = resident(username="zhang", name="张晓梅", certificate_days_ago=21)
    user_of("浦东新区人民政府", "pudong")
    return {"name": person.name, "masked": person.resident_id_masked, "number": number,
            "class_code": enrolment.training_class.code, "certificate_no": enrolment.certificate_no}


def test_a_worker_signs_in_through_the_identity_service_and_files_a_claim_pudong_reviews(
        worker_world, new_page, problems, screenshots):
    page = new_page()

    # 1. From the platform's login page to the identity service's own sign-in.
    page.goto("/accounts/login/")
    page.get_by_role("link", name="劳动者本人登录").click()
    page.get_by_role("link", name="一网通办登录").click()
    page.wait_for_url(re.compile(r"/idp/login/"))
    expect(page.locator("h1")).to_have_text("统一身份认证")
    page.fill("#id_username", "zhang")
    page.fill("#id_password", "Resident-pass-2024!")
    page.locator("form.panel").get_by_role("button", name="登录").click()

    # 2. Back on the platform, signed in as the worker: their own records, the ID masked.
    page.wait_for_url(re.compile(r"/workers/$"))
    expect(page.locator(".pagehead")).to_contain_text(worker_world["masked"])
    assert worker_world["number"] not in page.content()
    expect(page.locator("#training")).to_contain_text(worker_world["class_code"])
    certificates = page.locator("#certificates")
    expect(certificates).to_contain_text(worker_world["certificate_no"])
    expect(certificates.get_by_role("link", name="核验链接")).to_have_attribute("href", re.compile(r"^/v/"))
    expect(certificates.get_by_role("link", name="下载电子证书")).to_be_visible()
    expect(page.locator("#claims")).to_contain_text("没有补贴申请")
    screenshots(page, "worker-01-records.png")

    # 3. The personal skill-upgrading claim from the certified record.
    page.locator("#training").get_by_role("link", name="申请补贴").click()
    page.select_option("#id_applicant_category", "employed")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/workers/claims/\d+/$"))
    expect(page.locator("h1 .state")).to_have_text("待审核")
    expect(page.locator(".messages")).to_contain_text("已提交")
    number = page.locator("h1").inner_text().split()[1]
    screenshots(page, "worker-02-claim.png")
    log_out(page)

    # 4. 浦东's officer finds it in the review queue, filed by the worker in person.
    log_in(page, "pudong")
    page.goto("/subsidies/review/")
    row = page.locator("table.grid tbody tr", has_text=number)
    expect(row).to_contain_text(worker_world["name"])
    screenshots(page, "worker-03-review.png")
    assert problems.console == [] and problems.page == []
