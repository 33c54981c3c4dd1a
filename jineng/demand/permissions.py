"""Who sees and reviews which demand reports.

Enterprises see their own; city departments the reports of the industries mapped to them (IndustryDepartment) and,
read-only, of the industries of the plan tasks they co-lead (``accounts/data/department-scopes.csv``); districts
the reports of enterprises in their district, read-only; the programme office and leadership all.
Departments and districts see a report once it has been submitted (drafts are the enterprise's own work).
The programme office reviews any report, a department the reports of its industries.
"""

from django.db.models import Q

from jineng.accounts.department_scopes import department_scopes
from jineng.accounts.permissions import (
    DEPARTMENT,
    DISTRICT,
    ENTERPRISE,
    GOVERNMENT,
    LEADER,
    OFFICE,
    held_by,
    user_can,
    user_district_id,
)
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare
from jineng.demand.choices import EDITABLE_STATES, ReportState
from jineng.demand.models import DemandLine, DemandReport, DemandUpload, Employment, IndustryDepartment


def reviewed_industry_ids(user) -> set[int]:
    if not getattr(user, "organisation_id", None):
        return set()
    return set(IndustryDepartment.objects.filter(organisation_id=user.organisation_id).values_list("industry_id", flat=True))


def _reviews_industry_of(user, report) -> bool:
    return report.industry_id in reviewed_industry_ids(user)


def _own_editable(user, report) -> bool:
    return report.enterprise_id == user.organisation_id and report.state in EDITABLE_STATES


capabilities_declare("demand", {
    "report": held_by(ENTERPRISE),  # fill in, upload and submit the enterprise's own reports
    "manage_roster": held_by(ENTERPRISE),  # upload the staff roster, see the enterprise's own employees
    "edit_report": held_by(ENTERPRISE) & on_record(_own_editable),
    "see_reports": held_by(ENTERPRISE, *GOVERNMENT),
    # Whose reports a user sees: one of these four decides the scope (see ``report_scope``).
    "see_all": held_by(OFFICE, LEADER),
    "see_own": held_by(ENTERPRISE),
    "see_industries": held_by(DEPARTMENT),
    "see_district": held_by(DISTRICT),
    "analyse": held_by(*GOVERNMENT),  # the analysis pages, each within its own scope
    "see_ranking": held_by(OFFICE, LEADER),
    "manage": held_by(OFFICE),  # campaigns, ranking weights and picks for the catalogue
    "register_enterprise": held_by(OFFICE),
    "review_report": held_by(OFFICE) | (held_by(DEPARTMENT) & on_record(_reviews_industry_of)),
})


def is_enterprise_user(user) -> bool:
    return user_can(user, "demand.report")


def can_manage_roster(user) -> bool:
    return user_can(user, "demand.manage_roster")


def can_see_reports(user) -> bool:
    return user_can(user, "demand.see_reports")


def can_analyse(user) -> bool:
    return user_can(user, "demand.analyse")


def can_manage(user) -> bool:
    return user_can(user, "demand.manage")


def can_see_ranking(user) -> bool:
    return user_can(user, "demand.see_ranking")


def _report_scope(user, prefix: str) -> Q:
    if user_can(user, "demand.see_all"):
        return Q()
    if user_can(user, "demand.see_own"):
        return Q(**{f"{prefix}enterprise_id": user.organisation_id})
    handed_in = ~Q(**{f"{prefix}state": ReportState.DRAFT})
    if user_can(user, "demand.see_industries"):
        led = sorted(department_scopes(user, "demand").get("industry", ()))
        return handed_in & (Q(**{f"{prefix}industry_id__in": sorted(reviewed_industry_ids(user))})
                            | Q(**{f"{prefix}industry__code__in": led}))
    if user_can(user, "demand.see_district"):
        district_id = user_district_id(user)
        return handed_in & Q(**{f"{prefix}district_id": district_id}) if district_id else NOTHING
    return NOTHING


def report_scope(user) -> Q:
    return _report_scope(user, "")


def line_scope(user) -> Q:
    return _report_scope(user, "report__")


def employment_scope(user) -> Q:
    """An enterprise sees its own employment records; the programme office and leadership all of them."""
    if user_can(user, "demand.see_all"):
        return Q()
    if user_can(user, "demand.manage_roster") and user.organisation_id:
        return Q(enterprise__organisation_id=user.organisation_id)
    return NOTHING


scope_declare(DemandReport, report_scope)
scope_declare(DemandLine, line_scope)
scope_declare(Employment, employment_scope)
scope_declare(DemandUpload, line_scope)  # an upload is seen by whoever sees its report


def can_review(user, report: DemandReport) -> bool:
    return user_can(user, "demand.review_report", report)


def can_edit(user, report: DemandReport) -> bool:
    return user_can(user, "demand.edit_report", report)
