"""Desk metrics: amounts and person-times paid, by district, cumulative to the month's end in the year."""

from datetime import date
from decimal import Decimal

import pytest

from jineng.core.metrics import metric_compute
from jineng.subsidies.models import Payment
from jineng.subsidies.services import claims as claim_services
from jineng.subsidies.services import payments as payment_services
from jineng.subsidies.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_in_march(city_officer):
    claims = [factories.submitted(factories.certified()) for _ in range(2)]
    for claim in claims:
        claim_services.claim_approve(claim=claim, by=city_officer)
    batch = payment_services.payment_batch_create(by=city_officer)
    payment_services.payment_batch_send(batch=batch, by=city_officer)
    for payment in Payment.objects.all():
        payment_services.payment_mark_paid(payment=payment, by=city_officer,
                                           paid_at=factories.shanghai(date(2025, 3, 31), 23))
    return claims


def test_amount_paid_counts_payments_up_to_the_end_of_the_month(paid_in_march):
    february = metric_compute("subsidies.amount_paid", year=2025, month=2)
    march = metric_compute("subsidies.amount_paid", year=2025, month=3)

    assert february.city == 0
    assert march.city == Decimal("4000.00")
    assert march.by_district == {"310115": Decimal("4000.00")}


def test_amount_paid_per_scheme_and_person_times(paid_in_march):
    assert metric_compute("subsidies.amount_paid.sh_skill_upgrade", year=2025, month=12).city == Decimal("4000.00")
    assert metric_compute("subsidies.amount_paid.apprenticeship", year=2025, month=12).city == 0
    assert metric_compute("subsidies.claims_paid", year=2025, month=12).city == 2
    assert metric_compute("subsidies.claims_paid", year=2026, month=12).city == 0
