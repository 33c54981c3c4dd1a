"""Risk score 0–100 of a finding from its measured strength; pure and documented in docs/risk-rules.md.

Every rule starts at a base that says how telling the pattern is on its own, then rises with how far the
measurement goes past the rule's threshold, and is clamped to 0–100.
"""

from decimal import ROUND_HALF_UP, Decimal


def _clamp(value: float) -> Decimal:
    return Decimal(str(max(0.0, min(100.0, value)))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def score_duplicate_claim(*, institutions: int, districts: int, work_types: int) -> Decimal:
    exact = max(institutions, districts) > 1
    base = 70.0 if exact else 50.0
    return _clamp(base + 10 * (max(institutions, districts) - 2) + 5 * (work_types - 1))


def score_shared_device(*, trainees: int, threshold: int) -> Decimal:
    return _clamp(50 + 50 * (trainees - threshold) / max(threshold, 1))


def score_overlapping_classes(*, overlap_days: int) -> Decimal:
    return _clamp(50 + overlap_days)


def score_impossible_travel(*, speed_kmh: float, limit_kmh: float) -> Decimal:
    if speed_kmh == float("inf"):
        return _clamp(100)
    return _clamp(50 + 25 * (speed_kmh / limit_kmh - 1))


def score_pass_rate_outlier(*, z: float, threshold: float) -> Decimal:
    return _clamp(40 + 10 * (z - threshold))


def score_over_capacity(*, claimed: int, capacity: int) -> Decimal:
    return _clamp(50 + 100 * (claimed - capacity) / max(capacity, 1))


def score_claim_burst(*, claims: int, threshold: int) -> Decimal:
    return _clamp(40 + 60 * (claims - threshold) / max(threshold, 1))


def score_implausible_age(*, age: int, min_age: int, max_age: int) -> Decimal:
    if age < min_age:
        return _clamp(70 + 10 * (min_age - age))
    return _clamp(50 + 5 * (age - max_age))
