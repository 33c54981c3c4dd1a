"""Reads of forecasting runs: the leaderboard of every model against the baselines, and per-series results."""

from dataclasses import dataclass
from statistics import median

from django.db.models import QuerySet
from django.http import Http404

from jineng.accounts import permissions
from jineng.forecasting.engine import MODELS
from jineng.forecasting.models import ForecastResult, ForecastRun

MODEL_LABELS = {"naive": "朴素（上期值）", "seasonal_naive": "季节性朴素（去年同期）", "ets": "指数平滑（ETS）", "arima": "ARIMA"}


def forecast_run_list(*, viewer) -> QuerySet[ForecastRun]:
    if not permissions.user_can(viewer, permissions.USE_DESK):
        return ForecastRun.objects.none()
    return ForecastRun.objects.order_by("-created_at")


def get_forecast_run_for_user(user, run_id: int) -> ForecastRun:
    run = forecast_run_list(viewer=user).filter(pk=run_id).first()
    if run is None:
        raise Http404("预测运行不存在")
    return run


@dataclass(frozen=True)
class LeaderboardRow:
    model: str
    label: str
    series: int           # series where the model could be backtested
    wins: int             # series where it was chosen
    median_mase: float | None
    mean_mase: float | None
    beats_seasonal_naive: int   # series where its MASE < seasonal naive's


def leaderboard(*, run: ForecastRun) -> list[LeaderboardRow]:
    scores_by_model: dict[str, list[float]] = {model: [] for model in MODELS}
    wins = dict.fromkeys(MODELS, 0)
    beats = dict.fromkeys(MODELS, 0)
    for chosen, scores in run.results.values_list("chosen_model", "scores"):
        wins[chosen] = wins.get(chosen, 0) + 1
        by_model = {s["model"]: s["mase"] for s in scores}
        baseline = by_model.get("seasonal_naive")
        for model, mase in by_model.items():
            if mase is None:
                continue
            scores_by_model.setdefault(model, []).append(mase)
            beats[model] = beats.get(model, 0) + (baseline is not None and mase < baseline)
    rows = [
        LeaderboardRow(model, MODEL_LABELS.get(model, model), len(values), wins.get(model, 0),
                       median(values) if values else None, sum(values) / len(values) if values else None, beats.get(model, 0))
        for model, values in scores_by_model.items()
    ]
    return sorted(rows, key=lambda row: (row.median_mase is None, row.median_mase or 0))


def result_list(*, run: ForecastRun, failing_only: bool = False) -> QuerySet[ForecastResult]:
    results = run.results.order_by("key")
    return results.filter(beats_baseline=False) if failing_only else results


def result_get(*, run: ForecastRun, key: str) -> ForecastResult:
    result = run.results.filter(key=key).first()
    if result is None:
        raise Http404("序列不存在")
    return result
