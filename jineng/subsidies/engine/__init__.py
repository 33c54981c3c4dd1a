"""The subsidy engine: pure Python, frozen dataclasses in and out (no Django).

``quote(case, parameters)`` computes an amount with its trace; ``claim_checks(facts, parameters)`` runs the
automatic checks. The services gather cases and facts from the database and store what comes out.
"""

from jineng.subsidies.engine.checks import claim_checks, failures
from jineng.subsidies.engine.contracts import (
    Case,
    CheckResult,
    ClaimFacts,
    Membership,
    Parameter,
    PriorClaim,
    Quote,
    QuoteError,
    Step,
)
from jineng.subsidies.engine.rules import RULES, parameters_in_force, quote, register_rule

__all__ = [
    "RULES", "Case", "CheckResult", "ClaimFacts", "Membership", "Parameter", "PriorClaim", "Quote", "QuoteError",
    "Step", "claim_checks", "failures", "parameters_in_force", "quote", "register_rule",
]
