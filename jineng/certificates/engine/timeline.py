"""A certificate's status on a given day, from its recorded changes (pure: no Django).

Each change is in force from its ``effective_on`` day until the next one; on a day with several changes the one
recorded last wins (suspended and reinstated the same day: valid at the end of it). Before the first change the
certificate is valid as issued. So a certificate suspended from D1 and reinstated from D2 was suspended on the
days D1 ≤ day < D2 and valid before and after; revoked from D3, it is revoked from D3 on.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

VALID = "valid"


@dataclass(frozen=True)
class Change:
    effective_on: date
    status: str
    reason: str = ""
    sequence: int = 0  # the order of recording (the row's id): breaks ties between changes of one day


def change_in_force(changes: Iterable[Change], day: date) -> Change | None:
    """The change in force on ``day``, or ``None`` when none is (valid as issued)."""
    current = None
    for change in changes:
        if change.effective_on <= day and (current is None or (change.effective_on, change.sequence)
                                           > (current.effective_on, current.sequence)):
            current = change
    return current


def status_on(changes: Iterable[Change], day: date) -> str:
    change = change_in_force(changes, day)
    return VALID if change is None else change.status
