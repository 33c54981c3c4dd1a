"""Wage tables: five percentiles and the mean per cell, with the publication rules; pure Python + numpy.

Percentiles interpolate linearly between the closest ranks (numpy's default, Excel's PERCENTILE.INC,
``statistics.quantiles(method="inclusive")``): for n sorted amounts x₀…xₙ₋₁ and p in [0, 1],
h = (n − 1)·p, P = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).

Cells: occupation × level, occupation, industry. A cell is published only when it rests on at least
``min_enterprises`` enterprises and ``min_workers`` workers and no enterprise supplies more than ``dominance`` of
its workers (primary suppression). Complementary suppression then protects the primary cells against
subtraction: a published total minus its published parts would give a suppressed part's count, sum and so mean.

- Within an occupation the level cells add up to the occupation cell. When exactly one level cell is suppressed
  and the occupation cell is published, the smallest other level cell (fewest workers, then lowest level) is
  suppressed too, so the difference only gives the sum of two hidden cells.
- The occupation cells and the industry cells each add up to the whole survey (not published, but the sum of
  either partition): when exactly one cell of a partition is suppressed, its smallest other cell is suppressed;
  an occupation cell hidden that way whose level cells are all published gets its smallest level cell hidden
  too (else the occupation cell would be their sum).

This is the "no single hidden cell in a margin" rule, not a full linear-programming audit; docs/wages.md.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

PERCENTILES = (0.10, 0.25, 0.50, 0.75, 0.90)
METHODOLOGY_VERSION = "wages-2024.1"
CENT = Decimal("0.01")

BY_OCCUPATION_LEVEL = "occupation_level"
BY_OCCUPATION = "occupation"
BY_INDUSTRY = "industry"
DIMENSIONS = (BY_OCCUPATION_LEVEL, BY_OCCUPATION, BY_INDUSTRY)

FEW_ENTERPRISES = "few_enterprises"
FEW_WORKERS = "few_workers"
DOMINANCE = "dominance"
COMPLEMENTARY = "complementary"
NOT_MONOTONIC = "not_monotonic"


@dataclass(frozen=True)
class Thresholds:
    min_enterprises: int = 3
    min_workers: int = 10
    dominance: float = 0.6  # largest enterprise's share of the cell's workers, at most


@dataclass
class WageColumns:
    """One entry per worker; enterprises and industries as any hashable label (credit code, industry code)."""

    enterprise: Sequence
    occupation: Sequence[str]
    level: Sequence[int]
    industry: Sequence
    pay: Sequence[float]

    def __len__(self) -> int:
        return len(self.pay)


@dataclass
class Cell:
    dimension: str
    occupation_code: str = ""
    level: int | None = None
    industry: str = ""
    n_enterprises: int = 0
    n_workers: int = 0
    top_share: float = 0.0
    percentiles: tuple[float, ...] = ()
    mean: float = 0.0
    suppressed: bool = False
    reason: str = ""
    reasons: list[str] = field(default_factory=list)

    @property
    def monotonic(self) -> bool:
        return all(a <= b for a, b in zip(self.percentiles, self.percentiles[1:], strict=False))

    def amount(self, index: int) -> Decimal:
        return yuan(self.percentiles[index])

    def suppress(self, reason: str) -> None:
        self.suppressed = True
        self.reasons.append(reason)
        self.reason = self.reason or reason


def yuan(value: float) -> Decimal:
    return Decimal(repr(float(value))).quantize(CENT, rounding=ROUND_HALF_UP)


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """One percentile of an already sorted, non-empty sequence (the reference the vectorised path matches)."""
    h = (len(sorted_values) - 1) * p
    low = int(h)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (h - low) * (sorted_values[high] - sorted_values[low])


def wage_tables(columns: WageColumns, thresholds: Thresholds = Thresholds(),
                dimensions: Sequence[str] = DIMENSIONS) -> list[Cell]:
    """Every cell of the asked dimensions, primary then complementary suppression applied, ordered by key."""
    if len(columns) == 0:
        return []
    pay = np.asarray(columns.pay, dtype=np.float64)
    by_pay = np.argsort(pay)
    enterprise = _codes(columns.enterprise)[1]
    by_enterprise = _stable_order(enterprise)
    occupation_labels, occupation = _codes(columns.occupation)
    level = np.asarray(columns.level, dtype=np.int64)
    industry_labels, industry = _codes(columns.industry)
    cells: list[Cell] = []
    for dimension in dimensions:
        if dimension == BY_OCCUPATION_LEVEL:
            key = occupation * 16 + level
        elif dimension == BY_OCCUPATION:
            key = occupation
        elif dimension == BY_INDUSTRY:
            key = industry
        else:
            raise ValueError(dimension)
        for values in _group_stats(key, enterprise, pay, by_pay, by_enterprise):
            cell = Cell(dimension=dimension, **values["fields"])
            if dimension == BY_INDUSTRY:
                cell.industry = str(industry_labels[values["key"]])
            else:
                code = values["key"] // 16 if dimension == BY_OCCUPATION_LEVEL else values["key"]
                cell.occupation_code = str(occupation_labels[code])
                cell.level = int(values["key"] % 16) if dimension == BY_OCCUPATION_LEVEL else None
            cells.append(cell)
    cells_suppress(cells, thresholds)
    return cells


def _codes(labels: Sequence) -> tuple[list[str], np.ndarray]:
    """Labels as sorted text and each entry's index into them. Integers (database ids) go through numpy;
    text through a set and a dict, faster than sorting 500,000 strings."""
    array = labels if isinstance(labels, np.ndarray) else None
    if array is None and len(labels) and isinstance(labels[0], int):
        array = np.asarray(labels)
    if array is not None and array.dtype.kind in "iu":
        values, codes = np.unique(array, return_inverse=True)
        return [str(v) for v in values.tolist()], codes.astype(np.int64)
    uniques = sorted(set(labels), key=str)
    index = {label: i for i, label in enumerate(uniques)}
    codes = np.fromiter(map(index.__getitem__, labels), dtype=np.int64, count=len(labels))
    return [str(label) for label in uniques], codes


def _stable_order(values: np.ndarray, within: np.ndarray | None = None) -> np.ndarray:
    """Positions sorted by ``values``, ties kept in the order of ``within`` (a prior order). Small
    non-negative integers sort as 16-bit, which numpy sorts by radix in linear time."""
    keyed = values if within is None else values[within]
    if keyed.size and keyed.min() >= 0 and keyed.max() < 65536:
        keyed = keyed.astype(np.uint16)
    order = np.argsort(keyed, kind="stable")
    return order if within is None else within[order]


def _group_stats(key: np.ndarray, enterprise: np.ndarray, pay: np.ndarray, by_pay: np.ndarray,
                 by_enterprise: np.ndarray):
    """Per group of ``key``: counts, largest enterprise's share, five percentiles, mean — all vectorised."""
    order = _stable_order(key, by_pay)  # by key, then pay
    key_sorted, pay_sorted = key[order], pay[order]
    starts = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]])
    counts = np.diff(np.r_[starts, len(key_sorted)])
    # Enterprises per group: runs of one enterprise within a group, in (key, enterprise) order.
    pairs = _stable_order(key, by_enterprise)
    pair_key, pair_enterprise = key[pairs], enterprise[pairs]
    run_starts = np.flatnonzero(np.r_[True, (pair_key[1:] != pair_key[:-1])
                                      | (pair_enterprise[1:] != pair_enterprise[:-1])])
    run_sizes = np.diff(np.r_[run_starts, len(pair_key)])
    run_group = np.searchsorted(starts, run_starts, side="right") - 1
    n_enterprises = np.bincount(run_group, minlength=len(starts))
    top = np.maximum.reduceat(run_sizes, np.searchsorted(run_starts, starts))
    sums = np.add.reduceat(pay_sorted, starts)
    quantiles = []
    for p in PERCENTILES:
        h = (counts - 1) * p
        low = np.floor(h).astype(np.int64)
        high = np.minimum(low + 1, counts - 1)
        below, above = pay_sorted[starts + low], pay_sorted[starts + high]
        quantiles.append(below + (h - low) * (above - below))
    keys, shares, means = key_sorted[starts].tolist(), (top / counts).tolist(), (sums / counts).tolist()
    table = np.column_stack(quantiles).tolist()
    for index, (n_ent, n_work) in enumerate(zip(n_enterprises.tolist(), counts.tolist(), strict=True)):
        yield {"key": keys[index], "fields": {
            "n_enterprises": n_ent, "n_workers": n_work, "top_share": shares[index],
            "percentiles": tuple(table[index]), "mean": means[index],
        }}


def primary_reasons(cell: Cell, thresholds: Thresholds) -> list[str]:
    reasons = []
    if cell.n_enterprises < thresholds.min_enterprises:
        reasons.append(FEW_ENTERPRISES)
    if cell.n_workers < thresholds.min_workers:
        reasons.append(FEW_WORKERS)
    if cell.top_share > thresholds.dominance:
        reasons.append(DOMINANCE)
    if not cell.monotonic:
        reasons.append(NOT_MONOTONIC)
    return reasons


def cells_suppress(cells: list[Cell], thresholds: Thresholds) -> None:
    """Primary suppression by the three thresholds, then complementary suppression (module docstring)."""
    for cell in cells:
        for reason in primary_reasons(cell, thresholds):
            cell.suppress(reason)
    occupation_totals = {c.occupation_code: c for c in cells if c.dimension == BY_OCCUPATION}
    by_occupation: dict[str, list[Cell]] = {}
    for cell in cells:
        if cell.dimension == BY_OCCUPATION_LEVEL:
            by_occupation.setdefault(cell.occupation_code, []).append(cell)
    for code, parts in by_occupation.items():
        total = occupation_totals.get(code)
        if total is None or not total.suppressed:
            _protect_single(parts)
    extra = _protect_single([c for c in cells if c.dimension == BY_OCCUPATION])
    if extra is not None:
        # An occupation total hidden only as a complement would be the sum of its published level cells:
        # hide its smallest level cell too.
        _protect_single(by_occupation.get(extra.occupation_code, []), alone=True)
    _protect_single([c for c in cells if c.dimension == BY_INDUSTRY])


def _protect_single(parts: list[Cell], *, alone: bool = False) -> Cell | None:
    """Hide the smallest shown cell when exactly one of ``parts`` is hidden (or none, with ``alone``)."""
    hidden = [c for c in parts if c.suppressed]
    shown = [c for c in parts if not c.suppressed]
    if shown and (len(hidden) == 1 or (alone and not hidden)):
        smallest = min(shown, key=lambda c: (c.n_workers, c.level or 0, c.occupation_code, c.industry))
        smallest.suppress(COMPLEMENTARY)
        return smallest
    return None


def cell_as_dict(cell: Cell, level_names: dict[int, str]) -> dict:
    """A cell as the command and the JSON download print it: amounts in yuan with two decimals, as text;
    a suppressed cell keeps its counts and reason but no amounts."""
    amounts = {f"p{round(p * 100)}": None if cell.suppressed else str(cell.amount(i))
               for i, p in enumerate(PERCENTILES)}
    return {
        "dimension": cell.dimension,
        "occupation_code": cell.occupation_code or None,
        "industry": cell.industry or None,
        "level": level_names.get(cell.level) if cell.level is not None else None,
        "n_enterprises": cell.n_enterprises,
        "n_workers": cell.n_workers,
        **amounts,
        "mean": None if cell.suppressed else str(yuan(cell.mean)),
        "suppressed": cell.suppressed,
        "reason": cell.reason or None,
    }
