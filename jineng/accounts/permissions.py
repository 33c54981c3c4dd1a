"""Who may do what: permissions as data (role -> capabilities), checked by one function."""

from jineng.accounts.choices import Role

SEE_WHOLE_CITY = "see_whole_city"
REVIEW_REPORTS = "review_reports"
MANAGE_PLAN = "manage_plan"
SUBMIT_REPORTS = "submit_reports"
USE_DESK = "use_desk"
REVEAL_RESIDENT_IDS = "reveal_resident_ids"  # see a full resident ID (each view is logged)
SUPERVISE_TRAINING = "supervise_training"  # institutions, classes, risk findings, ratings (district-scoped)
REVIEW_CLAIMS = "review_claims"  # check and approve subsidy claims (district-scoped)
PAY_CLAIMS = "pay_claims"  # payment batches (city)
RUN_TRAINING = "run_training"  # an institution's own classes, imports and claims
CLAIM_SUBSIDIES = "claim_subsidies"  # submit subsidy claims (institutions on trainees' behalf, enterprises)

CAPABILITIES: dict[Role, frozenset[str]] = {
    Role.PROGRAMME_OFFICER: frozenset({
        SEE_WHOLE_CITY, REVIEW_REPORTS, MANAGE_PLAN, USE_DESK,
        REVEAL_RESIDENT_IDS, SUPERVISE_TRAINING, REVIEW_CLAIMS, PAY_CLAIMS,
    }),
    Role.LEADER: frozenset({SEE_WHOLE_CITY, USE_DESK, SUPERVISE_TRAINING}),
    Role.DEPARTMENT_OFFICER: frozenset({SUBMIT_REPORTS, USE_DESK}),
    Role.DISTRICT_OFFICER: frozenset({SUBMIT_REPORTS, USE_DESK, REVEAL_RESIDENT_IDS, SUPERVISE_TRAINING, REVIEW_CLAIMS}),
    Role.ENTERPRISE_USER: frozenset({CLAIM_SUBSIDIES}),
    Role.INSTITUTION_USER: frozenset({RUN_TRAINING, CLAIM_SUBSIDIES}),
    Role.EVALUATOR: frozenset(),
    Role.NONE: frozenset(),
}


def user_can(user, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return capability in CAPABILITIES[user.role]


def can(capability: str):
    """The rule "the user has this capability", for ``core.views.require``."""
    return lambda user: user_can(user, capability)
