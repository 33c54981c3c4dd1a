"""Funding tracking of an award: matching funds declared and evidenced, spending by category, assessments."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from jineng.awards.choices import AssessmentKind, AssessmentResult, FundSource, SpendingCategory
from jineng.awards.engine.funding import Matching, Position, Spend, position
from jineng.awards.models import Assessment, Award, MatchingFund, Spending
from jineng.awards.services.common import CHANGED, CREATED, require_capability, today
from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError, InvalidState

MAX_AMOUNT = Decimal("9999999999.99")


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("金额须为正数")) from exc
    if not amount.is_finite() or not Decimal("0.01") <= amount <= MAX_AMOUNT:
        raise DomainError(_("金额须为正数"))
    return amount.quantize(Decimal("0.01"))


def _closed(award: Award) -> None:
    if award.assessments.filter(kind=AssessmentKind.FINAL).exists():
        raise InvalidState(_("该项目已完成期满考核，不能再登记"))


@transaction.atomic
def matching_add(*, award: Award, by, amount, recorded_on: date, evidence: str = "") -> MatchingFund:
    require_capability(by, "awards.track_funding", award)
    _closed(award)
    return create_audited(MatchingFund, by=by, reason=CREATED, award=award, amount=_amount(amount),
                          recorded_on=recorded_on, evidence=(evidence or "")[:120])


@transaction.atomic
def matching_verify(*, matching: MatchingFund, by) -> MatchingFund:
    require_capability(by, "awards.assess_funding")
    if not matching.evidence:
        raise DomainError(_("没有凭证，不能核实"))
    matching.evidenced = True
    save_audited(matching, by=by, reason=CHANGED, update_fields=["evidenced"])
    return matching


@transaction.atomic
def spending_add(*, award: Award, by, category: str, source: str, amount, spent_on: date,
                 note: str = "") -> Spending:
    require_capability(by, "awards.track_funding", award)
    _closed(award)
    if category not in SpendingCategory.values or source not in FundSource.values:
        raise DomainError(_("支出类别或资金来源不正确"))
    return create_audited(Spending, by=by, reason=CREATED, award=award, category=category, source=source,
                          amount=_amount(amount), spent_on=spent_on, note=(note or "")[:120])


def award_position(award: Award, *, as_of: date | None = None, final: bool | None = None) -> Position:
    if final is None:
        final = award.assessments.filter(kind=AssessmentKind.FINAL).exists()
    return position(
        grant=award.amount, matching_required=award.matching_required,
        matching=[Matching(m.amount, m.evidenced) for m in award.matching_funds.all()],
        spending=[Spend(s.category, s.source, s.amount, s.spent_on) for s in award.spending.all()],
        allowed_categories=award.categories, period_start=award.period_start, period_end=award.period_end,
        as_of=as_of or today(), final_assessed=final)


@transaction.atomic
def assessment_record(*, award: Award, by, kind: str, result: str, assessed_on: date, note: str = "") -> Assessment:
    """The mid-term or final assessment; the final one fixes the amount to recover (unspent and misused)."""
    require_capability(by, "awards.assess_funding")
    if kind not in AssessmentKind.values or result not in AssessmentResult.values:
        raise DomainError(_("评估类型或结论不正确"))
    if award.assessments.filter(kind=kind).exists():
        raise InvalidState(_("该项目已有此项评估"))
    if kind == AssessmentKind.FINAL and not award.assessments.filter(kind=AssessmentKind.MID_TERM).exists():
        raise InvalidState(_("须先完成中期评估"))
    final = kind == AssessmentKind.FINAL
    recovery = award_position(award, as_of=assessed_on, final=final).recovery_due
    if final and result == AssessmentResult.FAIL:
        recovery = award.amount  # a failed final assessment recovers the whole grant
    return create_audited(Assessment, by=by, reason=CREATED, award=award, kind=kind, result=result,
                          assessed_on=assessed_on, note=(note or "")[:300], recovery=recovery, assessed_by=by)
