from decimal import Decimal

from jineng.wages.engine.records import MANAGEMENT, SKILL, columns_for, records_parse

CODES = {"6-18-01-01", "4-07-02-01"}
HEADER = columns_for(with_credit_code=False)


def _row(**values):
    base = {"职业编码": "6-18-01-01", "工种": "", "技能等级": "三级/高级工", "年度工资收入（元）": "120000",
            "其中：基本工资": "", "奖金": "", "津贴补贴": "", "加班工资": "", "岗位类别": "技能", "用工形式": ""}
    base.update(values)
    return [base[name] for name in HEADER]


def test_good_rows_are_typed():
    parsed = records_parse([HEADER, _row(), _row(技能等级="4", 岗位类别="技能", **{"年度工资收入（元）": "80,000.5"}),
                            _row(技能等级="", 岗位类别="管理")], occupation_codes=CODES)

    assert parsed.errors == []
    assert [(r.level, r.annual_pay, r.post_category) for r in parsed.rows] == [
        (3, Decimal("120000.00"), SKILL), (2, Decimal("80000.50"), SKILL), (None, Decimal("120000.00"), MANAGEMENT)]


def test_every_problem_is_named_by_row_and_column_and_nothing_is_returned():
    parsed = records_parse([HEADER, _row(), _row(职业编码="9-99-99-99"), _row(技能等级="六级"),
                            _row(**{"年度工资收入（元）": "5000"}), _row(岗位类别="工人"), _row(技能等级="")],
                           occupation_codes=CODES)

    assert parsed.rows == []
    assert parsed.errors == [
        "第 3 行“职业编码”：“9-99-99-99”不是 2022 年版职业分类大典中的职业编码",
        "第 4 行“技能等级”：“六级”不是技能等级，可填 五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师",
        "第 5 行“年度工资收入（元）”：5000 不在合理范围 12000–5000000 元之内",
        "第 6 行“岗位类别”：应为 技能、管理 或 专业技术",
        "第 7 行“技能等级”：技能岗位须填写技能等级",
    ]


def test_components_must_add_up_when_all_four_are_given_and_never_exceed_the_total():
    complete = {"其中：基本工资": "60000", "奖金": "30000", "津贴补贴": "20000", "加班工资": "10000"}
    short = {**complete, "加班工资": "5000"}
    partial_over = {"其中：基本工资": "100000", "奖金": "30000"}

    parsed = records_parse([HEADER, _row(**complete), _row(**short), _row(**partial_over)], occupation_codes=CODES)

    assert parsed.errors == [
        "第 3 行“年度工资收入（元）”：基本工资、奖金、津贴补贴、加班工资合计 115000.00 元，与年度工资收入 120000.00 元不符",
        "第 4 行“年度工资收入（元）”：各项构成合计 130000.00 元超过年度工资收入 120000.00 元",
    ]


def test_header_problems_stop_the_file():
    parsed = records_parse([["职业编码", "月薪"]], occupation_codes=CODES)

    assert parsed.errors[0] == "第 1 行第 2 列：未知的列“月薪”，请使用下载的模板"


def test_credit_code_column_is_checked_when_asked():
    header = columns_for(with_credit_code=True)
    parsed = records_parse([header, ["91310000MA1FL0000X", *_row()]], occupation_codes=CODES, with_credit_code=True)

    assert parsed.errors and parsed.errors[0].startswith("第 2 行“统一社会信用代码”：")
