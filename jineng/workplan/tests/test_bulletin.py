"""The monthly bulletin (Word and its Excel annex), the shared tables, and the late-report list."""

import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from jineng.accounts.models import Organisation, User
from jineng.core.models import District
from jineng.workplan import bulletin
from jineng.workplan.choices import ReportState
from jineng.workplan.models import DistrictTarget, Indicator, IndicatorValue, MonthlyReport, Plan
from jineng.workplan.selectors.desk import desk_build
from jineng.workplan.selectors.obligations import obligation_pairs
from jineng.workplan.selectors.scorecard import scorecard_build
from jineng.workplan.selectors.timeliness import LateReport, late_report_list, latest_progress_map
from jineng.workplan.services.plan_import import plan_import_file

PLAN_FILE = Path(__file__).parent / "fixtures" / "plan-2024.txt"
SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE = "市人力资源社会保障局高技能人才工作专班办公室"
HR_BUREAU = "市人力资源社会保障局"
PUDONG = "浦东新区人民政府"
HUANGPU = "黄浦区人民政府"
XUHUI = "徐汇区人民政府"
INJECTION = '=HYPERLINK("http://example.invalid","点此")'
MARCH = 3
AFTER_APRIL_DEADLINE = datetime(2024, 5, 1, 9, 0, tzinfo=SHANGHAI)  # "now" for the March lists


def _user(username: str, organisation_name: str) -> User:
    return User.objects.create(
        username=username, organisation=Organisation.objects.get(name=organisation_name)
    )


def _fresh(user: User) -> User:
    """As a request would load it: nothing cached on the instance."""
    return User.objects.get(pk=user.pk)


def _report(task_number, organisation_name, *, by, state, submitted_at=None, narrative="", values=None):
    plan = Plan.objects.get(year=2024)
    report = MonthlyReport.objects.create(
        task=plan.tasks.get(number=task_number),
        organisation=Organisation.objects.get(name=organisation_name),
        period=datetime(2024, MARCH, 1).date(),
        state=state,
        narrative=narrative,
        first_submitted_at=submitted_at,
        submitted_at=submitted_at,
        created_by=by,
    )
    for code, value in (values or {}).items():
        number, ordinal = (int(part) for part in code.split("-"))
        indicator = Indicator.objects.get(task__plan=plan, task__number=number, ordinal=ordinal)
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(value))
    return report


@pytest.fixture
def plan() -> Plan:
    plan = plan_import_file(path=PLAN_FILE, year=2024, by=None).plan
    training = Indicator.objects.get(task__plan=plan, task__number=2, ordinal=1)
    DistrictTarget.objects.bulk_create(
        DistrictTarget(indicator=training, district=district, value=Decimal(50000))
        for district in District.objects.order_by("code")
    )
    return plan


@pytest.fixture
def office_officer(plan) -> User:
    return _user("office", OFFICE)


@pytest.fixture
def hr_bureau_officer(plan) -> User:
    return _user("hr_bureau", HR_BUREAU)


@pytest.fixture
def pudong_officer(plan) -> User:
    return _user("pudong", PUDONG)


@pytest.fixture
def huangpu_officer(plan) -> User:
    return _user("huangpu", HUANGPU)


@pytest.fixture
def march_reports(plan, hr_bureau_officer, pudong_officer, huangpu_officer) -> None:
    """March 2024 is due by the end of 10 April (Asia/Shanghai)."""
    _report(
        2,
        HR_BUREAU,
        by=hr_bureau_officer,
        state=ReportState.ACCEPTED,
        submitted_at=datetime(2024, 4, 8, 16, 0, tzinfo=SHANGHAI),
        narrative=INJECTION,
        values={"2-1": "150000", "2-2": "30000", "2-3": "11000"},
    )
    _report(
        4,
        HR_BUREAU,
        by=hr_bureau_officer,
        state=ReportState.SUBMITTED,
        submitted_at=datetime(2024, 4, 12, 10, 0, tzinfo=SHANGHAI),
        narrative="目录已完成初稿。",
        values={"4-1": "10", "4-2": "2"},
    )
    _report(
        2,
        PUDONG,
        by=pudong_officer,
        state=ReportState.RETURNED,
        submitted_at=datetime(2024, 4, 9, 9, 0, tzinfo=SHANGHAI),
        values={"2-1": "12000"},
    )
    _report(
        14,
        PUDONG,
        by=pudong_officer,
        state=ReportState.SUBMITTED,
        submitted_at=datetime(2024, 4, 11, 9, 0, tzinfo=SHANGHAI),
        narrative="揭榜挂帅项目已立项 3 个。",
    )
    _report(
        14,
        HUANGPU,
        by=huangpu_officer,
        state=ReportState.ACCEPTED,
        submitted_at=datetime(2024, 4, 10, 23, 30, tzinfo=SHANGHAI),
        narrative="按计划推进。",
    )
    _report(14, XUHUI, by=huangpu_officer, state=ReportState.DRAFT)


def _index(reports: list[LateReport]) -> dict[tuple[int, str, str], LateReport]:
    return {(r.task_number, r.organisation_name, r.verdict): r for r in reports}


# ---------------------------------------------------------------------------
# late_report_list
# ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_late_report_list_classifies_on_time_late_missing_and_returned(office_officer, march_reports, plan):
    reports = late_report_list(viewer=office_officer, plan=plan, month=MARCH, now=AFTER_APRIL_DEADLINE)

    found = _index(reports)
    assert found[(4, HR_BUREAU, "late")].days_late == 2
    assert found[(4, HR_BUREAU, "late")].first_submitted_at == datetime(2024, 4, 12, 10, 0, tzinfo=SHANGHAI)
    assert found[(14, PUDONG, "late")].days_late == 1
    assert found[(2, PUDONG, "returned")].days_late == 0
    assert found[(14, XUHUI, "missing")].days_late == 21  # a draft is not a report; counted to 1 May
    assert found[(14, XUHUI, "missing")].first_submitted_at is None
    assert not {(2, HR_BUREAU), (14, HUANGPU), (2, PUDONG)} & {(n, o) for n, o, v in found if v != "returned"}
    assert {r.period for r in reports} == {"2024-03"}


@pytest.mark.django_db
def test_late_report_list_counts_every_owed_report_that_did_not_arrive(office_officer, march_reports, plan):
    reports = late_report_list(viewer=office_officer, plan=plan, month=MARCH, now=AFTER_APRIL_DEADLINE)

    owed = len(obligation_pairs(plan=plan))
    arrived = 5  # three on time (one of them since returned), two late; the draft never arrived
    assert sum(r.verdict == "missing" for r in reports) == owed - arrived
    assert sum(r.verdict == "late" for r in reports) == 2
    assert sum(r.verdict == "returned" for r in reports) == 1


@pytest.mark.django_db
def test_late_report_list_orders_missing_then_late_then_returned(office_officer, march_reports, plan):
    reports = late_report_list(viewer=office_officer, plan=plan, month=MARCH, now=AFTER_APRIL_DEADLINE)

    keys = [
        ({"missing": 0, "late": 1, "returned": 2}[r.verdict], r.task_number, r.organisation_name)
        for r in reports
    ]
    assert keys == sorted(keys)
    assert reports[-1].verdict == "returned"


@pytest.mark.django_db
def test_late_report_list_counts_nothing_missing_before_the_deadline(office_officer, march_reports, plan):
    before = datetime(2024, 4, 10, 12, 0, tzinfo=SHANGHAI)

    reports = late_report_list(viewer=office_officer, plan=plan, month=MARCH, now=before)

    assert "missing" not in {r.verdict for r in reports}
    assert (2, PUDONG, "returned") in _index(reports)


@pytest.mark.django_db
def test_late_report_list_gives_a_district_officer_only_their_government(pudong_officer, march_reports, plan):
    reports = late_report_list(
        viewer=_fresh(pudong_officer), plan=plan, month=MARCH, now=AFTER_APRIL_DEADLINE
    )

    assert reports
    assert {r.organisation_name for r in reports} == {PUDONG}
    found = _index(reports)
    assert (14, PUDONG, "late") in found
    assert (2, PUDONG, "returned") in found
    assert (41, PUDONG, "missing") in found


@pytest.mark.django_db
def test_late_report_list_gives_a_department_only_its_tasks(hr_bureau_officer, march_reports, plan):
    reports = late_report_list(
        viewer=_fresh(hr_bureau_officer), plan=plan, month=MARCH, now=AFTER_APRIL_DEADLINE
    )

    numbers = {r.task_number for r in reports}
    assert 4 in numbers
    assert 14 not in numbers  # the districts' own task


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["office_officer", "hr_bureau_officer", "pudong_officer"])
def test_late_report_list_uses_a_fixed_number_of_queries(
    persona, request, march_reports, plan, django_assert_max_num_queries
):
    viewer = request.getfixturevalue(persona)
    first, second = _fresh(viewer), _fresh(viewer)
    with django_assert_max_num_queries(12) as small:
        late_report_list(viewer=first, plan=plan, month=MARCH)
    for code in ("310105", "310106", "310107"):
        organisation = Organisation.objects.get(district__code=code)
        _report(
            14, organisation.name, by=viewer, state=ReportState.SUBMITTED, submitted_at=AFTER_APRIL_DEADLINE
        )
        _report(
            2, organisation.name, by=viewer, state=ReportState.RETURNED, submitted_at=AFTER_APRIL_DEADLINE
        )

    with django_assert_max_num_queries(12) as larger:
        late_report_list(viewer=second, plan=plan, month=MARCH)

    assert len(larger) == len(small)


@pytest.mark.django_db
def test_latest_progress_map_takes_the_lead_units_narrative(office_officer, march_reports, plan):
    progress = latest_progress_map(viewer=office_officer, plan=plan, month=MARCH)

    task = {t.number: t.pk for t in plan.tasks.all()}
    assert progress[task[2]] == INJECTION  # the returned district report is not counted
    assert progress[task[4]] == "目录已完成初稿。"
    assert "浦东新区：揭榜挂帅项目已立项 3 个。" in progress[task[14]]
    assert "黄浦区：按计划推进。" in progress[task[14]]


# ---------------------------------------------------------------------------
# The bulletin
# ---------------------------------------------------------------------------


def _inputs(viewer, plan):
    desk = desk_build(viewer=viewer, plan=plan, month=MARCH)
    return {
        "desk": desk,
        "scorecard": scorecard_build(viewer=viewer, plan=plan, month=MARCH),
        "late_reports": late_report_list(viewer=viewer, plan=plan, month=MARCH, now=AFTER_APRIL_DEADLINE),
        "progress": latest_progress_map(viewer=viewer, plan=plan, month=MARCH),
    }


def _table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _table_with(document, header: str) -> list[list[str]]:
    return next(_table_rows(t) for t in document.tables if header in _table_rows(t)[0])


@pytest.fixture
def document(office_officer, march_reports, plan):
    content = bulletin.bulletin_docx(
        **_inputs(office_officer, plan), generated_at=datetime(2024, 4, 15, 9, 0, tzinfo=SHANGHAI)
    )
    return Document(io.BytesIO(content))


@pytest.mark.django_db
def test_bulletin_docx_has_title_issuer_date_and_five_sections(document):
    texts = [p.text for p in document.paragraphs]

    assert texts[0] == "2024年高技能人才工作要点落实情况督办通报（3月）"
    assert OFFICE in texts
    assert "2024年4月15日" in texts
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、总体情况",
        "二、进度滞后的任务",
        "三、报送情况",
        "四、各区考核排名",
        "五、下步工作要求",
    ]


@pytest.mark.django_db
def test_bulletin_docx_lists_the_800000_target_with_pace(document):
    rows = _table_with(document, "年度目标")

    training = next(row for row in rows if row[1] == "补贴性职业技能培训（人次）")
    assert training == [
        "2-1",
        "补贴性职业技能培训（人次）",
        "800,000",
        "150,000",
        "200,000",
        "18.8%",
        "75%",
        "600,000",
        "滞后",
    ]


@pytest.mark.django_db
def test_bulletin_docx_names_the_behind_tasks_with_their_progress(document):
    rows = _table_with(document, "任务内容")

    behind = next(row for row in rows if row[0] == "2")
    assert behind[2] == HR_BUREAU
    assert behind[3] == "滞后"
    assert "补贴性职业技能培训（人次）：累计150,000，应达200,000，进度比75%" in behind[4]
    assert INJECTION in behind[5]


@pytest.mark.django_db
def test_bulletin_docx_lists_late_and_returned_reports(document):
    rows = _table_with(document, "逾期天数")

    assert ["市人力资源社会保障局", "4", "2024-03", "逾期报送", "2"] in rows
    assert [PUDONG, "2", "2024-03", "已退回", "—"] in rows
    assert any(row[0] == XUHUI and row[3] == "未报送" for row in rows)


@pytest.mark.django_db
def test_bulletin_docx_ranks_all_sixteen_districts(document):
    rows = _table_with(document, "排名")

    assert rows[0] == ["排名", "区", "得分", "进度完成率（%）", "按时报送率（%）"]
    assert len(rows) == 1 + 16
    ranks = [int(row[0]) for row in rows[1:]]
    assert ranks[0] == 1 and ranks == sorted(ranks)  # equal scores share a rank


@pytest.mark.django_db
def test_bulletin_docx_uses_songti_body_heiti_headings_and_grid_tables(document):
    def east_asia(style):
        return style.element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asia(document.styles["Normal"]) == "宋体"
    assert east_asia(document.styles["Heading 1"]) == "黑体"
    assert document.tables
    assert {table.style.name for table in document.tables} == {"Table Grid"}


@pytest.mark.django_db
def test_bulletin_docx_names_the_district_in_a_district_officers_bulletin(
    pudong_officer, march_reports, plan
):
    viewer = _fresh(pudong_officer)

    content = bulletin.bulletin_docx(**_inputs(viewer, plan), generated_at=AFTER_APRIL_DEADLINE)

    document = Document(io.BytesIO(content))
    assert "（浦东新区）" in [p.text for p in document.paragraphs]
    assert len(_table_with(document, "排名")) == 2
    assert {row[0] for row in _table_with(document, "逾期天数")[1:]} == {PUDONG}


# ---------------------------------------------------------------------------
# The annex and the shared tables
# ---------------------------------------------------------------------------


@pytest.fixture
def annex(office_officer, march_reports, plan):
    inputs = _inputs(office_officer, plan)
    workbook = load_workbook(io.BytesIO(bulletin.bulletin_annex_xlsx(**inputs)))
    return workbook, inputs


@pytest.mark.django_db
def test_annex_has_three_sheets_with_a_row_per_indicator_report_and_district(annex):
    workbook, inputs = annex

    assert workbook.sheetnames == ["任务进度", "报送情况", "区考核排名"]
    indicator_rows = sum(max(1, len(row.indicators)) for row in inputs["desk"].rows)
    assert workbook["任务进度"].max_row == 1 + indicator_rows
    assert workbook["报送情况"].max_row == 1 + len(inputs["late_reports"])
    assert workbook["区考核排名"].max_row == 1 + 16


@pytest.mark.django_db
def test_annex_task_sheet_carries_the_plan_columns(annex):
    workbook, _ = annex
    sheet = workbook["任务进度"]

    headers = [cell.value for cell in sheet[1]]
    assert headers[:12] == [
        "序号", "项目", "牵头单位", "指标", "单位", "年度目标", "应达进度", "累计完成", "系统计算", "完成率（%）",
        "预计全年", "状态灯",
    ]  # fmt: skip
    assert headers[-1] == "最新进展"
    training = next(
        row for row in sheet.iter_rows(min_row=2, values_only=True) if row[3] == "补贴性职业技能培训"
    )
    assert training[:12] == (
        2,
        training[1],
        HR_BUREAU,
        "补贴性职业技能培训",
        "人次",
        800000,
        200000,
        150000,
        0,  # the import binds this target to the training metric; no training records here
        18.8,
        600000,
        "滞后",
    )


@pytest.mark.django_db
def test_annex_writes_a_narrative_starting_with_equals_as_text(annex):
    workbook, _ = annex
    sheet = workbook["任务进度"]

    narratives = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == 2]
    assert narratives and set(narratives) == {"'" + INJECTION}
    assert not [cell for ws in workbook for row in ws.iter_rows() for cell in row if cell.data_type == "f"]


@pytest.mark.django_db
def test_shared_tables_have_a_header_for_every_column(office_officer, march_reports, plan):
    inputs = _inputs(office_officer, plan)

    for headers, rows in (
        bulletin.desk_table(inputs["desk"]),
        bulletin.scorecard_table(inputs["scorecard"]),
        bulletin.late_table(inputs["late_reports"]),
    ):
        assert rows
        assert {len(row) for row in rows} == {len(headers)}


@pytest.mark.django_db
def test_desk_table_leaves_the_progress_column_empty_without_narratives(office_officer, march_reports, plan):
    headers, rows = bulletin.desk_table(desk_build(viewer=office_officer, plan=plan, month=MARCH))

    assert {row[-1] for row in rows} == {""}
    assert any(row[headers.index("进展状态")] == "正常推进（3月）" for row in rows)
