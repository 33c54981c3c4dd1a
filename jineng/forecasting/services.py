"""Start a forecasting run and execute it (the execution runs in the background worker)."""
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from jineng.accounts import permissions
from jineng.core.exceptions import DomainError
from jineng.forecasting.choices import Dimension, Granularity, RunStatus
from jineng.forecasting.engine import Series, forecast_series
from jineng.forecasting.models import ForecastResult, ForecastRun
from jineng.forecasting.sources import SourceSeries, demand_series, next_period

_PERIOD = {Granularity.MONTH: 12, Granularity.QUARTER: 4}
_PROGRESS_EVERY = 5


def forecast_run_start(*, by, dimension: str = Dimension.OCCUPATION, granularity: str = Granularity.MONTH, horizon: int = 12) -> ForecastRun:
    """Queue a run; the worker (`manage.py db_worker`) executes it and the page shows its progress."""
    from jineng.forecasting.tasks import forecast_run_execute_task

    if not permissions.user_can(by, permissions.USE_DESK):
        raise DomainError(gettext("无权启动需求预测"))
    if dimension not in Dimension.values or granularity not in Granularity.values:
        raise DomainError(gettext("预测维度或周期不正确"))
    if not 1 <= horizon <= 24:
        raise DomainError(gettext("预测期数须在 1 到 24 之间"))
    run = ForecastRun.objects.create(dimension=dimension, granularity=granularity, horizon=horizon, created_by=by)
    transaction.on_commit(lambda: forecast_run_execute_task.enqueue(run_id=run.pk))
    return run


def forecast_run_execute(*, run_id: int) -> ForecastRun:
    run = ForecastRun.objects.get(pk=run_id)
    series = demand_series(dimension=run.dimension, granularity=run.granularity)
    ForecastRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), series_total=len(series), series_done=0, error=""
    )
    ForecastResult.objects.filter(run=run).delete()
    try:
        _execute(run, series)
    except Exception as exc:  # any failure is recorded on the run for the page to show
        ForecastRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now())
        raise
    ForecastRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


def _execute(run: ForecastRun, series: list[SourceSeries]) -> None:
    period = _PERIOD[run.granularity]
    batch: list[ForecastResult] = []
    for source in series:
        forecast = forecast_series(Series(key=source.key, values=source.values, period=period, start=source.periods[0]), horizon=run.horizon)
        batch.append(_result(run, source, forecast))
        if len(batch) >= _PROGRESS_EVERY:
            _flush(run, batch)
            batch = []
    _flush(run, batch)


def _flush(run: ForecastRun, batch: list[ForecastResult]) -> None:
    if batch:
        ForecastResult.objects.bulk_create(batch)
        ForecastRun.objects.filter(pk=run.pk).update(series_done=F("series_done") + len(batch))


def _result(run: ForecastRun, source: SourceSeries, forecast) -> ForecastResult:
    periods, current = [], source.periods[-1]
    for _ in range(run.horizon):
        current = next_period(current, run.granularity)
        periods.append(current)
    scores = {score.model: score for score in forecast.scores}
    baseline = "seasonal_naive" if len(source.values) >= 2 * _PERIOD[run.granularity] else "naive"
    return ForecastResult(
        run=run,
        key=source.key,
        label=source.label[:100],
        chosen_model=forecast.chosen_model,
        chosen_mase=scores[forecast.chosen_model].mase,
        baseline_mase=scores[baseline].mase if baseline in scores else None,
        beats_baseline=forecast.beats_baseline,
        note=forecast.note[:200],
        history={"periods": list(source.periods), "values": list(source.values)},
        forecast={"periods": periods, "mean": list(forecast.mean), "lower": list(forecast.lower),
                  "upper": list(forecast.upper), "level": forecast.level},
        scores=[{"model": s.model, "mase": s.mase, "mae": s.mae, "origins": s.origins} for s in forecast.scores],
    )
