"""The SOE commitments as facts (items 12 and 34 of the 2024 plan); pure Python.

Item 12: a municipal SOE group's new high-skilled workers as a share of its skilled workers must be *higher*
than the city's share. Item 34: high-skilled workers' average pay growth must be *no lower* than managers'
— per enterprise, and per group with each growth weighted by the headcount it describes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PERCENT = Decimal("0.01")


@dataclass(frozen=True)
class EnterpriseFigures:
    enterprise: str  # a label: name or credit code
    group: str  # "" for enterprises outside a municipal group
    skilled: int
    new_high_skilled: int
    high_skilled: int
    managers: int
    high_skilled_growth: Decimal  # percent
    manager_growth: Decimal  # percent


@dataclass(frozen=True)
class ShareComparison:  # item 12
    group: str
    skilled: int
    new_high_skilled: int
    share: Decimal | None  # percent
    city_share: Decimal | None
    meets: bool | None  # None when either share is unknown


@dataclass(frozen=True)
class GrowthComparison:  # item 34
    name: str
    high_skilled_growth: Decimal | None
    manager_growth: Decimal | None
    meets: bool | None


def percent(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(PERCENT, rounding=ROUND_HALF_UP)


def share_by_group(figures: Iterable[EnterpriseFigures], *, city_skilled: int,
                   city_new_high_skilled: int) -> list[ShareComparison]:
    totals: dict[str, list[int]] = {}
    for f in figures:
        if f.group:
            pair = totals.setdefault(f.group, [0, 0])
            pair[0] += f.skilled
            pair[1] += f.new_high_skilled
    city = percent(city_new_high_skilled, city_skilled)
    rows = []
    for group, (skilled, new) in sorted(totals.items()):
        share = percent(new, skilled)
        meets = None if share is None or city is None else share > city
        rows.append(ShareComparison(group=group, skilled=skilled, new_high_skilled=new, share=share,
                                    city_share=city, meets=meets))
    return rows


def growth_by_enterprise(figures: Iterable[EnterpriseFigures]) -> list[GrowthComparison]:
    return [GrowthComparison(name=f.enterprise, high_skilled_growth=f.high_skilled_growth,
                             manager_growth=f.manager_growth,
                             meets=f.high_skilled_growth >= f.manager_growth)
            for f in sorted(figures, key=lambda f: f.enterprise)]


def growth_by_group(figures: Iterable[EnterpriseFigures]) -> list[GrowthComparison]:
    """Each group's growths as headcount-weighted means (high-skilled workers, managers)."""
    sums: dict[str, list[Decimal]] = {}
    for f in figures:
        if not f.group:
            continue
        acc = sums.setdefault(f.group, [Decimal(0)] * 4)
        acc[0] += f.high_skilled_growth * f.high_skilled
        acc[1] += f.high_skilled
        acc[2] += f.manager_growth * f.managers
        acc[3] += f.managers
    rows = []
    for group, (hs_sum, hs_n, m_sum, m_n) in sorted(sums.items()):
        hs = (hs_sum / hs_n).quantize(PERCENT, rounding=ROUND_HALF_UP) if hs_n else None
        m = (m_sum / m_n).quantize(PERCENT, rounding=ROUND_HALF_UP) if m_n else None
        rows.append(GrowthComparison(name=group, high_skilled_growth=hs, manager_growth=m,
                                     meets=None if hs is None or m is None else hs >= m))
    return rows
