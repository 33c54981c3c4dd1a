"""The monthly competition plan as published versions, pure Python: what changed between two versions.

A version is a snapshot of the plan's events (``EventLine``, keyed by the event's code). Between an earlier and a
later version an event is *added* (new code), *cancelled* (gone, or marked cancelled in the later one), or *moved*
(its dates, district or venue changed); everything else is unchanged.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class EventLine:
    code: str
    title: str
    start: date
    end: date
    district: str  # district code
    venue: str
    cancelled: bool = False

    def as_json(self) -> dict:
        row = asdict(self)
        row["start"], row["end"] = self.start.isoformat(), self.end.isoformat()
        return row

    @classmethod
    def from_json(cls, row: dict) -> "EventLine":
        return cls(row["code"], row["title"], date.fromisoformat(row["start"]), date.fromisoformat(row["end"]),
                   row["district"], row.get("venue", ""), bool(row.get("cancelled", False)))


@dataclass(frozen=True)
class Move:
    before: EventLine
    after: EventLine
    what: tuple[str, ...]  # "dates", "district", "venue"


@dataclass(frozen=True)
class PlanDiff:
    added: list[EventLine] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)
    cancelled: list[EventLine] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.moved or self.cancelled)


def plan_diff(before: Iterable[EventLine], after: Iterable[EventLine]) -> PlanDiff:
    old = {e.code: e for e in before if not e.cancelled}
    new = {e.code: e for e in after}
    diff = PlanDiff()
    for code, line in sorted(new.items()):
        previous = old.get(code)
        if line.cancelled:
            if previous is not None:
                diff.cancelled.append(line)
            continue
        if previous is None:
            diff.added.append(line)
            continue
        what = tuple(name for name, changed in (
            ("dates", (previous.start, previous.end) != (line.start, line.end)),
            ("district", previous.district != line.district),
            ("venue", previous.venue != line.venue),
        ) if changed)
        if what:
            diff.moved.append(Move(previous, line, what))
    diff.cancelled.extend(old[code] for code in sorted(set(old) - set(new)))
    return diff
