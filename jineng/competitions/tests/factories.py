"""Small builders of competition records for tests and the role matrix."""

import random
from datetime import date, timedelta
from decimal import Decimal

from jineng.accounts.models import Organisation, User
from jineng.competitions.choices import AspectKind
from jineng.competitions.models import Event
from jineng.competitions.services.plans import event_create, plan_for_year
from jineng.core.districts import random_point_in
from jineng.core.engine.identifiers import synthetic_resident_id
from jineng.core.models import District
from jineng.core.people import person_register
from jineng.occupations.models import Occupation

_SERIAL = [0]
ASPECTS = [("A", "操作", AspectKind.MEASUREMENT, Decimal(70)), ("B", "工艺", AspectKind.JUDGEMENT, Decimal(30))]


def district_office(code: str) -> User:
    """The district government's user (its organisation already exists)."""
    place = District.objects.get(code=code)
    organisation = Organisation.objects.filter(kind="district", district=place).first()
    user, _created = User.objects.get_or_create(username=f"district-{code}",
                                                defaults={"organisation": organisation})
    return user


def event(*, by=None, district: str = "310115", tier: str = "monthly", start: date = date(2024, 6, 10),
          level: int = 3, body=None, code: str = "", **extra) -> Event:
    _SERIAL[0] += 1
    by = by or district_office(district)
    place = District.objects.get(code=district)
    lon, lat = random_point_in(place.geometry, rng=random.Random(_SERIAL[0]))
    fields = {"lon": lon, "lat": lat, "registration_opens": start - timedelta(days=30), "registration_closes": start - timedelta(days=5),
              "capacity": 50, "min_age": 16, **extra}
    return event_create(by=by, plan=plan_for_year(start.year), code=code or f"T{start.year}-{_SERIAL[0]:04d}",
                        title=f"测试赛项{_SERIAL[0]}", tier=tier, occupation=Occupation.objects.get(code="6-18-01-01"),
                        district=place, organiser=by.organisation, venue="测试场地",
                        start_date=start, end_date=start, level_awarded=level, aspects=ASPECTS, body=body,
                        **fields)


def person(seed: int, *, birth_year: int | None = None):
    rng = random.Random(seed)
    if birth_year is None:
        number = synthetic_resident_id(rng=rng, born_from=date(1975, 1, 1), born_to=date(2000, 12, 31))
    else:
        number = synthetic_resident_id(rng=rng, born_from=date(birth_year, 3, 1), born_to=date(birth_year, 3, 1))
    return person_register(resident_id=number, name=f"选手{seed}"), number


def enterprise_user(name: str = "测试企业") -> User:
    organisation, _created = Organisation.objects.get_or_create(name=name, defaults={"kind": "enterprise"})
    user, _created = User.objects.get_or_create(username=f"hr-{organisation.pk}",
                                                defaults={"organisation": organisation})
    return user


def judge_user(name: str) -> User:
    return enterprise_user(name)


def event_open_today(**extra) -> Event:
    """An event whose registration window is open on the real today (opened five days ago, closing in ten,
    held in twenty), so that pages and journeys work whatever the date."""
    from django.utils import timezone

    today = timezone.localdate()
    start = today + timedelta(days=20)
    return event(start=start, registration_opens=today - timedelta(days=5),
                 registration_closes=today + timedelta(days=10), **extra)
