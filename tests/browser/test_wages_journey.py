"""The office opens the skilled-workforce choropleth (16 districts drawn, the surveyed one shaded) and the public
chart of the five percentiles across levels."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def wages_world(world):
    from django.contrib.auth import get_user_model

    from jineng.core.models import District
    from jineng.wages.services.district import district_survey_import
    from jineng.wages.services.tables import (
        table_version_compute,
        table_version_publish,
        table_version_submit,
    )
    from jineng.wages.services.uploads import wage_upload_import
    from jineng.wages.tests.factories import enterprise, pay_csv, pay_row, survey_round

    office = get_user_model().objects.get(username="office")
    survey = survey_round()
    for index in range(4):
        rows = [pay_row(pay=90000 + 1000 * index + i) for i in range(4)]
        rows += [pay_row(level="二级/技师", pay=140000 + 700 * index + i) for i in range(4)]
        wage_upload_import(survey_round=survey, enterprise=enterprise(), by=None, file_name="p.csv",
                           content=pay_csv(rows))
    version = table_version_compute(survey_round=survey, by=office)
    table_version_publish(version=table_version_submit(version=version, by=office), by=office)
    counts = pay_csv([["6-18-01-01", "三级/高级工", "400"], ["6-18-01-01", "五级", "900"]],
                     header=["职业编码", "技能等级", "人数"])
    district_survey_import(district=District.objects.get(code="310115"), year=2024, content=counts,
                           file_name="s.csv", by=office)


def test_choropleth_and_percentile_chart(new_page, wages_world, problems, screenshots):
    page = new_page()
    log_in(page, "office")

    page.goto("/wages/workforce/?year=2024")
    expect(page.locator("#workforce-map[data-ready='1']")).to_have_count(1)
    expect(page.locator("#workforce-map path.leaflet-interactive")).to_have_count(16)
    shaded = page.locator("#workforce-map path.leaflet-interactive[fill='#08519c']")
    expect(shaded).to_have_count(1)
    expect(page.locator("#district-table")).to_contain_text("1,300")
    screenshots(page, "wages-workforce.png")

    page.goto("/wages/occupations/6-18-01-01/")
    expect(page.locator("#wage-chart canvas")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("三级/高级工")
    screenshots(page, "wages-occupation.png")

    assert problems.console == [] and problems.page == []
