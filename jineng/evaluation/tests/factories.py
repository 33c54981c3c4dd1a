"""Small builders of evaluation records for tests and the role matrix."""

import random
from datetime import date
from decimal import Decimal

from jineng.accounts.models import Organisation, User
from jineng.core.districts import random_point_in
from jineng.core.engine.identifiers import synthetic_resident_id, synthetic_uscc
from jineng.core.models import District
from jineng.core.people import person_register
from jineng.evaluation.models import BodyScope, EvaluationBody, EvaluationResult, EvaluationSession, TestSite
from jineng.occupations.models import Occupation

_SERIAL = [500000]


def body(*, district: str = "310115", kind: str = "social", status: str = "published", organisation=None,
         name: str = "") -> EvaluationBody:
    _SERIAL[0] += 1
    place = District.objects.get(code=district)
    name = name or f"测试评价机构{_SERIAL[0]}"
    organisation = organisation or Organisation.objects.create(name=name, kind="evaluation_institution",
                                                               district=place)
    return EvaluationBody.objects.create(
        organisation=organisation, credit_code=synthetic_uscc(rng=random.Random(_SERIAL[0]), region=district),
        name=name, kind=kind, city_serial=f"{_SERIAL[0]:06d}", district=place, status=status,
        published_on=date(2024, 1, 5) if status == "published" else None)


def body_user(b: EvaluationBody, username: str = "") -> User:
    return User.objects.create_user(username=username or f"eval-{b.pk}", organisation=b.organisation)


def site(b: EvaluationBody, *, capacity: int = 50, name: str = "第1考点") -> TestSite:
    lon, lat = random_point_in(b.district.geometry, rng=random.Random(b.pk))
    return TestSite.objects.create(body=b, name=name, address="测试路1号", district=b.district,
                                   lon=Decimal(str(lon)), lat=Decimal(str(lat)), capacity=capacity)


def scope(b: EvaluationBody, *, levels=(1, 2, 3, 4, 5), code: str = "6-18-01-01") -> BodyScope:
    return BodyScope.objects.create(body=b, occupation=Occupation.objects.get(code=code), levels=list(levels),
                                    registered_on=date(2024, 1, 5))


def session(b: EvaluationBody, *, level: int | None = 3, status: str = "held", site_=None, code: str = "",
            exam_date: date = date(2024, 6, 1), period: str = "am") -> EvaluationSession:
    s = scope(b)
    _SERIAL[0] += 1
    return EvaluationSession.objects.create(body=b, code=code or f"T{_SERIAL[0]}", scope=s, occupation=s.occupation,
                                            level=level, site=site_ or site(b, name=f"考点{_SERIAL[0]}"),
                                            exam_date=exam_date, period=period, status=status)


def person(seed: int):
    number = synthetic_resident_id(rng=random.Random(seed))
    return person_register(resident_id=number, name="测试考生"), number


def result(s: EvaluationSession, p, *, theory="80", practical="80", comprehensive=None, passed=True,
           status="recorded") -> EvaluationResult:
    return EvaluationResult.objects.create(
        session=s, person=p, theory_score=Decimal(theory) if theory else None,
        practical_score=Decimal(practical) if practical else None,
        comprehensive_score=Decimal(comprehensive) if comprehensive else None, passed=passed, status=status)
