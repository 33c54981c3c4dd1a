"""Calls: opened by the programme office with the rule set and the amount in force on the opening day."""

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from jineng.awards.choices import AttachmentKind, CallKind
from jineng.awards.models import AwardAmount, Call, RuleSet
from jineng.awards.services.common import CREATED, require_capability
from jineng.core.audit import create_audited
from jineng.core.exceptions import DomainError


def rule_set_in_force(kind: str, on: date) -> RuleSet:
    rule_set = RuleSet.objects.filter(kind=kind, valid_from__lte=on).order_by("-valid_from", "-version").first()
    if rule_set is None:
        raise DomainError(_("{day} 没有生效的申报条件").format(day=on.isoformat()))
    return rule_set


def amount_in_force(kind: str, on: date) -> AwardAmount:
    amount = AwardAmount.objects.filter(kind=kind, valid_from__lte=on).order_by("-valid_from").first()
    if amount is None:
        raise DomainError(_("{day} 没有生效的资助标准").format(day=on.isoformat()))
    return amount


@transaction.atomic
def call_create(*, by, kind: str, year: int, title: str, quota: int, opens_on: date, deadline: datetime,
                required_attachments: list[str] | None = None) -> Call:
    require_capability(by, "awards.manage_calls")
    if kind not in CallKind.values:
        raise DomainError(_("没有这个申报类别"))
    if quota < 1:
        raise DomainError(_("名额须至少为 1"))
    if deadline.date() < opens_on:
        raise DomainError(_("申报截止时间不能早于开始受理日期"))
    attachments = list(dict.fromkeys(required_attachments or []))
    if set(attachments) - set(AttachmentKind.values):
        raise DomainError(_("附件类型不正确"))
    if Call.objects.filter(year=year, kind=kind, title=title).exists():
        raise DomainError(_("同年度同类别已有同名申报通知"))
    rule_set, amount = rule_set_in_force(kind, opens_on), amount_in_force(kind, opens_on)
    return create_audited(Call, by=by, reason=CREATED, kind=kind, year=year, title=title, quota=quota,
                          amount=amount.amount, matching_min=amount.matching_min,
                          funding_months=amount.funding_months, rule_set=rule_set, opens_on=opens_on,
                          deadline=deadline, required_attachments=attachments, created_by=by)
