"""Many requests at once: approving, paying or submitting the same claim happens exactly once.

Runs on PostgreSQL, where threads with their own connections really race (row locks and conditional
UPDATEs decide). SQLite serialises writers and raises "database is locked" under threads, so the test is
skipped there; the single-threaded idempotency tests in test_workflow.py cover the same paths on SQLite.
"""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client

from jineng.subsidies.choices import ClaimStatus, PaymentStatus
from jineng.subsidies.models import Claim, Payment
from jineng.subsidies.services import claims as claim_services
from jineng.subsidies.services import payments as payment_services
from jineng.subsidies.tests import factories

THREADS = 8

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite serialises writers; the race needs PostgreSQL (scripts/with_postgres.sh)"),
]


def _all_at_once(work) -> list:
    """Run ``work(i)`` in THREADS threads released together; each thread has its own connection."""
    barrier = threading.Barrier(THREADS)
    results: list = [None] * THREADS

    def run(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as exc:  # noqa: BLE001 — the outcome of each request is what the test counts
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _post_as(user, url, data=None):
    client = Client()
    client.force_login(user)
    return client.post(url, data or {}, content_type="application/json").status_code


def test_approving_and_paying_one_claim_from_many_requests_pays_exactly_once(city_officer):
    claim = factories.submitted(factories.certified())

    approvals = _all_at_once(lambda i: _post_as(city_officer, f"/api/v1/subsidies/claims/{claim.pk}/approve/"))
    batches = _all_at_once(lambda i: _post_as(city_officer, "/api/v1/subsidies/batches/", {"claims": [claim.pk]}))
    payment = Payment.objects.get(claim=claim)
    payment_services.payment_batch_send(batch=payment.batch, by=city_officer)
    payments = _all_at_once(lambda i: _post_as(city_officer, f"/api/v1/subsidies/payments/{payment.pk}/pay/",
                                               {"reference": f"REF-{i}"}))

    assert sorted(approvals) == [200] + [409] * (THREADS - 1)
    assert sorted(batches) == [201] + [400] * (THREADS - 1)
    assert payments == [200] * THREADS
    assert Payment.objects.filter(claim=claim).count() == 1
    assert Payment.objects.get(claim=claim).status == PaymentStatus.PAID
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    assert claim.history.filter(status=ClaimStatus.PAID).count() == 1
    assert claim.history.filter(status=ClaimStatus.APPROVED).count() == 1
    assert Payment.objects.get(claim=claim).history.filter(status=PaymentStatus.PAID).count() == 1


def test_submitting_the_same_claim_from_many_requests_leaves_one_active_claim():
    enrolment = factories.certified()
    by = factories.institution_user_for(enrolment)
    scheme = factories.scheme()

    def submit(index):
        return claim_services.claim_submit(by=by, scheme=scheme, enrolment=enrolment, applicant_category="employed",
                                           submitted_at=factories.shanghai(date(2025, 4, 1)))

    outcomes = _all_at_once(submit)

    active = Claim.objects.filter(person=enrolment.person, status__in=[ClaimStatus.IN_REVIEW])
    assert active.count() == 1
    others = [o for o in outcomes if not (isinstance(o, Claim) and o.status == ClaimStatus.IN_REVIEW)]
    assert len(others) == THREADS - 1
    for outcome in others:  # refused by the checks (saw the first claim) or by the unique index (raced it)
        assert (isinstance(outcome, Claim) and outcome.status == ClaimStatus.CHECK_FAILED) or \
            "不能重复申请" in str(outcome)
