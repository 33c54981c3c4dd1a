"""Bulk files imported in the background, the same way for every module.

An app's import model inherits ``core.models.ImportJob`` and registers the body that imports one file into it
(``import_job_register("training.TrainingImport", "jineng.training.services.imports.training_import_body")``,
from its ``AppConfig.ready``). Then:

- ``import_job_queue`` checks the size and kind, stores the file encrypted with its checksum and queues
  ``core.tasks.import_job_task`` after the transaction commits; the page (``core/_import_progress.html``,
  polled through htmx) and the API (202 with the job's URL) follow it;
- ``import_job_run`` — the task's body, or a direct call — forgets the file, runs the body with a ``progress``
  callback, and records the outcome: done (counts), rejected (every row error, as message templates translated
  when shown), or failed (nothing written: the body runs its writes in one transaction).

The body is ``body(job, content, progress) -> ImportCounts``; it raises ``ImportRejected`` (or another
``DomainError``) to refuse the file.
"""

import base64
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from jineng.core.crypto import decrypt_text, encrypt_text
from jineng.core.engine.messages import Message, gettext_noop
from jineng.core.exceptions import DomainError, ImportRejected
from jineng.core.imports import KINDS
from jineng.core.messages import messages_dump
from jineng.core.models import ImportJob, ImportStatus
from jineng.core.spreadsheets import check_upload_size

logger = logging.getLogger(__name__)
MAX_ERRORS = 500
_BODIES: dict[str, str] = {}


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int
    total: int


Progress = Callable[[int], None]


def import_job_register(model_label: str, body: str) -> None:
    """``body``: the dotted path of ``body(job, content, progress) -> ImportCounts`` (imported when it runs)."""
    _BODIES[model_label.lower()] = body


def import_job_queue(model: type[ImportJob], *, content: bytes, file_name: str, by, **fields) -> ImportJob:
    """Store the upload (encrypted) and queue its import; ``fields`` are the app's own (institution, report)."""
    from jineng.core.tasks import import_job_task

    check_upload_size(len(content))
    import_kind_check(file_name)
    job = model.objects.create(file_name=file_name[:200], sha256=hashlib.sha256(content).hexdigest(), created_by=by,
                               payload=encrypt_text(base64.b64encode(content).decode()), **fields)
    label = model._meta.label_lower
    transaction.on_commit(lambda: import_job_task.enqueue(model=label, job_id=job.pk))
    return job


def import_kind_check(file_name: str) -> None:
    if not file_name.lower().endswith(KINDS):
        raise DomainError(_("只接受 .csv（UTF-8 或 GBK 编码）或 .xlsx 文件，请使用下载的模板"))


def import_job_execute(*, model: str, job_id: int) -> ImportJob | None:
    """The background task's body: decrypt the stored upload and import it (once: a finished job is left)."""
    job = apps.get_model(model).objects.filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.QUEUED or not job.payload:
        return job
    content = base64.b64decode(decrypt_text(job.payload))
    return import_job_run(job, content)


def import_job_run(job: ImportJob, content: bytes, *, body: Callable | None = None) -> ImportJob:
    """Import ``content`` into ``job`` now and record the outcome (the file itself is not kept)."""
    body = body or import_string(_BODIES[job._meta.label_lower])
    job_set(job, status=ImportStatus.RUNNING, payload="")
    try:
        counts = body(job, content, lambda done: job_set(job, rows_done=done))
    except ImportRejected as exc:
        _finish(job, ImportStatus.REJECTED, _errors_kept(exc.errors), rows_done=job.rows_total)
        return job
    except DomainError as exc:
        _finish(job, ImportStatus.REJECTED, messages_dump([exc.args[0] if exc.args else str(exc)]))
        return job
    except IntegrityError as exc:
        logger.warning("import %s %s hit a constraint: %s", job._meta.label_lower, job.pk, type(exc).__name__)
        _finish(job, ImportStatus.FAILED, [gettext_noop("导入时数据已被同时修改，未写入任何记录，请重新导入")])
        return job
    except Exception:
        _finish(job, ImportStatus.FAILED, [gettext_noop("导入出错，未写入任何记录，请联系管理员")])
        raise
    _finish(job, ImportStatus.DONE, [], rows_total=counts.total, rows_done=counts.total, created_count=counts.created,
            updated_count=counts.updated, unchanged_count=counts.unchanged)
    return job


def _errors_kept(errors: list) -> list:
    kept = messages_dump(errors[:MAX_ERRORS])
    if len(errors) > MAX_ERRORS:
        kept += messages_dump([Message(gettext_noop("……另有 {count} 处错误"), count=len(errors) - MAX_ERRORS)])
    return kept


def _finish(job: ImportJob, status: str, errors: list, **fields) -> None:
    job_set(job, status=status, errors=errors, finished_at=timezone.now(), **fields)


def job_set(job: ImportJob, **fields) -> None:
    """Change ``fields`` on the object and, at once, in its row (outside any transaction: the page polls it)."""
    for name, value in fields.items():
        setattr(job, name, value)
    type(job).objects.filter(pk=job.pk).update(**fields)
