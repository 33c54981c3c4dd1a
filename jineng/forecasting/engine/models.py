"""The four candidate models, each fitted on one training array and asked for points and intervals.

Baselines (naive, seasonal naive) get intervals from the RMS of their in-sample one-step residuals,
scaled by sqrt(h) for naive and sqrt(ceil(h / period)) for seasonal naive (Hyndman & Athanasopoulos,
FPP3 §5.5). ARIMA uses statsmodels' own state-space intervals. Holt-Winters in statsmodels has no
interval method, so ETS intervals use the analytic variance of the equivalent ETS(A,Ad,A) state-space
model: var(h) = sigma² (1 + Σ_{j<h} c_j²), c_j = α(1 + β φ_j) + γ·[j ≡ 0 mod m], φ_j = φ + … + φ^j
(Hyndman et al. 2008, class 1), with sigma² = SSE / (n − estimated parameters).
Normal-theory intervals, deterministic, no simulation.
"""

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

# scipy least_squares stops at ~1e-5 relative change instead of 1e-8: 25 % faster, same forecasts to 3 digits.
_ETS_TOLERANCES = {"ftol": 1e-5, "xtol": 1e-5, "gtol": 1e-5}

# Below this many training points ETS and ARIMA are not attempted: too many parameters for the data.
MIN_MODEL_POINTS = 10


class ModelUnavailable(Exception):
    """The model cannot be fitted on this training part (too short, optimiser failure, non-finite output)."""


@dataclass(frozen=True)
class Spec:
    """How the models are configured for one series, decided once so that backtest and final fit agree."""

    period: int
    ets_seasonal: bool
    arima_seasonal: bool


def import_statsmodels() -> None:
    """Import statsmodels ahead of fitting. It is imported lazily so that importing the engine (and so
    Django startup) stays cheap, but it must not first load inside a warnings.catch_warnings block:
    on import it puts its own "always" filters in front of any "ignore" the caller set."""
    import statsmodels.tsa.holtwinters  # noqa: F401
    import statsmodels.tsa.statespace.sarimax  # noqa: F401


def normal_quantile(level: float) -> float:
    return NormalDist().inv_cdf((1 + level) / 2)


def fit(name: str, train: np.ndarray, spec: Spec, warm=None, *, intervals: bool = False):
    """A fitted model with point(h), interval(h, level) and `warm` (start values for the next refit).

    Backtest refits only need points; `intervals=True` keeps what interval() needs (costs ARIMA time).
    """
    return _FITTERS[name](train, spec, warm, intervals)


class _Naive:
    warm = None

    def __init__(self, train: np.ndarray, spec: Spec, warm=None, intervals: bool = False):
        self.last = train[-1]
        self.sigma = _rms(np.diff(train))

    def point(self, h: int) -> np.ndarray:
        return np.full(h, self.last)

    def interval(self, h: int, level: float) -> tuple[np.ndarray, np.ndarray]:
        half = normal_quantile(level) * self.sigma * np.sqrt(np.arange(1, h + 1))
        return self.point(h) - half, self.point(h) + half


class _SeasonalNaive:
    warm = None

    def __init__(self, train: np.ndarray, spec: Spec, warm=None, intervals: bool = False):
        if len(train) < spec.period:
            raise ModelUnavailable("seasonal naive needs one full season")
        self.season = train[-spec.period :]
        self.period = spec.period
        self.sigma = _rms(train[spec.period :] - train[: -spec.period])

    def point(self, h: int) -> np.ndarray:
        return self.season[np.arange(h) % self.period]

    def interval(self, h: int, level: float) -> tuple[np.ndarray, np.ndarray]:
        seasons_ahead = np.ceil(np.arange(1, h + 1) / self.period)
        half = normal_quantile(level) * self.sigma * np.sqrt(seasons_ahead)
        return self.point(h) - half, self.point(h) + half


class _Ets:
    """Holt-Winters: additive damped trend, additive season when there are two seasons of training."""

    def __init__(self, train: np.ndarray, spec: Spec, warm=None, intervals: bool = False):
        from statsmodels.tsa.holtwinters import ExponentialSmoothing

        _require_length(train)
        self.period = spec.period if spec.ets_seasonal else 1
        model = ExponentialSmoothing(
            train,
            trend="add",
            damped_trend=True,
            seasonal="add" if spec.ets_seasonal else None,
            seasonal_periods=spec.period if spec.ets_seasonal else None,
            initialization_method="estimated",
        )
        # least_squares (scipy trf) is ~20× faster than the default brute grid + L-BFGS-B, same fit.
        self.result = model.fit(
            method="least_squares", use_brute=False, start_params=warm, minimize_kwargs=_ETS_TOLERANCES
        )
        self.warm = np.asarray(self.result.mle_retvals.x)

    def point(self, h: int) -> np.ndarray:
        return _finite(self.result.forecast(h))

    def interval(self, h: int, level: float) -> tuple[np.ndarray, np.ndarray]:
        half = normal_quantile(level) * np.sqrt(self._variance(h))
        return self.point(h) - half, self.point(h) + half

    def _variance(self, h: int) -> np.ndarray:
        params = self.result.params
        alpha, beta = params["smoothing_level"], params["smoothing_trend"]
        phi = params["damping_trend"]
        gamma = params["smoothing_seasonal"] if self.period > 1 else 0.0
        steps = np.arange(1, h)
        phi_sums = np.cumsum(phi**steps)
        seasonal_hits = (steps % self.period == 0) if self.period > 1 else np.zeros(h - 1, dtype=bool)
        c = alpha * (1 + beta * phi_sums) + gamma * seasonal_hits
        sigma2 = self.result.sse / max(len(self.result.model.endog) - len(self.warm), 1)
        return sigma2 * (1 + np.concatenate(([0.0], np.cumsum(c**2))))


class _Arima:
    """Airline model (0,1,1)(0,1,1)m when seasonal, else ARIMA(1,1,1) with drift.

    A fixed, small order set keeps a refit to a few dozen milliseconds; (1,1,1)(0,1,1)12 costs ~15×
    more for no gain on short monthly series. Backtest refits (points only) difference the data first
    (statsmodels' simple_differencing: conditional likelihood, half the state vector, ~2× faster, same
    forecasts to three digits on the bench) and integrate the forecasts back; the final fit keeps the
    exact likelihood so that statsmodels' own prediction intervals apply.
    """

    def __init__(self, train: np.ndarray, spec: Spec, warm=None, intervals: bool = False):
        from statsmodels.tsa.statespace.sarimax import SARIMAX

        _require_length(train)
        self.train = train
        self.differencing = (1, 1, spec.period) if spec.arima_seasonal else (1, 0, spec.period)
        if spec.arima_seasonal:
            orders = {"order": (0, 1, 1), "seasonal_order": (0, 1, 1, spec.period)}
        else:
            orders = {"order": (1, 1, 1), "trend": "c"}
        model = SARIMAX(train, **orders, concentrate_scale=True, simple_differencing=not intervals)
        # factr/pgtol: stop at ~1e-6 relative change; tighter only moves forecasts in the 4th digit.
        self.result = model.fit(
            start_params=warm, disp=False, cov_type="none", low_memory=not intervals, factr=1e10, pgtol=1e-5
        )
        self.warm = np.asarray(self.result.params)

    def point(self, h: int) -> np.ndarray:
        forecast = _finite(self.result.forecast(h))
        if self.result.model.simple_differencing:
            return _integrate(self.train, forecast, *self.differencing)
        return forecast

    def interval(self, h: int, level: float) -> tuple[np.ndarray, np.ndarray]:
        bounds = _finite(self.result.get_forecast(h).conf_int(alpha=1 - level))
        return bounds[:, 0], bounds[:, 1]


def _integrate(
    history: np.ndarray, differenced: np.ndarray, d: int, seasonal_d: int, period: int
) -> np.ndarray:
    """Undo (1 − B)^d (1 − B^period)^seasonal_d on forecasts of the differenced series."""
    polynomial = np.array([1.0])
    for _ in range(d):
        polynomial = np.convolve(polynomial, [1.0, -1.0])
    for _ in range(seasonal_d):
        polynomial = np.convolve(polynomial, np.r_[1.0, np.zeros(period - 1), -1.0])
    lags = len(polynomial) - 1
    levels = list(history[-lags:])
    for value in differenced:
        levels.append(value - float(np.dot(polynomial[1:], levels[::-1][:lags])))
    return np.asarray(levels[lags:])


_FITTERS = {"naive": _Naive, "seasonal_naive": _SeasonalNaive, "ets": _Ets, "arima": _Arima}


def _rms(residuals: np.ndarray) -> float:
    return float(np.sqrt(np.mean(residuals**2))) if residuals.size else 0.0


def _require_length(train: np.ndarray) -> None:
    if len(train) < MIN_MODEL_POINTS:
        raise ModelUnavailable(f"needs at least {MIN_MODEL_POINTS} points, has {len(train)}")


def _finite(values) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(values)):
        raise ModelUnavailable("non-finite forecast")
    return values
