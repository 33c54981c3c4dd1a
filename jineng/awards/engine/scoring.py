"""Expert scoring: per criterion the highest and the lowest score are dropped, the rest averaged; the weighted
criteria make the total; applications are ranked with ties sharing a rank (1, 2, 2, 4).

A criterion's score needs at least three reviewers (so one remains after dropping the extremes); with fewer the
application has no total yet. Totals are rounded half up to two places; ties compare the rounded totals.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MIN_REVIEWERS = 3
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Criterion:
    code: str
    weight: Decimal  # the weights of a call sum to 1; scores run 0..100


@dataclass(frozen=True)
class CriterionResult:
    code: str
    scores: tuple[Decimal, ...]
    dropped: tuple[Decimal, ...]  # the highest and the lowest
    mean: Decimal | None


@dataclass(frozen=True)
class Total:
    total: Decimal | None
    criteria: tuple[CriterionResult, ...]


@dataclass(frozen=True)
class Ranked:
    key: object
    total: Decimal
    rank: int
    within_quota: bool
    tied_at_cutoff: bool  # the tied group straddles the quota: the office decides (not within the quota yet)


def trimmed_mean(scores: Sequence[Decimal]) -> tuple[Decimal | None, tuple[Decimal, ...]]:
    """The mean without one highest and one lowest score, and the two dropped; None below three scores."""
    if len(scores) < MIN_REVIEWERS:
        return None, ()
    ordered = sorted(Decimal(s) for s in scores)
    kept = ordered[1:-1]
    return sum(kept, Decimal(0)) / len(kept), (ordered[-1], ordered[0])


def application_total(criteria: Iterable[Criterion], scores: Mapping[str, Sequence[Decimal]]) -> Total:
    """``scores``: criterion code -> every reviewer's score for it."""
    results, total = [], Decimal(0)
    for criterion in criteria:
        mean, dropped = trimmed_mean(scores.get(criterion.code, ()))
        results.append(CriterionResult(criterion.code, tuple(scores.get(criterion.code, ())), dropped, mean))
        total = None if mean is None or total is None else total + criterion.weight * mean
    rounded = None if total is None else total.quantize(CENT, rounding=ROUND_HALF_UP)
    return Total(rounded, tuple(results))


def rank(totals: Mapping[object, Decimal], *, quota: int) -> list[Ranked]:
    """Best first; equal totals share a rank; within the quota when the rank is at most the quota."""
    ordered = sorted(totals.items(), key=lambda item: (-item[1], str(item[0])))
    ranked, previous, current = [], None, 0
    for position, (key, total) in enumerate(ordered, start=1):
        if total != previous:
            current, previous = position, total
        ranked.append((key, total, current))
    inside = [r for r in ranked if r[2] <= quota]
    cutoff_total = inside[-1][1] if len(inside) > quota else None
    return [Ranked(key, total, place, place <= quota and not (cutoff_total is not None and total == cutoff_total),
                   cutoff_total is not None and total == cutoff_total)
            for key, total, place in ranked]
