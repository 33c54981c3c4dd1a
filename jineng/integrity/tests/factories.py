"""Builders for the integrity tests: claims are created as rows directly (the subsidy services are elsewhere)."""

import itertools
from datetime import datetime
from decimal import Decimal

from jineng.core.models import District, Person
from jineng.occupations.models import Occupation
from jineng.subsidies.models import Claim, Scheme
from jineng.training.models import Enrolment, Institution
from jineng.training.tests.factories import shanghai  # noqa: F401  (re-exported for the tests)

_numbers = itertools.count(1)


def scheme() -> Scheme:
    return Scheme.objects.get_or_create(code="test-skill-upgrade", defaults={
        "name": "测试技能提升补贴", "family": "A", "beneficiary": "person"})[0]


def claim(who: Person, *, at: datetime, enrol: Enrolment | None = None, institution: Institution | None = None,
          district: str | None = None, occupation: str = "6-25-04-05", work_type=None, level: int | None = 3,
          status: str = "in_review", certificate: bool = True) -> Claim:
    """A claim by an institution on the person's behalf (through ``enrol``'s class or ``institution``)."""
    n = next(_numbers)
    institution = institution or (enrol.training_class.institution if enrol else None)
    organisation = institution.organisation if institution else None
    district_code = district or (institution.district.code if institution else "310115")
    return Claim.objects.create(
        number=f"T{n:010d}", scheme=scheme(), claimant_kind="institution" if organisation else "person",
        claimant_organisation=organisation, person=who, district=District.objects.get(code=district_code),
        applicant_category="employed", occupation=Occupation.objects.get(code=occupation), work_type=work_type,
        level=level, certificate_no=f"C{n:08d}" if certificate else "", enrolment=enrol,
        period_year=at.year, amount=Decimal("1500.00"), status=status, submitted_at=at,
    )
