"""Who reported late, who did not report, whose report was returned — and the latest progress text.

Both reads take a fixed number of queries whatever the number of tasks, units or reports, and are scoped
like the desk: a department sees its own tasks, a district officer only their district government's rows.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation
from jineng.workplan.choices import LeadRole, ReportState, Timeliness
from jineng.workplan.engine import pace
from jineng.workplan.models import MonthlyReport, Plan, Task, TaskUnit
from jineng.workplan.selectors.desk import COUNTED_STATES, viewer_district, visible_task_ids
from jineng.workplan.selectors.obligations import obligation_pairs

LATE = "late"
MISSING = "missing"
RETURNED = "returned"
_VERDICT_ORDER = {MISSING: 0, LATE: 1, RETURNED: 2}


@dataclass(frozen=True)
class LateReport:
    task_number: int
    organisation_name: str
    period: str  # 'YYYY-MM'
    verdict: str  # late / missing / returned
    days_late: int
    first_submitted_at: datetime | None
    organisation_id: int | None = None

    @property
    def verdict_label(self) -> str:
        labels = {
            LATE: Timeliness.LATE.label,
            MISSING: Timeliness.MISSING.label,
            RETURNED: ReportState.RETURNED.label,
        }
        return str(labels[self.verdict])


def late_report_list(*, viewer, plan: Plan, month: int, now: datetime | None = None) -> list[LateReport]:
    """Late and missing reports owed for the month, then the month's returned reports.

    A report that came in late and was then returned appears twice, once for each fact, so the counts
    match the desk's (late) and (returned) figures.
    """
    now = now or timezone.now()
    period = pace.month_start(plan.year, month)
    deadline = pace.report_deadline(period, plan.report_due_day, timezone.get_default_timezone())
    visible = visible_task_ids(viewer=viewer, plan=plan)
    district = viewer_district(viewer)
    owed = {pair for pair in obligation_pairs(plan=plan) if visible is None or pair[0] in visible}
    reports = {
        (task_id, org_id): (state, first_submitted_at)
        for task_id, org_id, state, first_submitted_at in MonthlyReport.objects.filter(
            task__plan=plan, period=period
        ).values_list("task_id", "organisation_id", "state", "first_submitted_at")
        if visible is None or task_id in visible
    }
    organisations = _organisations({org_id for _, org_id in owed | reports.keys()}, district)
    numbers = dict(Task.objects.filter(plan=plan).values_list("id", "number"))
    found = []
    for task_id, org_id in owed:
        first_submitted_at = reports.get((task_id, org_id), (None, None))[1]
        verdict = pace.timeliness(first_submitted_at, deadline, now)
        if verdict in (LATE, MISSING) and org_id in organisations:
            days = pace.days_late(first_submitted_at, deadline, now)
            found.append(
                LateReport(
                    numbers[task_id],
                    organisations[org_id],
                    f"{period:%Y-%m}",
                    verdict,
                    days,
                    first_submitted_at,
                    org_id,
                )
            )
    for (task_id, org_id), (state, first_submitted_at) in reports.items():
        if state == ReportState.RETURNED and org_id in organisations:
            days = pace.days_late(first_submitted_at, deadline, now)
            found.append(
                LateReport(
                    numbers[task_id],
                    organisations[org_id],
                    f"{period:%Y-%m}",
                    RETURNED,
                    days,
                    first_submitted_at,
                    org_id,
                )
            )
    return sorted(found, key=lambda r: (_VERDICT_ORDER[r.verdict], r.task_number, r.organisation_name))


def _organisations(ids: set[int], district) -> dict[int, str]:
    """id -> name of the units the viewer may see in the list: all, or only their district government."""
    organisations = Organisation.objects.filter(pk__in=ids)
    if district is not None:
        organisations = organisations.filter(kind=OrganisationKind.DISTRICT, district=district)
    return dict(organisations.values_list("id", "name"))


def latest_progress_map(*, viewer, plan: Plan, month: int) -> dict[int, str]:
    """task id -> the narrative of the latest counted lead-unit report up to the month (as the desk's status).

    With several lead units reporting for that month, each narrative is prefixed with the unit's short name.
    """
    visible = visible_task_ids(viewer=viewer, plan=plan)
    leads = set(
        TaskUnit.objects.filter(task__plan=plan, role=LeadRole.LEAD).values_list("task_id", "organisation_id")
    )
    rows = (
        MonthlyReport.objects.filter(
            task__plan=plan, period__lte=pace.month_start(plan.year, month), state__in=COUNTED_STATES
        )
        .exclude(narrative="")
        .order_by("task_id", "-period", "organisation__name")
        .values_list(
            "task_id",
            "organisation_id",
            "organisation__short_name",
            "organisation__name",
            "period",
            "narrative",
        )
    )
    latest: dict[int, list[tuple]] = {}
    for task_id, org_id, short_name, name, period, narrative in rows:
        if (task_id, org_id) not in leads or (visible is not None and task_id not in visible):
            continue
        current = latest.setdefault(task_id, [])
        if not current or current[0][0] == period:
            current.append((period, short_name or name, narrative))
    return {task_id: _joined(items) for task_id, items in latest.items()}


def _joined(items: list[tuple]) -> str:
    if len(items) == 1:
        return items[0][2]
    return "\n".join(f"{unit}：{narrative}" for _, unit, narrative in items)
