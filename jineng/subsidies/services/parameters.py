"""A new dated value of a scheme's parameter. Values are never edited: a later valid_from supersedes."""
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError
from jineng.subsidies import permissions
from jineng.subsidies.models import Scheme, SubsidyParameter
from jineng.subsidies.services.common import NotAllowed


def subsidy_parameter_add(*, scheme: Scheme, key: str, value, valid_from: date, source: str, by) -> SubsidyParameter:
    if not permissions.can_manage_parameters(by):
        raise NotAllowed(_("只有专班办公室可以设置补贴参数"))
    key, source = key.strip(), source.strip()
    if not key or not source:
        raise DomainError(_("参数名和依据都须填写"))
    try:
        value = Decimal(str(value))
    except InvalidOperation as exc:
        raise DomainError(_("取值须为数字")) from exc
    if value < 0:
        raise DomainError(_("取值不能为负数"))
    latest = SubsidyParameter.objects.filter(scheme=scheme, key=key).order_by("-valid_from").first()
    if latest is not None and valid_from <= latest.valid_from:
        raise DomainError(_("新取值的生效日期须晚于现行取值的生效日期 {valid_from}（已用取值不能修改）").format(valid_from=latest.valid_from))
    try:
        with transaction.atomic():
            parameter = SubsidyParameter(scheme=scheme, key=key, value=value, valid_from=valid_from, source=source)
            save_audited(parameter, by=by, reason=f"新增参数取值 {key}={value}，{valid_from} 起生效")
    except IntegrityError as exc:
        raise DomainError(_("该参数在此生效日期已有取值")) from exc
    return parameter
