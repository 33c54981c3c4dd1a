"""Who sees, submits, reviews and pays which subsidy claims.

Claimant organisations (institutions on their trainees' behalf, enterprises) see their own claims; a worker the
claims about themself (filing their own personal claims from their own training records); district
officers the claims of their district; city departments, read-only, the claims of the plan tasks they lead (by
scheme, institution kind or industry, ``accounts/data/department-scopes.csv``); the programme office and leadership
all. The programme office reviews any claim and a district officer those of their district; only the programme
office pays and sets parameters.
"""

import rules
from django.db.models import Q

from jineng.accounts.department_scopes import department_scopes, leads_records
from jineng.accounts.permissions import (
    DEPARTMENT,
    DISTRICT,
    ENTERPRISE,
    EVALUATOR,
    INSTITUTION,
    LEADER,
    OFFICE,
    WORKER,
    held_by,
    user_can,
    user_district_id,
)
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare
from jineng.subsidies.models import Claim, Payment


def _claim_in_reviewer_district(user, claim) -> bool:
    return claim.district_id is not None and claim.district_id == user_district_id(user)


def _own_claim(user, claim) -> bool:
    return claim.claimant_organisation_id is not None and claim.claimant_organisation_id == user.organisation_id


capabilities_declare("subsidies", {
    "quote": rules.is_authenticated,
    # Whose claims a user sees: one of these four decides the scope (see ``claim_scope``).
    "see_all": held_by(OFFICE, LEADER),
    "see_district": held_by(DISTRICT),
    "see_own": held_by(INSTITUTION, ENTERPRISE),
    "see_led_tasks": held_by(DEPARTMENT) & leads_records("subsidies"),
    "see_claims": held_by(OFFICE, LEADER, DISTRICT, INSTITUTION, ENTERPRISE)
    | (held_by(DEPARTMENT) & leads_records("subsidies")),
    "submit_claim": held_by(INSTITUTION, ENTERPRISE),
    "claim_for_trainees": held_by(INSTITUTION),  # on a trainee's behalf, from a completed enrolment
    "claim_as_employer": held_by(ENTERPRISE),  # apprentices and employees' training
    "claim_for_self": held_by(WORKER),  # a worker's personal claim, from their own completed training record
    "see_for_self": held_by(WORKER),  # a worker sees the claims about themself, whoever filed them
    "withdraw_claim": held_by(INSTITUTION, ENTERPRISE) & on_record(_own_claim),
    "review_claim": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_claim_in_reviewer_district)),
    "pay_claims": held_by(OFFICE),
    "recheck_claim": held_by(OFFICE, EVALUATOR),  # a certificate suspended or revoked: open claims on it
    "manage_parameters": held_by(OFFICE),
})


def _claim_scope(user, prefix: str) -> Q:
    if user_can(user, "subsidies.see_all"):
        return Q()
    if user_can(user, "subsidies.see_own"):
        return Q(**{f"{prefix}claimant_organisation_id": user.organisation_id})
    if user_can(user, "subsidies.see_for_self"):
        return Q(**{f"{prefix}person_id": user.person_id}) if user.person_id else NOTHING
    if user_can(user, "subsidies.see_district"):
        district_id = user_district_id(user)
        return Q(**{f"{prefix}district_id": district_id}) if district_id else NOTHING
    if user_can(user, "subsidies.see_led_tasks"):
        scopes = department_scopes(user, "subsidies")
        klass = f"{prefix}enrolment__training_class__"
        return (Q(**{f"{prefix}scheme__code__in": sorted(scopes.get("scheme", ()))})
                | Q(**{f"{klass}institution__kind__in": sorted(scopes.get("institution_kind", ()))})
                | Q(**{f"{klass}project__industry__code__in": sorted(scopes.get("industry", ()))}))
    return NOTHING


def claim_scope(user) -> Q:
    return _claim_scope(user, "")


def payment_scope(user) -> Q:
    """Payments follow their claims."""
    return _claim_scope(user, "claim__")


scope_declare(Claim, claim_scope)
scope_declare(Payment, payment_scope)


def can_quote(user) -> bool:
    return user_can(user, "subsidies.quote")


def can_submit(user) -> bool:
    return user_can(user, "subsidies.submit_claim")


def can_see_claims(user) -> bool:
    return user_can(user, "subsidies.see_claims")


def can_review_any(user) -> bool:
    return user_can(user, "subsidies.review_claim")


def can_pay(user) -> bool:
    return user_can(user, "subsidies.pay_claims")


def can_manage_parameters(user) -> bool:
    return user_can(user, "subsidies.manage_parameters")


def is_claimant(user) -> bool:
    return user_can(user, "subsidies.submit_claim")


def claims_for_trainees(user) -> bool:
    return user_can(user, "subsidies.claim_for_trainees")


def can_review(user, claim) -> bool:
    return user_can(user, "subsidies.review_claim", claim)


def can_withdraw(user, claim) -> bool:
    return user_can(user, "subsidies.withdraw_claim", claim)
