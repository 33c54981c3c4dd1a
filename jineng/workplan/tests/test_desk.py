import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jineng.core import metrics
from jineng.workplan.models import Indicator, IndicatorValue, MonthlyReport, Task
from jineng.workplan.selectors.desk import DeskFilters, desk_build, desk_task_row, visible_task_ids

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _report(task, organisation, user, month, values, *, submitted_day=5, state="accepted", status="on_track"):
    submitted = datetime(2024, month + 1, submitted_day, 9, tzinfo=SHANGHAI)
    report = MonthlyReport.objects.create(
        task=task, organisation=organisation, period=datetime(2024, month, 1).date(), state=state,
        progress_status=status, narrative="进展", created_by=user, first_submitted_at=submitted, submitted_at=submitted,
    )
    for indicator, value in values.items():
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(value))
    return report


def _row(desk, number):
    return next(row for row in desk.rows if row.task.number == number)


def test_indicator_lights_follow_pace(plan, rsj_officer, city_officer):
    task = Task.objects.get(plan=plan, number=2)
    training, new_skill, high_skill = task.indicators.filter(kind="quantity").order_by("ordinal")
    _report(task, rsj_officer.organisation, rsj_officer, 6, {training: 400000, new_skill: 54000, high_skill: 10000})

    desk = desk_build(viewer=city_officer, plan=plan, month=6)

    lights = [i.rag for i in _row(desk, 2).indicators]
    assert lights == ["green", "amber", "red"]
    assert _row(desk, 2).rag == "red"
    assert _row(desk, 2).indicators[0].projected == Decimal("800000.00")


def test_task_row_alone_equals_the_desks_row_for_that_task(plan, rsj_officer, city_officer, huangpu_officer):
    task = Task.objects.get(plan=plan, number=2)
    training, new_skill, high_skill = task.indicators.filter(kind="quantity").order_by("ordinal")
    _report(task, rsj_officer.organisation, rsj_officer, 6, {training: 400000, new_skill: 54000, high_skill: 10000})
    _report(Task.objects.get(plan=plan, number=3), rsj_officer.organisation, rsj_officer, 6, {})

    for viewer in (city_officer, rsj_officer, huangpu_officer):
        alone = desk_task_row(viewer=viewer, plan=plan, month=6, task=task)
        in_desk = next((r for r in desk_build(viewer=viewer, plan=plan, month=6).rows if r.task.number == 2), None)
        assert alone == in_desk


def test_task_row_is_none_for_a_task_the_viewer_does_not_see(plan, jiaowei_officer):
    seen = visible_task_ids(viewer=jiaowei_officer, plan=plan)
    hidden = Task.objects.filter(plan=plan).exclude(pk__in=seen).first()

    assert desk_task_row(viewer=jiaowei_officer, plan=plan, month=6, task=hidden) is None


def test_late_and_missing_reports_are_counted(plan, rsj_officer, city_officer):
    task = Task.objects.get(plan=plan, number=3)  # led by 市人社局 and 市财政局
    _report(task, rsj_officer.organisation, rsj_officer, 3, {}, submitted_day=15)

    row = _row(desk_build(viewer=city_officer, plan=plan, month=3), 3)

    assert (row.timeliness.on_time, row.timeliness.late, row.timeliness.missing) == (0, 1, 1)


def test_metric_bound_indicator_shows_both_and_flags_discrepancy(plan, rsj_officer, city_officer):
    metrics.register_metric(metrics.Metric(
        key="test.training", label="测试", unit="人次",
        compute=lambda year, month: metrics.MetricValue(city=Decimal(300000), by_district={"310115": Decimal(1)}),
    ))
    try:
        task = Task.objects.get(plan=plan, number=2)
        indicator = task.indicators.get(ordinal=1)
        Indicator.objects.filter(pk=indicator.pk).update(metric_key="test.training")
        _report(task, rsj_officer.organisation, rsj_officer, 6, {indicator: 400000})

        row = _row(desk_build(viewer=city_officer, plan=plan, month=6), 2).indicators[0]
    finally:
        metrics.unregister_metric("test.training")

    assert (row.actual, row.computed, row.discrepancy) == (Decimal(400000), Decimal(300000), True)


def test_district_view_shows_the_districts_share(plan, pudong_officer, city_officer):
    from jineng.workplan.services.targets import district_targets_set

    task = Task.objects.get(plan=plan, number=2)
    indicator = task.indicators.get(ordinal=1)
    district_targets_set(indicator=indicator, values={"310115": Decimal(120000)}, by=city_officer)
    _report(task, pudong_officer.organisation, pudong_officer, 6, {indicator: 30000})

    desk = desk_build(viewer=pudong_officer, plan=plan, month=6)
    row = _row(desk, 2).indicators[0]

    assert (row.target, row.actual, row.rag) == (Decimal(120000), Decimal(30000), "red")
    assert {r.task.number for r in desk.rows} == {2, 14, 41, 43, 46}


def test_filters_by_department_category_and_light(plan, city_officer, rsj_officer):
    jiaowei = Task.objects.get(plan=plan, number=15).task_units.get(organisation__name="市教委").organisation

    desk = desk_build(viewer=city_officer, plan=plan, month=3, filters=DeskFilters(department_id=jiaowei.pk))

    assert {r.task.number for r in desk.rows} == {1, 8, 9, 10, 15, 17, 27, 28, 39}
    assert all(b.category.pk == desk.blocks[0].category.pk for b in desk_build(
        viewer=city_officer, plan=plan, month=3, filters=DeskFilters(category_id=desk.blocks[0].category.pk)).blocks)


def test_query_count_does_not_grow_with_tasks(plan, city_officer, rsj_officer):
    desk_build(viewer=city_officer, plan=plan, month=6)  # fills the metric cache
    with CaptureQueriesContext(connection) as before:
        desk_build(viewer=city_officer, plan=plan, month=6)
    for task in Task.objects.filter(plan=plan, number__lte=20):
        copy = Task.objects.create(plan=plan, number=task.number + 100, category=task.category, content=task.content, lead_text="x")
        copy.task_units.create(organisation=rsj_officer.organisation, role="lead")
        Indicator.objects.create(task=copy, ordinal=1, kind="quantity", label="x", unit="人", annual_target=10)

    with CaptureQueriesContext(connection) as after:
        desk = desk_build(viewer=city_officer, plan=plan, month=6)

    assert len(desk.rows) == 66
    assert len(after.captured_queries) == len(before.captured_queries)


def test_desk_lists_every_metric_the_modules_compute(plan, city_officer, client):
    from jineng.workplan.selectors.desk import platform_metrics

    keys = {m.key for m in platform_metrics(plan=plan, month=10)}
    client.force_login(city_officer)

    assert {"catalogue.urgent_entries", "demand.enterprises_reporting", "demand.lines"} <= keys
    assert "平台数据自动计算" in client.get("/desk/?year=2024&month=10").content.decode()


def test_a_district_officers_desk_links_only_its_own_district(plan, pudong_officer, city_officer, client):
    client.force_login(pudong_officer)
    own = client.get("/desk/?year=2024&month=3").content.decode()
    client.force_login(city_officer)
    city = client.get("/desk/?year=2024&month=3").content.decode()

    linked = set(re.findall(r'href="/desk/districts/(\d+)/', own))
    assert linked <= {"310115"}
    assert "浦东新区" in own or "浦东" in own
    assert len(set(re.findall(r'href="/desk/districts/(\d+)/', city))) > 1
    for code in linked:
        assert client.get(f"/desk/districts/{code}/").status_code == 200
