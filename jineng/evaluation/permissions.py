"""Who sees and runs which evaluation bodies, sessions, results and inspections.

Evaluation body staff (role EVALUATOR, their organisation linked through ``EvaluationBody.organisation``) see and
run their own body; district governments see their district's bodies, screen their applications, approve the
results that need a district (levels 2 and 1), inspect and review anomalies; the programme office sees
everything, reviews and publishes bodies, suspends, inspects, runs the anomaly rules and keeps the employer
register; the leadership reads everything; city departments read the employer-coverage register; the public
sees the published bodies (``selectors.published_bodies``). Out of scope = 404.
"""

from django.db.models import Q

from jineng.accounts.permissions import (
    DEPARTMENT,
    DISTRICT,
    EVALUATOR,
    LEADER,
    OFFICE,
    held_by,
    user_can,
    user_district_id,
)
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare
from jineng.evaluation.models import (
    AnomalyFinding,
    CoveredEmployer,
    EvaluationBody,
    EvaluationResult,
    EvaluationSession,
    Inspection,
    ResultImport,
)


def body_of(record) -> EvaluationBody | None:
    """The body a record belongs to (a body, site, scope, staff, session, result, import, inspection, finding)."""
    if isinstance(record, EvaluationBody):
        return record
    if isinstance(record, EvaluationResult):
        return record.session.body
    if isinstance(record, ResultImport):
        return record.session.body
    return getattr(record, "body", None)


def _own_body(user, record) -> bool:
    body = body_of(record)
    return body is not None and body.organisation_id is not None and body.organisation_id == user.organisation_id


def _in_district(user, record) -> bool:
    body = body_of(record)
    return body is not None and body.district_id is not None and body.district_id == user_district_id(user)


capabilities_declare("evaluation", {
    "see_all": held_by(OFFICE, LEADER),
    "see_district": held_by(DISTRICT),
    "see_own": held_by(EVALUATOR),
    "see": held_by(OFFICE, LEADER, DISTRICT, EVALUATOR),
    # filing: a body's own staff apply (and re-apply after a return); the office may register a body itself
    "apply": held_by(EVALUATOR) | held_by(OFFICE),
    "resubmit": held_by(EVALUATOR) & on_record(_own_body),
    "screen": held_by(DISTRICT) & on_record(_in_district),
    "review": held_by(OFFICE),
    "publish": held_by(OFFICE),
    "suspend": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_in_district)),
    "reinstate": held_by(OFFICE),
    "withdraw": held_by(OFFICE),
    # a body's own work: sites, staff, scope requests, sessions, results, uploads
    "run": held_by(EVALUATOR) & on_record(_own_body),
    "approve_results_body": held_by(EVALUATOR) & on_record(_own_body),
    "approve_results_district": held_by(DISTRICT) & on_record(_in_district),
    "sample": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_in_district)),
    # supervision
    "supervise": held_by(OFFICE, LEADER, DISTRICT),
    "inspect": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_in_district)),
    "rectify": held_by(EVALUATOR) & on_record(_own_body),
    "review_anomaly": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_in_district)),
    "run_anomalies": held_by(OFFICE),
    # item 23's register of employers
    "see_coverage": held_by(OFFICE, LEADER, DEPARTMENT),
    "manage_coverage": held_by(OFFICE),
})


def _scope(user, prefix: str) -> Q:
    if user_can(user, "evaluation.see_all"):
        return Q()
    if user_can(user, "evaluation.see_own"):
        return Q(**{f"{prefix}organisation_id": user.organisation_id}) if user.organisation_id else NOTHING
    if user_can(user, "evaluation.see_district"):
        district_id = user_district_id(user)
        return Q(**{f"{prefix}district_id": district_id}) if district_id else NOTHING
    return NOTHING


def body_scope(user) -> Q:
    return _scope(user, "")


def session_scope(user) -> Q:
    return _scope(user, "body__")


def result_scope(user) -> Q:
    return _scope(user, "session__body__")


def inspection_scope(user) -> Q:
    return _scope(user, "body__")


def anomaly_scope(user) -> Q:
    """Anomalies are for supervisors: the body itself does not see them."""
    if user_can(user, "evaluation.see_own"):
        return NOTHING
    return _scope(user, "body__")


def coverage_scope(user) -> Q:
    return Q() if user_can(user, "evaluation.see_coverage") else NOTHING


scope_declare(EvaluationBody, body_scope)
scope_declare(EvaluationSession, session_scope)
scope_declare(EvaluationResult, result_scope)
scope_declare(ResultImport, result_scope)
scope_declare(Inspection, inspection_scope)
scope_declare(AnomalyFinding, anomaly_scope)
scope_declare(CoveredEmployer, coverage_scope)


def own_body(user) -> EvaluationBody | None:
    """The body an evaluation-body user works for, or None."""
    if not user_can(user, "evaluation.see_own") or not user.organisation_id:
        return None
    return EvaluationBody.objects.filter(organisation_id=user.organisation_id).select_related("district").first()
