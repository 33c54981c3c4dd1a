"""Campaigns (填报批次) and the ranking weights of a year: both the programme office's to set."""
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError
from jineng.demand import permissions
from jineng.demand.models import DEFAULT_WEIGHTS, Campaign, RankingWeights
from jineng.occupations.models import Industry


def campaign_create(*, name: str, year: int, opens_on: date, closes_on: date, industries: list[Industry], by) -> Campaign:
    if not permissions.can_manage(by):
        raise DomainError(_("只有专班办公室可以设置填报批次"))
    name = name.strip()
    errors = []
    if not name:
        errors.append(_("“名称”：请填写"))
    elif Campaign.objects.filter(name=name).exists():
        errors.append(_("“名称”：已有名为“{name}”的填报批次").format(name=name))
    if not 2000 <= year <= 2100:
        errors.append(_("“年度”：不正确"))
    if closes_on < opens_on:
        errors.append(_("“截止填报”：不能早于开始填报日期"))
    if errors:
        raise DomainError(_("；").join(errors))
    with transaction.atomic():
        campaign = Campaign(name=name, year=year, opens_on=opens_on, closes_on=closes_on, created_by=by)
        save_audited(campaign, by=by, reason=gettext_noop("设置填报批次"))
        campaign.industries.set(industries)
    return campaign


def ranking_weights_set(*, year: int, values: dict[str, Decimal | str], by, reason: str) -> RankingWeights:
    """Replace the year's weights (each 0–1, not all zero); the reason goes on the audit trail."""
    if not permissions.can_manage(by):
        raise DomainError(_("只有专班办公室可以修改排名权重"))
    if not reason.strip():
        raise DomainError(_("请填写修改原因"))
    labels = {key: str(RankingWeights._meta.get_field(key).verbose_name) for key in DEFAULT_WEIGHTS}
    cleaned, errors = {}, []
    for key in DEFAULT_WEIGHTS:
        try:
            value = Decimal(str(values.get(key, "")).strip())
        except InvalidOperation:
            errors.append(_("“{v1}”：不是数字").format(v1=labels[key]))
            continue
        if not value.is_finite() or not 0 <= value <= 1:
            errors.append(_("“{v1}”：须在 0 到 1 之间").format(v1=labels[key]))
            continue
        cleaned[key] = value.quantize(Decimal("0.01"))
    if not errors and not any(cleaned.values()):
        errors.append(_("权重不能全部为 0"))
    if errors:
        raise DomainError(_("；").join(errors))
    with transaction.atomic():
        weights = RankingWeights.objects.select_for_update().filter(year=year).first() or RankingWeights(year=year)
        if weights.pk and weights.as_dict() == cleaned:
            return weights
        for key, value in cleaned.items():
            setattr(weights, key, value)
        save_audited(weights, by=by, reason=reason.strip()[:200])
    return weights
