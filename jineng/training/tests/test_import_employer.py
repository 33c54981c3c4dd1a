"""The optional 用人单位统一社会信用代码 column: stored on the record, it confirms or adds the employment."""

from datetime import date

import pytest

from jineng.demand.models import Employment
from jineng.demand.tests import factories as demand
from jineng.training.engine.records import COLUMNS, EMPLOYER
from jineng.training.models import Enrolment
from jineng.training.tests import factories
from jineng.training.tests.test_import import csv_bytes, numbers, row, run

pytestmark = pytest.mark.django_db
WITHOUT_EMPLOYER = tuple(c for c in COLUMNS if c != EMPLOYER)


@pytest.fixture
def klass(db):
    inst = factories.institution()
    return factories.training_class(factories.project(inst, code="4-10-01-05", level=3), capacity=5,
                                    code="BJ-A", start=date(2024, 3, 4))


def test_employer_code_is_stored_and_adds_the_employment_for_the_class_dates(klass):
    firm = demand.enterprise()
    number = numbers(1)[0]

    record = run(csv_bytes([row(klass, number, **{EMPLOYER: firm.credit_code.lower()})]))

    assert record.status == "done", record.errors_shown
    enrolment = Enrolment.objects.get()
    assert enrolment.employer_credit_code == firm.credit_code
    employment = Employment.objects.get()
    assert (employment.enterprise, employment.person, employment.source) == (firm, enrolment.person, "enrolment")
    assert (employment.start_date, employment.end_date) == (klass.start_date, date(2024, 5, 3))
    assert employment.history.count() == 1


def test_importing_the_same_file_again_adds_no_second_employment(klass):
    firm = demand.enterprise()
    content = csv_bytes([row(klass, n, **{EMPLOYER: firm.credit_code}) for n in numbers(2)])
    run(content)

    again = run(content)

    assert again.unchanged_count == 2
    assert Employment.objects.count() == 2


def test_employment_already_on_the_roster_is_confirmed_not_duplicated(klass):
    from jineng.demand.services.employment import employment_record
    from jineng.training.tests.factories import person

    firm = demand.enterprise()
    number = numbers(1)[0]
    run(csv_bytes([row(klass, number)]))
    worker = Enrolment.objects.get().person
    employment_record(enterprise=firm, person=worker, start_date=date(2020, 1, 1), source="roster", by=None)
    person()  # someone else, to be sure only the named trainee is matched

    run(csv_bytes([row(klass, number, **{EMPLOYER: firm.credit_code})]))

    assert list(Employment.objects.values_list("source", flat=True)) == ["roster"]


def test_unregistered_employer_is_kept_on_the_record_only(klass):
    run(csv_bytes([row(klass, numbers(1)[0], **{EMPLOYER: "91310000MA1FL0000N"})]))

    assert Enrolment.objects.get().employer_credit_code == "91310000MA1FL0000N"
    assert not Employment.objects.exists()


def test_bad_employer_code_names_the_row_and_column_and_imports_nothing(klass):
    record = run(csv_bytes([row(klass, numbers(1)[0], **{EMPLOYER: "91310000MA1FL0000X"})]))

    assert record.status == "rejected"
    assert record.errors_shown[0].startswith(f"第 2 行“{EMPLOYER}”：")
    assert not Enrolment.objects.exists()


def test_file_without_the_employer_column_still_imports(klass):
    record = run(csv_bytes([row(klass, n) for n in numbers(2)], columns=WITHOUT_EMPLOYER))

    assert record.status == "done", record.errors_shown
    assert set(Enrolment.objects.values_list("employer_credit_code", flat=True)) == {""}
