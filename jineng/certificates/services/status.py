"""Suspending, reinstating and revoking certificates (the declared workflow), and what follows a change."""

from django.db import transaction

from jineng.certificates.models import Certificate
from jineng.certificates.workflows import CERTIFICATE_WORKFLOW
from jineng.core import metrics

#: called with (certificate, by) after a suspension or revocation commits; subsidies re-check open claims
_ON_WITHDRAWN: list = []


def on_certificate_withdrawn(callback) -> None:
    """Register ``callback(certificate, by)``, run when a certificate stops being valid."""
    if callback not in _ON_WITHDRAWN:
        _ON_WITHDRAWN.append(callback)


def _withdrawn(certificate: Certificate, by) -> None:
    for callback in _ON_WITHDRAWN:
        callback(certificate, by)


def certificate_suspend(*, certificate: Certificate, by, reason: str) -> Certificate:
    with transaction.atomic():
        changed = CERTIFICATE_WORKFLOW.take(certificate, "suspend", by=by, comment=reason)
        _withdrawn(changed, by)
    metrics.metrics_records_changed("certificates.Certificate")
    return changed


def certificate_reinstate(*, certificate: Certificate, by, reason: str = "") -> Certificate:
    changed = CERTIFICATE_WORKFLOW.take(certificate, "reinstate", by=by, comment=reason)
    metrics.metrics_records_changed("certificates.Certificate")
    return changed


def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    with transaction.atomic():
        changed = CERTIFICATE_WORKFLOW.take(certificate, "revoke", by=by, comment=reason)
        _withdrawn(changed, by)
    metrics.metrics_records_changed("certificates.Certificate")
    return changed
