"""Who sees, submits, reviews and pays which subsidy claims.

Claimant organisations (institutions on their trainees' behalf, enterprises) see their own claims; district
officers the claims of their district; the programme office and leadership all. The programme office reviews
any claim and a district officer those of their district; only the programme office pays and sets parameters.
"""

from django.db.models import Q

from jineng.accounts import permissions
from jineng.accounts.choices import Role

CLAIMANT_ROLES = (Role.INSTITUTION_USER, Role.ENTERPRISE_USER)


def _authenticated(user) -> bool:
    return getattr(user, "is_authenticated", False)


def can_quote(user) -> bool:
    return _authenticated(user)


def can_submit(user) -> bool:
    return permissions.user_can(user, permissions.CLAIM_SUBSIDIES)


def can_see_claims(user) -> bool:
    return any(permissions.user_can(user, cap) for cap in (
        permissions.CLAIM_SUBSIDIES, permissions.REVIEW_CLAIMS, permissions.PAY_CLAIMS, permissions.SUPERVISE_TRAINING,
    ))


def can_review_any(user) -> bool:
    return permissions.user_can(user, permissions.REVIEW_CLAIMS)


def can_pay(user) -> bool:
    return permissions.user_can(user, permissions.PAY_CLAIMS)


def can_manage_parameters(user) -> bool:
    return permissions.user_can(user, permissions.PAY_CLAIMS)


def is_claimant(user) -> bool:
    return _authenticated(user) and user.role in CLAIMANT_ROLES


def claim_scope(user, *, prefix: str = "") -> Q:
    """A filter on Claim (or, with a prefix such as "claim__", on related rows) to what the user may see."""
    nothing = Q(pk__in=[])
    if not can_see_claims(user) or not user.organisation_id:
        return nothing
    if permissions.user_can(user, permissions.SEE_WHOLE_CITY):
        return Q()
    if is_claimant(user):
        return Q(**{f"{prefix}claimant_organisation_id": user.organisation_id})
    if user.role == Role.DISTRICT_OFFICER and user.organisation.district_id:
        return Q(**{f"{prefix}district_id": user.organisation.district_id})
    return nothing


def can_review(user, claim) -> bool:
    if not can_review_any(user):
        return False
    if permissions.user_can(user, permissions.SEE_WHOLE_CITY):
        return True
    return bool(user.organisation.district_id) and claim.district_id == user.organisation.district_id


def can_withdraw(user, claim) -> bool:
    return is_claimant(user) and claim.claimant_organisation_id == user.organisation_id
