"""Who may do what: each role's capabilities as data, checked by one function (``jineng.core.capabilities``).

Roles are known here only. Apps declare their own capabilities with ``held_by(Role…)`` and record predicates;
everything else asks ``user_can(user, "<app>.<capability>"[, record])`` and never looks at a role.
"""

from collections.abc import Callable

import rules

from jineng.accounts.choices import Role
from jineng.core import capabilities
from jineng.core.capabilities import capabilities_declare

OFFICE = Role.PROGRAMME_OFFICER
LEADER = Role.LEADER
DEPARTMENT = Role.DEPARTMENT_OFFICER
DISTRICT = Role.DISTRICT_OFFICER
ENTERPRISE = Role.ENTERPRISE_USER
INSTITUTION = Role.INSTITUTION_USER
EVALUATOR = Role.EVALUATOR
WORKER = Role.WORKER  # a person's own account: sees and claims only for themself
GOVERNMENT = (OFFICE, LEADER, DEPARTMENT, DISTRICT)


def held_by(*roles: Role) -> rules.Predicate:
    """The predicate "the user's role is one of these" — the only place a role is compared."""
    wanted = frozenset(roles)

    def has_role(user) -> bool:
        return getattr(user, "is_authenticated", False) and user.role in wanted

    return rules.Predicate(has_role, name="held_by(" + ",".join(sorted(wanted)) + ")")


# The platform's own capabilities (the desk and monthly reports use them; apps declare theirs in their permissions).
SEE_WHOLE_CITY = "accounts.see_whole_city"
USE_DESK = "accounts.use_desk"
MANAGE_PLAN = "accounts.manage_plan"
REVIEW_REPORTS = "accounts.review_reports"
SUBMIT_REPORTS = "accounts.submit_reports"
REVEAL_RESIDENT_IDS = "accounts.reveal_resident_ids"  # see a full resident ID (each view is logged)
ACT_FOR_SELF = "accounts.act_for_self"  # a worker's own account: their own records and claims, nobody else's

ROLES_BY_CAPABILITY: dict[str, tuple[Role, ...]] = {
    "see_whole_city": (OFFICE, LEADER),
    "use_desk": GOVERNMENT,
    "manage_plan": (OFFICE,),
    "review_reports": (OFFICE,),
    "submit_reports": (DEPARTMENT, DISTRICT),
    "reveal_resident_ids": (OFFICE, DISTRICT),
    "act_for_self": (WORKER,),
}

capabilities_declare("accounts", {name: held_by(*roles) for name, roles in ROLES_BY_CAPABILITY.items()})

# Declared by their apps; the names stay here for the pages that ask them by constant.
SUPERVISE_TRAINING = "training.supervise"  # institutions, classes, risk findings, ratings (district-scoped)
RUN_TRAINING = "training.run"  # an institution's own classes, imports and claims
REVIEW_CLAIMS = "subsidies.review_claim"  # check and approve subsidy claims (district-scoped)
PAY_CLAIMS = "subsidies.pay_claims"  # payment batches (city)
CLAIM_SUBSIDIES = "subsidies.submit_claim"  # submit subsidy claims (institutions on trainees' behalf, enterprises)


def user_can(user, capability: str, record=None) -> bool:
    return capabilities.user_can(user, capability, record)


def can(capability: str) -> Callable[..., bool]:
    """The rule "the user has this capability", for ``core.views.require``."""
    return capabilities.can(capability)


def user_district_id(user) -> int | None:
    """The district a user's organisation sits in (district governments always have one)."""
    if not getattr(user, "is_authenticated", False) or not user.organisation_id:
        return None
    return user.organisation.district_id
