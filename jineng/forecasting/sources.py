"""Demand series for forecasting: headcount by month (or quarter) of expected hire, from the demand platform."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from jineng.demand.choices import COUNTED_STATES
from jineng.demand.models import DemandLine
from jineng.forecasting.choices import Dimension, Granularity


@dataclass(frozen=True)
class SourceSeries:
    key: str
    label: str
    periods: tuple[str, ...]
    values: tuple[float, ...]


def demand_series(*, dimension: str = Dimension.OCCUPATION, granularity: str = Granularity.MONTH, min_total: int = 1) -> list[SourceSeries]:
    """One aggregate query; months with no demand are filled with zero between the first and last month."""
    key_field, label_field = (
        ("occupation__code", "occupation__name") if dimension == Dimension.OCCUPATION else ("report__industry__code", "report__industry__name")
    )
    rows = (
        DemandLine.objects.filter(report__state__in=COUNTED_STATES, expected_hire_date__isnull=False)
        .annotate(month=TruncMonth("expected_hire_date"))
        .values(key_field, label_field, "month")
        .annotate(total=Sum("headcount"))
        .order_by(key_field, "month")
    )
    by_key: dict[str, dict[str, float]] = defaultdict(dict)
    labels: dict[str, str] = {}
    for row in rows:
        period = _period(row["month"], granularity)
        by_key[row[key_field]][period] = by_key[row[key_field]].get(period, 0.0) + float(row["total"])
        labels[row[key_field]] = row[label_field]
    if not by_key:
        return []
    all_periods = sorted({p for values in by_key.values() for p in values})
    span = _span(all_periods[0], all_periods[-1], granularity)
    series = []
    for key in sorted(by_key):
        values = tuple(by_key[key].get(p, 0.0) for p in span)
        if sum(values) >= min_total:
            series.append(SourceSeries(key=key, label=labels[key], periods=tuple(span), values=values))
    return series


def _period(month, granularity: str) -> str:
    if granularity == Granularity.QUARTER:
        return f"{month.year}-Q{(month.month - 1) // 3 + 1}"
    return f"{month.year}-{month.month:02d}"


def _span(first: str, last: str, granularity: str) -> list[str]:
    periods, current = [], first
    while current <= last:
        periods.append(current)
        current = next_period(current, granularity)
    return periods


def next_period(period: str, granularity: str) -> str:
    year, part = period.split("-")
    if granularity == Granularity.QUARTER:
        quarter = int(part[1:])
        return f"{int(year) + (quarter == 4)}-Q{quarter % 4 + 1}"
    month = int(part)
    return f"{int(year) + (month == 12)}-{month % 12 + 1:02d}"
