from django import template

from jineng.subsidies import permissions

register = template.Library()

RIGHTS = {
    "see": permissions.can_see_claims, "submit": permissions.can_submit, "review": permissions.can_review_any,
    "pay": permissions.can_pay, "parameters": permissions.can_manage_parameters,
}


@register.filter
def subsidy_can(user, right: str) -> bool:
    return RIGHTS[right](user)


@register.filter
def level_label(level) -> str:
    from jineng.subsidies.engine.contracts import LEVEL_NAMES

    return LEVEL_NAMES.get(level, "不分等级") if level is not None else "不分等级"


@register.filter
def yuan(value) -> str:
    """Money with thousands separators and two places: 2,600.00."""
    if value is None or value == "":
        return ""
    from decimal import Decimal

    return f"{Decimal(value):,.2f}"
