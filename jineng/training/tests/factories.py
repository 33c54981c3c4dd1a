"""Builders for training records, shared by the training, subsidies and integrity tests.

Every person gets a synthetic resident ID with a valid check character; institutions get synthetic credit
codes. Coordinates are drawn inside the district polygon.
"""

import itertools
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from jineng.accounts.models import Organisation, User
from jineng.core.districts import random_point_in
from jineng.core.identifiers import synthetic_resident_id, synthetic_uscc
from jineng.core.models import District, Person
from jineng.core.people import person_register
from jineng.occupations.models import Occupation
from jineng.training.models import CheckIn, Enrolment, Institution, Site, TrainingClass, TrainingProject

_numbers = itertools.count(1)
PASSWORD = "Test-pass-2024!"


def person(*, name: str | None = None, area: str = "310115", born: date | None = None, sex: str | None = None):
    n = next(_numbers)
    rng = random.Random(n * 7919)
    kwargs = {"born_from": born, "born_to": born} if born else {}
    number = synthetic_resident_id(rng=rng, area=area, sex=sex, **kwargs)
    return person_register(resident_id=number, name=name or f"测试学员{n}", is_synthetic=True)


def person_with_number(**kwargs) -> tuple[Person, str]:
    """A person and their plain number, for tests that type the number in."""
    n = next(_numbers)
    number = synthetic_resident_id(rng=random.Random(n * 104729), area=kwargs.pop("area", "310115"))
    return person_register(resident_id=number, name=kwargs.pop("name", f"测试学员{n}"), is_synthetic=True), number


def institution(*, name: str | None = None, district: str = "310115", kind: str = "private",
                with_login: bool = True) -> Institution:
    n = next(_numbers)
    name = name or f"上海测试职业技能培训学校{n}"
    organisation = None
    if with_login:
        organisation = Organisation.objects.create(name=name, kind="training_institution",
                                                   district=District.objects.get(code=district))
    return Institution.objects.create(
        organisation=organisation, credit_code=synthetic_uscc(rng=random.Random(n * 31), region=district),
        name=name, kind=kind, licence_no=f"教民13101{n:05d}", licence_valid_until=date(2028, 12, 31),
        district=District.objects.get(code=district), is_synthetic=True,
    )


def institution_user(inst: Institution, username: str | None = None) -> User:
    return User.objects.create_user(username=username or f"inst{next(_numbers)}", password=PASSWORD,
                                    organisation=inst.organisation)


def site(inst: Institution, *, name: str | None = None, lon: float | None = None, lat: float | None = None) -> Site:
    n = next(_numbers)
    if lon is None or lat is None:
        lon, lat = random_point_in(inst.district.geometry, rng=random.Random(n))
    return Site.objects.create(institution=inst, name=name or f"教学点{n}", address=f"测试路{n}号",
                               district=inst.district, lon=Decimal(str(lon)), lat=Decimal(str(lat)))


def project(inst: Institution, *, code: str = "6-25-04-05", level: int | None = 3, class_hours: int = 120,
            fee: str = "2800.00", industry=None) -> TrainingProject:
    return TrainingProject.objects.create(
        institution=inst, occupation=Occupation.objects.get(code=code), level=level, class_hours=class_hours,
        fee=Decimal(fee), approved_date=date(2024, 1, 10), industry=industry,
    )


def training_class(proj: TrainingProject, *, where: Site | None = None, start: date = date(2024, 3, 4),
                   days: int = 60, capacity: int = 30, code: str | None = None) -> TrainingClass:
    return TrainingClass.objects.create(
        institution=proj.institution, code=code or f"BJ2024{next(_numbers):04d}", project=proj,
        site=where or site(proj.institution), start_date=start, end_date=start + timedelta(days=days),
        capacity=capacity, teachers="王老师", status="running",
    )


def enrolment(klass: TrainingClass, who: Person | None = None, *, completed: bool = True, passed: bool = True,
              certificate_date: date | None = None) -> Enrolment:
    who = who or person()
    finished = klass.end_date
    level_digit = {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}.get(klass.project.level or 0, 5)
    return Enrolment.objects.create(
        training_class=klass, person=who, enrolled_date=klass.start_date - timedelta(days=7),
        status="completed" if completed else "enrolled", completed_date=finished if completed else None,
        hours_attended=klass.project.class_hours if completed else 0,
        exam_result="passed" if passed and completed else ("failed" if completed else ""),
        exam_date=finished if completed else None,
        certificate_no=f"S000031{next(_numbers):06d}24{level_digit}{next(_numbers):06d}" if passed and completed else "",
        certificate_date=(certificate_date or finished + timedelta(days=20)) if passed and completed else None,
    )


def check_in(enrol: Enrolment, *, at: datetime, where: Site | None = None, device: str = "DEV-1",
             method: str = "face") -> CheckIn:
    where = where or enrol.training_class.site
    return CheckIn.objects.create(enrolment=enrol, checked_at=at, site=where, lon=where.lon, lat=where.lat,
                                  method=method, device_id=device)


def shanghai(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())
