"""Display filters: numbers with thousands separators and percentages."""

from decimal import Decimal

from django import template

register = template.Library()

@register.filter
def num(value, places=None):
    """1234567 -> 1,234,567; ``num:0`` rounds (expected paces and projections are estimates)."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if places is not None:
        value = round(value, int(places))
    # Thousands separators in every language (zh-hans' locale has none); the bulletin and charts agree.
    if value == value.to_integral():
        return f"{int(value):,}"
    return f"{value:,.2f}"


@register.filter
def pct(value):
    if value is None:
        return ""
    return f"{Decimal(value) * 100:.1f}%"


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (e.g. the page number), URL-encoded."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()
