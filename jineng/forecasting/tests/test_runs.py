import json
import math
from io import StringIO

import pytest
from django.core.management import call_command

from jineng.core.exceptions import DomainError
from jineng.forecasting import services
from jineng.forecasting.models import ForecastRun
from jineng.forecasting.selectors import leaderboard
from jineng.forecasting.sources import SourceSeries, next_period

pytestmark = pytest.mark.django_db


def _periods(n: int) -> tuple[str, ...]:
    periods, current = [], "2022-01"
    for _ in range(n):
        periods.append(current)
        current = next_period(current, "month")
    return tuple(periods)


def _seasonal(key: str, n: int = 36) -> SourceSeries:
    values = tuple(100 + 3 * t + 25 * math.sin(2 * math.pi * t / 12) + (t * 7919 % 11) for t in range(n))
    return SourceSeries(key=key, label=f"职业{key}", periods=_periods(n), values=values)


@pytest.fixture
def fake_source(monkeypatch):
    series = [_seasonal("6-25-02-05"), _seasonal("4-14-01-02"), SourceSeries("6-18-01-01", "车工", _periods(6), (5, 5, 6, 5, 7, 6))]
    monkeypatch.setattr(services, "demand_series", lambda **kwargs: series)
    return series


def test_run_executes_every_series_and_records_progress(fake_source, city_officer):
    run = ForecastRun.objects.create(created_by=city_officer)

    run = services.forecast_run_execute(run_id=run.pk)

    assert (run.status, run.series_total, run.series_done, run.progress_percent) == ("done", 3, 3, 100)
    result = run.results.get(key="6-25-02-05")
    assert len(result.forecast["mean"]) == 12 and result.forecast["periods"][0] == "2025-01"
    assert all(lo <= m <= hi for lo, m, hi in zip(result.forecast["lower"], result.forecast["mean"], result.forecast["upper"], strict=True))
    short = run.results.get(key="6-18-01-01")
    assert short.chosen_model in ("naive", "seasonal_naive") and short.note


def test_leaderboard_compares_every_model_with_the_baseline(fake_source, city_officer):
    run = services.forecast_run_execute(run_id=ForecastRun.objects.create().pk)

    board = {row.model: row for row in leaderboard(run=run)}

    assert set(board) == {"naive", "seasonal_naive", "ets", "arima"}
    assert sum(row.wins for row in board.values()) == 3


def test_start_queues_a_background_task(fake_source, city_officer, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        run = services.forecast_run_start(by=city_officer)

    run.refresh_from_db()
    assert run.status == "done" and run.series_done == 3


def test_start_refuses_bad_parameters_and_outsiders(city_officer, enterprise_hr):
    with pytest.raises(DomainError, match="预测期数"):
        services.forecast_run_start(by=city_officer, horizon=30)
    with pytest.raises(DomainError, match="无权"):
        services.forecast_run_start(by=enterprise_hr)


def test_command_prints_chosen_model_and_mase_per_series(fake_source):
    out = StringIO()

    call_command("forecast_demand", "--json", stdout=out)

    payload = json.loads(out.getvalue())
    assert [s["key"] for s in payload["series"]] == ["4-14-01-02", "6-18-01-01", "6-25-02-05"]
    assert set(payload["series"][0]["mase"]) == {"naive", "seasonal_naive", "ets", "arima"}


def test_pages_show_progress_leaderboard_and_series(fake_source, client, city_officer, enterprise_hr):
    run = services.forecast_run_execute(run_id=ForecastRun.objects.create().pk)
    client.force_login(city_officer)

    assert "模型排行" in client.get(f"/forecasting/runs/{run.pk}/").content.decode()
    assert client.get(f"/forecasting/runs/{run.pk}/series/6-25-02-05/").status_code == 200
    assert client.get(f"/forecasting/runs/{run.pk}/progress/").status_code == 200
    assert client.get(f"/forecasting/runs/{run.pk}/export.xlsx").status_code == 200
    client.force_login(enterprise_hr)
    assert client.get(f"/forecasting/runs/{run.pk}/").status_code == 403
