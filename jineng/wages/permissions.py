"""Who sees and does what with wage tables, survey uploads, SOE reports and the district survey.

The published tables and the service windows are public. The programme office does everything; leadership reads
everything. An enterprise uploads its own pay file and, when it is a state-owned enterprise, its yearly report,
and sees only those. A district officer sees its district's enterprises' uploads (counts, not pay), uploads its
district's skilled-workforce survey and keeps its district's service windows.
"""

import rules
from django.db.models import Q

from jineng.accounts.permissions import (
    DISTRICT,
    ENTERPRISE,
    LEADER,
    OFFICE,
    held_by,
    user_can,
    user_district_id,
)
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare
from jineng.core.models import District
from jineng.wages.models import DistrictSurvey, ServiceWindow, SoeReport, TableVersion, WageUpload


def _in_own_district(user, record) -> bool:
    district_id = record.pk if isinstance(record, District) else getattr(record, "district_id", None)
    return district_id is not None and district_id == user_district_id(user)


capabilities_declare("wages", {
    "see_tables": rules.always_allow,  # the published tables
    "manage_tables": held_by(OFFICE),  # compute, review, publish; publication thresholds
    "see_versions": held_by(OFFICE, LEADER),  # drafts and versions under review
    "upload_wages": held_by(ENTERPRISE),
    "see_uploads": held_by(OFFICE, LEADER, DISTRICT, ENTERPRISE),
    "report_soe": held_by(ENTERPRISE),
    "see_soe": held_by(OFFICE, LEADER),
    "manage_soe": held_by(OFFICE),  # ownership, groups, the city's benchmark
    "see_district_survey": held_by(OFFICE, LEADER, DISTRICT),
    "upload_district_survey": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_in_own_district)),
    "manage_windows": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_in_own_district)),
})


def _everything(user) -> bool:
    return user_can(user, "wages.see_versions")


def upload_scope(user) -> Q:
    if _everything(user):
        return Q()
    if user_can(user, "wages.upload_wages"):
        return Q(enterprise__organisation_id=user.organisation_id)
    district_id = user_district_id(user)
    if user_can(user, "wages.see_uploads") and district_id:
        return Q(enterprise__district_id=district_id)
    return NOTHING


def version_scope(user) -> Q:
    return Q() if _everything(user) else Q(state__in=("published", "superseded"))


def soe_report_scope(user) -> Q:
    if _everything(user):
        return Q()
    if user_can(user, "wages.report_soe"):
        return Q(enterprise__organisation_id=user.organisation_id)
    return NOTHING


def district_scope(user) -> Q:
    if _everything(user):
        return Q()
    district_id = user_district_id(user)
    if user_can(user, "wages.see_district_survey") and district_id:
        return Q(district_id=district_id)
    return NOTHING


def survey_district_ids(user) -> list[int] | None:
    """The districts whose skilled-workforce figures the user sees: None for every district."""
    if _everything(user):
        return None
    district_id = user_district_id(user)
    return [district_id] if user_can(user, "wages.see_district_survey") and district_id else []


def window_scope(user) -> Q:
    """Active windows are public; the office and a district's officers also see their inactive ones."""
    if _everything(user):
        return Q()
    district_id = user_district_id(user)
    if user_can(user, "wages.see_district_survey") and district_id:
        return Q(is_active=True) | Q(district_id=district_id)
    return Q(is_active=True)


scope_declare(WageUpload, upload_scope)
scope_declare(TableVersion, version_scope)
scope_declare(SoeReport, soe_report_scope)
scope_declare(DistrictSurvey, district_scope)
scope_declare(ServiceWindow, window_scope)
