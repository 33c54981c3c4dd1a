"""The demo round: every call kind, 100 chief technicians and 30 studios awarded, the desk's figures, idempotent."""

import time

import pytest

from jineng.accounts.demo import accounts_demo_seed
from jineng.awards import metrics
from jineng.awards.choices import ApplicationState, CallKind
from jineng.awards.demo import awards_demo_seed
from jineng.awards.models import Application, Call, Score
from jineng.core.modules import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_awards_the_plan_scale_and_is_idempotent():
    accounts_demo_seed(DemoContext(year=2024))
    started = time.monotonic()

    first = awards_demo_seed(year=2024)
    elapsed = time.monotonic() - started
    again = awards_demo_seed(year=2024)

    assert set(Call.objects.values_list("kind", flat=True)) == set(CallKind.values)
    assert (first["资助首席技师"], first["资助技能大师工作室"]) == (100, 30)
    assert first == again
    assert metrics.chief_technicians(2024, 11).city == 100
    assert metrics.master_studios(2024, 11).city == 30
    assert metrics.master_studios(2024, 9).city == 0
    assert Application.objects.filter(state=ApplicationState.UNDER_REVIEW).exists()
    assert not Application.objects.filter(state__in=(ApplicationState.AWARDED,), eligible=False).exists()
    assert Score.objects.count() > 1000
    assert elapsed < 60
