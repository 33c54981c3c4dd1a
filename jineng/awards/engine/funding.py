"""Funding tracking: the grant, the employer's matching funds, spending over the funding period, recovery.

Spending is recorded by category and source (the grant or the matching funds). Grant spending counts when its
category is one the call allows and its date lies in the funding period; any other grant spending is misused.
Grant spending beyond the grant is the employer's own money. At the final assessment (or once the period is over)
the unspent grant and the misused amount are to be recovered; before that only the misused amount is.
Matching funds count when evidenced; the shortfall is what the rule requires beyond the evidenced amount.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

GRANT = "grant"
MATCHING = "matching"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Spend:
    category: str
    source: str  # GRANT or MATCHING
    amount: Decimal
    spent_on: date


@dataclass(frozen=True)
class Matching:
    amount: Decimal
    evidenced: bool


@dataclass(frozen=True)
class Position:
    grant: Decimal
    matching_required: Decimal
    matching_declared: Decimal
    matching_evidenced: Decimal
    matching_shortfall: Decimal
    grant_spent: Decimal  # allowed, in period, up to the grant
    grant_overspent: Decimal  # allowed spending beyond the grant (the employer's own)
    misused: Decimal
    matching_spent: Decimal
    unspent: Decimal
    recovery_due: Decimal
    by_category: dict[str, Decimal] = field(default_factory=dict)  # allowed grant and matching spending
    closed: bool = False


def position(*, grant: Decimal, matching_required: Decimal, matching: Iterable[Matching], spending: Iterable[Spend],
             allowed_categories: Iterable[str], period_start: date, period_end: date, as_of: date,
             final_assessed: bool = False) -> Position:
    allowed = frozenset(allowed_categories)
    matching = list(matching)
    declared = sum((m.amount for m in matching), ZERO)
    evidenced = sum((m.amount for m in matching if m.evidenced), ZERO)
    grant_allowed, misused, matching_spent, by_category = ZERO, ZERO, ZERO, {}
    for spend in sorted(spending, key=lambda s: (s.spent_on, s.category)):
        proper = spend.category in allowed and period_start <= spend.spent_on <= period_end
        if spend.source == GRANT and not proper:
            misused += spend.amount
            continue
        if spend.source == GRANT:
            grant_allowed += spend.amount
        else:
            matching_spent += spend.amount
        by_category[spend.category] = by_category.get(spend.category, ZERO) + spend.amount
    grant_spent = min(grant_allowed, max(grant - misused, ZERO))
    overspent = grant_allowed - grant_spent
    unspent = max(grant - grant_spent - misused, ZERO)
    closed = final_assessed or as_of > period_end
    return Position(
        grant=grant, matching_required=matching_required, matching_declared=declared, matching_evidenced=evidenced,
        matching_shortfall=max(matching_required - evidenced, ZERO), grant_spent=grant_spent,
        grant_overspent=overspent, misused=misused, matching_spent=matching_spent, unspent=unspent,
        recovery_due=min(grant, misused + (unspent if closed else ZERO)), by_category=dict(sorted(by_category.items())),
        closed=closed,
    )
