"""The task-division table parser: the 2024 seed in three formats, malformed tables, target extraction."""

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from jineng.workplan.engine.plan_parser import (
    ParsedPlan,
    PlanParseError,
    TargetKind,
    extract_targets,
    parse_plan,
    parse_plan_rows,
    parse_plan_text,
)

FIXTURES = Path(__file__).parent / "fixtures"
TITLE = "2024年加强新时代高技能人才队伍建设工作要点重点任务职责分工表"

QUANTITIES = [
    (2, Decimal("800000"), "人次", "补贴性职业技能培训"),
    (2, Decimal("120000"), "人次", "等级工（新技能）培训"),
    (2, Decimal("45000"), "人次", "新增取得高级工以上等级技能评价证书的高技能人才"),
    (4, Decimal("100"), "项", "急需紧缺高技能人才职业（工种）目录"),
    (4, Decimal("30"), "项", "新技能培训项目目录"),
    (16, Decimal("10000"), "人", "企业新型学徒制培训"),
    (17, Decimal("30000"), "人次", "生活性服务业人员培训"),
    (20, Decimal("30"), "个", "新增社会化评价项目"),
    (24, Decimal("30"), "家", "新增用人单位评价机构"),
    (25, Decimal("20"), "个", "专项职业能力考核项目"),
    (27, Decimal("30"), "家", "院校备案成为用人单位技能评价机构"),
    (29, Decimal("300"), "个", "竞赛项目"),
    (31, Decimal("100"), "名", "市级首席技师"),
    (31, Decimal("30"), "个", "技能大师工作室"),
]
PHRASES = [
    (12, TargetKind.COMPARISON, "市属国有企业新增高技能人才占技能劳动者比例", "高于全市平均水平"),
    (23, TargetKind.COVERAGE, "有需求的市属国有企业、在沪央企等大型企业", "实现全覆盖"),
    (34, TargetKind.COMPARISON, "高技能人才人均工资增幅", "不低于单位管理人员"),
    (
        43,
        TargetKind.MILESTONE,
        "职业技能培训综合监管一件事应用场景",
        "年内基本建成“职业技能培训综合监管一件事”应用场景并启动试运行",
    ),
]

HEADER = "附件\n示例表\n\t序号\n\t项目\n\t内容\n\t牵头部门\n"


@pytest.fixture(scope="module")
def seed() -> ParsedPlan:
    return parse_plan(FIXTURES / "plan-2024.txt")


def task_text(number: int, category: str = "", content: str = "做好工作。", lead: str = "市教委") -> str:
    return f"\n\t{number}\n\t{category}\n\t{content}\n\t{lead}\n"


def comparable(plan: ParsedPlan) -> list[tuple]:
    return [(t.number, t.category, t.content, t.lead_units, t.targets) for t in plan.tasks]


# ---------------------------------------------------------------- the 2024 seed


def test_seed_tasks_and_categories(seed: ParsedPlan) -> None:
    assert seed.title == TITLE
    assert [task.number for task in seed.tasks] == list(range(1, 47))
    assert len(seed.categories()) == 19
    assert seed.tasks[1].category == seed.tasks[0].category == "加强急需紧缺职业（工种）需求预测"
    assert seed.tasks[42].category == "优化培训评价数字化监管模式"


def test_seed_lead_units(seed: ParsedPlan) -> None:
    tasks = {task.number: task for task in seed.tasks}
    assert tasks[3].lead_units == ("市人力资源社会保障局", "市财政局")
    assert tasks[17].lead_units == ("市商务委", "市民政局", "市教委", "市妇联")
    assert tasks[37].lead_units == ("有关区政府",)
    assert all(task.partner_units == () for task in seed.tasks)


def test_seed_content_is_normalised(seed: ParsedPlan) -> None:
    assert seed.tasks[2].content == "梳理整合现行培训补贴政策，提升补贴资金使用效益。"
    assert not any(char.isspace() for task in seed.tasks for char in task.content)
    assert seed.tasks[0].row == 8  # line of the first task's 序号 in the text


def test_seed_quantity_targets(seed: ParsedPlan) -> None:
    found = [
        (task.number, target.value, target.unit, target.label)
        for task in seed.tasks
        for target in task.targets
        if target.kind == TargetKind.QUANTITY
    ]
    assert found == QUANTITIES


def test_seed_non_numeric_targets(seed: ParsedPlan) -> None:
    found = [
        (task.number, target.kind, target.label, target.text)
        for task in seed.tasks
        for target in task.targets
        if target.kind != TargetKind.QUANTITY
    ]
    assert found == PHRASES
    assert all(target.value is None and target.unit == "" for *_, target in _non_numeric(seed))


def _non_numeric(plan: ParsedPlan) -> list[tuple]:
    return [(task, target) for task in plan.tasks for target in task.targets if target.value is None]


@pytest.mark.parametrize("name", ["plan-2024.xlsx", "plan-2024.docx"])
def test_other_formats_match_the_text(seed: ParsedPlan, name: str) -> None:
    plan = parse_plan(FIXTURES / name)
    assert plan.title == TITLE
    assert comparable(plan) == comparable(seed)


def test_xlsx_rows_are_sheet_rows() -> None:
    plan = parse_plan(FIXTURES / "plan-2024.xlsx")
    assert [task.row for task in plan.tasks[:3]] == [4, 5, 6]


def test_to_json_dict(seed: ParsedPlan) -> None:
    data = seed.to_json_dict(2024)
    assert data["year"] == 2024
    assert len(data["tasks"]) == 46
    task2 = data["tasks"][1]
    assert set(task2) == {"number", "category", "content", "lead_units", "targets"}
    assert task2["targets"][0] == {
        "value": 800000,
        "unit": "人次",
        "label": "补贴性职业技能培训",
        "kind": "quantity",
    }
    assert type(task2["targets"][0]["value"]) is int
    assert data["tasks"][2]["lead_units"] == ["市人力资源社会保障局", "市财政局"]
    assert data["tasks"][11]["targets"][0]["value"] is None


# ---------------------------------------------------------------- layouts


def test_rows_header_anywhere_with_spaces_and_partner_column() -> None:
    rows = [
        ["某某表", "", "", "", ""],
        ["牵头\n单位", "序 号", "具体内容", "重点\n任务", "配合单位"],
        ["市教委、市财政局", "1", "培训 100 人。", "甲", "市妇联"],
        ["市教委", "2", "开展工作。", "", ""],
    ]
    plan = parse_plan_rows(rows, first_row_number=5)
    assert plan.title == "某某表"
    first, second = plan.tasks
    assert (first.lead_units, first.partner_units, first.content, first.row) == (
        ("市教委", "市财政局"),
        ("市妇联",),
        "培训100人。",
        7,
    )
    assert second.category == "甲"


# ---------------------------------------------------------------- malformed input


@pytest.mark.parametrize(
    ("text", "row", "fragment"),
    [
        (HEADER + task_text(1, "甲") + task_text(1), 13, "序号 1 重复"),
        (HEADER + task_text(1, "甲") + task_text(3), 13, "缺少序号 2"),
        (HEADER + task_text(1, "甲") + task_text(2, lead=""), 13, "缺少牵头部门"),
        (HEADER + task_text(1, "甲") + task_text(2, content=""), 13, "缺少内容"),
        (HEADER + task_text(1, "甲") + task_text("二"), 13, "不是整数"),
        (HEADER + task_text(1), 8, "缺少项目"),
    ],
)
def test_malformed_text_names_the_row(text: str, row: int, fragment: str) -> None:
    with pytest.raises(PlanParseError) as caught:
        parse_plan_text(text)
    assert caught.value.row == row
    assert f"第 {row} 行" in str(caught.value)
    assert fragment in str(caught.value)


def test_no_header() -> None:
    with pytest.raises(PlanParseError, match="未找到表头"):
        parse_plan_text("标题\n\t编号\n\t事项\n\n\t1\n\t做好工作。\n")


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(PlanParseError, match="不支持的文件类型"):
        parse_plan(path)


def test_malformed_xlsx_names_the_sheet_row(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["示例表"])
    sheet.append(["序号", "项目", "内容", "牵头部门"])
    sheet.append([1, "甲", "做好工作。", "市教委"])
    sheet.append([2, None, "再做工作。", None])
    workbook.save(tmp_path / "plan.xlsx")
    with pytest.raises(PlanParseError, match="第 4 行：缺少牵头部门") as caught:
        parse_plan(tmp_path / "plan.xlsx")
    assert caught.value.row == 4


def test_corrupt_xlsx(tmp_path: Path) -> None:
    (tmp_path / "plan.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(PlanParseError, match="无法读取"):
        parse_plan(tmp_path / "plan.xlsx")


# ---------------------------------------------------------------- extract_targets


def test_extract_decimal_ten_thousands() -> None:
    (target,) = extract_targets("新增高技能人才4.5万人次。")
    assert (target.kind, target.value, target.unit, target.text) == (
        TargetKind.QUANTITY,
        Decimal("45000"),
        "人次",
        "4.5万人次",
    )
    assert str(target.value) == "45000"


@pytest.mark.parametrize(
    "content",
    [
        "聚焦“3+6”产业",
        "依托“15分钟就业服务圈”拓宽服务渠道",
        "第十七届高技能人才表彰",
        "2024年12月",
        "提高5个百分点",
        "第3次会议",
    ],
)
def test_extract_ignores_non_targets(content: str) -> None:
    assert extract_targets(content) == ()


def test_extract_comparison_carrying_a_number_is_a_quantity() -> None:
    (target,) = extract_targets("全年培训不少于3万人次。")
    assert (target.kind, target.value, target.unit) == (TargetKind.QUANTITY, Decimal("30000"), "人次")
