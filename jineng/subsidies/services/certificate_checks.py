"""When a certificate is suspended or revoked, the claims resting on it that are not paid yet go back to review.

Claims in review, approved or with a failed payment return to "in review" with the reason in the review note and
in the claim's trace (``certificate_recheck``), so the reviewer sees why; batched and paid claims are left to the
payment process but get the same trace entry.
"""

from django.utils.translation import gettext as _

from jineng.core.audit import save_audited
from jineng.subsidies.choices import ClaimStatus
from jineng.subsidies.models import Claim
from jineng.subsidies.workflows import CLAIM_WORKFLOW

REOPENED = (ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, ClaimStatus.PAYMENT_FAILED)
FLAGGED = (*REOPENED, ClaimStatus.BATCHED, ClaimStatus.PAID)


def claims_recheck_for_certificate(certificate, by) -> list[Claim]:
    """Send the open claims on ``certificate`` back to review; the claims changed."""
    if certificate.status == "suspended":
        text = _("证书 {number} 已于 {day} 被暂停：{reason}")
    else:
        text = _("证书 {number} 已于 {day} 被撤销：{reason}")
    reason = text.format(number=certificate.number, day=certificate.status_date, reason=certificate.status_reason)
    changed = []
    for claim in Claim.objects.filter(certificate_no=certificate.number, status__in=FLAGGED).order_by("pk"):
        entry = {"status": certificate.status, "date": str(certificate.status_date),
                 "reason": certificate.status_reason}
        if claim.status in REOPENED:
            def note(obj, step, entry=entry):
                obj.trace = {**(obj.trace or {}), "certificate_recheck": entry}
                return ["trace"]

            changed.append(CLAIM_WORKFLOW.take(claim, "recheck", by=by, comment=reason[:300], effects=note))
        else:
            claim.trace = {**(claim.trace or {}), "certificate_recheck": entry}
            save_audited(claim, by=by, reason=reason[:100], update_fields=["trace"])
            changed.append(claim)
    return changed
