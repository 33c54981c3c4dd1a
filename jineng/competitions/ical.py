"""The calendar as iCalendar (RFC 5545) feeds, one per district and one per industry (the icalendar library)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vGeo
from icalendar import Event as VEvent

from jineng.competitions.models import Event


def calendar_feed(events, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Jineng//Competitions//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_vevent(event))
    return calendar.to_ical()


def _vevent(event: Event) -> VEvent:
    item = VEvent()
    item.add("uid", f"competition-{event.code}@jineng")
    item.add("dtstamp", timezone.now())
    item.add("summary", event.title)
    item.add("dtstart", event.start_date)
    item.add("dtend", event.end_date + timedelta(days=1))  # all-day events end the day after (exclusive)
    item.add("location", f"{event.district.name} {event.venue}")
    item.add("geo", vGeo((float(event.lat), float(event.lon))))
    item.add("description", _("%(tier)s · %(occupation)s · %(level)s · 报名 %(opens)s 至 %(closes)s") % {
        "tier": event.get_tier_display(), "occupation": event.occupation.name,
        "level": event.get_level_awarded_display(), "opens": event.registration_opens,
        "closes": event.registration_closes})
    item.add("categories", [str(event.get_tier_display())])
    return item
