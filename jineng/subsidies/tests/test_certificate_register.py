"""The skill-upgrading claim reads the register; a suspension or revocation sends open claims back to review."""

from datetime import date

import pytest

from jineng.certificates.models import Certificate
from jineng.certificates.services.status import certificate_revoke
from jineng.subsidies.tests import factories
from jineng.training.tests import factories as training

pytestmark = pytest.mark.django_db


def _certified_without_register():
    enrolment = factories.certified(certificate_date=date(2025, 3, 1))
    Certificate.objects.filter(number=enrolment.certificate_no).delete()
    return enrolment


def _reasons(claim):
    return {c["code"]: c for c in claim.trace["checks"]}["certificate_register"]


def test_claim_on_a_registered_valid_certificate_passes():
    claim = factories.submitted(factories.certified(certificate_date=date(2025, 3, 1)))
    assert claim.status == "in_review"
    assert _reasons(claim)["passed"]


def test_claim_on_a_certificate_missing_from_the_register_fails():
    enrolment = _certified_without_register()
    claim = factories.submitted(enrolment)
    assert claim.status == "check_failed"
    assert f"证书 {enrolment.certificate_no} 不在本市职业技能等级证书登记簿中" in claim.check_failures[0]


def test_claim_on_another_persons_certificate_fails():
    enrolment = _certified_without_register()
    factories.registered(enrolment)
    Certificate.objects.filter(number=enrolment.certificate_no).update(holder=training.person())
    claim = factories.submitted(enrolment)
    assert "持证人不是该申请人" in " ".join(claim.check_failures)


def test_claim_on_a_certificate_revoked_before_the_claim_date_fails():
    enrolment = _certified_without_register()
    factories.registered(enrolment, status="revoked", status_date=date(2025, 3, 20), status_reason="冒名顶替")
    claim = factories.submitted(enrolment)  # submitted 2025-04-01
    assert claim.status == "check_failed"
    assert "已于 2025-03-20 被撤销（原因：冒名顶替）" in " ".join(claim.check_failures)


def test_suspension_after_the_claim_date_does_not_fail_the_check():
    enrolment = _certified_without_register()
    factories.registered(enrolment, status="suspended", status_date=date(2025, 5, 1), status_reason="核查")
    assert factories.submitted(enrolment).status == "in_review"


def test_revocation_sends_open_claims_back_to_review_with_the_reason(city_officer):
    from jineng.subsidies.services.claims import claim_approve

    enrolment = factories.certified(certificate_date=date(2025, 3, 1))
    claim = factories.submitted(enrolment)
    claim_approve(claim=claim, by=city_officer)
    certificate = Certificate.objects.get(number=enrolment.certificate_no)
    certificate_revoke(certificate=certificate, by=city_officer, reason="考试舞弊")
    claim.refresh_from_db()
    assert claim.status == "in_review"
    assert "已于" in claim.decision_note and "考试舞弊" in claim.decision_note
    assert claim.trace["certificate_recheck"]["status"] == "revoked"
    assert claim.decided_by is None


def test_a_recognised_overseas_certificate_counts_as_its_mapped_level(city_officer):
    from jineng.recognition.models import OverseasRecognition

    enrolment = _certified_without_register()
    klass = enrolment.training_class.project
    OverseasRecognition.objects.create(
        person=enrolment.person, country="德国", issuing_body="IHK", certificate_title="Industriemechaniker",
        certificate_number=enrolment.certificate_no, occupation=klass.occupation, level=klass.level,
        state="recognised", decided_on=date(2025, 3, 10), organisation=city_officer.organisation,
        submitted_by=city_officer)
    claim = factories.submitted(enrolment)  # submitted 2025-04-01

    assert claim.status == "in_review"
    assert _reasons(claim)["passed"]


def test_a_refused_or_lower_overseas_recognition_does_not_count(city_officer):
    from jineng.recognition.models import OverseasRecognition

    enrolment = _certified_without_register()
    klass = enrolment.training_class.project
    OverseasRecognition.objects.create(
        person=enrolment.person, country="德国", issuing_body="IHK", certificate_title="Industriemechaniker",
        certificate_number=enrolment.certificate_no, occupation=klass.occupation, level=klass.level - 1,
        state="recognised", decided_on=date(2025, 3, 10), organisation=city_officer.organisation,
        submitted_by=city_officer)

    assert factories.submitted(enrolment).status == "check_failed"


def test_a_suspension_counts_only_while_it_lasted(city_officer, monkeypatch):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from jineng.certificates.services.status import certificate_reinstate, certificate_suspend

    def clock(day):
        moment = datetime.combine(day, time(12), tzinfo=ZoneInfo("Asia/Shanghai"))
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    claims = {}
    for day in (date(2025, 3, 20), date(2025, 4, 1)):
        enrolment = _certified_without_register()
        certificate = factories.registered(enrolment)  # issued 2025-03-01
        clock(date(2025, 3, 10))
        certificate_suspend(certificate=certificate, by=city_officer, reason="考试违纪核查中")
        clock(date(2025, 3, 25))
        certificate_reinstate(certificate=certificate, by=city_officer, reason="核查无误")
        clock(day)
        claims[day] = factories.submitted(enrolment, submitted_at=factories.shanghai(day))
    during, after = claims[date(2025, 3, 20)], claims[date(2025, 4, 1)]
    assert during.status == "check_failed"
    assert "已于 2025-03-10 被暂停" in " ".join(during.check_failures)
    assert after.status == "in_review" and _reasons(after)["passed"]
