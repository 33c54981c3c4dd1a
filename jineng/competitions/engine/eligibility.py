"""Who may enter an event, pure Python: the reasons a registration is refused (empty = eligible)."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Entry:
    birth_date: date
    held_levels: tuple[int, ...]  # levels of the person's valid certificates in this occupation
    other_windows: tuple[tuple[date, date], ...]  # registration windows of the person's other one-per-window events


@dataclass(frozen=True)
class Conditions:
    event_start: date
    awarded_level: int
    min_age: int | None = None
    max_age: int | None = None
    min_current_level: int | None = None  # the level a contestant must already hold
    one_per_window: bool = False
    window: tuple[date, date] | None = None


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _overlaps(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def refusals(entry: Entry, rules: Conditions) -> list[str]:
    """Codes: "too_young", "too_old", "level_missing", "already_holds", "one_per_window"."""
    reasons = []
    age = age_on(entry.birth_date, rules.event_start)
    if rules.min_age is not None and age < rules.min_age:
        reasons.append("too_young")
    if rules.max_age is not None and age > rules.max_age:
        reasons.append("too_old")
    best = max(entry.held_levels, default=None)
    if rules.min_current_level is not None and (best is None or best < rules.min_current_level):
        reasons.append("level_missing")
    if best is not None and best >= rules.awarded_level:
        reasons.append("already_holds")
    if rules.one_per_window and rules.window and any(_overlaps(rules.window, w) for w in entry.other_windows):
        reasons.append("one_per_window")
    return reasons
