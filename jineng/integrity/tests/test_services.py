import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from jineng.core.exceptions import DomainError, InvalidState
from jineng.integrity.choices import FindingStatus
from jineng.integrity.models import InstitutionRating, RiskFinding, RiskRun
from jineng.integrity.services import findings, ratings, runs
from jineng.integrity.tests.factories import claim
from jineng.training.models import Inspection, SurveyResponse
from jineng.training.tests import factories as tf
from jineng.training.tests.factories import shanghai

pytestmark = pytest.mark.django_db

DAY = date(2024, 4, 8)


def plant_shared_device() -> None:
    klass = tf.training_class(tf.project(tf.institution()), capacity=40)
    for n in range(16):
        tf.check_in(tf.enrolment(klass), at=shanghai(DAY, 9, n * 3), device="PHONE-A")


def test_run_stores_findings_counts_and_progress():
    plant_shared_device()

    run = runs.risk_run_execute(run_id=RiskRun.objects.create().pk)

    assert (run.status, run.rules_done, run.rules_total, run.progress_percent) == ("done", 8, 8, 100)
    assert run.counts["shared_device"] == 1 and sum(run.counts.values()) == 1
    finding = RiskFinding.objects.get()
    assert finding.first_run == run and finding.last_run == run and finding.status == "open"
    assert finding.district.code == "310115" and 0 < finding.score <= 100
    assert all(set(p) == {"id", "masked"} and "*" in p["masked"] for p in finding.evidence["persons"])


def test_rerun_refreshes_a_finding_but_keeps_its_review(city_officer):
    plant_shared_device()
    first = runs.risk_run_execute(run_id=RiskRun.objects.create().pk)
    finding = RiskFinding.objects.get()
    findings.finding_review(finding=finding, by=city_officer, outcome="confirmed", note="现场核实属实")

    second = runs.risk_run_execute(run_id=RiskRun.objects.create().pk)

    finding.refresh_from_db()
    assert RiskFinding.objects.count() == 1
    assert (finding.status, finding.review_note, finding.first_run, finding.last_run) == (
        "confirmed", "现场核实属实", first, second)


def test_evidence_never_holds_a_plain_resident_id():
    who, number = tf.person_with_number()
    klass = tf.training_class(tf.project(tf.institution()), capacity=40)
    for n in range(15):
        tf.check_in(tf.enrolment(klass), at=shanghai(DAY, 9, n), device="PHONE-B")
    tf.check_in(tf.enrolment(klass, who), at=shanghai(DAY, 9, 30), device="PHONE-B")

    runs.risk_run_execute(run_id=RiskRun.objects.create().pk)

    stored = json.dumps([f.evidence for f in RiskFinding.objects.all()]) + "".join(
        f.summary for f in RiskFinding.objects.all())
    assert number not in stored and who.resident_id_masked in stored


def test_start_queues_the_task_which_runs_the_pass(city_officer, immediate_tasks, django_capture_on_commit_callbacks):
    plant_shared_device()

    with django_capture_on_commit_callbacks(execute=True):
        run = runs.risk_run_start(by=city_officer)

    run.refresh_from_db()
    assert run.status == "done" and run.started_by == city_officer and run.counts["shared_device"] == 1


def test_only_the_programme_office_starts_a_run_and_one_at_a_time(city_officer, leader, pudong_officer):
    for user in (leader, pudong_officer):
        with pytest.raises(DomainError):
            runs.risk_run_start(by=user)
    RiskRun.objects.create(status="running")
    with pytest.raises(DomainError, match="进行中"):
        runs.risk_run_start(by=city_officer)


def test_review_needs_a_note_and_the_right_district(city_officer, pudong_officer, huangpu_officer, leader):
    plant_shared_device()
    runs.risk_run_execute(run_id=RiskRun.objects.create().pk)
    finding = RiskFinding.objects.get()

    with pytest.raises(DomainError, match="说明"):
        findings.finding_review(finding=finding, by=city_officer, outcome="dismissed", note=" ")
    for outsider in (huangpu_officer, leader):
        with pytest.raises(DomainError):
            findings.finding_review(finding=finding, by=outsider, outcome="dismissed", note="无问题")
    reviewed = findings.finding_review(finding=finding, by=pudong_officer, outcome="dismissed", note="设备为教室签到机")

    assert (reviewed.status, reviewed.reviewed_by) == ("dismissed", pudong_officer)
    assert reviewed.history.first().history_change_reason.startswith("排除")


def test_command_runs_inline_and_prints_json():
    plant_shared_device()
    out = StringIO()

    call_command("risk_check", "--json", stdout=out)

    result = json.loads(out.getvalue())
    assert result["status"] == "done" and result["counts"]["shared_device"] == 1


def _year_of(inst, *, trainees: int, passed: int, answered: int = 0):
    klass = tf.training_class(tf.project(inst), start=date(2024, 3, 4), capacity=trainees)
    for n in range(trainees):
        enrol = tf.enrolment(klass, passed=n < passed)
        if n < answered:
            SurveyResponse.objects.create(enrolment=enrol, satisfaction=5, answered_at=shanghai(DAY))


def test_rating_compute_rates_every_institution_and_publish_makes_it_public(city_officer):
    big, small = tf.institution(), tf.institution()
    _year_of(big, trainees=40, passed=36, answered=20)
    _year_of(small, trainees=5, passed=5)
    Inspection.objects.create(institution=big, inspected_date=date(2024, 6, 1), score=90)

    computed = ratings.rating_compute(year=2024, by=city_officer)

    rows = {r.institution_id: r for r in computed}
    assert rows[small.pk].grade == "-" and rows[big.pk].grade in "ABCD"
    assert rows[big.pk].satisfaction == 1 and rows[big.pk].inspection_score == 90
    assert not any(r.is_published for r in computed)
    assert ratings.rating_publish(year=2024, by=city_officer) == 2
    assert InstitutionRating.objects.filter(is_published=True).count() == 2
    assert rows[big.pk].history.count() == 2  # computed, then published


def test_recomputing_updates_the_rows_and_counts_confirmed_findings(city_officer):
    inst = tf.institution()
    _year_of(inst, trainees=30, passed=25)
    first = ratings.rating_compute(year=2024, by=city_officer)[0]
    klass = tf.training_class(tf.project(inst, level=4), start=DAY)
    for n in range(16):
        tf.check_in(tf.enrolment(klass), at=shanghai(DAY, 9, n), device="PHONE-C")
    runs.risk_run_execute(run_id=RiskRun.objects.create().pk)
    finding = RiskFinding.objects.get()
    findings.finding_review(finding=finding, by=city_officer, outcome="confirmed", note="属实")
    RiskFinding.objects.filter(pk=finding.pk).update(reviewed_at=shanghai(DAY + timedelta(days=30)))

    second = ratings.rating_compute(year=2024, by=city_officer)[0]

    assert second.pk == first.pk and second.confirmed_findings == 1 and second.score < first.score


def test_only_the_programme_office_computes_and_publishes(leader, pudong_officer):
    for user in (leader, pudong_officer):
        with pytest.raises(DomainError):
            ratings.rating_compute(year=2024, by=user)
        with pytest.raises(DomainError):
            ratings.rating_publish(year=2024, by=user)


def test_demo_runs_reviews_and_publishes(city_officer):
    plant_shared_device()
    first, second = tf.institution(district="310115"), tf.institution(district="310101")
    twice = tf.person()
    claim(twice, at=shanghai(DAY), institution=first, status="paid")
    claim(twice, at=shanghai(DAY, 11), institution=second, status="rejected")
    tf.enrolment(tf.training_class(tf.project(first, level=4)), tf.person(born=date(1940, 1, 1)))

    from jineng.integrity.demo import integrity_demo_run

    result = integrity_demo_run(year=2024)

    assert result["confirmed"] == 2 and result["dismissed"] == 1 and result["published"] == result["ratings"] > 0
    assert RiskFinding.objects.filter(status=FindingStatus.CONFIRMED).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_outside_a_transaction_gives_the_same_findings_two_rules_at_a_time():
    plant_shared_device()
    twice = tf.person()
    claim(twice, at=shanghai(DAY), institution=tf.institution(district="310115"), status="paid")
    claim(twice, at=shanghai(DAY, 11), institution=tf.institution(district="310101"), status="rejected")

    run = runs.risk_run_execute(run_id=RiskRun.objects.create().pk)

    assert run.status == "done" and run.rules_done == 8
    assert (run.counts["shared_device"], run.counts["duplicate_claim"]) == (1, 1)


def test_desk_metrics_count_open_and_confirmed_findings_by_district(city_officer):
    from django.utils import timezone

    from jineng.core.metrics import metric_compute

    plant_shared_device()
    runs.risk_run_execute(run_id=RiskRun.objects.create().pk)
    today = timezone.localdate()

    before = metric_compute("integrity.open_findings", year=today.year, month=today.month)
    findings.finding_review(finding=RiskFinding.objects.get(), by=city_officer, outcome="confirmed", note="属实")
    after = metric_compute("integrity.confirmed_findings", year=today.year, month=today.month)

    assert (before.city, before.by_district) == (1, {"310115": 1})
    assert (after.city, after.by_district) == (1, {"310115": 1})
    assert metric_compute("integrity.open_findings", year=today.year, month=today.month).city == 0


def test_a_finding_already_in_the_chosen_outcome_is_a_wrong_state(city_officer):
    plant_shared_device()
    runs.risk_run_execute(run_id=RiskRun.objects.create().pk)
    finding = RiskFinding.objects.get()
    findings.finding_review(finding=finding, by=city_officer, outcome="confirmed", note="查实")

    with pytest.raises(InvalidState, match="当前状态为“查实”"):
        findings.finding_review(finding=finding, by=city_officer, outcome="confirmed", note="再次查实")
    reopened = findings.finding_review(finding=finding, by=city_officer, outcome="open", note="")
    with pytest.raises(InvalidState):
        findings.finding_review(finding=reopened, by=city_officer, outcome="open", note="")

    assert (reopened.status, reopened.reviewed_by, reopened.reviewed_at) == ("open", None, None)
