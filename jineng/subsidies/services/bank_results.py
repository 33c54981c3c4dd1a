"""The bank's result file for a sent batch: one row per claim (申请编号, 结果, 银行流水号, 失败原因).

All or nothing: every row is checked first and any error refuses the whole file, naming row and column.
Idempotent: a row that repeats what is already recorded changes nothing, so the same file can be uploaded
twice; a row contradicting a recorded outcome (paid → failed) is an error, never a second transition.
"""
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from jineng.core.exceptions import DomainError, ImportRejected
from jineng.core.spreadsheets import read_xlsx_rows
from jineng.subsidies.choices import BatchStatus, PaymentStatus
from jineng.subsidies.models import PaymentBatch
from jineng.subsidies.services.payments import _require_payer, payment_mark_failed, payment_mark_paid

HEADERS = ["申请编号", "结果", "银行流水号", "失败原因"]
OUTCOMES = {"成功": PaymentStatus.PAID, "已拨付": PaymentStatus.PAID, "paid": PaymentStatus.PAID,
            "失败": PaymentStatus.FAILED, "拨付失败": PaymentStatus.FAILED, "failed": PaymentStatus.FAILED}


@dataclass(frozen=True)
class BankRow:
    line: int
    payment: object
    outcome: str
    reference: str
    reason: str


def bank_results_import(*, batch: PaymentBatch, content: bytes, by) -> dict[str, int]:
    _require_payer(by)
    if batch.status == BatchStatus.DRAFT:
        raise DomainError(_("批次 {number} 尚未提交拨付，不能导入银行结果").format(number=batch.number))
    rows = read_xlsx_rows(content)
    if not rows or [cell.strip() for cell in rows[0][:4]] != HEADERS:
        raise ImportRejected([_("第 1 行：表头应为 {items}").format(items=_("、").join(HEADERS))])
    parsed, errors = _parse(batch, rows[1:])
    if errors:
        raise ImportRejected(errors)
    counts = {"已拨付": 0, "拨付失败": 0, "未变": 0}
    with transaction.atomic():
        for row in parsed:
            if row.payment.status == row.outcome:
                counts["未变"] += 1
            elif row.outcome == PaymentStatus.PAID:
                payment_mark_paid(payment=row.payment, by=by, reference=row.reference)
                counts["已拨付"] += 1
            else:
                payment_mark_failed(payment=row.payment, by=by, reason=row.reason)
                counts["拨付失败"] += 1
    return counts


def _parse(batch: PaymentBatch, rows: list[list[str]]) -> tuple[list[BankRow], list[str]]:
    payments = {p.claim.number: p for p in batch.payments.select_related("claim")}
    parsed, errors, seen = [], [], set()
    for line, cells in enumerate(rows, start=2):
        cells = [cell.strip() for cell in cells] + [""] * 4
        number, result, reference, reason = cells[:4]
        if not any(cells[:4]):
            continue
        payment = payments.get(number)
        outcome = OUTCOMES.get(result.lower() if result.isascii() else result)
        if payment is None:
            errors.append(_("第 {line} 行「申请编号」：{v2} 不在批次 {number} 中").format(line=line, v2=number or _("（空）"), number=batch.number))
        elif number in seen:
            errors.append(_("第 {line} 行「申请编号」：{number} 在文件中重复").format(line=line, number=number))
        if outcome is None:
            errors.append(_("第 {line} 行「结果」：应为“成功”或“失败”，而不是“{result}”").format(line=line, result=result))
        elif outcome == PaymentStatus.FAILED and not reason:
            errors.append(_("第 {line} 行「失败原因」：拨付失败须填写原因").format(line=line))
        elif payment is not None and payment.status != PaymentStatus.PENDING and payment.status != outcome:
            errors.append(_("第 {line} 行「结果」：{number} 已记为“{status}”，不能改为“{result}”").format(line=line, number=number, status=payment.get_status_display(), result=result))
        seen.add(number)
        if payment is not None and outcome is not None:
            parsed.append(BankRow(line, payment, outcome, reference[:40], reason[:200]))
    return parsed, errors
