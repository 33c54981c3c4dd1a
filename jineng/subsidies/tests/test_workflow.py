"""submit → review → approve → batch → send → paid / failed → re-batch, each step audited."""

from datetime import date
from decimal import Decimal

import pytest

from jineng.core.exceptions import DomainError, InvalidState
from jineng.occupations.choices import CatalogueKind
from jineng.subsidies.choices import BatchStatus, ClaimStatus, PaymentStatus
from jineng.subsidies.models import Claim, Payment
from jineng.subsidies.services import claims as claim_services
from jineng.subsidies.services import payments as payment_services
from jineng.subsidies.services.common import NotAllowed
from jineng.subsidies.services.parameters import subsidy_parameter_add
from jineng.subsidies.services.quotes import claim_quote
from jineng.subsidies.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(city_officer):
    claim = factories.submitted(factories.certified())
    return claim_services.claim_approve(claim=claim, by=city_officer)


def test_a_claim_goes_from_submission_to_payment(city_officer):
    claim = factories.submitted(factories.certified())

    claim_services.claim_approve(claim=claim, by=city_officer, note="材料齐全")
    batch = payment_services.payment_batch_create(by=city_officer)
    payment_services.payment_batch_send(batch=batch, by=city_officer)
    payment = Payment.objects.get(claim=claim)
    payment_services.payment_mark_paid(payment=payment, by=city_officer, reference="ICBC-001")

    claim.refresh_from_db()
    batch.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    assert batch.status == BatchStatus.SETTLED
    assert Payment.objects.get(claim=claim).amount == Decimal("2000.00")
    reasons = list(claim.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[0] == "提交补贴申请"
    assert "核准：材料齐全" in reasons
    assert reasons[-1].startswith("已拨付")


def test_failed_payment_can_be_batched_again_and_paid(city_officer, approved):
    first = payment_services.payment_batch_create(by=city_officer)
    payment_services.payment_batch_send(batch=first, by=city_officer)
    payment_services.payment_mark_failed(payment=approved.payment, by=city_officer, reason="账户已销户")
    approved.refresh_from_db()
    assert approved.status == ClaimStatus.PAYMENT_FAILED

    second = payment_services.payment_batch_create(by=city_officer)
    payment_services.payment_batch_send(batch=second, by=city_officer)
    payment_services.payment_mark_paid(payment=Payment.objects.get(claim=approved), by=city_officer)

    payment = Payment.objects.get(claim=approved)
    assert payment.batch == second
    assert payment.status == PaymentStatus.PAID
    assert payment.history.filter(status=PaymentStatus.FAILED, failure_reason="账户已销户").exists()
    first.refresh_from_db()
    assert first.status == BatchStatus.SETTLED


def test_marking_a_paid_payment_paid_again_changes_nothing(city_officer, approved):
    batch = payment_services.payment_batch_create(by=city_officer)
    payment_services.payment_batch_send(batch=batch, by=city_officer)
    payment_services.payment_mark_paid(payment=approved.payment, by=city_officer, reference="A")

    payment_services.payment_mark_paid(payment=approved.payment, by=city_officer, reference="B")

    assert Payment.objects.get(claim=approved).bank_reference == "A"
    assert approved.history.filter(status=ClaimStatus.PAID).count() == 1


def test_a_draft_batch_cannot_be_paid(city_officer, approved):
    payment_services.payment_batch_create(by=city_officer)

    with pytest.raises(DomainError, match="尚未提交拨付"):
        payment_services.payment_mark_paid(payment=Payment.objects.get(claim=approved), by=city_officer)


def test_an_approved_claim_is_not_batched_twice(city_officer, approved):
    payment_services.payment_batch_create(by=city_officer)

    with pytest.raises(DomainError, match="没有符合条件"):
        payment_services.payment_batch_create(by=city_officer)


def test_approving_twice_is_refused(city_officer, approved):
    with pytest.raises(DomainError, match="不能核准"):
        claim_services.claim_approve(claim=approved, by=city_officer)


def test_reject_needs_a_reason(city_officer):
    claim = factories.submitted(factories.certified())

    with pytest.raises(DomainError, match="理由"):
        claim_services.claim_reject(claim=claim, by=city_officer, reason=" ")
    rejected = claim_services.claim_reject(claim=claim, by=city_officer, reason="证书与发证机构记录不符")

    assert rejected.status == ClaimStatus.REJECTED
    assert rejected.decision_note == "证书与发证机构记录不符"


def test_district_officer_reviews_only_claims_of_their_district(pudong_officer, huangpu_officer):
    claim = factories.submitted(factories.certified())  # institution in 浦东

    with pytest.raises(NotAllowed):
        claim_services.claim_approve(claim=claim, by=huangpu_officer)
    assert claim_services.claim_approve(claim=claim, by=pudong_officer).status == ClaimStatus.APPROVED


def test_only_the_programme_office_pays(pudong_officer, approved):
    with pytest.raises(NotAllowed):
        payment_services.payment_batch_create(by=pudong_officer)


def test_enterprise_claims_an_apprentice_year_once(enterprise_hr):
    apprentice = factories.apprenticeship(enterprise_hr.organisation)
    scheme = factories.scheme("apprenticeship")

    claim = claim_services.claim_submit(by=enterprise_hr, scheme=scheme, apprenticeship=apprentice,
                                        applicant_category="employed", period_year=2025)
    with pytest.raises(DomainError, match="不能重复申请"):
        claim_services.claim_submit(by=enterprise_hr, scheme=scheme, apprenticeship=apprentice,
                                    applicant_category="employed", period_year=2025)

    assert claim.amount == Decimal("5000.00")
    assert claim.status == ClaimStatus.IN_REVIEW
    assert Claim.objects.filter(apprenticeship=apprentice).count() == 1


def test_quote_uses_key_support_catalogue_of_the_certificate_year():
    factories.catalogue(CatalogueKind.KEY_SUPPORT, year=2025, published_on=date(2025, 1, 10))
    occupation = factories.certified().training_class.project.occupation

    quote_2025 = claim_quote(scheme=factories.scheme(), occupation=occupation, level=3, applicant_category="employed",
                             certificate_date=date(2025, 3, 1))
    quote_2024 = claim_quote(scheme=factories.scheme(), occupation=occupation, level=3, applicant_category="employed",
                             certificate_date=date(2024, 12, 20))

    assert quote_2025.amount == Decimal("2600.00")
    assert quote_2024.amount == Decimal("2000.00")


def test_a_new_dated_parameter_value_supersedes_from_its_date(city_officer):
    scheme = factories.scheme()
    subsidy_parameter_add(scheme=scheme, key="standard.level.3", value="2800", valid_from=date(2026, 1, 1),
                          source="测试：新标准", by=city_officer)

    old = claim_quote(scheme=scheme, level=3, applicant_category="unemployed_hukou", certificate_date=date(2025, 12, 31))
    new = claim_quote(scheme=scheme, level=3, applicant_category="unemployed_hukou", certificate_date=date(2026, 1, 1))

    assert (old.amount, new.amount) == (Decimal("2500.00"), Decimal("2800.00"))
    assert "standard.level.3@2026-01-01" in new.trace[0].parameter


def test_a_parameter_value_in_use_cannot_be_replaced_at_an_earlier_date(city_officer):
    with pytest.raises(DomainError, match="须晚于"):
        subsidy_parameter_add(scheme=factories.scheme(), key="standard.level.3", value="2800",
                              valid_from=date(2018, 1, 1), source="测试", by=city_officer)


def test_only_the_programme_office_adds_parameter_values(pudong_officer):
    with pytest.raises(NotAllowed):
        subsidy_parameter_add(scheme=factories.scheme(), key="standard.level.3", value="2800",
                              valid_from=date(2026, 1, 1), source="测试", by=pudong_officer)


def test_wrong_state_moves_of_claims_payments_and_batches_are_refused_as_such(city_officer, approved):
    batch = payment_services.payment_batch_create(by=city_officer)
    payment_services.payment_batch_send(batch=batch, by=city_officer)
    payment = payment_services.payment_mark_failed(payment=Payment.objects.get(claim=approved), by=city_officer,
                                                   reason="账户已销户")

    with pytest.raises(InvalidState, match="拨付失败"):
        payment_services.payment_mark_paid(payment=payment, by=city_officer)
    with pytest.raises(InvalidState):
        payment_services.payment_mark_failed(payment=payment, by=city_officer, reason="再次失败")
    with pytest.raises(InvalidState, match="不能提交拨付"):
        payment_services.payment_batch_send(batch=batch, by=city_officer)
    with pytest.raises(InvalidState, match="不能不予核准"):
        claim_services.claim_reject(claim=approved, by=city_officer, reason="晚了")
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.FAILED
    assert approved.history.filter(status=ClaimStatus.PAID).count() == 0

