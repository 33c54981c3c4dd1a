"""The demand upload refuses zip bombs before inflating them and reads GBK CSV files (holes found by probing)."""

import csv
import io

import pytest

from jineng.core.engine.files import MB
from jineng.core.exceptions import ImportRejected
from jineng.core.tests.zipbomb import xlsx_bomb
from jineng.demand.models import DemandLine
from jineng.demand.services.reports import demand_report_open
from jineng.demand.services.upload import TEMPLATE_HEADERS, demand_lines_import
from jineng.demand.tests.factories import good_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(open_campaign, chip_hr):
    return demand_report_open(campaign=open_campaign, by=chip_hr)


def _csv(rows, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(TEMPLATE_HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def test_a_zip_bomb_is_refused_with_a_chinese_message_and_nothing_written(draft, chip_hr, settings):
    settings.JINENG_MAX_UNZIPPED_BYTES = 1 * MB  # the real-size 1.1 GB bomb is measured in the bench

    with pytest.raises(ImportRejected, match="Excel文件被拒绝：解压后为 2 MB，上限为 1 MB"):
        demand_lines_import(report=draft, content=xlsx_bomb(2 * MB), by=chip_hr)

    assert not DemandLine.objects.exists()


def test_a_bomb_within_the_size_limit_is_refused_by_its_ratio(draft, chip_hr):
    with pytest.raises(ImportRejected, match="疑似压缩炸弹"):
        demand_lines_import(report=draft, content=xlsx_bomb(3 * MB), by=chip_hr)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_a_csv_in_gbk_or_utf8_is_read(draft, chip_hr, encoding):
    rows = [good_row(headcount=4), good_row("6-31-01-03", headcount=2)]

    summary = demand_lines_import(report=draft, content=_csv(rows, encoding), by=chip_hr, file_name="需求表.csv")

    assert summary.created == 2
    assert sorted(DemandLine.objects.values_list("headcount", flat=True)) == [2, 4]


def test_a_csv_in_an_unknown_encoding_gets_a_chinese_message(draft, chip_hr):
    content = _csv([good_row()], "utf-8") + b"\xff\xfe\xff\n"

    with pytest.raises(ImportRejected, match="第 3 行有无法识别的字符：请保存为 UTF-8 或 GBK 编码"):
        demand_lines_import(report=draft, content=content, by=chip_hr, file_name="需求表.csv")
