import random

from jineng.accounts.models import User
from jineng.core.models import Person
from jineng.training.demo import training_demo_seed
from jineng.training.models import CheckIn, Enrolment, Institution, TrainingClass


def test_demo_seed_is_idempotent_and_plants_the_fraud_patterns(db):
    first = training_demo_seed(rng=random.Random(1), year=2024)
    second = training_demo_seed(rng=random.Random(1), year=2024)

    assert first["本次新建"] and not second["本次新建"]
    assert {k: v for k, v in first.items() if k != "本次新建"} == {k: v for k, v in second.items() if k != "本次新建"}
    assert Institution.objects.values("district").distinct().count() == 16
    assert User.objects.filter(username__in=["inst1", "inst2", "inst3"]).count() == 3
    assert 3000 < Enrolment.objects.count() < 5000 and 130 < TrainingClass.objects.count() < 170
    assert not Person.objects.filter(is_synthetic=False).exists()
    burst = CheckIn.objects.filter(device_id="KIOSK-BURST-01")
    assert burst.values("enrolment__person").distinct().count() == 30
    outlier = Enrolment.objects.filter(training_class__code__startswith="FR2024PASS")
    assert outlier.count() == 64 and not outlier.exclude(exam_result="passed").exists()
    overlap = Enrolment.objects.filter(training_class__code__in=["FR2024OVA", "FR2024OVB"])
    assert overlap.values("person").distinct().count() == 5
