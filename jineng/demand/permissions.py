"""Who sees and reviews which demand reports.

Enterprises see their own; city departments the reports of the industries mapped to them (IndustryDepartment);
districts the reports of enterprises in their district, read-only; the programme office and leadership all.
Departments and districts see a report once it has been submitted (drafts are the enterprise's own work).
The programme office reviews any report, a department the reports of its industries.
"""

from django.db.models import Q

from jineng.accounts import permissions
from jineng.accounts.choices import Role
from jineng.demand.choices import EDITABLE_STATES, ReportState
from jineng.demand.models import DemandReport, IndustryDepartment


def is_enterprise_user(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.role == Role.ENTERPRISE_USER


def can_see_reports(user) -> bool:
    return is_enterprise_user(user) or permissions.user_can(user, permissions.USE_DESK)


def can_analyse(user) -> bool:
    """The analysis pages: every government role, each within its own scope."""
    return permissions.user_can(user, permissions.USE_DESK)


def can_manage(user) -> bool:
    """Campaigns, ranking weights and picks for the catalogue: the programme office."""
    return permissions.user_can(user, permissions.MANAGE_PLAN)


def reviewed_industry_ids(user) -> set[int]:
    if not getattr(user, "organisation_id", None):
        return set()
    return set(IndustryDepartment.objects.filter(organisation_id=user.organisation_id).values_list("industry_id", flat=True))


def report_scope(user, *, prefix: str = "") -> Q:
    """A filter on DemandReport (or, with prefix "report__", on its lines) to what the user may see."""
    nothing = Q(pk__in=[])
    if not getattr(user, "is_authenticated", False) or not user.organisation_id:
        return nothing
    if permissions.user_can(user, permissions.SEE_WHOLE_CITY):
        return Q()
    if user.role == Role.ENTERPRISE_USER:
        return Q(**{f"{prefix}enterprise_id": user.organisation_id})
    handed_in = ~Q(**{f"{prefix}state": ReportState.DRAFT})
    if user.role == Role.DEPARTMENT_OFFICER:
        return handed_in & Q(**{f"{prefix}industry_id__in": sorted(reviewed_industry_ids(user))})
    if user.role == Role.DISTRICT_OFFICER and user.organisation.district_id:
        return handed_in & Q(**{f"{prefix}district_id": user.organisation.district_id})
    return nothing


def can_review(user, report: DemandReport) -> bool:
    if permissions.user_can(user, permissions.REVIEW_REPORTS):
        return True
    return (
        getattr(user, "is_authenticated", False)
        and user.role == Role.DEPARTMENT_OFFICER
        and report.industry_id in reviewed_industry_ids(user)
    )


def can_edit(user, report: DemandReport) -> bool:
    return is_enterprise_user(user) and report.enterprise_id == user.organisation_id and report.state in EDITABLE_STATES
