import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from jineng.core.exceptions import DomainError, ImportRejected
from jineng.workplan.models import DistrictTarget, Indicator
from jineng.workplan.services import targets

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(targets.TEMPLATE_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_typed_split_sums_to_the_city_value_and_is_audited(plan, city_officer):
    indicator = Indicator.objects.get(task__plan=plan, task__number=2, ordinal=1)

    targets.district_targets_set(indicator=indicator, values={"310115": Decimal(100000), "310101": Decimal(20000)}, by=city_officer)

    assert sum(t.value for t in DistrictTarget.objects.filter(indicator=indicator)) == 120000
    assert DistrictTarget.history.filter(history_user=city_officer).count() == 2


def test_only_the_programme_office_splits_targets(plan, rsj_officer):
    indicator = Indicator.objects.get(task__plan=plan, task__number=2, ordinal=1)

    with pytest.raises(DomainError, match="专班办公室"):
        targets.district_targets_set(indicator=indicator, values={"310115": Decimal(1)}, by=rsj_officer)


def test_upload_is_all_or_nothing_and_names_row_and_field(plan, city_officer):
    content = _xlsx([
        ["2-1", "", "310115", "浦东新区", 100000],
        ["2-1", "", "310999", "", 5],
        ["2-2", "", "310101", "", -3],
        ["9-9", "", "310101", "", 3],
        ["2-3", "", "310101", "", "abc"],
    ])

    with pytest.raises(ImportRejected) as error:
        targets.district_targets_import(plan=plan, content=content, by=city_officer)

    messages = error.value.errors
    assert "第 3 行“区划代码”" in messages[0]
    assert any("第 4 行“分解目标”" in m and "负数" in m for m in messages)
    assert any("第 5 行“指标编号”" in m for m in messages)
    assert any("第 6 行“分解目标”" in m and "不是数字" in m for m in messages)
    assert not DistrictTarget.objects.exists()


def test_same_upload_twice_changes_nothing(plan, city_officer):
    content = _xlsx([["2-1", "", "310115", "", 100000], ["2-1", "", "", "黄浦区", 20000]])

    assert targets.district_targets_import(plan=plan, content=content, by=city_officer) == 2
    assert targets.district_targets_import(plan=plan, content=content, by=city_officer) == 0
    assert DistrictTarget.objects.count() == 2


def test_refuses_formula_cells_and_wrong_columns(plan, city_officer):
    book = Workbook()
    book.active.append(targets.TEMPLATE_HEADERS)
    book.active.append(["2-1", "", "310115", "", "=1+1"])
    buffer = io.BytesIO()
    book.save(buffer)

    with pytest.raises(ImportRejected, match="第 2 行第 5 列：单元格含公式"):
        targets.district_targets_import(plan=plan, content=buffer.getvalue(), by=city_officer)
    with pytest.raises(ImportRejected, match="表头"):
        targets.district_targets_import(plan=plan, content=_wrong_header(), by=city_officer)


def _wrong_header() -> bytes:
    book = Workbook()
    book.active.append(["名称", "数量"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_template_lists_every_quantity_indicator_for_every_district(plan, client, city_officer):
    client.force_login(city_officer)

    response = client.get("/desk/targets/template.xlsx?year=2024")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 14 * 16


def test_pace_profile_is_validated(plan, city_officer):
    indicator = Indicator.objects.get(task__plan=plan, task__number=29)

    with pytest.raises(DomainError, match="12 月累计比例须为 1"):
        targets.indicator_update(indicator=indicator, by=city_officer, pace_profile=["0.1"] * 12, source="reported")
    targets.indicator_update(indicator=indicator, by=city_officer, pace_profile=["0", "0", "0.1", "0.2", "0.4", "0.6", "0.7", "0.8", "0.9", "0.95", "1", "1"], source="reported")
    indicator.refresh_from_db()
    assert indicator.pace_profile[4] == "0.4"
