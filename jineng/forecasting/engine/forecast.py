"""The facade: one series in, one Forecast out; many series across processes."""

import math
import os
import warnings
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial

import numpy as np

from . import blas
from .backtest import plan_origins, score_model
from .contracts import MODELS, Forecast, ModelScore, Series
from .models import Spec, fit, import_statsmodels

_NAMES = {"naive": "朴素", "seasonal_naive": "季节性朴素"}


def forecast_series(
    series: Series,
    *,
    horizon: int = 12,
    level: float = 0.8,
    min_train: int | None = None,
    step: int = 1,
    max_origins: int = 6,
) -> Forecast:
    """Backtest every model, pick the lowest mean MASE (ties to the simpler model), forecast `horizon` ahead."""
    _check(series, horizon=horizon, level=level, step=step, max_origins=max_origins)
    if min_train is not None and min_train < 2:
        raise ValueError(f"回测的最短训练长度须至少为 2，当前为 {min_train}")
    with blas.one_thread(), _quiet():
        return _forecast(
            series, horizon=horizon, level=level, min_train=min_train, step=step, max_origins=max_origins
        )


def _forecast(
    series: Series, *, horizon: int, level: float, min_train: int | None, step: int, max_origins: int
):
    y = np.asarray(series.values, dtype=float)
    n, period = len(y), series.period
    short = n < 2 * period
    plan = plan_origins(
        n, horizon=horizon, period=period, min_train=min_train, step=step, max_origins=max_origins
    )
    shortest = plan.origins[0] if plan.origins else n
    spec = Spec(
        period=period,
        ets_seasonal=period > 1 and shortest >= 2 * period,
        arima_seasonal=period > 1 and n >= 3 * period and shortest >= 2 * period,
    )
    candidates = ("naive", "seasonal_naive") if short else MODELS
    scored = {name: score_model(name, y, plan, spec) for name in candidates}
    scores = tuple(sorted((_score_of(name, scored) for name in MODELS), key=_rank))
    chosen, (mean, lower, upper) = _fit_best(y, spec, scores, scored, horizon=horizon, level=level)
    baseline = "naive" if short else "seasonal_naive"
    by_model = {score.model: score.mase for score in scores}
    beats = _beats(by_model[chosen], by_model[baseline]) and chosen != baseline
    return Forecast(
        key=series.key,
        chosen_model=chosen,
        horizon=horizon,
        mean=mean,
        lower=lower,
        upper=upper,
        level=level,
        scores=scores,
        beats_baseline=beats,
        note=_note(y, short=short, scored=bool(plan.origins), chosen=chosen, baseline=baseline, beats=beats),
    )


def forecast_many(
    series: Iterable[Series], *, horizon: int = 12, level: float = 0.8, workers: int | None = 1
) -> list[Forecast]:
    """forecast_series for each series, in input order; workers > 1 spreads them over processes.

    workers=None uses every CPU. Invalid input (NaN, bad settings) is refused before any work starts.
    """
    items = list(series)
    for item in items:
        _check(item, horizon=horizon, level=level, step=1, max_origins=1)
    one = partial(forecast_series, horizon=horizon, level=level)
    workers = min(workers or os.cpu_count() or 1, len(items))
    if workers <= 1:
        return [one(item) for item in items]
    chunk = max(1, len(items) // (workers * 16))  # small chunks keep both workers busy to the end
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, items, chunksize=chunk))


@contextmanager
def _quiet():
    """statsmodels warns freely (convergence, too-few-observations, log of a zero SSE) on the short,
    sometimes degenerate series this engine is for; failures surface as a None score instead."""
    import_statsmodels()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _check(series: Series, *, horizon: int, level: float, step: int, max_origins: int) -> None:
    if series.has_missing():
        raise ValueError(f"序列 {series.key} 含缺失值或非数值（NaN），请先补齐后再预测")
    if not series.values:
        raise ValueError(f"序列 {series.key} 没有数据")
    if series.period < 1:
        raise ValueError(f"序列 {series.key} 的季节长度须为正整数，当前为 {series.period}")
    if horizon < 1 or step < 1 or max_origins < 1:
        raise ValueError("预测期数、回测步长和回测起点数须为正整数")
    if not 0 < level < 1:
        raise ValueError(f"预测区间水平须在 0 与 1 之间，当前为 {level}")


def _score_of(name: str, scored: dict) -> ModelScore:
    if name in scored:
        return scored[name][0]
    return ModelScore(model=name, mase=None, mae=None, origins=0)


def _rank(score: ModelScore) -> tuple:
    # Rounding makes float noise between equally good models a tie, which simplicity then breaks.
    unscored = score.mase is None
    return (unscored, 0.0 if unscored else round(score.mase, 9), MODELS.index(score.model))


def _fit_best(
    y: np.ndarray, spec: Spec, scores: tuple[ModelScore, ...], scored: dict, *, horizon: int, level: float
):
    """Refit the best-ranked model on the whole series; fall back down the ranking, then to naive."""
    for name in [score.model for score in scores if score.mase is not None] + ["naive"]:
        warm = scored[name][1] if name in scored else None
        try:
            return name, _predict(name, y, spec, warm, horizon=horizon, level=level)
        except Exception:  # noqa: S112 — a failed refit passes the turn to the next-ranked model
            if name == "naive":
                raise
    raise AssertionError("unreachable: naive always fits")


def _predict(name: str, y: np.ndarray, spec: Spec, warm, *, horizon: int, level: float):
    fitted = fit(name, y, spec, warm, intervals=True)
    lower, upper = fitted.interval(horizon, level)
    return _clip(fitted.point(horizon), lower, upper)


def _clip(mean: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> tuple[tuple[float, ...], ...]:
    """Demand cannot be negative; keep lower ≤ mean ≤ upper after clipping."""
    mean = np.maximum(mean, 0.0)
    lower = np.clip(lower, 0.0, mean)
    upper = np.maximum(upper, mean)
    return tuple(tuple(float(v) for v in part) for part in (mean, lower, upper))


def _beats(chosen: float | None, baseline: float | None) -> bool:
    if chosen is None or baseline is None:
        return False
    return chosen < baseline and not math.isclose(chosen, baseline, rel_tol=1e-9, abs_tol=1e-12)


def _note(y: np.ndarray, *, short: bool, scored: bool, chosen: str, baseline: str, beats: bool) -> str:
    if short:
        return "序列过短（不足两个完整季节），仅使用朴素方法" + ("" if scored else "，且无法回测")
    if not scored:
        return "序列过短，无法回测，仅使用朴素方法"
    if np.ptp(y) == 0:
        return "序列恒定不变，朴素方法即可准确预测"
    if beats:
        return ""
    if chosen == baseline:
        return f"{_NAMES[baseline]}基线的回测误差最小，直接采用基线预测"
    return f"所选模型未能优于{_NAMES[baseline]}基线"
