"""A page of estimates is computed from parameters and catalogues read once, and equals the one-by-one quote."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jineng.core.exceptions import DomainError
from jineng.occupations.choices import CatalogueKind
from jineng.occupations.models import CatalogueEntry, Occupation, WorkType, catalogue_entry_key
from jineng.portal.models import CourseEntry
from jineng.portal.selectors.courses import course_estimates
from jineng.portal.services.course_index import course_index_rebuild
from jineng.subsidies.choices import ApplicantCategory
from jineng.subsidies.selectors.parameters import parameters_on, scheme_list
from jineng.subsidies.services.quotes import claim_quote
from jineng.subsidies.tests import factories as subsidies
from jineng.training.tests import factories

LATHE, CARE, MILLING = "6-18-01-01", "4-10-01-05", "6-18-01-02"


def _one_by_one(entry: CourseEntry, category: str):
    """What the subsidies app answers for this course alone: the first person-paid scheme that knows the
    category on the day, then ``claim_quote``."""
    day = entry.start_date or timezone.localdate()
    for scheme in scheme_list():
        if scheme.beneficiary == "person" and f"share.{category}" in parameters_on(scheme, day):
            try:
                return scheme.name, claim_quote(scheme=scheme, occupation=entry.project.occupation,
                                                work_type=entry.project.work_type, level=entry.level,
                                                applicant_category=category, certificate_date=day)
            except DomainError as exc:
                return scheme.name, str(exc)
    return "", None


@pytest.fixture
def mixed(db):
    """Courses of three occupations, with and without a work type, levels none to 5, classes in 2024 and 2025
    and none open; 车工 on the 2024 urgent list with an uplift and the 2025 key-support list, 数控车工 listed as a
    work type only, 养老护理员 on no list."""
    lathe = Occupation.objects.get(code=LATHE)
    cnc = WorkType.objects.get_or_create(occupation=lathe, name="数控车工", defaults={"initials": "skcg"})[0]
    other = WorkType.objects.get_or_create(occupation=lathe, name="普通车工", defaults={"initials": "ptcg"})[0]
    urgent = subsidies.catalogue(CatalogueKind.URGENT, year=2024, codes=(LATHE,), published_on=date(2024, 1, 5))
    CatalogueEntry.objects.filter(version=urgent).update(subsidy_uplift_pct=20)
    subsidies.catalogue(CatalogueKind.KEY_SUPPORT, year=2025, codes=(LATHE,), published_on=date(2025, 1, 10))
    special = subsidies.catalogue(CatalogueKind.SPECIAL, year=2024, codes=(), published_on=date(2024, 2, 1))
    CatalogueEntry.objects.create(version=special, occupation=lathe, work_type=cnc,
                                  key=catalogue_entry_key(occupation=lathe, work_type=cnc, name=""))
    inst = factories.institution(name="上海混合测试培训学校")
    plan = [(LATHE, None, 3, date(2024, 3, 4)), (LATHE, cnc, 4, date(2024, 6, 1)), (LATHE, other, 2, date(2025, 3, 1)),
            (LATHE, cnc, 5, date(2025, 2, 1)), (LATHE, None, None, date(2025, 4, 1)), (CARE, None, 1, date(2024, 5, 6)),
            (CARE, None, 2, None), (MILLING, None, 3, date(2024, 12, 15)), (LATHE, None, 1, None)]
    for code, work_type, level, start in plan:
        project = factories.project(inst, code=code, level=level, fee="2600.00")
        if work_type is not None:
            project.work_type = work_type
            project.save(update_fields=["work_type"])
        if start is not None:
            factories.training_class(project, start=start)
    course_index_rebuild()
    return list(CourseEntry.objects.select_related("project__occupation", "project__work_type").order_by("pk"))


@pytest.mark.parametrize("category", ApplicantCategory.values)
def test_a_page_of_estimates_equals_the_one_by_one_quote(mixed, category):
    estimates = course_estimates(mixed, category)

    assert set(estimates) == {entry.project_id for entry in mixed}
    for entry in mixed:
        estimate = estimates[entry.project_id]
        scheme, expected = _one_by_one(entry, category)
        assert estimate.scheme == scheme, entry
        if expected is None or isinstance(expected, str):
            assert estimate.amount is None and estimate.reason == (expected or "no_scheme"), entry
        else:
            assert (estimate.amount, estimate.trace, estimate.versions) == (
                expected.amount, expected.trace, expected.versions), entry
            assert estimate.net == max(entry.fee - expected.amount, 0)


def test_the_mixed_page_exercises_uplifts_and_refusals(mixed):
    amounts = {estimate.amount for estimate in course_estimates(mixed, "employed").values()}
    refusals = [e for e in course_estimates(mixed, "ui_recipient").values() if e.amount is None]

    assert len(amounts) >= 4
    assert refusals  # levels the unemployment-insurance scheme does not cover


def _queries(path: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(path, params)
    assert response.status_code == 200
    return len(captured)


def _many_courses():
    inst = factories.institution(name="上海批量测试培训学校")
    codes = [o.code for o in Occupation.objects.filter(classification="2022").order_by("code")[:25]]
    for n, code in enumerate(codes):
        project = factories.project(inst, code=code, level=n % 5 + 1, fee="3000.00")
        factories.training_class(project, start=date(2024, 1 + n % 12, 1 + n))
    course_index_rebuild()


def test_the_search_api_reads_as_many_queries_for_20_rows_as_for_5(db):
    _many_courses()
    five = _queries("/api/v1/portal/courses/", {"category": "employed", "limit": 5})
    twenty = _queries("/api/v1/portal/courses/", {"category": "employed", "limit": 20})

    assert twenty == five


def test_the_search_page_reads_as_many_queries_for_20_rows_as_for_5(db, monkeypatch):
    from jineng.portal.views import courses as views

    _many_courses()
    monkeypatch.setattr(views, "PER_PAGE", 5)
    five = _queries("/portal/courses/", {"category": "employed"})
    monkeypatch.setattr(views, "PER_PAGE", 20)
    twenty = _queries("/portal/courses/", {"category": "employed"})

    assert twenty == five
