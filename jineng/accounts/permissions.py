"""Who may do what: permissions as data (role -> capabilities), checked by one function."""

from jineng.accounts.choices import Role

SEE_WHOLE_CITY = "see_whole_city"
REVIEW_REPORTS = "review_reports"
MANAGE_PLAN = "manage_plan"
SUBMIT_REPORTS = "submit_reports"
USE_DESK = "use_desk"

CAPABILITIES: dict[Role, frozenset[str]] = {
    Role.PROGRAMME_OFFICER: frozenset({SEE_WHOLE_CITY, REVIEW_REPORTS, MANAGE_PLAN, USE_DESK}),
    Role.LEADER: frozenset({SEE_WHOLE_CITY, USE_DESK}),
    Role.DEPARTMENT_OFFICER: frozenset({SUBMIT_REPORTS, USE_DESK}),
    Role.DISTRICT_OFFICER: frozenset({SUBMIT_REPORTS, USE_DESK}),
    Role.ENTERPRISE_USER: frozenset(),
    Role.INSTITUTION_USER: frozenset(),
    Role.EVALUATOR: frozenset(),
    Role.NONE: frozenset(),
}


def user_can(user, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return capability in CAPABILITIES[user.role]
