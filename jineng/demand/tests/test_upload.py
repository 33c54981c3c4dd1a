import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from jineng.core.exceptions import DomainError, ImportRejected
from jineng.demand.choices import ReportState
from jineng.demand.models import DemandLine
from jineng.demand.services.reports import demand_report_open
from jineng.demand.services.upload import TEMPLATE_HEADERS, demand_lines_import, demand_template_bytes
from jineng.demand.tests import factories
from jineng.demand.tests.factories import good_row, xlsx
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Occupation, WorkType

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(open_campaign, chip_hr):
    return demand_report_open(campaign=open_campaign, by=chip_hr)


@pytest.fixture
def cnc_turner(db):
    return WorkType.objects.create(occupation=Occupation.objects.get(code="6-18-01-01"), name="数控车工", initials="skcg")


def test_imports_good_rows_with_every_accepted_way_of_writing_a_level(draft, chip_hr, cnc_turner):
    content = xlsx([
        good_row("6-25-02-05", "三级"),
        good_row("6-25-02-05", "高级技师"),
        good_row("6-25-02-05", 4),
        good_row("6-25-02-05", "五级/初级工"),
        good_row("6-18-01-01", "技师", 2, 工种="数控车工"),
        good_row("6-18-01-01", "技师", 3, 紧急程度=1),
    ])

    summary = demand_lines_import(report=draft, content=content, by=chip_hr)

    assert (summary.created, summary.updated, summary.unchanged) == (6, 0, 0)
    levels = set(DemandLine.objects.filter(occupation__code="6-25-02-05").values_list("level", flat=True))
    assert levels == {SkillLevel.L3, SkillLevel.L1, SkillLevel.L4, SkillLevel.L5}
    turner = DemandLine.objects.get(work_type=cnc_turner)
    assert (turner.level, turner.headcount, turner.vacancy_months) == (SkillLevel.L2, 2, Decimal("3.50"))
    assert DemandLine.objects.get(occupation__code="6-18-01-01", work_type=None).urgency == 1
    assert DemandLine.history.filter(history_user=chip_hr).count() == 6


def test_mixed_file_is_refused_whole_listing_every_bad_row_and_column(draft, chip_hr):
    content = xlsx([
        good_row(),                                                    # row 2: good
        good_row("9-99-99-99"),                                        # row 3: unknown occupation
        good_row("6-18-01-01", 工种="外星车工"),                         # row 4: work type not under it
        good_row(headcount=0, level="八级"),                            # row 5: two bad cells
        good_row("6-25-02-04", headcount=2.5),                         # row 6: not an integer
        good_row("6-25-02-06", **{"空缺时长（月）": -1}),                 # row 7: negative
        good_row("6-31-01-03", 预计到岗日期="2024-02-30"),               # row 8: no such date
        good_row("6-31-01-03", level="技师", 紧急程度="很急", **{"月薪（元）": "面议"}),  # row 9
        good_row(),                                                    # row 10: duplicate of row 2
    ])

    with pytest.raises(ImportRejected) as error:
        demand_lines_import(report=draft, content=content, by=chip_hr)

    errors = error.value.errors
    assert any(e.startswith("第 3 行“职业编码”") and "9-99-99-99" in e for e in errors)
    assert any(e.startswith("第 4 行“工种”") and "不是职业 6-18-01-01 下的工种" in e for e in errors)
    assert any(e.startswith("第 5 行“技能等级”") for e in errors)
    assert any(e.startswith("第 5 行“需求人数”") and "正整数" in e for e in errors)
    assert any(e.startswith("第 6 行“需求人数”") for e in errors)
    assert any(e.startswith("第 7 行“空缺时长（月）”") and "负数" in e for e in errors)
    assert any(e.startswith("第 8 行“预计到岗日期”") for e in errors)
    assert any(e.startswith("第 9 行“紧急程度”") for e in errors)
    assert any(e.startswith("第 9 行“月薪（元）”") and "不是数字" in e for e in errors)
    assert any(e.startswith("第 10 行") and "第 2 行" in e for e in errors)
    assert not [e for e in errors if e.startswith("第 2 行")]
    assert len(errors) == 10
    assert not DemandLine.objects.exists()


def test_the_same_file_twice_changes_nothing(draft, chip_hr):
    content = xlsx([good_row("6-25-02-05", "三级", 5), good_row("6-25-02-05", "二级", 2), good_row("6-31-01-03", "四级", 7)])
    first = demand_lines_import(report=draft, content=content, by=chip_hr)
    history = DemandLine.history.count()
    report_history = draft.history.count()

    second = demand_lines_import(report=draft, content=content, by=chip_hr)

    assert (first.created, second.created, second.updated, second.unchanged) == (3, 0, 0, 3)
    assert DemandLine.objects.count() == 3
    assert DemandLine.history.count() == history
    assert draft.history.count() == report_history


def test_a_changed_value_updates_the_line_with_the_same_key(draft, chip_hr):
    demand_lines_import(report=draft, content=xlsx([good_row(headcount=5), good_row("6-31-01-03")]), by=chip_hr)

    summary = demand_lines_import(report=draft, content=xlsx([good_row(headcount=8), good_row("6-31-01-03")]), by=chip_hr)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert DemandLine.objects.get(occupation__code="6-25-02-05").headcount == 8
    assert DemandLine.history.filter(history_type="~").count() == 1


def test_five_thousand_rows_import_then_a_fixed_file_is_reuploaded(draft, chip_hr):
    codes = list(Occupation.objects.order_by("code").values_list("code", flat=True)[:1000])
    rows = [good_row(code, level, 1 + i % 9) for i, (code, level) in enumerate((c, lv) for c in codes for lv in "12345")]
    assert len(rows) == 5000
    broken = [list(r) for r in rows]
    broken[99][3] = -2
    broken[4999][0] = "0-00-00-00"

    with pytest.raises(ImportRejected) as error:
        demand_lines_import(report=draft, content=xlsx(broken), by=chip_hr)
    errors = error.value.errors
    assert len(errors) == 2
    assert errors[0].startswith("第 101 行“需求人数”") and errors[1].startswith("第 5001 行“职业编码”")
    assert not DemandLine.objects.exists()

    summary = demand_lines_import(report=draft, content=xlsx(rows), by=chip_hr)

    assert summary.created == 5000
    assert DemandLine.objects.filter(report=draft).count() == 5000


def test_refuses_formulas_missing_columns_and_empty_files(draft, chip_hr):
    book = Workbook()
    book.active.append(TEMPLATE_HEADERS)
    book.active.append(good_row()[:3] + ["=2+3"] + good_row()[4:])
    buffer = io.BytesIO()
    book.save(buffer)

    with pytest.raises(ImportRejected, match="公式"):
        demand_lines_import(report=draft, content=buffer.getvalue(), by=chip_hr)
    with pytest.raises(ImportRejected, match="缺少列：紧急程度"):
        demand_lines_import(report=draft, content=xlsx([], headers=[h for h in TEMPLATE_HEADERS if h != "紧急程度"]), by=chip_hr)
    with pytest.raises(ImportRejected, match="没有数据行"):
        demand_lines_import(report=draft, content=xlsx([]), by=chip_hr)
    with pytest.raises(ImportRejected, match="未找到表头"):
        demand_lines_import(report=draft, content=xlsx([["x"]], headers=["随便"]), by=chip_hr)


def test_another_enterprise_or_a_submitted_report_cannot_be_uploaded_to(draft, chip_hr, care_hr):
    with pytest.raises(DomainError, match="本单位"):
        demand_lines_import(report=draft, content=xlsx([good_row()]), by=care_hr)

    draft.state, draft.first_submitted_at = ReportState.SUBMITTED, draft.created_at
    draft.save()
    with pytest.raises(DomainError, match="不能修改"):
        demand_lines_import(report=draft, content=xlsx([good_row()]), by=chip_hr)


def test_the_downloaded_template_round_trips_unchanged(draft, chip_hr, cnc_turner):
    demand_lines_import(report=draft, content=xlsx([good_row(), good_row("6-18-01-01", "技师", 2, 工种="数控车工",
                                                                          预计到岗日期="")]), by=chip_hr)

    content = demand_template_bytes(report=draft)
    summary = demand_lines_import(report=draft, content=content, by=chip_hr)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["需求明细", "填写说明"]
    guide = [row[1] for row in book["填写说明"].iter_rows(values_only=True)]
    assert any("三级" in str(v) and "高级工" in str(v) for v in guide)
    assert any("紧急" in str(v) for v in guide)


def test_blank_template_has_the_columns(db):
    book = load_workbook(io.BytesIO(demand_template_bytes()))

    assert [c.value for c in book.worksheets[0][1]] == TEMPLATE_HEADERS
    assert factories.xlsx([]) != b""
