from django_tasks import task

from jineng.forecasting.services import forecast_run_execute


@task()
def forecast_run_execute_task(run_id: int) -> int:
    return forecast_run_execute(run_id=run_id).series_done
