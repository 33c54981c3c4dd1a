"""Demand forecasting engine. Pure Python + statsmodels: no Django here (see docs STYLE.md, "pure engines").

forecast_series(Series(key="6-25-02-05", values=(...), period=12), horizon=12) -> Forecast
forecast_many([...], workers=2) -> list[Forecast]
"""

from .contracts import MODELS, Forecast, ModelScore, Series
from .forecast import forecast_many, forecast_series
from .metrics import mase

__all__ = ["MODELS", "Forecast", "ModelScore", "Series", "forecast_many", "forecast_series", "mase"]
