"""A finished forecasting run over the demo's demand, so the leaderboard has something to show."""

from jineng.forecasting.choices import Dimension, Granularity, RunStatus
from jineng.forecasting.models import ForecastRun
from jineng.forecasting.services import forecast_run_execute


def forecast_demo_run() -> ForecastRun:
    existing = ForecastRun.objects.filter(status=RunStatus.DONE).order_by("-pk").first()
    if existing is not None:
        return existing
    run = ForecastRun.objects.create(dimension=Dimension.OCCUPATION, granularity=Granularity.QUARTER, horizon=4)
    return forecast_run_execute(run_id=run.pk)
