"""The English interface is complete: the main pages, switched to English, show no untranslated interface text.

Interface text is what the platform itself writes around the data: navigation, headings of tables, form labels,
buttons, captions and the page title. Data (task titles, organisation and district names) stays in Chinese.
"""

import re

import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CJK = re.compile(r"[\u3400-\u9fff]")
PAGES = [
    "/desk/",
    "/desk/scorecard/",
    "/desk/reports/",
    "/desk/timeliness/",
    "/desk/tasks/2/",
    "/desk/plan/import/",
    "/occupations/",
    "/occupations/catalogues/",
    "/demand/",
    "/training/",
    "/subsidies/",
    "/subsidies/quote/",
    "/integrity/",
    "/integrity/runs/",
    "/integrity/ratings/",
    "/forecasting/",
]
INTERFACE = "nav a, th, label, button, legend, caption, h1.page-title, .tabs a"
# District and organisation names, occupation names and other data can appear inside interface elements
# (a table header naming a district, a button naming a record): those carry data-i18n="data" in the templates.
# Each element's own text (its direct text nodes): a label's select options or a heading's linked record are data.
SCRIPT = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.offsetParent !== null && !el.closest('[data-i18n="data"], .langswitch'))
  .map(el => [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim())
  .filter(Boolean)"""


def test_main_pages_in_english_have_no_untranslated_interface_text(new_page, world, live_server):
    page = new_page()
    log_in(page, "office")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    untranslated = {}

    for path in PAGES:
        response = page.goto(path)
        if response is None or response.status >= 400:
            untranslated[path] = [f"HTTP {response.status if response else '?'}"]
            continue
        texts = page.evaluate(SCRIPT, INTERFACE) + [page.title()]
        chinese = sorted({text for text in texts if CJK.search(text)})
        if chinese:
            untranslated[path] = chinese

    assert page.locator("html").get_attribute("lang") == "en"
    assert untranslated == {}
