"""An evaluation body uploads a question bank for named bodies only, submits it, the office publishes it; another
body cannot find it (404); the first body downloads it and the office sees the download in the report."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, log_out

pytestmark = pytest.mark.browser

TITLE = "车工（三级/高级工）实操题库"
LANDS = re.compile(r"/occupations/$")  # an evaluation body's staff land on the classification


@pytest.fixture
def bodies(world):
    from jineng.library.tests import factories

    users = []
    for name, login, district in (("上海浦测评价中心", "body-a", "310115"), ("上海黄测评价中心", "body-b", "310101")):
        user = factories.staff(factories.body(name, district=district, with_login=login))
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        users.append(user)
    return users


def test_a_restricted_question_bank_from_upload_to_logged_download(new_page, bodies, screenshots, tmp_path,
                                                                   problems):
    bank = tmp_path / "题库.csv"
    bank.write_text("题目,答案\n车削外圆的基本步骤,略\n", encoding="utf-8")
    page = new_page()
    log_in(page, "body-a", lands=LANDS)

    page.goto("/library/new/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_kind", "question_bank")
    page.select_option("#id_access", "restricted")
    page.fill("#id_occupation", "6-18-01-01")
    page.locator("#id_file").set_input_files(str(bank))
    page.locator("#document-form button").click()
    expect(page.locator("h1")).to_contain_text(TITLE)
    page.locator("#review-form").get_by_role("button", name="提交审核").click()
    expect(page.locator("#review-state")).to_have_text("待审核")
    document_url = page.url
    log_out(page)

    log_in(page, "office")
    page.goto("/library/review/")
    page.get_by_role("link", name=TITLE).click()
    page.locator("#review-form").get_by_role("button", name="发布").click()
    expect(page.locator("#review-state")).to_have_text("已发布")
    screenshots(page, "library-published.png")
    log_out(page)

    log_in(page, "body-b", lands=LANDS)
    assert page.goto(document_url).status == 404
    page.goto("/library/")
    expect(page.locator("#documents")).not_to_contain_text(TITLE)
    log_out(page)

    log_in(page, "body-a", lands=LANDS)
    page.goto(document_url)
    with page.expect_download() as download:
        page.locator("#versions").get_by_role("link", name="题库.csv").click()
    assert download.value.suggested_filename == "题库.csv"
    log_out(page)

    log_in(page, "office")
    page.goto("/library/downloads/")
    row = page.locator("#download-counts tbody tr", has_text=TITLE)
    expect(row.locator("td").nth(1)).to_have_text("1")
    screenshots(page, "library-downloads.png")
    expected_404 = f"{document_url}: Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert problems.console == [expected_404] and problems.page == []
