"""Pace, traffic-light and timeliness arithmetic for the supervision desk. Pure Python: no Django."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal

MONTHS = 12
_CENT = Decimal("0.01")


def linear_profile() -> tuple[Decimal, ...]:
    """Cumulative share of the annual target expected by the end of each month: 1/12, 2/12, … 1."""
    return tuple((Decimal(month) / MONTHS).quantize(Decimal("0.000001"), ROUND_HALF_UP) for month in range(1, 13))


def profile_errors(profile: list) -> list[str]:
    """Why a pace profile is unusable, in Chinese; empty when it is fine."""
    if len(profile) != MONTHS:
        return [f"进度曲线须为 12 个月的累计比例，当前为 {len(profile)} 个"]
    try:
        values = [Decimal(str(value)) for value in profile]
    except ArithmeticError:
        return ["进度曲线须为数字"]
    errors = [f"第 {m} 月比例 {v} 不在 0 到 1 之间" for m, v in enumerate(values, 1) if not 0 <= v <= 1]
    errors += [f"第 {m} 月比例低于上月" for m in range(2, 13) if values[m - 1] < values[m - 2]]
    if values[-1] != 1:
        errors.append("12 月累计比例须为 1")
    return errors


def expected_to_date(annual_target: Decimal, profile: tuple[Decimal, ...] | list, month: int) -> Decimal:
    return (annual_target * Decimal(str(profile[month - 1]))).quantize(_CENT, ROUND_HALF_UP)


def projected_year_end(actual: Decimal, profile: tuple[Decimal, ...] | list, month: int) -> Decimal | None:
    """Year-end value if the rest of the year keeps the pace so far (scaled by the expected curve)."""
    share = Decimal(str(profile[month - 1]))
    if share <= 0:
        return None
    return (actual / share).quantize(_CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Thresholds:
    green: Decimal = Decimal("0.95")
    amber: Decimal = Decimal("0.85")


def pace_ratio(actual: Decimal, expected: Decimal) -> Decimal | None:
    if expected <= 0:
        return None
    return (actual / expected).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def rag(actual: Decimal | None, expected: Decimal, thresholds: Thresholds) -> str:
    """green / amber / red against the expected pace; 'none' without a value."""
    if actual is None:
        return "none"
    ratio = pace_ratio(actual, expected)
    if ratio is None or ratio >= thresholds.green:
        return "green"
    if ratio >= thresholds.amber:
        return "amber"
    return "red"


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def next_month(period: date) -> date:
    return date(period.year + (period.month == 12), period.month % 12 + 1, 1)


def report_deadline(period: date, due_day: int, zone: tzinfo) -> datetime:
    """End of the due day in the month after the period, in local time."""
    following = next_month(period)
    return datetime.combine(following.replace(day=due_day), time.max, tzinfo=zone)


def timeliness(first_submitted_at: datetime | None, deadline: datetime, now: datetime) -> str:
    if first_submitted_at is not None:
        return "on_time" if first_submitted_at <= deadline else "late"
    return "missing" if now > deadline else "pending"


def days_late(first_submitted_at: datetime | None, deadline: datetime, now: datetime) -> int:
    """Whole or part days after the deadline (a report one hour late is one day late)."""
    moment = first_submitted_at or now
    if moment <= deadline:
        return 0
    return -((deadline - moment) // timedelta(days=1))


def district_score(progress: Decimal | None, timely_share: Decimal | None, progress_weight: Decimal) -> Decimal:
    """0–100: pace against the district's targets (capped at 100 %) weighted with report timeliness."""
    progress_part = min(progress if progress is not None else Decimal(0), Decimal(1))
    timely_part = timely_share if timely_share is not None else Decimal(0)
    score = (progress_part * progress_weight + timely_part * (1 - progress_weight)) * 100
    return score.quantize(Decimal("0.1"), ROUND_HALF_UP)
