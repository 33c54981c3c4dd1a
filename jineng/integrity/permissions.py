"""Who sees and acts on risk findings, risk runs and ratings.

The programme office sees and reviews every finding and starts risk runs; a district officer sees and reviews
the findings of their district; leadership reads everything; other roles see nothing (records are 404).
Published ratings are public; unpublished ones are for the supervising roles.
"""

from django.db.models import Q
from django.http import Http404

from jineng.accounts import permissions
from jineng.accounts.choices import Role


def can_supervise(user) -> bool:
    return permissions.user_can(user, permissions.SUPERVISE_TRAINING)


def sees_whole_city(user) -> bool:
    return can_supervise(user) and permissions.user_can(user, permissions.SEE_WHOLE_CITY)


def can_manage(user) -> bool:
    """Start risk runs, compute and publish ratings: the programme office."""
    return sees_whole_city(user) and permissions.user_can(user, permissions.REVIEW_CLAIMS)


def user_district_id(user) -> int | None:
    if getattr(user, "is_authenticated", False) and user.role == Role.DISTRICT_OFFICER and user.organisation_id:
        return user.organisation.district_id
    return None


def finding_scope(user) -> Q:
    if sees_whole_city(user):
        return Q()
    district_id = user_district_id(user)
    if can_supervise(user) and district_id:
        return Q(district_id=district_id)
    return Q(pk__in=[])


def can_review(user, finding) -> bool:
    if not permissions.user_can(user, permissions.REVIEW_CLAIMS) or not can_supervise(user):
        return False
    return sees_whole_city(user) or (finding.district_id is not None and finding.district_id == user_district_id(user))


def require_supervision(user) -> None:
    if not can_supervise(user):
        raise Http404
