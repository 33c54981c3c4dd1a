"""An IC enterprise uploads its demand (a bad file is refused whole), submits it; 市经济信息化委 accepts; it shows in the analysis."""

import random
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, log_in, log_out

pytestmark = pytest.mark.browser

ENTERPRISE = "上海浏测集成电路制造有限公司"
CAMPAIGN = "集成电路急需紧缺职业需求填报（浏览器测试）"
REVIEWER_ORGANISATION = "市经济信息化委"  # reviews IC per jineng/demand/data/industry-departments.csv

# The upload as the enterprise first writes it: the third row asks for -3 people.
GOOD_ROWS = [
    {"职业编码": "6-25-02-05", "技能等级": "三级/高级工", "需求人数": 12, "紧急程度": "紧急", "空缺时长（月）": 4,
     "每岗位应聘人数": 0.5, "月薪（元）": 13000, "预计到岗日期": "2025-09-01", "原因": "12英寸产线扩产"},
    {"职业编码": "6-25-02-04", "技能等级": 2, "需求人数": 5, "紧急程度": "较急", "空缺时长（月）": 6,
     "每岗位应聘人数": 0.3, "月薪（元）": 16000, "预计到岗日期": "", "原因": "晶圆加工技师退休"},
]
BAD_ROW = {"职业编码": "6-25-02-06", "技能等级": "三级", "需求人数": -3, "紧急程度": "一般", "空缺时长（月）": 2,
           "每岗位应聘人数": 1.5, "月薪（元）": 11000, "预计到岗日期": "", "原因": "封装线补员"}
FIXED_HEADCOUNT = 3
TOTAL = 12 + 5 + FIXED_HEADCOUNT


@dataclass(frozen=True)
class DemandWorld:
    campaign_id: int
    ic_industry_id: int
    enterprise: str
    reviewer: str


@pytest.fixture
def demand_world(world):
    """An IC campaign open today, an IC enterprise in 浦东 with its user, and the 市经济信息化委 reviewer."""
    from jineng.core.identifiers import synthetic_uscc
    from jineng.core.models import District
    from jineng.demand.services.enterprises import enterprise_register
    from jineng.demand.tests import factories
    from jineng.occupations.models import Industry

    today = timezone.localdate()
    campaign = factories.campaign(name=CAMPAIGN, opens_on=today - timedelta(days=1),
                                  closes_on=today + timedelta(days=30), industries=("IC",))
    industry = Industry.objects.get(code="IC")
    profile = enterprise_register(
        name=ENTERPRISE, credit_code=synthetic_uscc(rng=random.Random(7)), district=District.objects.get(code="310115"),
        industry=industry, size="medium", by=None, is_synthetic=True,
    )
    factories.enterprise_user(profile, "chiphr")
    factories.user_of(REVIEWER_ORGANISATION, "jxw")
    assert factories.PASSWORD == PASSWORD
    return DemandWorld(campaign_id=campaign.pk, ic_industry_id=industry.pk, enterprise="chiphr", reviewer="jxw")


def test_enterprise_uploads_submits_reviewer_accepts_and_the_analysis_counts_it(
    demand_world, new_page, screenshots, problems, tmp_path
):
    page = new_page()

    header = _enterprise_starts_report_and_downloads_template(page, screenshots, tmp_path)
    _bad_upload_is_refused_whole(page, screenshots, tmp_path, header)
    _fixed_upload_is_imported_once(page, screenshots, tmp_path, header)
    _enterprise_submits(page, screenshots)
    _reviewer_accepts(page, screenshots, demand_world)
    _analysis_shows_the_demand(page, screenshots, demand_world)

    assert problems.page == []
    assert problems.console == []


def _log_in_enterprise(page, username: str) -> None:
    """The same login form as log_in(); an enterprise user lands on its demand reports, not on the desk."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form.panel").get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/demand/$"))


def _enterprise_starts_report_and_downloads_template(page, screenshots, tmp_path) -> list[str]:
    _log_in_enterprise(page, "chiphr")
    expect(page.locator("dl.facts")).to_contain_text(ENTERPRISE)
    expect(page.locator("dl.facts")).to_contain_text("浦东新区")
    start = page.locator("form.panel.inline", has_text=CAMPAIGN)
    expect(start).to_have_count(1)
    screenshots(page, "demand-01-reports.png")
    start.get_by_role("button", name="开始填报").click()

    expect(page.locator("#report-state")).to_have_text("草稿")
    expect(page.locator("#lines tbody")).to_contain_text("尚无需求明细")
    with page.expect_download() as download_info:
        page.locator("#upload-form").get_by_role("link", name=re.compile("下载模板")).click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)

    sheet = load_workbook(template).worksheets[0]
    header = [str(cell.value or "") for cell in next(sheet.iter_rows(min_row=1, max_row=1))]
    assert "职业编码" in header
    assert "需求人数" in header
    assert sheet.max_row == 1  # a new report: the template holds its (no) lines
    return header


def _write_upload(template: Path, header: list[str], rows: list[dict], path: Path) -> Path:
    """The downloaded template with the rows filled in under its own header, as an enterprise would."""
    book = load_workbook(template)
    sheet = book.worksheets[0]
    for row in rows:
        sheet.append([row.get(column, "") for column in header])
    book.save(path)
    return path


def _upload(page, path: Path) -> None:
    """Upload, follow to the job's page, let a worker run the queued import, and read its outcome there."""
    form = page.locator("#upload-form")
    form.locator("input[type=file]").set_input_files(str(path))
    form.get_by_role("button", name="上传").click()
    page.wait_for_url(re.compile(r"/demand/uploads/\d+/$"))
    expect(page.locator("#progress")).to_contain_text("等待后台任务执行")
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    expect(page.locator("#progress")).not_to_contain_text("等待后台任务执行")


def _back_to_report(page) -> None:
    page.get_by_role("link", name="返回填报").click()
    page.wait_for_url(re.compile(r"/demand/reports/\d+/$"))


def _bad_upload_is_refused_whole(page, screenshots, tmp_path, header):
    bad = _write_upload(tmp_path / "template.xlsx", header, [*GOOD_ROWS, BAD_ROW], tmp_path / "demand-bad.xlsx")
    _upload(page, bad)

    expect(page.locator("section.panel.errors")).to_contain_text("1 处错误，未写入任何记录")
    # Header on row 1, so the third data row is spreadsheet row 4.
    expect(page.locator("#import-errors li")).to_have_text(["第 4 行“需求人数”：“-3”不是正整数"])
    expect(page.locator("#import-result")).to_have_count(0)
    screenshots(page, "demand-02-upload-refused.png")
    _back_to_report(page)
    expect(page.locator("#lines tbody tr")).to_have_count(1)
    expect(page.locator("#lines tbody")).to_contain_text("尚无需求明细")
    expect(page.locator("dl.facts")).to_contain_text("0（0 行）")


def _fixed_upload_is_imported_once(page, screenshots, tmp_path, header):
    fixed = _write_upload(tmp_path / "template.xlsx", header,
                          [*GOOD_ROWS, BAD_ROW | {"需求人数": FIXED_HEADCOUNT}], tmp_path / "demand-fixed.xlsx")
    _upload(page, fixed)

    expect(page.locator("#import-result")).to_contain_text("共 3 行：新增 3，更新 0，未变 0")
    expect(page.locator("#import-errors")).to_have_count(0)
    _back_to_report(page)
    lines = page.locator("#lines tbody tr")
    expect(lines).to_have_count(3)
    chip_row = lines.filter(has_text="6-25-02-05")
    expect(chip_row).to_contain_text("三级/高级工")
    expect(chip_row.locator("td").nth(3)).to_have_text("12")
    expect(lines.filter(has_text="6-25-02-04")).to_contain_text("二级/技师")
    expect(page.locator("dl.facts")).to_contain_text(f"{TOTAL}（3 行）")
    screenshots(page, "demand-03-lines.png")

    _upload(page, fixed)

    expect(page.locator("#import-result")).to_contain_text("共 3 行：新增 0，更新 0，未变 3")
    expect(page.locator("#import-result")).to_contain_text("未变：与已导入的记录相同")
    _back_to_report(page)
    expect(page.locator("#lines tbody tr")).to_have_count(3)
    expect(page.locator("dl.facts")).to_contain_text(f"{TOTAL}（3 行）")
    screenshots(page, "demand-04-reuploaded.png")


def _enterprise_submits(page, screenshots):
    page.locator("#submit-form").get_by_role("button", name="提交").click()

    expect(page.locator("#report-state")).to_have_text("已提交")
    expect(page.locator(".messages .msg-success")).to_contain_text("已提交，等待审核")
    expect(page.locator("#upload-form")).to_have_count(0)
    screenshots(page, "demand-05-submitted.png")
    log_out(page)


def _reviewer_accepts(page, screenshots, demand_world):
    log_in(page, demand_world.reviewer)
    page.goto("/demand/?state=submitted")
    row = page.locator("table.grid tbody tr", has_text=ENTERPRISE)
    expect(row).to_have_count(1)
    expect(row.locator("td.r").nth(1)).to_have_text(str(TOTAL))
    row.get_by_role("link", name="查看").click()

    review = page.locator("#review-form")
    review.locator("textarea[name=comment]").fill("需求与产线扩产计划相符，予以采纳")
    screenshots(page, "demand-06-review.png")
    review.get_by_role("button", name="采纳").click()

    expect(page.locator("#report-state")).to_have_text("已采纳")
    expect(page.locator("#review-form")).to_have_count(0)
    screenshots(page, "demand-07-accepted.png")


def _analysis_shows_the_demand(page, screenshots, demand_world):
    page.goto("/demand/analysis/")
    filters = page.locator("form.filters.panel")
    filters.locator("select[name=campaign]").select_option(str(demand_world.campaign_id))
    filters.locator("select[name=industry]").select_option(str(demand_world.ic_industry_id))
    filters.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(rf"campaign={demand_world.campaign_id}.*industry={demand_world.ic_industry_id}"))

    breakdown = page.locator("#breakdown tbody tr")
    expect(breakdown).to_have_count(3)
    chip_row = breakdown.filter(has_text="6-25-02-05")
    expect(chip_row).to_have_count(1)
    # Columns: 职业编码, 职业, 技能等级, 需求人数, …
    expect(chip_row.locator("td").nth(1)).to_have_text("半导体芯片制造工")
    expect(chip_row.locator("td").nth(3)).to_have_text("12")
    expect(page.locator(".cards .card").first.locator(".num")).to_have_text(str(TOTAL))
    pudong = page.locator("table.grid", has_text="填报企业数").first.locator("tbody tr", has_text="浦东新区")
    expect(pudong.locator("td").nth(1)).to_have_text(str(TOTAL))
    expect(page.locator("#demand-map path.leaflet-interactive")).to_have_count(16)
    screenshots(page, "demand-08-analysis.png")
