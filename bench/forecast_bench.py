"""`python bench/forecast_bench.py`: the forecasting engine on 300 synthetic monthly series. No Django.

Each series is 5 years of monthly demand: level + trend + a yearly season + noise, drawn from a seeded
numpy Generator, so every run sees the same data. The engine backtests naive, seasonal naive, ETS and
ARIMA at 6 rolling origins per series, picks a model and forecasts 12 months, with one process per core.
Besides the backtest MASE it also scores the 12 months that follow the 5 years (generated, never shown
to the engine) against the seasonal naive forecast, to show the choice holds out of sample.

Goal: ≤ 60 s on 2 cores. BENCH_SERIES and BENCH_WORKERS override the defaults.
"""

import os
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jineng.forecasting.engine import MODELS, Series, forecast_many, mase  # noqa: E402

SERIES = int(os.environ.get("BENCH_SERIES", "300"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 1)))
MONTHS, HOLDOUT, PERIOD = 60, 12, 12


def synthetic(count: int, seed: int = 20240601) -> list[tuple[Series, np.ndarray]]:
    """(series shown to the engine, the 12 months that follow it)."""
    rng = np.random.default_rng(seed)
    t = np.arange(MONTHS + HOLDOUT)
    made = []
    for index in range(count):
        level = rng.uniform(50, 2000)
        slope = level * rng.uniform(-0.005, 0.02)
        amplitude = level * rng.uniform(0.0, 0.3)
        phase = rng.uniform(0, 2 * np.pi)
        noise = rng.normal(0, level * rng.uniform(0.02, 0.12), t.size)
        drift = np.cumsum(rng.normal(0, level * rng.uniform(0.0, 0.03), t.size))
        values = np.maximum(
            level + slope * t + amplitude * np.sin(2 * np.pi * t / PERIOD + phase) + noise + drift, 0
        )
        series = Series(
            key=f"bench:{index:03d}", values=tuple(values[:MONTHS]), period=PERIOD, start="2020-01"
        )
        made.append((series, values[MONTHS:]))
    return made


def main() -> None:
    made = synthetic(SERIES)
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    forecasts = forecast_many([series for series, _ in made], horizon=HOLDOUT, level=0.8, workers=WORKERS)
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before

    chosen = Counter(forecast.chosen_model for forecast in forecasts)
    backtest_chosen, backtest_baseline, holdout_chosen, holdout_baseline, inside = [], [], [], [], []
    for (series, future), forecast in zip(made, forecasts, strict=True):
        by_model = {score.model: score.mase for score in forecast.scores}
        backtest_chosen.append(by_model[forecast.chosen_model])
        backtest_baseline.append(by_model["seasonal_naive"])
        train = np.asarray(series.values)
        holdout_chosen.append(mase(future, forecast.mean, train, PERIOD))
        holdout_baseline.append(mase(future, np.maximum(train[-PERIOD:], 0), train, PERIOD))
        inside.extend((np.array(forecast.lower) <= future) & (future <= np.array(forecast.upper)))

    print(f"series:              {len(forecasts)} × {MONTHS} months, horizon {HOLDOUT}, workers {WORKERS}")
    print(f"total seconds:       {seconds:.1f}")
    print(f"seconds per series:  {seconds / len(forecasts):.3f}")
    print(f"CPU seconds:         {cpu:.1f} in all processes (wall time also depends on what else runs)")
    print("chosen model:        " + ", ".join(f"{name} {chosen.get(name, 0)}" for name in MODELS))
    print(f"beats baseline:      {sum(f.beats_baseline for f in forecasts)} of {len(forecasts)}")
    print(
        f"median MASE backtest: chosen {statistics.median(backtest_chosen):.3f}"
        f"  vs seasonal naive {statistics.median(backtest_baseline):.3f}"
    )
    print(
        f"median MASE holdout:  chosen {statistics.median(holdout_chosen):.3f}"
        f"  vs seasonal naive {statistics.median(holdout_baseline):.3f}  (the 12 unseen months)"
    )
    print(f"80 % interval hits:  {np.mean(inside):.1%} of the unseen months")


def _cpu_seconds() -> float:
    """User + system time of this process and of its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
