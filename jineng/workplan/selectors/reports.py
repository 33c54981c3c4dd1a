"""Reads of plans, tasks and monthly reports, scoped to what the viewer may see."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from jineng.accounts import permissions
from jineng.workplan.engine.pace import expected_to_date
from jineng.workplan.models import IndicatorValue, MonthlyReport, Plan, Task
from jineng.workplan.selectors.desk import COUNTED_STATES, viewer_district, visible_task_ids


def plan_current() -> Plan | None:
    return Plan.objects.order_by("-year").first()


def plan_get(*, year: int | None) -> Plan:
    plan = Plan.objects.filter(year=year).first() if year else plan_current()
    if plan is None:
        raise Http404("尚未导入工作要点")
    return plan


def plan_years() -> list[int]:
    return list(Plan.objects.order_by("-year").values_list("year", flat=True))


def task_list(*, viewer, plan: Plan) -> QuerySet[Task]:
    tasks = Task.objects.filter(plan=plan).select_related("category").order_by("number")
    visible = visible_task_ids(viewer=viewer, plan=plan)
    return tasks if visible is None else tasks.filter(pk__in=visible)


def get_task_for_user(user, *, plan: Plan, number: int) -> Task:
    """The task if the user may see it; 'missing' and 'forbidden' look the same."""
    task = task_list(viewer=user, plan=plan).filter(number=number).first()
    if task is None:
        raise Http404("任务不存在")
    return task


def report_list(
    *, viewer, plan: Plan, period: date | None = None, state: str = "", organisation_id: int | None = None
) -> QuerySet[MonthlyReport]:
    reports = MonthlyReport.objects.filter(task__plan=plan).select_related("task", "organisation", "task__category")
    if not permissions.user_can(viewer, permissions.SEE_WHOLE_CITY):
        reports = reports.filter(organisation_id=viewer.organisation_id) if viewer.organisation_id else reports.none()
    if period:
        reports = reports.filter(period=period)
    if state:
        reports = reports.filter(state=state)
    if organisation_id:
        reports = reports.filter(organisation_id=organisation_id)
    return reports.order_by("-period", "task__number", "organisation__name")


def get_report_for_user(user, report_id: int) -> MonthlyReport:
    report = MonthlyReport.objects.select_related("task__plan", "organisation", "task__category").filter(pk=report_id).first()
    if report is None or not report_visible(user, report):
        raise Http404("报告不存在")
    return report


def report_visible(user, report: MonthlyReport) -> bool:
    if permissions.user_can(user, permissions.SEE_WHOLE_CITY):
        return True
    return permissions.user_can(user, permissions.USE_DESK) and report.organisation_id == user.organisation_id


def task_reports(*, viewer, task: Task) -> QuerySet[MonthlyReport]:
    return report_list(viewer=viewer, plan=task.plan).filter(task=task).prefetch_related("values__indicator")


@dataclass(frozen=True)
class IndicatorSeries:
    label: str
    unit: str
    target: Decimal | None
    months: list[int]
    actual: list[Decimal | None]
    expected: list[Decimal | None]


def task_indicator_series(*, viewer, task: Task) -> list[IndicatorSeries]:
    """Month by month, the cumulative value counted on the desk (lead unit's, else the districts' sum)."""
    district = viewer_district(viewer)
    rows = IndicatorValue.objects.filter(indicator__task=task, report__state__in=COUNTED_STATES).values_list(
        "indicator_id", "report__period", "report__organisation__kind", "report__organisation__district_id", "value"
    )
    city, districts = defaultdict(dict), defaultdict(lambda: defaultdict(dict))
    for indicator_id, period, kind, district_id, value in rows:
        if kind == "district":
            districts[indicator_id][period.month][district_id] = value
        else:
            city[indicator_id][period.month] = value
    series = []
    for indicator in task.indicators.filter(kind="quantity").order_by("ordinal"):
        target = indicator.annual_target
        if district is not None:
            target = indicator.district_targets.filter(district=district).values_list("value", flat=True).first()
        actual = []
        for month in range(1, 13):
            by_district = districts[indicator.pk].get(month, {})
            if district is not None:
                actual.append(by_district.get(district.pk))
            else:
                actual.append(city[indicator.pk].get(month, sum(by_district.values()) if by_district else None))
        expected = [expected_to_date(target, indicator.pace_profile, m) if target is not None else None for m in range(1, 13)]
        series.append(IndicatorSeries(indicator.label, indicator.unit, target, list(range(1, 13)), actual, expected))
    return series
