"""Labels of the work plan's statuses and traffic lights, for templates."""

from django import template

from jineng.workplan.choices import ProgressStatus, Rag, ReportState, Timeliness
from jineng.workplan.selectors.desk import district_open_to

register = template.Library()


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


@register.filter
def rag_label(value):
    return _label(Rag, value)


@register.filter
def status_label(value):
    return _label(ProgressStatus, value)


@register.filter
def state_label(value):
    return _label(ReportState, value)


@register.filter
def timeliness_label(value):
    return _label(Timeliness, value)


@register.filter
def opens_district(user, district) -> bool:
    """``{% if user|opens_district:district %}``: link a district's page only for those who may open it."""
    return district is not None and district_open_to(user, district)
