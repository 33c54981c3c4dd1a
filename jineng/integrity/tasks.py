from django_tasks import task

from jineng.integrity.services.runs import risk_run_execute


@task()
def risk_run_execute_task(run_id: int) -> int:
    return risk_run_execute(run_id=run_id).rules_done
