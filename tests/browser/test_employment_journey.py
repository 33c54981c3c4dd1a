"""An enterprise uploads its staff roster, finds only its own employee in a class, claims employee-training
funding for them; 浦东 sees the employment the claim rests on."""

import random
import re
from dataclasses import dataclass
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, log_out

pytestmark = pytest.mark.browser

CLASS_CODE = "PD-QY-2025-01"
ENTERPRISE = "上海浦测精密制造有限公司"


@dataclass(frozen=True)
class EmploymentWorld:
    employee: str
    employee_number: str
    stranger: str


@pytest.fixture
def employment_world(world):
    """A 浦东 institution's finished class with two certified trainees; one works for the enterprise `hr`."""
    from jineng.core.identifiers import synthetic_resident_id
    from jineng.core.people import person_register
    from jineng.demand.tests import factories as demand
    from jineng.training.tests import factories as training

    institution = training.institution(name="上海浦测企业培训学校", district="310115")
    klass = training.training_class(training.project(institution, code="6-18-01-01", level=3, class_hours=120),
                                    start=date(2025, 3, 3), days=40, code=CLASS_CODE)
    rng = random.Random(8)
    numbers = [synthetic_resident_id(rng=rng, area="310115") for _ in range(2)]
    for number, name in zip(numbers, ("赵一鸣", "钱二妹"), strict=True):
        training.enrolment(klass, person_register(resident_id=number, name=name, is_synthetic=True))
    demand.enterprise_user(demand.enterprise(name=ENTERPRISE, district="310115"), "hr")
    demand.user_of("浦东新区人民政府", "pudong")
    return EmploymentWorld(employee="赵一鸣", employee_number=numbers[0], stranger="钱二妹")


def test_enterprise_uploads_its_roster_and_claims_only_for_its_own_employee(
        new_page, employment_world, screenshots, tmp_path, problems):
    w = employment_world
    page = new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", "hr")
    page.fill("#id_password", PASSWORD)
    page.locator("form.panel").get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/demand/$"))

    page.get_by_role("link", name="职工花名册").first.click()
    roster = tmp_path / "花名册.csv"
    roster.write_text(f"身份证号,姓名,入职日期,离职日期\n{w.employee_number},{w.employee},2021-07-01,\n", encoding="utf-8-sig")
    page.locator("#roster-form input[type=file]").set_input_files(str(roster))
    page.locator("#roster-form").get_by_role("button", name="上传").click()
    expect(page.locator(".messages")).to_contain_text("新增 1 条")
    expect(page.locator("table.grid tbody")).to_contain_text(w.employee)
    assert w.employee_number not in page.content()
    screenshots(page, "employment-01-roster.png")

    page.goto(f"/subsidies/new/?q={CLASS_CODE}")
    rows = page.locator("table.grid tbody tr", has_text=CLASS_CODE)
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(w.employee)
    assert w.stranger not in page.content()
    rows.get_by_role("button", name="申请").click()
    page.wait_for_url(re.compile(r"/subsidies/claims/\d+/$"))
    expect(page.locator(".pagehead .state")).to_have_text("待审核")
    claim_url = page.url
    log_out(page)

    log_in(page, "pudong")
    page.goto(claim_url)
    evidence = page.locator(".employment-evidence")
    expect(evidence).to_contain_text(ENTERPRISE)
    expect(evidence).to_contain_text("2021-07-01")
    expect(evidence).to_contain_text("企业职工花名册")
    screenshots(page, "employment-02-evidence.png")
    assert problems.console == [] and problems.page == []
