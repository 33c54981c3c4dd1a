"""The promotion rule engine, pure Python: tier + rank/percentile + pass mark → what a contestant earns.

The rules are data (``data/promotion-rules.json``): dated versions, each a table by tier. The version in force on
the event's last day applies, so a result keeps the rule it was earned under when a later version changes it.

- below the pass mark: nothing;
- passed: the certificate of the level the event awards (``level N``), unless the contestant already holds it or
  a higher level (then nothing: the register keeps one certificate per level);
- passed and in the promotion band (rank ≤ ``promote_top_rank`` or percentile ≤ ``promote_top_percent``):
  promotion by one level above the awarded level (capped at 一级/高级技师);
- passed with a medal rank (national, WorldSkills selection): at least ``medal_level``.
"""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "promotion-rules.json"
TOP_LEVEL = 5  # 一级/高级技师: competitions promote no further
TIERS = ("monthly", "city_special", "city_contest", "national", "worldskills")


@dataclass(frozen=True)
class TierRule:
    pass_mark_pct: Decimal
    promote_top_rank: int | None = None
    promote_top_percent: Decimal | None = None
    medal_ranks: int | None = None
    medal_level: int | None = None


@dataclass(frozen=True)
class RuleVersion:
    version: str
    valid_from: date
    source: str
    tiers: dict[str, TierRule]


@dataclass(frozen=True)
class Outcome:
    kind: str  # "certificate", "promotion" or "none"
    level: int | None  # the level granted
    reason: str  # "failed", "already_holds", "passed", "top_band", "medal"
    version: str


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def rules_parse(text: str) -> tuple[RuleVersion, ...]:
    versions = []
    for v in json.loads(text)["versions"]:
        tiers = {}
        for tier, rule in v["tiers"].items():
            if tier not in TIERS:
                raise ValueError(f"unknown tier {tier}")
            tiers[tier] = TierRule(pass_mark_pct=Decimal(str(rule["pass_mark_pct"])),
                                   promote_top_rank=rule.get("promote_top_rank"),
                                   promote_top_percent=_decimal(rule.get("promote_top_percent")),
                                   medal_ranks=rule.get("medal_ranks"), medal_level=rule.get("medal_level"))
        versions.append(RuleVersion(v["version"], date.fromisoformat(v["valid_from"]), v.get("source", ""), tiers))
    return tuple(sorted(versions, key=lambda r: r.valid_from))


_LOADED: list[tuple[RuleVersion, ...]] = []


def rule_versions() -> tuple[RuleVersion, ...]:
    if not _LOADED:
        _LOADED.append(rules_parse(RULES_FILE.read_text(encoding="utf-8")))
    return _LOADED[0]


def rule_in_force(on: date, versions: tuple[RuleVersion, ...] | None = None) -> RuleVersion:
    candidates = [v for v in (versions or rule_versions()) if v.valid_from <= on]
    if not candidates:
        raise LookupError(f"no promotion rules in force on {on}")
    return candidates[-1]


def outcome_for(*, tier: str, awarded_level: int, raw: Decimal, max_marks: Decimal, rank: int, percentile: Decimal,
                current_level: int | None, on: date, versions: tuple[RuleVersion, ...] | None = None) -> Outcome:
    version = rule_in_force(on, versions)
    rule = version.tiers[tier]
    passed = max_marks > 0 and Decimal(raw) * 100 >= rule.pass_mark_pct * Decimal(max_marks)
    if not passed:
        return Outcome("none", None, "failed", version.version)
    level, kind, reason = awarded_level, "certificate", "passed"
    in_band = ((rule.promote_top_rank is not None and rank <= rule.promote_top_rank)
               or (rule.promote_top_percent is not None and percentile <= rule.promote_top_percent))
    if in_band:
        level, kind, reason = min(awarded_level + 1, TOP_LEVEL), "promotion", "top_band"
    if rule.medal_ranks is not None and rank <= rule.medal_ranks and rule.medal_level and rule.medal_level > level:
        level, kind, reason = rule.medal_level, "promotion", "medal"
    if current_level is not None and current_level >= level:
        return Outcome("none", None, "already_holds", version.version)
    return Outcome(kind, level, reason, version.version)
