"""Builders for the wages tests: rounds, pay files, SOE reports."""

import csv
import io
from decimal import Decimal

from jineng.demand.tests.factories import enterprise, enterprise_user  # noqa: F401 - re-exported for the tests
from jineng.wages.engine.records import columns_for
from jineng.wages.models import SurveyRound


def survey_round(*, data_year: int = 2023, is_open: bool = True) -> SurveyRound:
    return SurveyRound.objects.create(data_year=data_year, publication_year=data_year + 1,
                                      title=f"{data_year} 年度技能人才工资调查", is_open=is_open)


def pay_row(code="6-18-01-01", level="三级/高级工", pay="120000", post="技能", **components) -> list[str]:
    values = {"职业编码": code, "工种": "", "技能等级": level, "年度工资收入（元）": str(pay), "其中：基本工资": "",
              "奖金": "", "津贴补贴": "", "加班工资": "", "岗位类别": post, "用工形式": ""}
    values.update(components)
    return [values[name] for name in columns_for(with_credit_code=False)]


def pay_csv(rows, *, header=None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header or columns_for(with_credit_code=False))
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def soe_values(**overrides) -> dict:
    values = {"skilled_workers": 1000, "high_skilled_workers": 300, "new_high_skilled": 50, "managers": 100,
              "high_skilled_pay_growth": Decimal("5.00"), "manager_pay_growth": Decimal("4.00"),
              "annual_salary": True, "agreement_pay": False, "dual_track_posts": True}
    values.update(overrides)
    return values
