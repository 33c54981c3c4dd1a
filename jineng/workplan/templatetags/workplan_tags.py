"""Labels of the work plan's statuses and traffic lights, for templates."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

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


@register.simple_tag(takes_context=True)
def unit_tag(context, organisation, year, month):
    """A responsible unit as a tag: a link to its district or department page where the viewer may open it.

    A tag in Python rather than an included template: the desk draws several per task row.
    """
    query = f"?year={year}&month={month}"
    if organisation.kind == "district" and opens_district(context["user"], organisation.district):
        href = reverse("workplan:district", args=[organisation.district.code]) + query
    elif organisation.kind in ("department", "programme_office"):
        href = reverse("workplan:department", args=[organisation.pk]) + query
    else:
        return format_html('<span class="tag">{}</span>', organisation.display_name)
    return format_html('<a class="tag" href="{}">{}</a>', href, organisation.display_name)
