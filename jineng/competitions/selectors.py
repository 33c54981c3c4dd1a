"""Reads of competitions: the public calendar, an event's pages, the plan's versions."""

from datetime import date

from django.db.models import Count, Q, QuerySet

from jineng.competitions.choices import EventStatus, RegistrationStatus, Window
from jineng.competitions.models import Event, Registration, Result

PUBLIC_RESULTS = (EventStatus.PUBLICITY, EventStatus.FINAL)


def calendar_events(*, year: int | None = None, month: int | None = None, district: str = "",
                    industry: str = "") -> QuerySet[Event]:
    """Events of the published calendar (not cancelled), soonest first; anyone may read them."""
    rows = (Event.objects.exclude(status=EventStatus.CANCELLED)
            .select_related("district", "industry", "occupation", "organiser").order_by("start_date", "code"))
    if year:
        rows = rows.filter(start_date__year=year)
    if month:
        rows = rows.filter(start_date__month=month)
    if district:
        rows = rows.filter(district__code=district)
    if industry:
        rows = rows.filter(industry__code=industry)
    return rows


def window_state(event: Event, today: date) -> Window:
    """The registration window against today: the rule the registration service enforces, shown as a label."""
    if event.status != EventStatus.PLANNED:
        return Window.NONE
    if today < event.registration_opens:
        return Window.NOT_YET
    if today > event.registration_closes:
        return Window.CLOSED
    return Window.OPEN


def with_windows(events, today: date) -> list[Event]:
    """The events, each with ``window`` (a ``Window``) set for today."""
    rows = list(events)
    for event in rows:
        event.window = window_state(event, today)
    return rows


def calendar_default_year(today: date) -> int:
    """This year when its calendar has events, else the latest year that has (the 2024 plan in the demo)."""
    years = calendar_events().values_list("start_date__year", flat=True)
    if years.filter(start_date__year=today.year).exists():
        return today.year
    latest = years.order_by("-start_date").first()
    return latest or today.year


def public_event(event_id: int) -> Event:
    from django.http import Http404

    event = (calendar_events().filter(pk=event_id).annotate(
        taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED))).first())
    if event is None:
        raise Http404
    return event


def publicity_list(event: Event) -> QuerySet[Result]:
    """The 公示 list: only once the organiser has published it."""
    if event.status not in PUBLIC_RESULTS:
        return Result.objects.none()
    return (Result.objects.filter(event=event).select_related("registration__person", "registration__employer")
            .order_by("rank", "pk"))


def event_list(*, viewer, status: str = "", district: str = "", tier: str = "") -> QuerySet[Event]:
    rows = (Event.objects.visible_to(viewer).select_related("district", "occupation")
            .annotate(taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)))
            .order_by("start_date", "code"))
    if status in EventStatus.values:
        rows = rows.filter(status=status)
    if district:
        rows = rows.filter(district__code=district)
    if tier:
        rows = rows.filter(tier=tier)
    return rows


def open_for_registration(today: date) -> QuerySet[Event]:
    return calendar_events().filter(status=EventStatus.PLANNED, registration_opens__lte=today,
                                    registration_closes__gte=today)


def person_registrations(*, person_id: int | None):
    """One person's competition registrations with their results, soonest event first (a worker's page)."""
    if not person_id:
        return Registration.objects.none()
    return (Registration.objects.filter(person_id=person_id)
            .select_related("event", "event__district", "event__occupation", "employer", "result")
            .order_by("-event__start_date", "-pk"))
