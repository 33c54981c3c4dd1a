"""Marks to results, pure Python: judgement marks, each event's standardised scores, ranks with ties.

Standardisation (docs/competitions.md): as in WorldSkills' Competition Information System, every event's raw
totals are put on one scale so that events with hard and easy marking schemes compare; the event's median goes to
700 and one robust standard deviation to 20 points:

    standardised = 700 + 20 × (raw − median) / s

where ``s`` is the median absolute deviation scaled by 1.4826 (so that it estimates the standard deviation of
normally spread marks, and one outlier does not stretch the scale); when more than half the contestants share the
median (MAD = 0) ``s`` falls back to the population standard deviation, and when every raw total is equal everyone
gets 700. Scores are rounded half up to two decimals.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median, pstdev

CENTRE = Decimal(700)
SPREAD_POINTS = Decimal(20)
MAD_TO_SD = Decimal("1.4826")
JUDGEMENT_MAX = 3  # each judge scores 0, 1, 2 or 3
JUDGEMENT_SPREAD = 1  # the three scores may differ by at most one point
CENT = Decimal("0.01")


class JudgementRefused(ValueError):
    """The judges' scores are not three whole numbers 0–3, or differ by more than one point."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code  # "count", "range", "spread"


def judgement_check(scores: Sequence[int]) -> None:
    if len(scores) != 3:
        raise JudgementRefused("count")
    if any(not isinstance(s, int) or isinstance(s, bool) or not 0 <= s <= JUDGEMENT_MAX for s in scores):
        raise JudgementRefused("range")
    if max(scores) - min(scores) > JUDGEMENT_SPREAD:
        raise JudgementRefused("spread")


def judgement_mark(scores: Sequence[int], max_mark: Decimal) -> Decimal:
    """The aspect's mark: the mean of the three judges' scores as a share of 3, times the aspect's maximum."""
    judgement_check(scores)
    return (Decimal(sum(scores)) / Decimal(3 * JUDGEMENT_MAX) * max_mark).quantize(CENT, ROUND_HALF_UP)


def measurement_check(value: Decimal, max_mark: Decimal) -> None:
    if not Decimal(0) <= value <= max_mark:
        raise ValueError("range")


def _scale(raws: Sequence[Decimal]) -> Decimal:
    centre = median(raws)
    mad = median([abs(r - centre) for r in raws]) * MAD_TO_SD
    if mad > 0:
        return mad
    sd = Decimal(str(pstdev([float(r) for r in raws])))
    return sd


def standardise(raws: Sequence[Decimal]) -> list[Decimal]:
    """Each raw total on the event's scale (median 700), in the order given."""
    if not raws:
        return []
    raws = [Decimal(r) for r in raws]
    centre = Decimal(median(raws))
    scale = _scale(raws)
    if scale == 0:
        return [CENTRE.quantize(CENT) for _ in raws]
    return [(CENTRE + SPREAD_POINTS * (r - centre) / scale).quantize(CENT, ROUND_HALF_UP) for r in raws]


def ranks(values: Sequence[Decimal]) -> list[int]:
    """Competition ranking ("1224"): equal values share the best rank, the next rank skips the tied places."""
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=True)
    result = [0] * len(values)
    previous, rank = None, 0
    for position, i in enumerate(order, start=1):
        if values[i] != previous:
            rank, previous = position, values[i]
        result[i] = rank
    return result


@dataclass(frozen=True)
class Standing:
    raw: Decimal
    standardised: Decimal
    rank: int
    percentile: Decimal  # rank / contestants × 100: the share of the field at or above this place


def standings(raws: Sequence[Decimal]) -> list[Standing]:
    """Standardised scores, ranks (ties share) and percentiles of one event, in the order given."""
    scores = standardise(raws)
    places = ranks([Decimal(r) for r in raws])
    n = len(raws)
    return [Standing(Decimal(r), s, p, (Decimal(100 * p) / n).quantize(CENT, ROUND_HALF_UP))
            for r, s, p in zip(raws, scores, places, strict=True)]
