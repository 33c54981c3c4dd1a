"""Rolling-origin backtest: refit each model at each origin and score the next h points by MASE."""

from dataclasses import dataclass

import numpy as np

from .contracts import ModelScore
from .metrics import mae, mase
from .models import Spec, fit

# The shortest training part any origin may have when the caller does not say.
MIN_TRAIN = 6


@dataclass(frozen=True)
class Plan:
    origins: tuple[int, ...]  # training lengths, oldest first
    horizon: int  # steps scored after each origin
    min_train: int


def plan_origins(
    n: int, *, horizon: int, period: int, min_train: int | None, step: int, max_origins: int
) -> Plan:
    """The last `max_origins` origins, `step` apart, each followed by min(horizon, period) actual points.

    By default each training part holds two seasons, which the seasonal models need; for series too
    short for that, the training part shrinks to what is left after one backtest window (at least 6)
    and, for the shortest series, the window itself shrinks so that at least one origin remains.
    """
    window = min(horizon, period)
    if min_train is None:
        min_train = max(MIN_TRAIN, min(2 * period, n - window))
    window = min(window, n - min_train)
    if window < 1:
        return Plan(origins=(), horizon=0, min_train=min_train)
    last = n - window
    origins = [last - k * step for k in range(max_origins) if last - k * step >= min_train]
    return Plan(origins=tuple(sorted(origins)), horizon=window, min_train=min_train)


def score_model(name: str, y: np.ndarray, plan: Plan, spec: Spec) -> tuple[ModelScore, object]:
    """The model's mean MASE and MAE over the plan's origins, and its warm start for the final fit.

    Origins run oldest first and each refit starts from the previous one's estimates, which only
    speeds the optimiser up: no later data reaches an earlier origin. A failure at any origin makes
    the whole score None, so that every scored model is compared on the same windows.
    """
    if not plan.origins:
        return ModelScore(model=name, mase=None, mae=None, origins=0), None
    scaled, absolute, warm = [], [], None
    for origin in plan.origins:
        train, actual = y[:origin], y[origin : origin + plan.horizon]
        try:
            fitted = fit(name, train, spec, warm)
            predicted = np.maximum(fitted.point(plan.horizon), 0.0)
        except Exception:  # statsmodels raises many kinds (LinAlgError, ValueError, …) on degenerate data
            return ModelScore(model=name, mase=None, mae=None, origins=0), None
        warm = fitted.warm
        scaled.append(mase(actual, predicted, train, spec.period))
        absolute.append(mae(actual, predicted))
    score = ModelScore(
        model=name, mase=float(np.mean(scaled)), mae=float(np.mean(absolute)), origins=len(plan.origins)
    )
    return score, warm
