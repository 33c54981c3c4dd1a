"""The supervision desk at a chosen month: every task, its indicators against pace, status and timeliness.

A fixed number of queries whatever the number of tasks, reports or districts: each table is read once
and joined in memory.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from jineng.accounts import permissions
from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation
from jineng.core import metrics
from jineng.core.models import District
from jineng.workplan.choices import IndicatorSource, LeadRole, ProgressStatus, ReportState, TargetKind
from jineng.workplan.engine import pace
from jineng.workplan.models import (
    Category,
    DistrictTarget,
    Indicator,
    IndicatorValue,
    MonthlyReport,
    Plan,
    Task,
    TaskUnit,
)
from jineng.workplan.selectors.obligations import obligation_pairs, obligations_from

COUNTED_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)
_RAG_ORDER = {"red": 0, "amber": 1, "green": 2, "none": 3}
_STATUS_RAG = {
    ProgressStatus.BEHIND: "red",
    ProgressStatus.AT_RISK: "amber",
    ProgressStatus.ON_TRACK: "green",
    ProgressStatus.DONE: "green",
    ProgressStatus.NOT_STARTED: "none",
}


@dataclass(frozen=True)
class DeskFilters:
    department_id: int | None = None
    category_id: int | None = None
    status: str = ""  # a ProgressStatus value
    rag: str = ""
    district_id: int | None = None


@dataclass
class IndicatorRow:
    indicator: Indicator
    target: Decimal | None
    expected: Decimal | None
    actual: Decimal | None
    computed: Decimal | None
    rag: str
    ratio: Decimal | None
    projected: Decimal | None
    discrepancy: bool = False
    district_sum: Decimal | None = None


@dataclass
class Timeliness:
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.missing


@dataclass
class TaskRow:
    task: Task
    leads: list[Organisation]
    partners: list[Organisation]
    indicators: list[IndicatorRow]
    status: str | None
    status_period: date | None
    rag: str
    timeliness: Timeliness
    returned: int = 0


@dataclass
class CategoryBlock:
    category: Category
    rows: list[TaskRow]


@dataclass
class Desk:
    plan: Plan
    month: int
    period: date
    deadline: datetime
    blocks: list[CategoryBlock]
    district: District | None
    computed: dict = field(default_factory=dict)  # metric key → MetricValue, every registered metric
    headline: dict = field(default_factory=dict)

    @property
    def rows(self) -> list[TaskRow]:
        return [row for block in self.blocks for row in block.rows]


def visible_task_ids(*, viewer, plan: Plan) -> set[int] | None:
    """None means every task of the plan."""
    if permissions.user_can(viewer, permissions.SEE_WHOLE_CITY):
        return None
    if not permissions.user_can(viewer, permissions.USE_DESK):
        return set()
    own = set(TaskUnit.objects.filter(task__plan=plan, organisation_id=viewer.organisation_id).values_list("task_id", flat=True))
    own |= {task_id for task_id, org_id in obligation_pairs(plan=plan) if org_id == viewer.organisation_id}
    return own


def viewer_district(viewer) -> District | None:
    """District officers see only their district's figures."""
    organisation = getattr(viewer, "organisation", None)
    if organisation is not None and organisation.kind == OrganisationKind.DISTRICT:
        return District.objects.defer("geometry").get(pk=organisation.district_id)
    return None


def district_open_to(viewer, district: District) -> bool:
    """Whether the viewer may open the district's page: every district, or a district officer their own."""
    own = viewer_district(viewer)
    return own is None or own.pk == district.pk


def latest_month(plan: Plan) -> int:
    """The month a desk opens on: the latest period with a submitted report, else the current month."""
    period = (
        MonthlyReport.objects.filter(task__plan=plan, state__in=COUNTED_STATES)
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    if period is not None:
        return period.month
    today = timezone.localdate()
    return today.month if today.year == plan.year else (12 if today.year > plan.year else 1)


def desk_build(*, viewer, plan: Plan, month: int, filters: DeskFilters = DeskFilters()) -> Desk:
    visible = visible_task_ids(viewer=viewer, plan=plan)
    district = viewer_district(viewer) or _district(filters.district_id)
    period = pace.month_start(plan.year, month)
    thresholds = pace.Thresholds(green=plan.rag_green_ratio, amber=plan.rag_amber_ratio)
    context = _DeskData.load(plan=plan, period=period, district=district)
    blocks: dict[int, CategoryBlock] = {}
    for task in context.tasks:
        if visible is not None and task.pk not in visible:
            continue
        row = _task_row(task, context, thresholds, month)
        if _keep(row, filters, context, district):
            blocks.setdefault(task.category_id, CategoryBlock(task.category, [])).rows.append(row)
    desk = Desk(
        plan=plan,
        month=month,
        period=period,
        deadline=_deadline(plan, period),
        blocks=list(blocks.values()),
        district=district,
        computed=context.computed,
    )
    desk.headline = _headline(desk)
    return desk


def desk_task_row(*, viewer, plan: Plan, month: int, task: Task) -> "TaskRow | None":
    """The desk's row for one task, loading only that task's data (the task page)."""
    visible = visible_task_ids(viewer=viewer, plan=plan)
    if visible is not None and task.pk not in visible:
        return None
    period = pace.month_start(plan.year, month)
    thresholds = pace.Thresholds(green=plan.rag_green_ratio, amber=plan.rag_amber_ratio)
    context = _DeskData.load(plan=plan, period=period, district=viewer_district(viewer), task_id=task.pk)
    return _task_row(task, context, thresholds, month) if context.tasks else None


def _district(district_id: int | None) -> District | None:
    return District.objects.filter(pk=district_id).defer("geometry").first() if district_id else None


def _deadline(plan: Plan, period: date) -> datetime:
    return pace.report_deadline(period, plan.report_due_day, timezone.get_default_timezone())


class _DeskData:
    """Everything the desk needs for one plan and month, each table read once."""

    @classmethod
    def load(cls, *, plan: Plan, period: date, district: District | None, task_id: int | None = None) -> "_DeskData":
        """Load the plan's desk data; with ``task_id``, only that task's (the task page needs one row)."""
        data = cls()
        data.plan, data.period, data.district, data.task_id = plan, period, district, task_id
        data.tasks = list(
            data._only(Task.objects.filter(plan=plan), "pk").select_related("category").order_by("category__order", "number")
        )
        # (role, organisation) per task; each organisation read once, without its district's outline (a large
        # JSON document that, decoded for every unit row, cost most of the desk's time).
        data.units = defaultdict(list)
        units = data._only(TaskUnit.objects.filter(task__plan=plan), "task_id")
        organisations = Organisation.objects.filter(pk__in=units.values("organisation_id")).select_related("district")
        by_id = organisations.defer("district__geometry").in_bulk()
        for task_id, org_id, role in units.order_by("id").values_list("task_id", "organisation_id", "role"):
            data.units[task_id].append((role, by_id[org_id]))
        data.indicators = defaultdict(list)
        indicators = data._only(Indicator.objects.filter(task__plan=plan), "task_id")
        for indicator in indicators.select_related("task").order_by("ordinal"):
            data.indicators[indicator.task_id].append(indicator)
        data.district_targets = defaultdict(dict)
        targets = data._only(DistrictTarget.objects.filter(indicator__task__plan=plan), "indicator__task_id")
        for indicator_id, district_id, value in targets.values_list("indicator_id", "district_id", "value"):
            data.district_targets[indicator_id][district_id] = value
        data.org_district = dict(
            Organisation.objects.filter(kind=OrganisationKind.DISTRICT).values_list("id", "district_id")
        )
        data._load_reports()
        data._load_values()
        data.obligations = defaultdict(list)
        leads = [(task_id, organisation.pk) for task_id, units in data.units.items()
                 for role, organisation in units if role == LeadRole.LEAD]
        shares = {(indicator.task_id, district_id) for items in data.indicators.values() for indicator in items
                  for district_id in data.district_targets.get(indicator.pk, {})}
        district_org = {district_id: org_id for org_id, district_id in data.org_district.items()}
        for pair_task_id, org_id in sorted(obligations_from(leads=leads, shares=shares, district_org=district_org)):
            data.obligations[pair_task_id].append(org_id)
        data.computed = data._compute_metrics()
        return data

    def _only(self, queryset, path: str):
        return queryset.filter(**{path: self.task_id}) if self.task_id else queryset

    def _load_reports(self) -> None:
        """This month's report of each unit, and each task's latest status from its lead units' counted reports.

        The statuses come back as distinct (task, month, status) rows, not one row per report.
        """
        self.latest_status: dict[int, tuple[date, str]] = {}
        self.period_reports: dict[tuple[int, int], tuple[str, datetime | None]] = {}
        self.returned: dict[int, int] = defaultdict(int)
        reports = self._only(MonthlyReport.objects.filter(task__plan=self.plan), "task_id")
        rows = reports.filter(period=self.period).values_list("task_id", "organisation_id", "state", "first_submitted_at")
        for task_id, org_id, state, first_submitted_at in rows:
            self.period_reports[(task_id, org_id)] = (state, first_submitted_at)
            self.returned[task_id] += state == ReportState.RETURNED
        lead = TaskUnit.objects.filter(task_id=OuterRef("task_id"), organisation_id=OuterRef("organisation_id"),
                                       role=LeadRole.LEAD)
        statuses = (reports.filter(period__lte=self.period, state__in=COUNTED_STATES).filter(Exists(lead))
                    .values_list("task_id", "period", "progress_status").distinct().order_by())
        for task_id, period, status in statuses:
            if task_id not in self.latest_status or self.latest_status[task_id][0] <= period:
                self.latest_status[task_id] = _worse_status(self.latest_status.get(task_id), (period, status))

    def _load_values(self) -> None:
        """Latest cumulative value up to the period for each (indicator, organisation), picked in the database."""
        latest = Window(RowNumber(), partition_by=[F("indicator_id"), F("report__organisation_id")],
                        order_by=[F("report__period").desc(), F("pk").asc()])
        rows = (self._only(IndicatorValue.objects.filter(
            indicator__task__plan=self.plan, report__period__lte=self.period, report__state__in=COUNTED_STATES
        ), "indicator__task_id").annotate(rank=latest).filter(rank=1)
            .values_list("indicator_id", "report__organisation_id", "value"))
        self.values: dict[int, dict[int, Decimal]] = defaultdict(dict)
        for indicator_id, org_id, value in rows:
            self.values[indicator_id][org_id] = value

    def _compute_metrics(self) -> dict[str, metrics.MetricValue]:
        """Every registered metric at the end of the month (one query when cached): the bound indicators show
        theirs, and the desk's panel of computed figures shows them all without reading them again."""
        keys = [metric.key for metric in metrics.metric_list()]
        return metrics.metric_values(keys, year=self.plan.year, month=self.period.month)

    def reported_value(self, indicator: Indicator, district: District | None) -> tuple[Decimal | None, Decimal | None]:
        """(value shown, sum of the districts' values). A district view shows that district's own value."""
        by_district: dict[int, Decimal] = {}
        city: Decimal | None = None
        for org_id, value in self.values.get(indicator.pk, {}).items():
            if org_id in self.org_district:
                by_district[self.org_district[org_id]] = value
            else:
                city = value if city is None else max(city, value)
        district_sum = sum(by_district.values(), Decimal(0)) if by_district else None
        if district is not None:
            return by_district.get(district.pk), district_sum
        return (city if city is not None else district_sum), district_sum


def _worse_status(current: tuple[date, str] | None, candidate: tuple[date, str]) -> tuple[date, str]:
    """Among lead units' reports for the same latest month, the least favourable status speaks for the task."""
    if current is None or current[0] < candidate[0]:
        return candidate
    order = list(_STATUS_RAG)
    return current if order.index(current[1]) <= order.index(candidate[1]) else candidate


def _task_row(task: Task, data: _DeskData, thresholds: pace.Thresholds, month: int) -> TaskRow:
    units = data.units.get(task.pk, [])
    indicators = [_indicator_row(i, data, thresholds, month) for i in data.indicators.get(task.pk, [])]
    status_period, status = data.latest_status.get(task.pk, (None, None))
    return TaskRow(
        task=task,
        leads=[organisation for role, organisation in units if role == LeadRole.LEAD],
        partners=[organisation for role, organisation in units if role == LeadRole.PARTNER],
        indicators=indicators,
        status=status,
        status_period=status_period,
        rag=_task_rag(indicators, status),
        timeliness=_timeliness(task, data),
        returned=data.returned.get(task.pk, 0),
    )


def _indicator_row(indicator: Indicator, data: _DeskData, thresholds: pace.Thresholds, month: int) -> IndicatorRow:
    target = _target(indicator, data)
    actual, district_sum = data.reported_value(indicator, data.district)
    computed = _computed(indicator, data)
    shown = computed if indicator.source == IndicatorSource.METRIC and computed is not None else actual
    if target is None or indicator.kind != TargetKind.QUANTITY:
        return IndicatorRow(indicator, target, None, shown, computed, "none", None, None, district_sum=district_sum)
    expected = pace.expected_to_date(target, indicator.pace_profile, month)
    return IndicatorRow(
        indicator=indicator,
        target=target,
        expected=expected,
        actual=shown,
        computed=computed,
        rag=pace.rag(shown, expected, thresholds),
        ratio=pace.pace_ratio(shown, expected) if shown is not None else None,
        projected=pace.projected_year_end(shown, indicator.pace_profile, month) if shown is not None else None,
        discrepancy=_discrepant(actual, computed),
        district_sum=district_sum,
    )


def _target(indicator: Indicator, data: _DeskData) -> Decimal | None:
    if data.district is None:
        return indicator.annual_target
    return data.district_targets.get(indicator.pk, {}).get(data.district.pk)


def _computed(indicator: Indicator, data: _DeskData) -> Decimal | None:
    value = data.computed.get(indicator.metric_key) if indicator.metric_key else None
    if value is None:
        return None
    if data.district is not None:
        return value.by_district.get(data.district.code)
    return value.city


def _discrepant(reported: Decimal | None, computed: Decimal | None) -> bool:
    """Reported and computed figures differ by more than 2 % (or any amount when one is zero)."""
    if reported is None or computed is None:
        return False
    base = max(abs(reported), abs(computed))
    return base > 0 and abs(reported - computed) / base > Decimal("0.02")


def _task_rag(indicators: list[IndicatorRow], status: str | None) -> str:
    colours = [row.rag for row in indicators if row.rag != "none"]
    if colours:
        return min(colours, key=_RAG_ORDER.__getitem__)
    return _STATUS_RAG.get(status, "none") if status else "none"


def _timeliness(task: Task, data: _DeskData) -> Timeliness:
    result = Timeliness()
    now = timezone.now()
    deadline = _deadline(data.plan, data.period)
    for org_id in data.obligations.get(task.pk, []):
        if data.district is not None and data.org_district.get(org_id) != data.district.pk:
            continue
        _, first_submitted_at = data.period_reports.get((task.pk, org_id), (None, None))
        verdict = pace.timeliness(first_submitted_at, deadline, now)
        setattr(result, verdict, getattr(result, verdict) + 1)
    return result


def _keep(row: TaskRow, filters: DeskFilters, data: _DeskData, district: District | None) -> bool:
    if filters.department_id and all(o.pk != filters.department_id for o in row.leads + row.partners):
        return False
    if filters.category_id and row.task.category_id != filters.category_id:
        return False
    if filters.status and row.status != filters.status:
        return False
    if filters.rag and row.rag != filters.rag:
        return False
    if district is not None:
        return any(data.org_district.get(org_id) == district.pk for org_id in data.obligations.get(row.task.pk, []))
    return True


def _headline(desk: Desk) -> dict:
    rows = desk.rows
    indicators = [i for row in rows for i in row.indicators if i.indicator.kind == TargetKind.QUANTITY]
    return {
        "tasks": len(rows),
        "red": sum(row.rag == "red" for row in rows),
        "amber": sum(row.rag == "amber" for row in rows),
        "green": sum(row.rag == "green" for row in rows),
        "indicators": len(indicators),
        "indicators_behind": sum(i.rag == "red" for i in indicators),
        "reports_due": sum(row.timeliness.due for row in rows),
        "reports_late": sum(row.timeliness.late for row in rows),
        "reports_missing": sum(row.timeliness.missing for row in rows),
        "reports_returned": sum(row.returned for row in rows),
    }


@dataclass(frozen=True)
class PlatformMetric:
    key: str
    label: str
    unit: str
    value: Decimal | None


def platform_metrics(*, plan: Plan, month: int, district: District | None = None,
                     values: dict | None = None) -> list[PlatformMetric]:
    """Every figure the modules compute from their own records, at the end of the month (city or one district).

    ``values`` are the metric values already read for the same month (the desk's), so they are not read twice.
    """
    rows = []
    registered = metrics.metric_list()
    if values is None:
        values = metrics.metric_values([metric.key for metric in registered], year=plan.year, month=month)
    for metric in registered:
        value = values[metric.key]
        shown = value.by_district.get(district.code) if district is not None else value.city
        rows.append(PlatformMetric(metric.key, metric.shown_label(), metric.shown_unit(), shown))
    return rows
