"""The publication thresholds in force on a date, and adding a dated value."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError
from jineng.wages.choices import ThresholdKey
from jineng.wages.engine.tables import Thresholds
from jineng.wages.models import PublicationThreshold


def thresholds_in_force(*, on: date) -> Thresholds:
    values = {}
    for key in ThresholdKey.values:
        found = (PublicationThreshold.objects.filter(key=key, valid_from__lte=on)
                 .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on)).order_by("-valid_from").first())
        if found is not None:
            values[key] = found.value
    defaults = Thresholds()
    return Thresholds(
        min_enterprises=int(values.get(ThresholdKey.MIN_ENTERPRISES, defaults.min_enterprises)),
        min_workers=int(values.get(ThresholdKey.MIN_WORKERS, defaults.min_workers)),
        dominance=float(values.get(ThresholdKey.DOMINANCE, defaults.dominance)),
    )


def threshold_add(*, key: str, value: Decimal, valid_from: date, source: str, by) -> PublicationThreshold:
    """A new value from ``valid_from``; the value in force before it ends the day before."""
    if key not in ThresholdKey.values:
        raise DomainError(_("未知的参数"))
    if value <= 0 or (key == ThresholdKey.DOMINANCE and value > 1):
        raise DomainError(_("取值应大于 0；单一企业占比上限不超过 1"))
    if key != ThresholdKey.DOMINANCE and value != int(value):
        raise DomainError(_("企业数、职工数下限应为整数"))
    if not source.strip():
        raise DomainError(_("请填写依据"))
    with transaction.atomic():
        if PublicationThreshold.objects.filter(key=key, valid_from=valid_from).exists():
            raise DomainError(_("该参数在这一天已有取值"))
        previous = (PublicationThreshold.objects.select_for_update().filter(key=key, valid_from__lt=valid_from)
                    .order_by("-valid_from").first())
        if previous is not None and (previous.valid_to is None or previous.valid_to > valid_from):
            previous.valid_to = valid_from
            save_audited(previous, by=by, reason=_("新取值生效"), update_fields=["valid_to"])
        later = PublicationThreshold.objects.filter(key=key, valid_from__gt=valid_from).order_by("valid_from").first()
        return create_audited(PublicationThreshold, by=by, reason=_("新增发布规则参数"), key=key, value=value,
                              valid_from=valid_from, valid_to=later.valid_from if later else None,
                              source=source.strip()[:300])
