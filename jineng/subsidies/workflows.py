"""The subsidy workflows, declared: claims (review, withdrawal, payment), payments and payment batches.

Claim: in review → approved or rejected (by the programme office or the claim's district), withdrawn by the
claimant organisation; approved (or payment failed) → batched → paid or payment failed. Payment: pending →
paid or failed; a failed payment returns to pending in a later batch. Batch: draft → sent → settled.
"""

from django.utils.translation import gettext_lazy as _

from jineng.core.exceptions import InvalidState
from jineng.core.workflow import Stamp, Transition, Workflow
from jineng.subsidies.choices import BatchStatus, ClaimStatus, PaymentStatus
from jineng.subsidies.models import Claim, Payment, PaymentBatch

REVIEW = "subsidies.review_claim"  # the office, or the claim's district
WITHDRAW = "subsidies.withdraw_claim"  # the claimant organisation
PAY = "subsidies.pay_claims"
RECHECK = "subsidies.recheck_claim"  # those who suspend or revoke certificates send open claims back to review
_DECIDED = {"decided_by": Stamp.BY, "decided_at": Stamp.NOW, "decision_note": Stamp.COMMENT}
_NOT_REVIEWER = _("您无权审核该申请")
_NOT_PAYER = _("只有专班办公室可以办理拨付")

CLAIM_WORKFLOW = Workflow(
    model=Claim, field="status", noun=lambda claim: _("申请 {number} ").format(number=claim.number),
    transitions=[
        Transition("approve", _("核准"), (ClaimStatus.IN_REVIEW,), ClaimStatus.APPROVED, REVIEW,
                   refused=_NOT_REVIEWER, stamps=_DECIDED, comment_in_audit=True),
        Transition("reject", _("不予核准"), (ClaimStatus.IN_REVIEW,), ClaimStatus.REJECTED, REVIEW,
                   refused=_NOT_REVIEWER, stamps=_DECIDED, comment_in_audit=True,
                   comment_required=_("不予核准须填写理由"), style="danger"),
        Transition("withdraw", _("撤回"), (ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, ClaimStatus.CHECK_FAILED),
                   ClaimStatus.WITHDRAWN, WITHDRAW,
                   refused=_("只有提交申请的单位可以撤回"), stamps=_DECIDED, comment_in_audit=True, style="secondary"),
        Transition("recheck", _("证书状态变更，退回复核"),
                   (ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, ClaimStatus.PAYMENT_FAILED), ClaimStatus.IN_REVIEW,
                   RECHECK, refused=_("您无权变更证书状态"),
                   stamps={"decided_by": Stamp.CLEAR, "decided_at": Stamp.CLEAR, "decision_note": Stamp.COMMENT},
                   comment_in_audit=True),
        Transition("batch", _("列入拨付批次"), (ClaimStatus.APPROVED, ClaimStatus.PAYMENT_FAILED), ClaimStatus.BATCHED,
                   PAY, refused=_NOT_PAYER),
        Transition("paid", _("记为已拨付"), (ClaimStatus.BATCHED,), ClaimStatus.PAID, PAY,
                   refused=_NOT_PAYER),
        Transition("payment_failed", _("记为拨付失败"), (ClaimStatus.BATCHED,), ClaimStatus.PAYMENT_FAILED,
                   PAY, refused=_NOT_PAYER),
    ],
)


def _batch_sent(payment: Payment, step) -> None:
    if payment.batch.status == BatchStatus.DRAFT:
        raise InvalidState(_("批次 {number} 尚未提交拨付").format(number=payment.batch.number))


PAYMENT_WORKFLOW = Workflow(
    model=Payment, field="status", comment_max=200,
    noun=lambda payment: _("申请 {number} 的拨付").format(number=payment.claim.number),
    transitions=[
        Transition("pay", _("记为已拨付"), (PaymentStatus.PENDING,), PaymentStatus.PAID, PAY,
                   refused=_NOT_PAYER, guard=_batch_sent, idempotent=True, audit=_("拨付成功")),
        Transition("fail", _("记为拨付失败"), (PaymentStatus.PENDING,), PaymentStatus.FAILED, PAY,
                   refused=_NOT_PAYER, guard=_batch_sent, stamps={"failure_reason": Stamp.COMMENT},
                   comment_required=_("请填写拨付失败原因"), audit=_("拨付失败"), comment_in_audit=True),
        Transition("requeue", _("列入新的拨付批次"), (PaymentStatus.FAILED,), PaymentStatus.PENDING,
                   PAY, refused=_NOT_PAYER, stamps={"failure_reason": Stamp.CLEAR}),
    ],
)

BATCH_WORKFLOW = Workflow(
    model=PaymentBatch, field="status", noun=lambda batch: _("批次 {number} ").format(number=batch.number),
    transitions=[
        Transition("send", _("提交拨付"), (BatchStatus.DRAFT,), BatchStatus.SENT, PAY,
                   refused=_NOT_PAYER, stamps={"sent_at": Stamp.NOW}),
        Transition("settle", _("结算"), (BatchStatus.SENT,), BatchStatus.SETTLED, PAY,
                   refused=_NOT_PAYER, stamps={"settled_at": Stamp.NOW}, audit=_("批次结算完毕")),
    ],
)
