"""Ranking of occupations for the urgently-needed catalogue: pure Python, frozen dataclasses in and out.

Each metric is turned into a part between 0 and 1 by its rank percentile among the occupations ranked:
sort the known values ascending, give tied values their average rank r (1 … n), part = (r − 1) / (n − 1).
One value alone, or all values tied, gives 0.5; a missing value (no pay data, no previous campaign) also
counts 0.5, so it neither helps nor hurts. For applicants per vacancy fewer means scarcer, so that part is
1 − percentile. score = Σ weight × part, rounded to 6 places; the order is by −score, then code, so the
same inputs in any order give the same ranking.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

NEUTRAL = 0.5

# "3+6" leading industries first; key industries and life services next; anything else last.
STRATEGIC_WEIGHT_BY_KIND = {"leading": 1.0, "key": 0.8, "life_service": 0.8, "other": 0.3}


@dataclass(frozen=True)
class OccupationDemand:
    code: str
    name: str
    headcount: int
    enterprises: int
    vacancy_months: float | None  # headcount-weighted mean
    applicants_per_vacancy: float | None  # headcount-weighted mean; lower = scarcer
    pay_premium: float | None  # offered pay against the same level's median, −1 … ∞
    growth: float | None  # headcount against the previous period, −1 … ∞
    strategic_weight: float | None  # headcount-weighted STRATEGIC_WEIGHT_BY_KIND of the reporting industries


@dataclass(frozen=True)
class Weights:
    headcount: float = 0.25
    enterprises: float = 0.15
    vacancy_months: float = 0.15
    applicants: float = 0.10
    pay_premium: float = 0.10
    growth: float = 0.10
    strategic: float = 0.15

    def total(self) -> float:
        return sum(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True)
class Parts:
    headcount: float
    enterprises: float
    vacancy_months: float
    applicants: float
    pay_premium: float
    growth: float
    strategic: float


@dataclass(frozen=True)
class RankedOccupation:
    rank: int
    code: str
    name: str
    score: float
    parts: Parts
    previous_rank: int | None
    demand: OccupationDemand


# part name -> (input attribute, higher value means more urgently needed)
_METRICS = {
    "headcount": ("headcount", True),
    "enterprises": ("enterprises", True),
    "vacancy_months": ("vacancy_months", True),
    "applicants": ("applicants_per_vacancy", False),
    "pay_premium": ("pay_premium", True),
    "growth": ("growth", True),
    "strategic": ("strategic_weight", True),
}


def rank_percentiles(values: Sequence[float | None], *, higher_is_more: bool = True) -> list[float]:
    """The 0–1 part of each value by its rank among the known values; ties share their average rank."""
    known = sorted(v for v in values if v is not None)
    count = len(known)
    first_index: dict[float, int] = {}
    last_index: dict[float, int] = {}
    for index, value in enumerate(known):
        first_index.setdefault(value, index)
        last_index[value] = index
    parts = []
    for value in values:
        if value is None or count < 2:
            parts.append(NEUTRAL)
            continue
        average_rank = (first_index[value] + last_index[value]) / 2  # 0-based
        part = average_rank / (count - 1)
        parts.append(part if higher_is_more else 1 - part)
    return parts


def ranking_build(
    demands: Iterable[OccupationDemand], weights: Weights, *, previous_ranks: Mapping[str, int] | None = None
) -> tuple[RankedOccupation, ...]:
    rows = sorted(demands, key=lambda d: d.code)  # input order must not matter
    codes = [row.code for row in rows]
    if len(set(codes)) != len(codes):
        raise ValueError("each occupation may appear once")
    columns = {
        part: rank_percentiles([getattr(row, attribute) for row in rows], higher_is_more=higher)
        for part, (attribute, higher) in _METRICS.items()
    }
    scored = []
    for index, row in enumerate(rows):
        parts = Parts(**{part: round(columns[part][index], 6) for part in _METRICS})
        score = round(sum(getattr(weights, part) * getattr(parts, part) for part in _METRICS), 6)
        scored.append((score, row, parts))
    scored.sort(key=lambda item: (-item[0], item[1].code))
    previous_ranks = previous_ranks or {}
    return tuple(
        RankedOccupation(rank=position, code=row.code, name=row.name, score=score, parts=parts,
                         previous_rank=previous_ranks.get(row.code), demand=row)
        for position, (score, row, parts) in enumerate(scored, start=1)
    )


def strategic_weight(headcount_by_kind: Mapping[str, float]) -> float | None:
    """Headcount-weighted mean of the industry weights an occupation is reported under."""
    total = sum(headcount_by_kind.values())
    if not total:
        return None
    return sum(STRATEGIC_WEIGHT_BY_KIND.get(kind, STRATEGIC_WEIGHT_BY_KIND["other"]) * count
               for kind, count in headcount_by_kind.items()) / total
