"""Eligibility rules as data, evaluated into reasons an applicant can read.

A rule set is versioned and dated (``valid_from``); each rule is a kind with parameters, as stored in
``awards/data/rule-sets.json``. ``evaluate`` answers every rule, passed or not, so the page shows the whole check.
The reasons carry a code and parameters; the Django layer turns them into sentences in the user's language.

Rule kinds:

- ``leader_honour_or_earlier_funding``: the leader holds one of ``honours`` or was a chief technician funded in a
  round up to ``funded_by_year`` and is still employed by the applicant;
- ``not_funded_before``: the applicant (a studio, a base) was not funded in an earlier round;
- ``min_level``: the leader's skill level is at least ``level`` (1 五级 … 5 一级/高级技师);
- ``matching_funds``: the employer declares matching funds of at least ``amount`` yuan;
- ``district_lead``: the project is led by a district government (揭榜挂帅).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

KINDS = ("leader_honour_or_earlier_funding", "not_funded_before", "min_level", "matching_funds", "district_lead")


class RuleSetInvalid(ValueError):
    """A rule set that cannot be evaluated (unknown kind, missing or bad parameter)."""


@dataclass(frozen=True)
class Rule:
    kind: str
    params: tuple[tuple[str, object], ...] = ()

    def param(self, name: str, default: object = None) -> object:
        return dict(self.params).get(name, default)


@dataclass(frozen=True)
class RuleSet:
    code: str
    version: int
    valid_from: date
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Facts:
    """What the application says about itself and what the register knows about earlier rounds."""

    leader_honours: frozenset[str] = frozenset()
    leader_level: int | None = None
    leader_funded_chief_year: int | None = None  # the round in which the leader was funded as a chief technician
    leader_still_employed: bool = True
    funded_before_year: int | None = None  # the applicant's studio/base was funded in this round
    matching_declared: Decimal = Decimal(0)
    led_by_district: bool = False


@dataclass(frozen=True)
class Reason:
    code: str  # the rule kind
    ok: bool
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    reasons: tuple[Reason, ...]

    @property
    def failures(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if not r.ok)


def rule_set_parse(data: dict) -> RuleSet:
    """A rule set from its stored form; ``RuleSetInvalid`` names what is wrong."""
    try:
        valid_from = date.fromisoformat(str(data["valid_from"]))
        rules = tuple(_rule_parse(item) for item in data["rules"])
        return RuleSet(code=str(data["code"]), version=int(data["version"]), valid_from=valid_from, rules=rules)
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleSetInvalid(str(exc)) from exc


def _rule_parse(item: dict) -> Rule:
    kind = item["kind"]
    if kind not in KINDS:
        raise RuleSetInvalid(f"unknown rule kind {kind!r}")
    params = {k: v for k, v in item.items() if k != "kind"}
    if kind == "min_level" and int(params["level"]) not in range(1, 6):
        raise RuleSetInvalid("level must be 1..5")
    if kind == "matching_funds":
        try:
            Decimal(str(params["amount"]))
        except InvalidOperation as exc:
            raise RuleSetInvalid("amount must be a number") from exc
    if kind == "leader_honour_or_earlier_funding":
        params["honours"] = tuple(params.get("honours", ()))
    return Rule(kind=kind, params=tuple(sorted(params.items())))


def evaluate(rule_set: RuleSet, facts: Facts) -> Verdict:
    reasons = tuple(_CHECKS[rule.kind](rule, facts) for rule in rule_set.rules)
    return Verdict(eligible=all(r.ok for r in reasons), reasons=reasons)


def _honour_or_funding(rule: Rule, facts: Facts) -> Reason:
    honours = tuple(rule.param("honours", ()))
    held = [h for h in honours if h in facts.leader_honours]
    by_year = rule.param("funded_by_year")
    funded = (facts.leader_funded_chief_year is not None and by_year is not None
              and facts.leader_funded_chief_year <= int(by_year) and facts.leader_still_employed)
    return Reason("leader_honour_or_earlier_funding", bool(held) or funded,
                  {"honours": honours, "held": tuple(held), "funded_by_year": by_year,
                   "funded_year": facts.leader_funded_chief_year, "still_employed": facts.leader_still_employed})


def _not_funded_before(rule: Rule, facts: Facts) -> Reason:
    return Reason("not_funded_before", facts.funded_before_year is None, {"funded_year": facts.funded_before_year})


def _min_level(rule: Rule, facts: Facts) -> Reason:
    level = int(rule.param("level"))
    return Reason("min_level", facts.leader_level is not None and facts.leader_level >= level,
                  {"level": level, "actual": facts.leader_level})


def _matching_funds(rule: Rule, facts: Facts) -> Reason:
    amount = Decimal(str(rule.param("amount")))
    return Reason("matching_funds", facts.matching_declared >= amount,
                  {"amount": amount, "declared": facts.matching_declared})


def _district_lead(rule: Rule, facts: Facts) -> Reason:
    return Reason("district_lead", facts.led_by_district, {})


_CHECKS = {
    "leader_honour_or_earlier_funding": _honour_or_funding,
    "not_funded_before": _not_funded_before,
    "min_level": _min_level,
    "matching_funds": _matching_funds,
    "district_lead": _district_lead,
}
