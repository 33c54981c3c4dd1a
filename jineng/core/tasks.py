from django_tasks import task

from jineng.core.import_jobs import import_job_execute


@task()
def import_job_task(model: str, job_id: int) -> int:
    """Import a queued file (``core.import_jobs``); the rows it went through."""
    job = import_job_execute(model=model, job_id=job_id)
    return job.rows_done if job is not None else 0
