"""The load balancer's health endpoint (django-health-check): database, task queue, file storage.

Anonymous, no session, no cookie; JSON with `Accept: application/json` or `?format=json`, plain text with
`?format=text`. 200 when every check passes, 500 otherwise.
"""

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The task backend loads; with the database backend, its queue is readable and is being drained: no task
    has waited longer than `JINENG_HEALTH_MAX_TASK_WAIT` seconds (then no `db_worker` is running)."""

    alias: str = "default"

    def run(self) -> None:
        from django_tasks import task_backends

        try:
            backend = task_backends[self.alias]
        except Exception as exc:  # an unknown alias or a backend that fails to load
            raise ServiceUnavailable("task backend not configured") from exc
        if type(backend).__module__.startswith("django_tasks_db"):
            self._check_database_queue()

    def _check_database_queue(self) -> None:
        from django.db import Error
        from django_tasks_db.models import DBTaskResult, get_date_max

        limit = datetime.timedelta(seconds=settings.JINENG_HEALTH_MAX_TASK_WAIT)
        no_delay, now = get_date_max(), timezone.now()
        try:
            oldest = list(DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", "run_after")[:20])
        except Error as exc:
            raise ServiceUnavailable("task queue unreadable") from exc
        waited = max((now - (enqueued if run_after == no_delay else run_after) for enqueued, run_after in oldest), default=None)
        if waited is not None and waited > limit:
            raise ServiceUnavailable(f"a task has waited more than {limit.total_seconds():.0f} s: is db_worker running?")

health = HealthCheckView.as_view(
    checks=(
        "health_check.checks.Database",
        "jineng.core.health.TaskQueue",
        "health_check.checks.Storage",
    )
)
