"""Who sees and runs which competitions.

- the programme office publishes the year's plan (versions), sees and runs every event, and approves changes of
  signed-off marks; the leadership reads everything;
- a district government runs its district's events (create, judges, sign-off, results, objections, certificates)
  and approves mark changes there;
- an enterprise registers its employees and sees its own registrations and their results;
- a judge is any user assigned to an event (``Judge`` rows: the role is data, not an account kind); a judge marks
  that event's contestants, except those of the judge's own organisation (the conflict rule, in the service);
- the public reads the calendar, the iCal feeds, the publicity lists, and registers as an individual.

Out of scope = 404.
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
from jineng.competitions.models import Event, Judge, MarkChange, Objection, Registration, Result
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare


def event_of(record) -> Event | None:
    if isinstance(record, Event):
        return record
    if isinstance(record, MarkChange):
        return record.mark.registration.event
    return getattr(record, "event", None)


def _in_district(user, record) -> bool:
    event = event_of(record)
    return event is not None and event.district_id == user_district_id(user)


def is_judge(user, record=None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    judging = user.competition_judging.all()
    if record is None:
        return judging.exists()
    event = event_of(record)
    return event is not None and judging.filter(event=event).exists()


def _judged_events(user):
    return Judge.objects.filter(user=user).values("event_id")


capabilities_declare("competitions", {
    "see": held_by(OFFICE, LEADER, DISTRICT),
    "see_all": held_by(OFFICE, LEADER),
    "publish_plan": held_by(OFFICE),
    "run": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_in_district)),
    "approve_change": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_in_district)),
    "register_employees": held_by(ENTERPRISE),
    "judge": rules.predicate(is_judge),
    # the events list and pages: those who see the programme, and judges (their own events)
    "open_events": held_by(OFFICE, LEADER, DISTRICT) | rules.predicate(is_judge),
})


def event_scope(user) -> Q:
    if user_can(user, "competitions.see_all"):
        return Q()
    scope = NOTHING
    if user_can(user, "competitions.see"):
        district_id = user_district_id(user)
        scope = Q(district_id=district_id) if district_id else NOTHING
    if getattr(user, "is_authenticated", False):
        scope |= Q(pk__in=_judged_events(user))
    return scope


def _district_or_employer(user, *, district: str, employer: str) -> Q:
    """The district's records for who sees the programme there, and its own for an employer."""
    q = NOTHING
    district_id = user_district_id(user)
    if user_can(user, "competitions.see") and district_id:
        q = Q(**{district: district_id})
    if user_can(user, "competitions.register_employees") and user.organisation_id:
        q |= Q(**{employer: user.organisation_id})
    return q


def registration_scope(user) -> Q:
    if user_can(user, "competitions.see_all"):
        return Q()
    q = _district_or_employer(user, district="event__district_id", employer="employer_id")
    if getattr(user, "is_authenticated", False):
        q |= Q(event_id__in=_judged_events(user))
    return q


def result_scope(user) -> Q:
    if user_can(user, "competitions.see_all"):
        return Q()
    return _district_or_employer(user, district="event__district_id", employer="registration__employer_id")


def change_scope(user) -> Q:
    if user_can(user, "competitions.see_all"):
        return Q()
    district_id = user_district_id(user)
    q = Q(mark__registration__event__district_id=district_id) if (
        user_can(user, "competitions.see") and district_id) else NOTHING
    if getattr(user, "is_authenticated", False):
        q |= Q(requested_by=user)
    return q


def objection_scope(user) -> Q:
    if user_can(user, "competitions.see_all"):
        return Q()
    district_id = user_district_id(user)
    return Q(event__district_id=district_id) if user_can(user, "competitions.see") and district_id else NOTHING


scope_declare(Event, event_scope)
scope_declare(Registration, registration_scope)
scope_declare(Result, result_scope)
scope_declare(MarkChange, change_scope)
scope_declare(Objection, objection_scope)
