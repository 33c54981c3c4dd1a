"""A visitor on a phone finds a course from the home page and sees the subsidy estimate for two categories; every
public page, the signed-in worker's pages and the planner's view fit a 375 px phone and have no serious or critical
accessibility problem (axe-core, served from node_modules), in Chinese and in English.

The public pages are not listed here: they are every URL pattern an anonymous visitor gets a 200 HTML page on, with
its path parameters from the role matrix's world, so a new public page is checked without editing this test."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = 375
# Pages in a state the URL configuration cannot name: a search with results, a circle drawn around a district.
PUBLIC_STATES = ("/portal/courses/?q=车工", "/servicepoints/circle/?district=310115&mode=bike")
# The API's own pages (the browsable schema) are a developer tool, not part of the public site.
NOT_PAGES = ("api",)
# The axe rules that answer for the page as a whole, run on every page; every node of a serious or critical
# violation is reported. The overflow check names the elements reaching past the phone's right edge.
AXE_RUN = "axe.run(document, {resultTypes: ['violations']})"
OVERFLOW = """(width) => {
  const root = document.documentElement;
  if (root.scrollWidth <= width) return [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(c => '.' + c).join('');
  const clipped = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  const wide = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5 && !clipped(el));
  return [`scrollWidth ${root.scrollWidth}`, ...wide.slice(-6).map(el =>
    `${name(el)} right ${Math.round(el.getBoundingClientRect().right)}`)];
}"""


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
                                  viewport={"width": PHONE, "height": 812})
    # Injected by the browser before the page's own scripts: the CSP allows no inline code in the page itself.
    context.add_init_script(path=str(AXE))
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


def public_pages(world: dict, request) -> list[str]:
    """Every page an anonymous visitor gets: the URL patterns the role matrix declares "ok" for the anonymous
    role, with the role matrix world's parameters, that answer 200 with HTML (not a file, a redirect or JSON).
    Asked through the browser's own request context (no cookies yet), not Django's test client: Playwright's
    event loop runs in this thread, and the test client cannot call an async view from it."""
    from django.urls import reverse

    from tests.role_matrix import EXPECT
    from tests.role_matrix_world import ROLES
    from tests.test_role_matrix import _arguments, url_names

    anonymous, pages = ROLES.index("anonymous"), []
    for name, params in sorted(url_names().items()):
        if EXPECT[name].split()[anonymous] != "ok" or name.startswith(NOT_PAGES):
            continue
        url = reverse(name, kwargs=_arguments(name, params, world)[0])
        response = request.get(url, max_redirects=0)
        if response.status == 200 and response.headers.get("content-type", "").startswith("text/html"):
            pages.append(url)
    return pages


def _check(page, paths) -> dict[str, list[str]]:
    """Each page at phone width: HTTP 200, no serious or critical axe violation, nothing wider than the phone."""
    found = {}
    for path in paths:
        response = page.goto(path)
        if response.status != 200:
            found[path] = [f"HTTP {response.status}"]
            continue
        result = page.evaluate(AXE_RUN)
        problems = [f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary']}"
                    for v in result["violations"] if v["impact"] in ("serious", "critical") for node in v["nodes"]]
        problems += page.evaluate(OVERFLOW, PHONE)
        if problems:
            found[path] = problems
    return found


def _listed(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}: {problem}" for path, problems in found.items() for problem in problems)


def _english(page) -> None:
    """Through the language switch in the page header (it sets the language cookie)."""
    page.goto("/")
    page.locator(".langswitch").get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.fixture
def matrix_world(courses, plan):
    from tests.role_matrix_world import world_build

    return world_build(plan)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_public_page_fits_a_phone_without_a_serious_accessibility_problem(
        language, matrix_world, browser, live_server, problems):
    assert AXE.exists(), "npm install puts axe-core in node_modules (package.json devDependencies)"
    context, page = _phone(browser, live_server, problems)
    pages = public_pages(matrix_world, context.request)
    assert {"/", "/portal/courses/", "/servicepoints/map/", "/servicepoints/circle/"} <= set(pages)
    if language == "en":
        _english(page)

    found = _check(page, [*pages, *PUBLIC_STATES])

    context.close()
    assert found == {}, _listed(found)
    assert problems.page == []


@pytest.fixture
def signed_in(django_db_serialized_rollback, transactional_db):
    """A worker with a certified, claimable training record; 浦东's district officer (the planner's view); a few
    service points in 浦东. Returns a function giving the session cookie of either."""
    from django.conf import settings
    from django.test import Client

    from jineng.demand.tests.factories import user_of
    from jineng.servicepoints.tests import factories as points
    from jineng.workers.services import worker_account_for
    from jineng.workers.tests.oidc import resident

    person, _number, enrolment = resident(username="zhang", name="张晓梅", certificate_days_ago=21)
    users = {"worker": worker_account_for(person=person), "pudong": user_of("浦东新区人民政府", "pudong")}
    for kind in ("station", "window", "station"):
        points.point(district="310115", kind=kind)

    def cookie(who: str, url: str) -> dict:
        client = Client()
        client.force_login(users[who])
        return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": url}

    cookie.enrolment_id = enrolment.pk
    return cookie


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_worker_s_pages_and_the_planner_fit_a_phone_without_a_serious_accessibility_problem(
        language, signed_in, browser, live_server, problems):
    context, page = _phone(browser, live_server, problems)
    if language == "en":
        _english(page)
    context.add_cookies([signed_in("worker", live_server.url)])
    claim_new = f"/workers/training/{signed_in.enrolment_id}/claim/"
    found = _check(page, ["/workers/", claim_new])

    page.goto(claim_new)  # the claim filed from the phone, then its own page
    page.select_option("#id_applicant_category", "employed")
    page.locator("form.form button.button").click()
    page.wait_for_url(re.compile(r"/workers/claims/\d+/$"))
    found |= _check(page, [page.url.removeprefix(live_server.url)])

    context.add_cookies([signed_in("pudong", live_server.url)])
    found |= _check(page, ["/servicepoints/planner/"])

    context.close()
    assert found == {}, _listed(found)
    assert problems.page == []
