"""A department reports November 2024 late, is sent back once; the accepted figure shows on the desk."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import log_in, log_out

pytestmark = pytest.mark.browser

TASK = 2
PERIOD = "2024-11"
FIRST_VALUES = ["720000", "100000", "41000"]
CORRECTED_SECOND_VALUE = "105000"


def test_late_report_returned_then_accepted_shows_on_the_desk_and_the_bulletin_downloads(
    world, new_page, screenshots, problems, tmp_path
):
    page = new_page()

    _office_reopens_november(page, screenshots, world)
    report_url = _department_submits_report(page, screenshots)
    _office_returns_report(page, screenshots)
    _department_corrects_and_resubmits(page, screenshots, report_url)
    _office_accepts_report(page, screenshots)

    _desk_shows_accepted_figure(page, screenshots)
    bulletin_title = _bulletin_title(page, tmp_path)

    assert "督办通报" in bulletin_title
    assert "11月" in bulletin_title
    assert problems.page == []
    assert problems.console == []


def _office_reopens_november(page, screenshots, world):
    log_in(page, "office")
    page.goto(f"/desk/reopen/?year=2024&month=11&organisation={world.rsj_id}&period={PERIOD}")
    expect(page.locator("form.panel")).to_contain_text("市人力资源社会保障局")
    page.fill("#id_until_date", f"{timezone.localdate() + timedelta(days=5):%Y-%m-%d}")
    page.fill("#id_reason", "系统故障导致11月报告未能按时报送")
    page.get_by_role("button", name="开放").click()

    expect(page.locator(".messages .msg-success")).to_contain_text(f"开放 {PERIOD} 补报")
    screenshots(page, "01-reopen.png")
    log_out(page)


def _department_submits_report(page, screenshots) -> str:
    log_in(page, "rsj")
    page.goto("/desk/reports/")
    start = page.locator("form.panel.inline", has_text="填报月度报告")
    start.locator("select[name=task_number]").select_option(str(TASK))
    start.locator("input[name=period]").fill(PERIOD)
    start.get_by_role("button", name="开始填报").click()

    form = page.locator("#report-form")
    expect(form).to_be_visible()
    form.locator("#id_narrative").fill("11月完成补贴性职业技能培训72万人次，等级工培训10万人次。")
    values = form.locator("input[name^=value_]")
    expect(values).to_have_count(len(FIRST_VALUES))
    for index, value in enumerate(FIRST_VALUES):
        values.nth(index).fill(value)
    screenshots(page, "02-report-form.png")
    form.get_by_role("button", name="报送", exact=True).click()

    expect(page.locator("#report-state")).to_have_text("已报送")
    report_url = page.url
    log_out(page)
    return report_url


def _office_returns_report(page, screenshots):
    log_in(page, "office")
    page.goto("/desk/reports/?state=submitted")
    row = page.locator("table.grid tbody tr", has_text=PERIOD)
    expect(row).to_have_count(1)
    row.get_by_role("link", name="审核").click()

    review = page.locator("#review-form")
    review.locator("textarea[name=comment]").fill("等级工培训人次与区报数据不一致，请核实后重报")
    screenshots(page, "03-review.png")
    review.get_by_role("button", name="退回修改").click()

    expect(page.locator("#report-state")).to_have_text("已退回")
    log_out(page)


def _department_corrects_and_resubmits(page, screenshots, report_url: str):
    log_in(page, "rsj")
    page.goto(report_url)
    expect(page.locator(".review-comment")).to_contain_text("请核实后重报")
    form = page.locator("#report-form")
    form.locator("input[name^=value_]").nth(1).fill(CORRECTED_SECOND_VALUE)
    screenshots(page, "05-returned.png")
    form.get_by_role("button", name="重新报送").click()

    expect(page.locator("#report-state")).to_have_text("已报送")
    log_out(page)


def _office_accepts_report(page, screenshots):
    log_in(page, "office")
    page.goto("/desk/reports/?state=submitted")
    page.locator("table.grid tbody tr", has_text=PERIOD).get_by_role("link", name="审核").click()
    page.locator("#review-form").get_by_role("button", name="采纳").click()

    expect(page.locator("#report-state")).to_have_text("已采纳")
    screenshots(page, "06-accepted.png")


def _desk_shows_accepted_figure(page, screenshots):
    page.goto("/desk/?year=2024&month=11")
    task_row = page.locator(f'tr.task:has(a[href^="/desk/tasks/{TASK}/"])')

    expect(task_row).to_have_count(1)
    # Django's zh-hans number format has no thousands separator, so the comma is optional here.
    expect(task_row.locator(".indicators b").first).to_have_text(re.compile(r"^720,?000$"))
    expect(task_row.locator(".indicators b").nth(1)).to_have_text(re.compile(r"^105,?000$"))
    screenshots(page, "04-desk.png")


def _bulletin_title(page, tmp_path) -> str:
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("下载督办通报")).click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)

    document = Document(str(path))
    return next(p.text for p in document.paragraphs if p.style.name == "Title")


def test_scorecard_map_and_task_chart_draw_without_script_errors(world, new_page, screenshots, problems):
    page = new_page()
    log_in(page, "office")

    page.goto("/desk/scorecard/?year=2024&month=11")
    expect(page.locator("#district-map path.leaflet-interactive")).to_have_count(16)
    screenshots(page, "07-scorecard.png")
    page.goto(f"/desk/tasks/{TASK}/?year=2024&month=11")
    expect(page.locator("#task-chart canvas").first).to_be_attached()
    screenshots(page, "08-task-chart.png")

    assert problems.page == []
    assert problems.console == []
