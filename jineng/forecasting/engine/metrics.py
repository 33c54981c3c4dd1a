"""Forecast accuracy measures."""

import math

import numpy as np


def mae(actual, predicted) -> float:
    actual, predicted = _paired(actual, predicted)
    return float(np.mean(np.abs(actual - predicted)))


def mase(actual, predicted, training, period: int) -> float:
    """Mean absolute scaled error (Hyndman & Koehler 2006).

    The scale is the in-sample MAE of the seasonal naive method on `training`, or of the naive method
    (lag 1) when the training part is shorter than two seasons. A zero scale (a constant training part)
    gives 0.0 for a perfect forecast and inf otherwise, rather than dividing by zero.
    """
    error = mae(actual, predicted)
    training = np.asarray(training, dtype=float)
    lag = period if len(training) >= 2 * period else 1
    differences = training[lag:] - training[:-lag]
    scale = float(np.mean(np.abs(differences))) if differences.size else 0.0
    if scale == 0.0:
        return 0.0 if error == 0.0 else math.inf
    return error / scale


def _paired(actual, predicted) -> tuple[np.ndarray, np.ndarray]:
    actual = np.asarray(actual, dtype=float)
    predicted = np.asarray(predicted, dtype=float)
    if actual.shape != predicted.shape or actual.size == 0:
        raise ValueError(
            f"actual and predicted must be non-empty and of equal length: {actual.shape} vs {predicted.shape}"
        )
    return actual, predicted
