"""The demo: claims in every state, three batches, the planted patterns, idempotent, and silent without data."""

import random

import pytest
from django.db.models import Count

from jineng.subsidies.choices import ClaimStatus
from jineng.subsidies.demo import subsidies_demo_seed
from jineng.subsidies.models import Claim, PaymentBatch
from jineng.training.tests import factories as training

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified_world():
    """A small training world: institutions where the demo plants its patterns, 60 certified trainees."""
    for district in ("310115", "310112", "310104"):
        training.site(training.institution(district=district))
    home = training.institution(district="310101")
    for code, level, count in (("4-10-01-05", 2, 5), ("4-10-01-05", 3, 3), ("6-25-02-05", 3, 52)):
        klass = training.training_class(training.project(home, code=code, level=level), capacity=60)
        for _ in range(count):
            training.enrolment(klass)


def test_demo_says_so_and_does_nothing_without_certified_enrolments():
    result = subsidies_demo_seed(rng=random.Random(1), year=2024)

    assert "没有已取得证书的培训记录" in result["说明"]
    assert not Claim.objects.exists()


def test_demo_builds_claims_in_every_state_and_three_batches(certified_world):
    subsidies_demo_seed(rng=random.Random(1), year=2024)

    states = set(Claim.objects.values_list("status", flat=True))
    assert states == set(ClaimStatus.values)
    assert dict(PaymentBatch.objects.values_list("number", "status")) == {
        "PB2024DEMO1": "settled", "PB2024DEMO2": "sent", "PB2024DEMO3": "draft"}


def test_demo_plants_duplicates_a_burst_and_a_class_beyond_capacity(certified_world):
    subsidies_demo_seed(rng=random.Random(1), year=2024)

    duplicates = Claim.objects.filter(enrolment__training_class__code="FR2024DUP")
    assert set(duplicates.values_list("status", flat=True)) == {ClaimStatus.CHECK_FAILED}
    for claim in duplicates:
        first = Claim.objects.get(person=claim.person, occupation=claim.occupation, level=claim.level,
                                  status=ClaimStatus.PAID)
        assert first.district != claim.district
    near = Claim.objects.filter(enrolment__training_class__code="FR2024NEAR")
    assert near.count() == 2
    for claim in near:
        assert Claim.objects.filter(person=claim.person, occupation=claim.occupation, level=claim.level,
                                    status=ClaimStatus.PAID).count() == 2
    burst = Claim.objects.filter(enrolment__training_class__code="FR2024BURST").order_by("submitted_at")
    assert burst.count() == 45
    assert (burst.last().submitted_at - burst.first().submitted_at).total_seconds() < 600
    capacity = Claim.objects.filter(enrolment__training_class__code="FR2024CAP")
    assert capacity.count() == 28 > capacity.first().enrolment.training_class.capacity


def test_demo_runs_once(certified_world):
    subsidies_demo_seed(rng=random.Random(1), year=2024)
    before = dict(Claim.objects.values_list("status").annotate(n=Count("pk")))

    again = subsidies_demo_seed(rng=random.Random(1), year=2024)

    assert again["本次新建"] is False
    assert dict(Claim.objects.values_list("status").annotate(n=Count("pk"))) == before


def test_demo_enterprise_training_claims_each_rest_on_a_roster_record_covering_the_training():
    from jineng.demand.selectors.employment import employment_covering
    from jineng.training.demo import training_demo_seed

    training_demo_seed(rng=random.Random(2024), year=2024)
    subsidies_demo_seed(rng=random.Random(2025), year=2024)

    claims = Claim.objects.filter(scheme__code="ent_training").select_related(
        "enrolment__training_class", "claimant_organisation__enterprise_profile")
    assert claims.count() == 15
    for claim in claims:
        klass = claim.enrolment.training_class
        assert claim.trace["employment"]["source"] == "roster"
        assert employment_covering(enterprise_id=claim.claimant_organisation.enterprise_profile.pk,
                                   person_id=claim.person_id, start_date=klass.start_date,
                                   end_date=claim.enrolment.completed_date) is not None
