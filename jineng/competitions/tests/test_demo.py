"""The demo step at a small scale: every bulk-written record has its history row, and the step is idempotent."""

import time

import pytest

from jineng.accounts.demo import accounts_demo_seed
from jineng.competitions import demo
from jineng.competitions.models import Event, Judge, Mark, Registration, Result
from jineng.core.modules import DemoContext
from jineng.evaluation.tests import factories as ef

pytestmark = pytest.mark.django_db


def _without_history(model) -> int:
    return model.objects.exclude(pk__in=model.history.values("id")).count()


def test_demo_writes_history_for_its_bulk_records(monkeypatch):
    for name, value in (("FIRST_EVENTS", 16), ("ADDED", 1), ("MOVED", 1), ("CANCELLED", 1)):
        monkeypatch.setattr(demo, name, value)
    accounts_demo_seed(DemoContext(year=2024))
    ef.body(district="310115")
    started = time.monotonic()
    first = demo.competitions_demo_seed(year=2024)
    elapsed = time.monotonic() - started

    assert first["赛项（计划内）"] == 16 and first["已发证赛项"] > 0
    for model in (Event, Judge, Registration, Mark, Result):
        assert model.objects.exists(), model
        assert _without_history(model) == 0, model
    cancelled = Event.objects.get(status="cancelled")
    assert [h.history_type for h in cancelled.history.order_by("history_id")] == ["+", "~"]
    issued = Result.objects.filter(certificate__isnull=False).first()
    assert issued.history.first().certificate_id == issued.certificate_id
    assert issued.certificate.source == "competition"
    assert demo.competitions_demo_seed(year=2024) == first
    assert elapsed < 20
