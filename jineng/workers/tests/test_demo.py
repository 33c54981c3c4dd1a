"""The demo residents: a provider login and a worker account each, on certified records nobody claimed."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from jineng.certificates.models import Certificate
from jineng.training.tests import factories as training
from jineng.workers.demo import workers_demo_seed
from jineng.workers.models import ResidentLogin
from jineng.workers.services import resident_login_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified_trainees():
    klass = training.training_class(training.project(training.institution(), code="4-10-01-05", level=2),
                                    start=date(2024, 5, 6), days=40)
    return [training.enrolment(klass, certificate_date=date(2024, 7, 1 + n)) for n in range(4)]


def test_three_residents_get_a_provider_login_a_worker_account_and_their_certificate_registered(certified_trainees):
    result = workers_demo_seed(year=2024)

    workers = get_user_model().objects.filter(username__in=["worker1", "worker2", "worker3"])
    assert result["演示劳动者"] == 3 and workers.count() == 3
    assert all(worker.person_id and not worker.has_usable_password() for worker in workers)
    for worker in workers:
        assert resident_login_check(username=worker.username, password=settings.JINENG_DEMO_PASSWORD)
        assert Certificate.objects.filter(holder_id=worker.person_id).exists()


def test_the_demo_step_runs_twice_without_change(certified_trainees):
    workers_demo_seed(year=2024)
    people = set(get_user_model().objects.filter(username__startswith="worker").values_list("person_id", flat=True))

    result = workers_demo_seed(year=2024)

    assert result["登记证书"] == 0 and ResidentLogin.objects.count() == 3
    assert set(get_user_model().objects.filter(username__startswith="worker")
               .values_list("person_id", flat=True)) == people
