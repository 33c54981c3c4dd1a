from django_tasks import task

from jineng.training.services.imports import training_import_execute


@task()
def training_import_task(import_id: int) -> int:
    return training_import_execute(import_id=import_id).rows_done
