"""Who sees, applies for, screens, scores and decides calls and awards.

Roles come from the organisation kind, except the reviewer: a reviewer is any user listed in the reviewer
registry (``Reviewer``, kept by the programme office), which this module turns into the capability to score the
applications assigned to them — never one of their own organisation's (the conflict rule).

- the programme office opens calls, assigns reviewers, ranks, publishes and awards, assesses funding; sees all;
- leadership sees all, read-only;
- an enterprise or institution applies for its own organisation and records its award's matching funds and spending;
- the 主管部门 (a city department or district government chosen on the application) screens, returns or signs;
  a district government also reads the applications and awards of its district;
- a reviewer scores the applications assigned to them;
- anyone, without logging in, reads the publicity lists; any logged-in user may lodge an objection during publicity.
"""

import rules
from django.db.models import Q

from jineng.accounts.permissions import (
    DEPARTMENT,
    DISTRICT,
    ENTERPRISE,
    INSTITUTION,
    LEADER,
    OFFICE,
    held_by,
    user_district_id,
)
from jineng.awards.choices import CallStatus
from jineng.awards.models import Application, Assignment, Award, Call, Objection, Reviewer
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare, user_can


def _registered_reviewer(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_awards_reviewer", None)
    if cached is None:
        cached = Reviewer.objects.filter(user_id=user.pk, is_active=True).exists()
        user._awards_reviewer = cached
    return cached


is_reviewer = rules.predicate(_registered_reviewer, name="awards_reviewer")


def _own_application(user, application) -> bool:
    return application.employer_id == user.organisation_id


def _screening_unit(user, application) -> bool:
    return application.screening_unit_id is not None and application.screening_unit_id == user.organisation_id


def _assigned_without_conflict(user, application) -> bool:
    return (application.employer_id != user.organisation_id
            and Assignment.objects.filter(application_id=application.pk, reviewer__user_id=user.pk,
                                          reviewer__is_active=True).exists())


def _own_award(user, award) -> bool:
    return award.application.employer_id == user.organisation_id


APPLICANTS = held_by(ENTERPRISE, INSTITUTION)
SCREENERS = held_by(DEPARTMENT, DISTRICT)

capabilities_declare("awards", {
    "see_calls": rules.is_authenticated,
    "see_all": held_by(OFFICE, LEADER),
    "see_applications": held_by(OFFICE, LEADER) | APPLICANTS | SCREENERS | is_reviewer,
    "manage_calls": held_by(OFFICE),
    "apply": APPLICANTS & on_record(_own_application),
    "screen": SCREENERS & on_record(_screening_unit),
    "decide": held_by(OFFICE),
    "score": is_reviewer & on_record(_assigned_without_conflict),
    "object": rules.is_authenticated,
    "see_awards": held_by(OFFICE, LEADER) | APPLICANTS | SCREENERS,
    "see_district": held_by(DISTRICT),  # a district government also reads its district's applications
    "track_funding": APPLICANTS & on_record(_own_award),
    "assess_funding": held_by(OFFICE),
})


def _application_scope(user, prefix: str = "") -> Q:
    if user_can(user, "awards.see_all"):
        return Q()
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    scope = NOTHING
    if user.organisation_id and user_can(user, "awards.see_applications"):
        scope = Q(**{f"{prefix}employer_id": user.organisation_id}) | Q(
            **{f"{prefix}screening_unit_id": user.organisation_id})
    if user_can(user, "awards.see_district") and user_district_id(user):
        scope |= Q(**{f"{prefix}district_id": user_district_id(user)})
    if _registered_reviewer(user):
        assigned = Assignment.objects.filter(reviewer__user_id=user.pk).values("application_id")
        scope |= Q(**{f"{prefix}pk__in": assigned})
    return scope


def application_scope(user) -> Q:
    return _application_scope(user)


def award_scope(user) -> Q:
    """Awards follow their applications, without the reviewers' view (they score, they do not track money)."""
    if user_can(user, "awards.see_all"):
        return Q()
    if not user_can(user, "awards.see_awards") or not user.organisation_id:
        return NOTHING
    scope = Q(application__employer_id=user.organisation_id) | Q(application__screening_unit_id=user.organisation_id)
    if user_can(user, "awards.see_district") and user_district_id(user):
        scope |= Q(application__district_id=user_district_id(user))
    return scope


def call_scope(user) -> Q:
    """Calls are public once their results are in publicity; while open, every logged-in user sees them."""
    if getattr(user, "is_authenticated", False):
        return Q()
    return Q(status__in=(CallStatus.PUBLICITY, CallStatus.DECIDED))


def objection_scope(user) -> Q:
    if user_can(user, "awards.see_all"):
        return Q()
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    return Q(lodged_by_id=user.pk)


def reviewer_scope(user) -> Q:
    if user_can(user, "awards.see_all"):
        return Q()
    return Q(user_id=user.pk) if getattr(user, "is_authenticated", False) else NOTHING


scope_declare(Application, application_scope)
scope_declare(Award, award_scope)
scope_declare(Call, call_scope)
scope_declare(Objection, objection_scope)
scope_declare(Reviewer, reviewer_scope)


def can_see_applications(user) -> bool:
    return user_can(user, "awards.see_applications")


def can_apply(user) -> bool:
    return user_can(user, "awards.apply")


def can_decide(user) -> bool:
    return user_can(user, "awards.decide")


def can_score_any(user) -> bool:
    return user_can(user, "awards.score")


def can_see_awards(user) -> bool:
    return user_can(user, "awards.see_awards")
