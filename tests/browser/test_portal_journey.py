"""A visitor on a phone finds a course from the home page and sees the subsidy estimate for two categories; no
public page of the portal has a serious or critical accessibility problem (axe-core, served from node_modules)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PUBLIC_PAGES = ("/", "/portal/courses/?q=车工", "/portal/articles/", "/portal/demand/", "/competitions/calendar/",
                "/certificates/verify/")


@pytest.fixture
def courses(django_db_serialized_rollback, transactional_db):
    """A 车工 三级 course (fee 3,000) in Pudong with an open class, in the search index."""
    from jineng.occupations.models import Occupation
    from jineng.portal.services.course_index import course_index_rebuild
    from jineng.training.tests import factories

    lathe = Occupation.objects.filter(name="车工", classification="2022").first()
    pudong = factories.institution(name="上海浦江机电培训学校")
    project = factories.project(pudong, code=lathe.code, level=3, fee="3000.00")
    factories.training_class(project)
    course_index_rebuild()
    return project


def _phone(browser, live_server, problems):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", is_mobile=True, has_touch=True,
                                  viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems.watch(page)
    return context, page


def test_a_phone_visitor_finds_a_course_and_sees_the_estimate_for_two_categories(
        courses, browser, live_server, problems, screenshots):
    context, page = _phone(browser, live_server, problems)

    page.goto("/")
    page.fill("#home-q", "车工")
    page.locator("form[role=search]").get_by_role("button").click()
    page.wait_for_url("**/portal/courses/**")
    found = page.locator("#courses > li", has_text="上海浦江机电培训学校")
    expect(found).to_have_count(1)
    expect(found).to_contain_text("3000")

    search = page.locator("#course-search")
    search.locator("select[name=category]").select_option("employed")
    search.get_by_role("button", name="搜索").click()
    expect(found.locator("[data-estimate=employed]")).to_contain_text("2000.00")  # 2,500 standard × 80 %
    expect(found).to_contain_text("估算")
    screenshots(page, "portal-01-employed.png")

    search.locator("select[name=category]").select_option("unemployed_hukou")
    search.get_by_role("button", name="搜索").click()
    expect(found.locator("[data-estimate=unemployed_hukou]")).to_contain_text("2500.00")  # 100 % for them
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone
    screenshots(page, "portal-02-unemployed.png")

    assert problems.page == [] and problems.console == []
    context.close()


def test_no_public_page_has_a_serious_or_critical_accessibility_problem(courses, browser, live_server, problems):
    assert AXE.exists(), "npm install puts axe-core in node_modules (package.json devDependencies)"
    context, page = _phone(browser, live_server, problems)
    found = {}
    for path in PUBLIC_PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated, not a <script>: the CSP allows no inline code
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary']}"
                   for v in result["violations"] if v["impact"] in ("serious", "critical") for node in v["nodes"]]
        if serious:
            found[path] = serious
    context.close()
    assert found == {}
