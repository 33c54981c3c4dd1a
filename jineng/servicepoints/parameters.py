"""The dated reach parameters (speed, detour factor and its band, confidence, source) from
``data/reach-parameters.csv``; docs/servicepoints.md gives the sources and the confidence of each value.

A new value is a new row with its own ``valid_from``; the row in force on a day is the latest one not after it.
"""

import csv
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.utils import timezone

from jineng.core.exceptions import DomainError
from jineng.servicepoints.engine.reach import ReachParameters

DATA = Path(__file__).resolve().parent / "data" / "reach-parameters.csv"


@lru_cache(maxsize=1)
def parameter_rows() -> tuple[ReachParameters, ...]:
    with DATA.open(encoding="utf-8") as handle:
        return tuple(
            ReachParameters(mode=row["mode"], speed_kmh=float(row["speed_kmh"]),
                            detour_factor=float(row["detour_factor"]), detour_low=float(row["detour_low"]),
                            detour_high=float(row["detour_high"]), valid_from=date.fromisoformat(row["valid_from"]),
                            source=row["source"], confidence=row["confidence"])
            for row in csv.DictReader(handle))


def reach_parameters(mode: str, *, on_date: date | None = None) -> ReachParameters:
    """The parameters of ``mode`` in force on ``on_date`` (today by default)."""
    from django.utils.translation import gettext

    on_date = on_date or timezone.localdate()
    rows = [row for row in parameter_rows() if row.mode == mode and row.valid_from <= on_date]
    if not rows:
        raise DomainError(gettext("没有 {mode} 方式在 {date} 适用的测算参数").format(mode=mode, date=on_date))
    return max(rows, key=lambda row: row.valid_from)
