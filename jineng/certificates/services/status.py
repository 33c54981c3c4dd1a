"""Suspending, reinstating and revoking certificates (the declared workflow), and what follows a change.

Every change of status is also kept as a ``StatusChange`` (in force from the day stamped on the certificate,
with the reason), in the same transaction, so the register can say what the status was on any past day
(``selectors.certificate_state_on``); the import records its changes in bulk (``status_changes_record``).
"""

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from jineng.certificates.choices import CertificateStatus
from jineng.certificates.models import Certificate, StatusChange
from jineng.certificates.workflows import CERTIFICATE_WORKFLOW
from jineng.core import metrics
from jineng.core.audit import save_audited
from jineng.core.imports import db_now, history_insert, rows_insert_with_ids

AUDIT_REASON = gettext_noop("记录证书状态变更")
AUDIT_CORRECTED = gettext_noop("更正证书状态变更的日期或原因")

#: called with (certificate, by) after a suspension or revocation commits; subsidies re-check open claims
_ON_WITHDRAWN: list = []


def on_certificate_withdrawn(callback) -> None:
    """Register ``callback(certificate, by)``, run when a certificate stops being valid."""
    if callback not in _ON_WITHDRAWN:
        _ON_WITHDRAWN.append(callback)


def _withdrawn(certificate: Certificate, by) -> None:
    for callback in _ON_WITHDRAWN:
        callback(certificate, by)


def _user(by):
    return by if getattr(by, "pk", None) is not None and getattr(by, "is_authenticated", False) else None


def _change_record(by):
    """The workflow's effect: the change just stamped on the locked certificate, kept with its day and reason."""

    def effects(locked: Certificate, step) -> tuple:
        change = StatusChange(certificate=locked, status=locked.status, effective_on=locked.status_date,
                              reason=locked.status_reason, recorded_at=step.at, recorded_by=_user(by))
        save_audited(change, by=_user(by), reason=AUDIT_REASON)
        return ()

    return effects


def _take(certificate: Certificate, action: str, *, by, reason: str) -> Certificate:
    return CERTIFICATE_WORKFLOW.take(certificate, action, by=by, comment=reason, effects=_change_record(by))


def certificate_suspend(*, certificate: Certificate, by, reason: str) -> Certificate:
    with transaction.atomic():
        changed = _take(certificate, "suspend", by=by, reason=reason)
        _withdrawn(changed, by)
    metrics.metrics_records_changed("certificates.Certificate")
    return changed


def certificate_reinstate(*, certificate: Certificate, by, reason: str = "") -> Certificate:
    changed = _take(certificate, "reinstate", by=by, reason=reason)
    metrics.metrics_records_changed("certificates.Certificate")
    return changed


def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    with transaction.atomic():
        changed = _take(certificate, "revoke", by=by, reason=reason)
        _withdrawn(changed, by)
    metrics.metrics_records_changed("certificates.Certificate")
    return changed


_CHANGE_COLUMNS = ("certificate_id", "status", "effective_on", "reason", "recorded_at", "recorded_by_id")


def status_changes_record(written: Sequence[tuple], *, by=None, today: date | None = None) -> int:
    """Keep the status changes of certificates written in bulk (the import), set-based, in the caller's transaction.

    ``written`` holds ``(certificate_id, before, after)`` with ``before`` ``None`` for a new certificate, else
    like ``after`` ``(status, status_date, status_reason, issued_on)`` as the register held it. A new certificate
    not valid, or a changed status, is a change in force from the status date (a new certificate without one: its
    issue date; a status changed without one, as a reinstatement by file: ``today``). The same status (not valid)
    with another date or reason corrects the change in force. Returns the number of changes recorded.
    """
    today = today or timezone.localdate()
    new, corrected = [], {}
    for certificate_id, before, after in written:
        status, status_date, reason, issued_on = after
        if before is None:
            if status != CertificateStatus.VALID:
                new.append((certificate_id, status, status_date or issued_on, reason))
        elif before[0] != status:
            new.append((certificate_id, status, status_date or today, reason))
        elif status != CertificateStatus.VALID and tuple(before[1:3]) != (status_date, reason):
            corrected[certificate_id] = (status, status_date or today, reason)
    if corrected:
        latest = {}
        for change in StatusChange.objects.filter(certificate_id__in=list(corrected)).order_by(
                "certificate_id", "effective_on", "pk"):
            latest[change.certificate_id] = change
        for certificate_id, (status, effective_on, reason) in corrected.items():
            change = latest.get(certificate_id)
            if change is None or change.status != status:  # nothing recorded to correct: record the change
                new.append((certificate_id, status, effective_on, reason))
                continue
            change.effective_on, change.reason = effective_on, reason
            save_audited(change, by=_user(by), reason=AUDIT_CORRECTED, update_fields=["effective_on", "reason"])
    if new:
        now, user_id = db_now(), getattr(_user(by), "pk", None)
        rows = [(*row, now, user_id) for row in new]
        ids = rows_insert_with_ids(StatusChange._meta.db_table, _CHANGE_COLUMNS, rows)
        history_insert(StatusChange, ("id", *_CHANGE_COLUMNS), [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
                       history_type="+", user_id=user_id, reason=AUDIT_REASON)
    return len(new) + len(corrected)
