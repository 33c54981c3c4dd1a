"""District scorecard for the assessment: share of targets reached to date and timeliness of reports."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation
from jineng.core.models import District
from jineng.workplan.engine import pace
from jineng.workplan.models import DistrictTarget, Indicator, IndicatorValue, MonthlyReport, Plan
from jineng.workplan.selectors.desk import COUNTED_STATES, viewer_district
from jineng.workplan.selectors.obligations import obligation_pairs

_PROGRESS_CAP = Decimal("1.2")


@dataclass
class ScoreRow:
    district: District
    rank: int
    score: Decimal
    progress: Decimal | None       # mean of min(actual / expected to date, 1.2) over split indicators
    target_share: Decimal | None   # mean of actual / annual district target
    indicators: int
    reports_due: int
    on_time: int
    late: int
    missing: int

    @property
    def timely_share(self) -> Decimal | None:
        if not self.reports_due:
            return None
        return (Decimal(self.on_time) / self.reports_due).quantize(Decimal("0.001"), ROUND_HALF_UP)


def scorecard_build(*, viewer, plan: Plan, month: int) -> list[ScoreRow]:
    """All 16 districts ranked; a district officer gets only their own row (with its city-wide rank)."""
    rows = _ranked(plan, month)
    own = viewer_district(viewer)
    if own is not None:
        return [row for row in rows if row.district.pk == own.pk]
    return rows


def _ranked(plan: Plan, month: int) -> list[ScoreRow]:
    districts = list(District.objects.order_by("code"))
    org_of = dict(Organisation.objects.filter(kind=OrganisationKind.DISTRICT).values_list("district_id", "id"))
    progress = _progress(plan, month, org_of)
    timely = _timeliness(plan, month, org_of)
    rows = []
    for district in districts:
        ratios, shares = progress.get(district.pk, ([], []))
        counts = timely.get(org_of.get(district.pk), {})
        mean_progress = _mean(ratios)
        due = counts.get("on_time", 0) + counts.get("late", 0) + counts.get("missing", 0)
        timely_share = Decimal(counts.get("on_time", 0)) / due if due else None
        rows.append(
            ScoreRow(
                district=district,
                rank=0,
                score=pace.district_score(mean_progress, timely_share, plan.score_progress_weight),
                progress=mean_progress,
                target_share=_mean(shares),
                indicators=len(ratios),
                reports_due=due,
                on_time=counts.get("on_time", 0),
                late=counts.get("late", 0),
                missing=counts.get("missing", 0),
            )
        )
    rows.sort(key=lambda row: (-row.score, row.district.code))
    for row in rows:  # equal scores share a rank (1, 2, 2, 4)
        row.rank = 1 + sum(other.score > row.score for other in rows)
    return rows


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.001"), ROUND_HALF_UP)


def _progress(plan: Plan, month: int, org_of: dict[int, int]) -> dict[int, tuple[list[Decimal], list[Decimal]]]:
    period = pace.month_start(plan.year, month)
    profiles = dict(Indicator.objects.filter(task__plan=plan).values_list("id", "pace_profile"))
    latest: dict[tuple[int, int], tuple[date, Decimal]] = {}
    for indicator_id, org_id, when, value in IndicatorValue.objects.filter(
        indicator__task__plan=plan,
        report__period__lte=period,
        report__state__in=COUNTED_STATES,
        report__organisation__kind=OrganisationKind.DISTRICT,
    ).values_list("indicator_id", "report__organisation_id", "report__period", "value"):
        if (indicator_id, org_id) not in latest or latest[(indicator_id, org_id)][0] < when:
            latest[(indicator_id, org_id)] = (when, value)
    result: dict[int, tuple[list[Decimal], list[Decimal]]] = defaultdict(lambda: ([], []))
    for indicator_id, district_id, target in DistrictTarget.objects.filter(
        indicator__task__plan=plan, value__gt=0
    ).values_list("indicator_id", "district_id", "value"):
        actual = latest.get((indicator_id, org_of.get(district_id)), (None, Decimal(0)))[1]
        expected = pace.expected_to_date(target, profiles[indicator_id], month)
        ratios, shares = result[district_id]
        ratios.append(min(actual / expected, _PROGRESS_CAP) if expected > 0 else Decimal(1))
        shares.append(actual / target)
    return result


def _timeliness(plan: Plan, month: int, org_of: dict[int, int]) -> dict[int, dict[str, int]]:
    """Per district government: on-time, late and missing reports over the months 1..month."""
    district_orgs = set(org_of.values())
    owed = [(task_id, org_id) for task_id, org_id in obligation_pairs(plan=plan) if org_id in district_orgs]
    submitted = {
        (task_id, org_id, when): first
        for task_id, org_id, when, first in MonthlyReport.objects.filter(
            task__plan=plan, organisation_id__in=district_orgs, period__lte=pace.month_start(plan.year, month)
        ).values_list("task_id", "organisation_id", "period", "first_submitted_at")
    }
    now, zone = timezone.now(), timezone.get_default_timezone()
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for m in range(1, month + 1):
        when = pace.month_start(plan.year, m)
        deadline = pace.report_deadline(when, plan.report_due_day, zone)
        for task_id, org_id in owed:
            counts[org_id][pace.timeliness(submitted.get((task_id, org_id, when)), deadline, now)] += 1
    return counts
