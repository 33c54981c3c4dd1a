"""Builders for certificate tests (and subsidies': a claim needs a certificate in the register)."""

import itertools
import random
from datetime import date
from decimal import Decimal

from jineng.accounts.models import Organisation, User
from jineng.certificates.choices import CertificateSource, CertificateStatus
from jineng.certificates.engine.numbers import level_digit_from_skill_level, number_make
from jineng.certificates.models import Certificate
from jineng.certificates.services.issue import STATUS_INDEX, counter_take, serials_take
from jineng.core.identifiers import synthetic_uscc
from jineng.core.models import District
from jineng.evaluation.models import EvaluationBody, EvaluationResult, EvaluationSession, TestSite
from jineng.occupations.models import Occupation

_n = itertools.count(1)
PASSWORD = "Test-pass-2024!"


def body(*, district: str = "310115", kind: str = "social", with_login: bool = True, name: str = "") -> EvaluationBody:
    n = next(_n)
    name = name or f"上海测试职业技能评价中心{n}"
    organisation = None
    if with_login:
        organisation = Organisation.objects.create(name=name, kind="evaluation_institution",
                                                   district=District.objects.get(code=district))
    return EvaluationBody.objects.create(
        organisation=organisation, credit_code=synthetic_uscc(rng=random.Random(n * 977 + 5), region=district),
        name=name, kind=kind, ministry_code="0000", city_serial=f"{900000 + n:06d}",
        district=District.objects.get(code=district), status="published", is_synthetic=True)


def body_user(b: EvaluationBody, username: str = "") -> User:
    return User.objects.create_user(username=username or f"body{next(_n)}", password=PASSWORD,
                                    organisation=b.organisation)


def certificate(*, holder=None, b: EvaluationBody | None = None, code: str = "6-18-01-01", level: int | None = 3,
                issued_on: date = date(2024, 6, 30), status: str = CertificateStatus.VALID,
                status_date: date | None = None, status_reason: str = "", number: str = "") -> Certificate:
    from jineng.training.tests.factories import person

    holder = holder or person()
    b = b or body()
    digit = level_digit_from_skill_level(level) if level else 5
    number = number or number_make(letter=b.certificate_letter, ministry_code=b.ministry_code,
                                   city_serial=b.city_serial, year=issued_on.year, level_digit=digit,
                                   serial=serials_take(b, issued_on.year))
    return Certificate.objects.create(
        number=number, holder=holder, holder_name=holder.name, occupation=Occupation.objects.get(code=code),
        level=level, body=b, issued_on=issued_on, status=status, status_date=status_date, status_reason=status_reason,
        status_index=counter_take(STATUS_INDEX), source=CertificateSource.IMPORT, is_synthetic=True)


def approved_results(b: EvaluationBody, people, *, level: int | None = 3, code: str = "6-18-01-01",
                     passed: bool = True) -> list[EvaluationResult]:
    n = next(_n)
    site = TestSite.objects.create(body=b, name=f"考点{n}", address=f"测试路{n}号", district=b.district,
                                   lon=Decimal("121.5"), lat=Decimal("31.2"), capacity=50)
    session = EvaluationSession.objects.create(body=b, code=f"PC{n:06d}", occupation=Occupation.objects.get(code=code),
                                               level=level, site=site, exam_date=date(2024, 6, 1), status="approved")
    return [EvaluationResult.objects.create(session=session, person=p, theory_score=Decimal("80"),
                                            practical_score=Decimal("75"), passed=passed, status="approved")
            for p in people]
