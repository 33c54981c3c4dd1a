"""Payment batches and payments: each approved claim is paid exactly once.

Every move is a transition of the declared workflows (``subsidies/workflows.py``), taken under a row lock: a
claim enters a batch (approved or payment-failed → batched) and owns one Payment row (unique per claim); a
payment becomes "paid" (pending → paid), and its claim with it (batched → paid), in the same transaction.
Many requests paying the same claim at once queue on the lock; the first pays, the others find it paid and
change nothing, so a resent bank file cannot pay twice. Paying a failed payment is refused (InvalidState).
"""

from contextlib import suppress
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError, InvalidState
from jineng.subsidies import permissions
from jineng.subsidies.choices import ClaimStatus, PaymentStatus
from jineng.subsidies.models import Claim, Payment, PaymentBatch
from jineng.subsidies.services.common import NotAllowed, random_code
from jineng.subsidies.workflows import BATCH_WORKFLOW, CLAIM_WORKFLOW, PAYMENT_WORKFLOW

BATCHABLE = (ClaimStatus.APPROVED, ClaimStatus.PAYMENT_FAILED)


def _require_payer(by) -> None:
    if not permissions.can_pay(by):
        raise NotAllowed(_("只有专班办公室可以办理拨付"))


def payment_batch_create(*, by, claim_ids=None, scheme=None, district=None, limit: int | None = None,
                         number: str = "", rng=None) -> PaymentBatch:
    """A draft batch of the approved (and earlier failed) claims that match the filters."""
    _require_payer(by)
    claims = Claim.objects.filter(status__in=BATCHABLE, amount__gt=0)
    if claim_ids is not None:
        claims = claims.filter(pk__in=list(claim_ids))
    if scheme is not None:
        claims = claims.filter(scheme=scheme)
    if district is not None:
        claims = claims.filter(district=district)
    claims = claims.order_by("pk")
    if limit:
        claims = claims[:limit]
    with transaction.atomic():
        batch = PaymentBatch(number=number or f"PB{timezone.localdate():%Y%m%d}-{random_code(4, rng=rng)}",
                             created_by=by)
        save_audited(batch, by=by, reason=gettext_noop("编制拨付批次"))
        added = sum(_add_to_batch(claim_id, batch, by) for claim_id in list(claims.values_list("pk", flat=True)))
        if not added:
            raise DomainError(_("没有符合条件的已核准申请，未编制批次"))
    return batch


def _add_to_batch(claim_id: int, batch: PaymentBatch, by) -> bool:
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return False
    rebatch = claim.status == ClaimStatus.PAYMENT_FAILED
    try:
        claim = CLAIM_WORKFLOW.take(claim, "batch", by=by, audit=gettext_noop("列入拨付批次 {number}").format(number=batch.number)
                                     + (gettext_noop("（重新拨付）") if rebatch else ""))
    except InvalidState:
        return False  # someone else batched or withdrew it meanwhile
    payment = Payment.objects.filter(claim=claim).first()
    if payment is None:
        save_audited(Payment(claim=claim, batch=batch, amount=claim.amount), by=by, reason=f"列入拨付批次 {batch.number}")
        return True

    def move_to_batch(locked: Payment, step) -> list[str]:  # its history keeps the failure
        locked.batch, locked.amount = batch, claim.amount
        return ["batch", "amount"]

    PAYMENT_WORKFLOW.take(payment, "requeue", by=by, effects=move_to_batch, audit=gettext_noop("列入拨付批次 {number}").format(number=batch.number))
    return True


def payment_batch_send(*, batch: PaymentBatch, by) -> PaymentBatch:
    return BATCH_WORKFLOW.take(batch, "send", by=by)


def payment_mark_paid(*, payment: Payment, by, reference: str = "", paid_at: datetime | None = None) -> Payment:
    """Record the bank's success. Idempotent: a payment already paid stays as it is; a failed one is refused."""

    def record(locked: Payment, step) -> list[str]:
        locked.paid_at, locked.bank_reference = paid_at or step.at, reference[:40]
        CLAIM_WORKFLOW.take(locked.claim, "paid", by=by, audit=gettext_noop("已拨付 {amount} 元").format(amount=locked.amount))
        return ["paid_at", "bank_reference"]

    with transaction.atomic():
        payment = PAYMENT_WORKFLOW.take(payment, "pay", by=by, effects=record)
        _settle_if_done(payment.batch, by)
    return payment


def payment_mark_failed(*, payment: Payment, by, reason: str) -> Payment:
    """Record the bank's refusal; the claim can go into a later batch."""

    def record(locked: Payment, step) -> None:
        CLAIM_WORKFLOW.take(locked.claim, "payment_failed", by=by, audit=gettext_noop("拨付失败：{reason}").format(reason=step.comment))

    with transaction.atomic():
        payment = PAYMENT_WORKFLOW.take(payment, "fail", by=by, comment=reason, effects=record)
        _settle_if_done(payment.batch, by)
    return payment


def payment_batch_mark_all_paid(*, batch: PaymentBatch, by, reference_prefix: str = "") -> int:
    """Every pending payment of a sent batch paid (the bank confirmed the whole batch)."""
    _require_payer(by)
    pending = list(batch.payments.filter(status=PaymentStatus.PENDING).order_by("pk"))
    for index, payment in enumerate(pending, start=1):
        payment_mark_paid(payment=payment, by=by, reference=f"{reference_prefix or batch.number}-{index:04d}")
    return len(pending)


def _settle_if_done(batch: PaymentBatch, by) -> None:
    if batch.payments.filter(status=PaymentStatus.PENDING).exists():
        return
    with suppress(InvalidState):  # settled by the payment recorded just before this one
        BATCH_WORKFLOW.take(batch, "settle", by=by)
