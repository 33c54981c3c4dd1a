"""Payment batches and payments: each approved claim is paid exactly once.

A claim enters a batch by a conditional UPDATE (approved or payment-failed → batched) and owns one Payment
row (unique per claim); a payment becomes "paid" by another conditional UPDATE (pending → paid), and its
claim with it (batched → paid) in the same transaction. Many requests paying the same claim at once all
run these statements; exactly one sees rowcount 1, the others change nothing. Marking an already paid
payment paid again is a no-op, so a resent bank file cannot pay twice.
"""
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError
from jineng.subsidies import permissions
from jineng.subsidies.choices import BatchStatus, ClaimStatus, PaymentStatus
from jineng.subsidies.models import Claim, Payment, PaymentBatch
from jineng.subsidies.services.common import NotAllowed, move, random_code

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
    claim = Claim.objects.select_for_update().filter(pk=claim_id).first()
    if claim is None or not move(Claim, claim.pk, from_states=BATCHABLE, to=ClaimStatus.BATCHED):
        return False  # someone else batched or withdrew it meanwhile
    rebatch = claim.status == ClaimStatus.PAYMENT_FAILED
    claim.status = ClaimStatus.BATCHED
    save_audited(claim, by=by, reason=f"列入拨付批次 {batch.number}" + (gettext_noop("（重新拨付）") if rebatch else ""),
                 update_fields=["status"])
    payment = Payment.objects.filter(claim=claim).first()
    if payment is None:
        payment = Payment(claim=claim, batch=batch, amount=claim.amount)
    else:  # a failed payment moves to the new batch; its history keeps the failure
        payment.batch, payment.status, payment.failure_reason, payment.amount = batch, PaymentStatus.PENDING, "", claim.amount
    save_audited(payment, by=by, reason=f"列入拨付批次 {batch.number}")
    return True


def payment_batch_send(*, batch: PaymentBatch, by) -> PaymentBatch:
    _require_payer(by)
    with transaction.atomic():
        now = timezone.now()
        if not move(PaymentBatch, batch.pk, from_states=[BatchStatus.DRAFT], to=BatchStatus.SENT, sent_at=now):
            raise DomainError(_("批次 {number} 已提交拨付").format(number=batch.number))
        batch.refresh_from_db()
        save_audited(batch, by=by, reason=gettext_noop("提交拨付"), update_fields=["status", "sent_at"])
    return batch


def payment_mark_paid(*, payment: Payment, by, reference: str = "", paid_at: datetime | None = None) -> Payment:
    """Record the bank's success. Idempotent: a payment already paid stays as it is."""
    _require_payer(by)
    with transaction.atomic():
        locked = Payment.objects.select_for_update().select_related("batch", "claim").get(pk=payment.pk)
        if locked.status == PaymentStatus.PAID:
            return locked
        _require_sent(locked)
        paid_at = paid_at or timezone.now()
        if not move(Payment, locked.pk, from_states=[PaymentStatus.PENDING], to=PaymentStatus.PAID, paid_at=paid_at,
                    bank_reference=reference[:40]):
            return Payment.objects.get(pk=payment.pk)
        if not move(Claim, locked.claim_id, from_states=[ClaimStatus.BATCHED], to=ClaimStatus.PAID):
            raise DomainError(_("申请 {number} 不在拨付中，不能记为已拨付").format(number=locked.claim.number))
        locked.status, locked.paid_at, locked.bank_reference = PaymentStatus.PAID, paid_at, reference[:40]
        save_audited(locked, by=by, reason=gettext_noop("拨付成功"), update_fields=["status", "paid_at", "bank_reference"])
        _audit_claim(locked.claim_id, ClaimStatus.PAID, by=by, reason=f"已拨付 {locked.amount} 元")
        _settle_if_done(locked.batch, by)
    return locked


def payment_mark_failed(*, payment: Payment, by, reason: str) -> Payment:
    """Record the bank's refusal; the claim can go into a later batch."""
    _require_payer(by)
    if not reason.strip():
        raise DomainError(_("请填写拨付失败原因"))
    with transaction.atomic():
        locked = Payment.objects.select_for_update().select_related("batch", "claim").get(pk=payment.pk)
        _require_sent(locked)
        if not move(Payment, locked.pk, from_states=[PaymentStatus.PENDING], to=PaymentStatus.FAILED,
                    failure_reason=reason.strip()[:200]):
            raise DomainError(_("申请 {number} 的拨付已是“{status}”").format(number=locked.claim.number, status=locked.get_status_display()))
        move(Claim, locked.claim_id, from_states=[ClaimStatus.BATCHED], to=ClaimStatus.PAYMENT_FAILED)
        locked.status, locked.failure_reason = PaymentStatus.FAILED, reason.strip()[:200]
        save_audited(locked, by=by, reason=f"拨付失败：{locked.failure_reason}", update_fields=["status", "failure_reason"])
        _audit_claim(locked.claim_id, ClaimStatus.PAYMENT_FAILED, by=by, reason=f"拨付失败：{locked.failure_reason}")
        _settle_if_done(locked.batch, by)
    return locked


def payment_batch_mark_all_paid(*, batch: PaymentBatch, by, reference_prefix: str = "") -> int:
    """Every pending payment of a sent batch paid (the bank confirmed the whole batch)."""
    _require_payer(by)
    pending = list(batch.payments.filter(status=PaymentStatus.PENDING).order_by("pk"))
    for index, payment in enumerate(pending, start=1):
        payment_mark_paid(payment=payment, by=by, reference=f"{reference_prefix or batch.number}-{index:04d}")
    return len(pending)


def _require_sent(payment: Payment) -> None:
    if payment.batch.status == BatchStatus.DRAFT:
        raise DomainError(_("批次 {number} 尚未提交拨付").format(number=payment.batch.number))


def _audit_claim(claim_id: int, status: str, *, by, reason: str) -> None:
    claim = Claim.objects.get(pk=claim_id)
    claim.status = status
    save_audited(claim, by=by, reason=reason, update_fields=["status"])


def _settle_if_done(batch: PaymentBatch, by) -> None:
    if batch.payments.filter(status=PaymentStatus.PENDING).exists():
        return
    if move(PaymentBatch, batch.pk, from_states=[BatchStatus.SENT], to=BatchStatus.SETTLED, settled_at=timezone.now()):
        batch.refresh_from_db()
        save_audited(batch, by=by, reason=gettext_noop("批次结算完毕"), update_fields=["status", "settled_at"])
