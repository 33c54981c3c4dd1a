"""Each risk rule on planted data, with a clean control that must not be found."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from jineng.core.models import District
from jineng.integrity.engine.dialect import dialect_for
from jineng.integrity.engine.rules import rule_run
from jineng.integrity.tests.factories import claim
from jineng.occupations.models import Occupation, WorkType
from jineng.training.tests import factories as tf
from jineng.training.tests.factories import shanghai

pytestmark = pytest.mark.django_db

DAY = date(2024, 4, 8)


def _run(rule: str):
    def execute(statement):
        with connection.cursor() as cursor:
            cursor.execute(statement)
            return cursor.fetchall()

    return rule_run(rule, execute, dialect_for(connection.vendor))


@pytest.fixture
def klass():
    return tf.training_class(tf.project(tf.institution()), capacity=40)


def test_duplicate_claim_across_institutions_and_districts_is_found_but_a_resubmission_is_not():
    first, second = tf.institution(district="310115"), tf.institution(district="310101")
    twice, resubmitted = tf.person(), tf.person()
    claim(twice, at=shanghai(DAY), institution=first, status="paid")
    claim(twice, at=shanghai(DAY, 11), institution=second, status="rejected")
    claim(resubmitted, at=shanghai(DAY), institution=first, status="rejected")
    claim(resubmitted, at=shanghai(DAY, 12), institution=first)

    drafts = _run("duplicate_claim")

    assert [d.person_id for d in drafts] == [twice.pk]
    assert drafts[0].evidence["metrics"]["institutions"] == 2 and drafts[0].evidence["metrics"]["districts"] == 2
    assert drafts[0].institution_id == second.pk and len(drafts[0].evidence["claims"]) == 2


def test_near_duplicate_with_another_work_type_within_the_year_is_found():
    inst = tf.institution()
    code = "6-25-04-05"
    one = WorkType.objects.create(occupation=Occupation.objects.get(code=code), name="测试工种甲", initials="csgzj")
    other = WorkType.objects.create(occupation=one.occupation, name="测试工种乙", initials="csgzy")
    near, far = tf.person(), tf.person()
    claim(near, at=shanghai(DAY), institution=inst, occupation=code, work_type=one)
    claim(near, at=shanghai(DAY + timedelta(days=100)), institution=inst, occupation=code, work_type=other)
    claim(far, at=shanghai(DAY), institution=inst, occupation=code, work_type=one)
    claim(far, at=shanghai(DAY + timedelta(days=500)), institution=inst, occupation=code, work_type=other)

    drafts = _run("duplicate_claim")

    assert [d.person_id for d in drafts] == [near.pk]
    assert drafts[0].evidence["metrics"]["work_types"] == 2


def test_device_checking_in_many_trainees_within_an_hour_is_found_but_a_spread_out_one_is_not(klass):
    for n in range(16):
        tf.check_in(tf.enrolment(klass), at=shanghai(DAY, 9, n * 3), device="PHONE-A")
    for n in range(16):
        tf.check_in(tf.enrolment(klass), at=shanghai(DAY, 8 + n // 2, 0), device="KIOSK-B")

    drafts = _run("shared_device")

    assert [d.fingerprint for d in drafts] == ["PHONE-A:2024-04-08"]
    assert drafts[0].evidence["metrics"]["trainees"] == 16 and drafts[0].institution_id == klass.institution_id


def test_trainee_in_overlapping_classes_with_check_ins_at_both_is_found(klass):
    other = tf.training_class(tf.project(tf.institution(), level=4), start=DAY, days=30)
    later = tf.training_class(tf.project(tf.institution(), level=2), start=date(2024, 9, 1), days=30)
    both, sequential = tf.person(), tf.person()
    for k in (klass, other):
        tf.check_in(tf.enrolment(k, both), at=shanghai(DAY + timedelta(days=2)))
    for k in (klass, later):
        tf.check_in(tf.enrolment(k, sequential), at=shanghai(k.start_date + timedelta(days=1)))
    no_check_in = tf.person()
    tf.enrolment(klass, no_check_in)
    tf.enrolment(other, no_check_in)

    drafts = _run("overlapping_classes")

    assert [d.person_id for d in drafts] == [both.pk]
    assert drafts[0].evidence["metrics"]["overlap_days"] == 26


def test_check_ins_too_far_apart_for_the_time_between_are_found():
    near_inst, far_inst = tf.institution(district="310101"), tf.institution(district="310120")
    near_site = tf.site(near_inst, lon=121.48, lat=31.23)
    far_site = tf.site(far_inst, lon=121.75, lat=30.91)  # about 44 km away
    near = tf.training_class(tf.project(near_inst), where=near_site)
    far = tf.training_class(tf.project(far_inst, level=4), where=far_site)
    racer, commuter = tf.person(), tf.person()
    tf.check_in(tf.enrolment(near, racer), at=shanghai(DAY, 9, 0))
    tf.check_in(tf.enrolment(far, racer), at=shanghai(DAY, 9, 15))
    tf.check_in(tf.enrolment(near, commuter), at=shanghai(DAY, 9, 0))
    tf.check_in(tf.enrolment(far, commuter), at=shanghai(DAY, 11, 0))

    drafts = _run("impossible_travel")

    assert [d.person_id for d in drafts] == [racer.pk]
    metrics = drafts[0].evidence["metrics"]
    assert 40 < metrics["km"] < 50 and metrics["minutes"] == 15
    assert drafts[0].institution_id == far_inst.pk


def _cohort(inst, *, passed: int, failed: int, code: str = "6-25-04-05", level: int = 3):
    klass = tf.training_class(tf.project(inst, code=code, level=level), capacity=passed + failed)
    for _ in range(passed):
        tf.enrolment(klass, passed=True)
    for _ in range(failed):
        tf.enrolment(klass, passed=False)


def test_institution_passing_everyone_against_a_city_rate_of_seventy_percent_is_an_outlier():
    suspicious, ordinary, other = tf.institution(), tf.institution(), tf.institution()
    _cohort(suspicious, passed=60, failed=0)
    _cohort(ordinary, passed=42, failed=18)
    _cohort(other, passed=35, failed=15)

    drafts = _run("pass_rate_outlier")

    assert [d.institution_id for d in drafts] == [suspicious.pk]
    assert drafts[0].evidence["metrics"]["examined"] == 60 and drafts[0].evidence["metrics"]["z"] > 3


def test_small_cohorts_are_not_tested_for_pass_rate():
    _cohort(tf.institution(), passed=20, failed=0)
    _cohort(tf.institution(), passed=35, failed=15)

    assert _run("pass_rate_outlier") == []


def test_class_with_more_claims_than_capacity_is_found_but_a_full_class_is_not():
    inst = tf.institution()
    over = tf.training_class(tf.project(inst), capacity=3)
    full = tf.training_class(tf.project(inst, level=4), capacity=3)
    for _ in range(5):
        claim(tf.person(), at=shanghai(DAY), enrol=tf.enrolment(over))
    for _ in range(3):
        claim(tf.person(), at=shanghai(DAY), enrol=tf.enrolment(full))
    claim(tf.person(), at=shanghai(DAY), enrol=tf.enrolment(full), status="withdrawn")

    drafts = _run("over_capacity")

    assert [d.fingerprint for d in drafts] == [f"class:{over.pk}"]
    assert drafts[0].evidence["metrics"] == {"capacity": 3, "claimed": 5}


def test_burst_of_claims_from_one_organisation_is_found_but_a_steady_flow_is_not():
    burst, steady = tf.institution(), tf.institution()
    for n in range(32):
        claim(tf.person(), at=shanghai(DAY, 10, 0) + timedelta(seconds=15 * n), institution=burst)
    for n in range(40):
        claim(tf.person(), at=shanghai(DAY, 8, 0) + timedelta(minutes=5 * n), institution=steady)

    drafts = _run("claim_burst")

    assert [d.institution_id for d in drafts] == [burst.pk]
    assert drafts[0].evidence["metrics"]["claims"] == 32
    assert drafts[0].district_id == District.objects.get(code="310115").pk


def test_persons_too_young_or_too_old_at_enrolment_are_found(klass):
    child = tf.person(born=date(2010, 5, 1))
    elder = tf.person(born=date(1950, 1, 1))
    sixteen = tf.person(born=date(2008, 2, 1))  # 16 at enrolment (2024-02-26)
    for who in (child, elder, sixteen):
        tf.enrolment(klass, who)

    drafts = {d.person_id: d for d in _run("implausible_age")}

    assert set(drafts) == {child.pk, elder.pk}
    assert drafts[child.pk].evidence["metrics"]["age"] == 13
    assert drafts[elder.pk].evidence["metrics"]["age"] == 74


def test_one_enrolment_checking_in_far_away_by_gps_the_same_day_is_found(klass):
    enrol = tf.enrolment(klass)
    tf.check_in(enrol, at=shanghai(DAY, 9, 0))
    far = tf.check_in(enrol, at=shanghai(DAY, 9, 10))
    far.lon, far.lat = far.lon + Decimal("0.5"), far.lat
    far.save(update_fields=["lon", "lat"])
    tf.check_in(enrol, at=shanghai(DAY + timedelta(days=1), 9, 0))

    drafts = _run("impossible_travel")

    assert [d.fingerprint for d in drafts] == [f"{enrol.person_id}:{DAY.isoformat()}"]
    assert drafts[0].evidence["metrics"]["km"] > 45
