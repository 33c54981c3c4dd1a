"""What goes into and comes out of the forecasting engine: frozen dataclasses, nothing else."""

import math
from dataclasses import dataclass

# Simplicity order: the tie-breaker when two models score the same backtest MASE.
MODELS = ("naive", "seasonal_naive", "ets", "arima")


@dataclass(frozen=True)
class Series:
    key: str  # e.g. "6-25-02-05" or "industry:IC"
    values: tuple[float, ...]  # equally spaced observations, oldest first
    period: int = 12  # season length: 12 for monthly, 4 for quarterly
    start: str = ""  # label of the first observation, e.g. "2023-01" (informational)

    def __post_init__(self):
        # Accept any iterable of numbers so callers can pass lists or arrays; store hashable floats.
        object.__setattr__(self, "values", tuple(float(value) for value in self.values))

    def has_missing(self) -> bool:
        return any(math.isnan(value) or math.isinf(value) for value in self.values)


@dataclass(frozen=True)
class ModelScore:
    model: str  # one of MODELS
    mase: float | None  # mean over backtest origins; None if the model could not be fitted
    mae: float | None
    origins: int  # how many rolling origins were evaluated


@dataclass(frozen=True)
class Forecast:
    key: str
    chosen_model: str
    horizon: int
    mean: tuple[float, ...]
    lower: tuple[float, ...]  # prediction interval at `level`
    upper: tuple[float, ...]
    level: float  # e.g. 0.8
    scores: tuple[ModelScore, ...]  # every model, sorted by MASE (None last)
    beats_baseline: bool  # chosen MASE < seasonal naive's (naive's for series shorter than two seasons)
    note: str  # Chinese, for the page; empty when the chosen model beats the baseline
