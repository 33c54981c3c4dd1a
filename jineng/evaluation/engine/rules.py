"""The pass rule of an evaluation item, who approves its results, and the re-examination sample. Pure Python.

Pass rule (docs/evaluation.md): every score is 0–100 with at most one decimal, and a part passes at 60.

- Levels 5, 4 and 3 (初级工, 中级工, 高级工): theory and practical are required; both ≥ 60.
- Levels 2 and 1 (技师, 高级技师): theory, practical and the comprehensive review (综合评审) are required;
  each ≥ 60.
- Special-competence items (专项职业能力, no level): the practical is required (≥ 60); a theory score, when the
  item has one, must be ≥ 60 too.

A required part without a score fails. Approval: the body approves every result; levels 2 and 1 then need the
district's approval as well (技师 and 高级技师 certificates are high-skill titles the district vouches for).
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

PASS_MARK = Decimal(60)
MAX_SCORE = Decimal(100)
# SkillLevel values (occupations.choices): 1 = 五级 … 5 = 一级
LEVELS_NEEDING_DISTRICT = frozenset({4, 5})
LEVELS_WITH_COMPREHENSIVE = frozenset({4, 5})
THEORY, PRACTICAL, COMPREHENSIVE = "theory", "practical", "comprehensive"


@dataclass(frozen=True)
class PassRule:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def passes(self, scores: dict[str, Decimal | None]) -> bool:
        for part in self.required:
            value = scores.get(part)
            if value is None or value < PASS_MARK:
                return False
        return all(scores.get(part) is None or scores[part] >= PASS_MARK for part in self.optional)


def pass_rule(level: int | None) -> PassRule:
    """The rule of an item at ``level`` (None: a special-competence item)."""
    if level is None:
        return PassRule(required=(PRACTICAL,), optional=(THEORY,))
    if level in LEVELS_WITH_COMPREHENSIVE:
        return PassRule(required=(THEORY, PRACTICAL, COMPREHENSIVE))
    return PassRule(required=(THEORY, PRACTICAL))


def result_passes(level: int | None, *, theory: Decimal | None, practical: Decimal | None,
                  comprehensive: Decimal | None) -> bool:
    return pass_rule(level).passes({THEORY: theory, PRACTICAL: practical, COMPREHENSIVE: comprehensive})


def needs_district_approval(level: int | None) -> bool:
    return level in LEVELS_NEEDING_DISTRICT


def score_parse(text: str) -> Decimal | None:
    """A score as typed: "" is none; otherwise 0–100 with at most one decimal, else ``ValueError``."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or value < 0 or value > MAX_SCORE or value != value.quantize(Decimal("0.1")):
        raise ValueError(text)
    return value.quantize(Decimal("0.1"))


def sample_for_reexamination(ids: Sequence[int], *, rate: float, seed: str, minimum: int = 1) -> list[int]:
    """A reproducible random sample of ``rate`` of ``ids`` (at least ``minimum`` when there are any), sorted."""
    if not ids:
        return []
    if not 0 < rate <= 1:
        raise ValueError("rate must be in (0, 1]")
    size = min(len(ids), max(minimum, round(len(ids) * rate)))
    return sorted(random.Random(seed).sample(sorted(ids), size))
