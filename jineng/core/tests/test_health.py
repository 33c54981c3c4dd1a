import datetime

import pytest
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from health_check.exceptions import ServiceUnavailable

from jineng.core.health import TaskQueue


@task()
def _waits_in_the_queue() -> None:
    """Enqueued by the tests below and never run: no worker runs in the suite."""


def _checks(response) -> dict[str, str]:
    return {name.split("(")[0]: state for name, state in response.json().items()}


@pytest.mark.django_db
def test_the_load_balancer_sees_database_task_queue_and_storage_healthy_without_a_session(client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert _checks(response) == {"Database": "OK", "TaskQueue": "OK", "Storage": "OK"}
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_task_queue_fails_when_queued_tasks_wait_because_no_worker_runs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _waits_in_the_queue.enqueue()
    TaskQueue().run()  # a task just queued: healthy
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(hours=1))

    with pytest.raises(ServiceUnavailable, match="db_worker"):
        TaskQueue().run()


@pytest.mark.django_db
def test_a_failing_check_answers_500(client, monkeypatch):
    def no_worker(self):
        raise ServiceUnavailable("a task has waited more than 900 s: is db_worker running?")

    monkeypatch.setattr(TaskQueue, "run", no_worker)

    response = client.get("/health/?format=json")

    assert response.status_code == 500
    assert "db_worker" in _checks(response)["TaskQueue"] and _checks(response)["Database"] == "OK"


@pytest.mark.django_db
def test_health_answers_over_plain_http_when_every_page_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/health/", HTTP_ACCEPT="text/plain").status_code == 200
    assert client.get("/accounts/login/").status_code == 301
