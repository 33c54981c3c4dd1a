"""Labels of the work plan's statuses and traffic lights, for templates."""

from django import template

from jineng.workplan.choices import ProgressStatus, Rag, ReportState, Timeliness

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
