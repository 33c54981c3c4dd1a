"""Builders for subsidy tests, on top of the training builders: certified enrolments, catalogues, claims."""

from datetime import date, datetime, time

from django.utils import timezone

from jineng.accounts.models import Organisation
from jineng.core.models import District
from jineng.occupations.choices import CatalogueKind, CatalogueState
from jineng.occupations.models import (
    CatalogueEntry,
    CatalogueVersion,
    Occupation,
    WorkType,
    catalogue_entry_key,
)
from jineng.subsidies.models import Scheme
from jineng.subsidies.services.claims import claim_submit
from jineng.training.models import Apprenticeship
from jineng.training.tests import factories as training

LATHE = "6-18-01-01"  # 车工


def scheme(code: str = "sh_skill_upgrade") -> Scheme:
    return Scheme.objects.get(code=code)


def certified(*, inst=None, code: str = LATHE, level: int | None = 3, certificate_date: date = date(2025, 3, 1),
              who=None, work_type: str = "", capacity: int = 30):
    """A completed, passed enrolment with a certificate on ``certificate_date``."""
    inst = inst or training.institution()
    proj = training.project(inst, code=code, level=level)
    if work_type:
        proj.work_type = WorkType.objects.get_or_create(occupation=proj.occupation, name=work_type,
                                                        defaults={"initials": ""})[0]
        proj.save(update_fields=["work_type"])
    klass = training.training_class(proj, start=date(2024, 10, 8), days=60, capacity=capacity)
    enrolment = training.enrolment(klass, who, certificate_date=certificate_date)
    registered(enrolment)
    return enrolment


def registered(enrolment, **fields):
    """The enrolment's certificate entered in the certificate register (a claim needs it there and valid)."""
    from jineng.certificates.tests import factories as certificates

    body = certificates.EvaluationBody.objects.filter(name="补贴测试评价机构").first() or certificates.body(
        name="补贴测试评价机构", with_login=False)
    return certificates.certificate(holder=enrolment.person, b=body, number=enrolment.certificate_no,
                                    code=enrolment.training_class.project.occupation.code,
                                    level=enrolment.training_class.project.level,
                                    issued_on=enrolment.certificate_date, **fields)


def catalogue(kind: str = CatalogueKind.KEY_SUPPORT, *, year: int = 2025, codes=(LATHE,),
              published_on: date = date(2025, 1, 10), title: str = "") -> CatalogueVersion:
    number = CatalogueVersion.objects.filter(kind=kind, year=year).count() + 1
    version = CatalogueVersion.objects.create(
        kind=kind, year=year, number=number, title=title or f"{year}年{CatalogueKind(kind).label}",
        state=CatalogueState.PUBLISHED,
        published_at=datetime.combine(published_on, time(10), tzinfo=timezone.get_default_timezone()))
    for code in codes:
        occupation = Occupation.objects.get(code=code)
        CatalogueEntry.objects.create(version=version, occupation=occupation,
                                      key=catalogue_entry_key(occupation=occupation, work_type=None, name=""))
    return version


def submitted(enrolment, *, by=None, category: str = "employed", scheme_code: str = "sh_skill_upgrade",
              submitted_at=None):
    """A claim on ``enrolment`` by its institution's user (created if not given)."""
    by = by or institution_user_for(enrolment)
    return claim_submit(by=by, scheme=scheme(scheme_code), enrolment=enrolment, applicant_category=category,
                        submitted_at=submitted_at or shanghai(date(2025, 4, 1)))


def institution_user_for(enrolment):
    inst = enrolment.training_class.institution
    user = inst.organisation.users.first()
    return user or training.institution_user(inst)


def apprenticeship(enterprise: Organisation, *, code: str = LATHE, start: date = date(2024, 9, 1),
                   end: date = date(2026, 8, 31)) -> Apprenticeship:
    return Apprenticeship.objects.create(
        enterprise=enterprise, person=training.person(), occupation=Occupation.objects.get(code=code), target_level=3,
        district=District.objects.get(code="310115"), start_date=start, end_date=end)


def shanghai(day: date, hour: int = 10) -> datetime:
    return training.shanghai(day, hour)


def employ(enterprise: Organisation, enrolment, *, start: date | None = None, end: date | None = None,
           source: str = "roster"):
    """The enterprise (given a demand profile if it has none) employs the enrolment's trainee from ``start``."""
    import random

    from jineng.core.identifiers import synthetic_uscc
    from jineng.demand.models import EnterpriseProfile
    from jineng.demand.services.employment import employment_record
    from jineng.occupations.models import Industry

    profile = EnterpriseProfile.objects.filter(organisation=enterprise).first()
    if profile is None:
        profile = EnterpriseProfile.objects.create(
            organisation=enterprise, credit_code=synthetic_uscc(rng=random.Random(enterprise.pk)),
            district=District.objects.get(code="310115"), industry=Industry.objects.order_by("pk").first(),
            size="medium", is_synthetic=True)
    return employment_record(enterprise=profile, person=enrolment.person, source=source, by=None,
                             start_date=start or enrolment.training_class.start_date, end_date=end)
