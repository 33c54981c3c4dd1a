"""Who sees and acts on risk findings, risk runs and ratings.

The programme office sees and reviews every finding and starts risk runs; a district officer sees and reviews
the findings of their district; leadership reads everything; other roles see nothing (records are 404).
Published ratings are public; unpublished ones are for the supervising roles.
"""

from django.db.models import Q
from django.http import Http404

from jineng.accounts.permissions import DISTRICT, LEADER, OFFICE, held_by, user_can, user_district_id
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare
from jineng.integrity.models import RiskFinding, RiskRun


def _finding_in_reviewer_district(user, finding) -> bool:
    return finding.district_id is not None and finding.district_id == user_district_id(user)


capabilities_declare("integrity", {
    "supervise": held_by(OFFICE, LEADER, DISTRICT),  # findings, runs, person look-up, unpublished ratings
    "see_all_findings": held_by(OFFICE, LEADER),
    "see_district_findings": held_by(DISTRICT),
    "review_finding": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_finding_in_reviewer_district)),
    "manage": held_by(OFFICE),  # start risk runs, compute and publish ratings
})


def can_supervise(user) -> bool:
    return user_can(user, "integrity.supervise")


def sees_whole_city(user) -> bool:
    return user_can(user, "integrity.see_all_findings")


def can_manage(user) -> bool:
    """Start risk runs, compute and publish ratings: the programme office."""
    return user_can(user, "integrity.manage")


def finding_scope(user) -> Q:
    if user_can(user, "integrity.see_all_findings"):
        return Q()
    if user_can(user, "integrity.see_district_findings"):
        district_id = user_district_id(user)
        return Q(district_id=district_id) if district_id else NOTHING
    return NOTHING


def run_scope(user) -> Q:
    """Risk runs are city-wide passes: every supervising role sees them."""
    return Q() if can_supervise(user) else NOTHING


scope_declare(RiskFinding, finding_scope)
scope_declare(RiskRun, run_scope)


def can_review(user, finding) -> bool:
    return user_can(user, "integrity.review_finding", finding)


def require_supervision(user) -> None:
    if not can_supervise(user):
        raise Http404
