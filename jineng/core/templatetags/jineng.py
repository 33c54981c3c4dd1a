"""Display filters: numbers with thousands separators and percentages."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()

@register.filter
def num(value):
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral():
        return intcomma(int(value))
    return intcomma(f"{value:.2f}")


@register.filter
def pct(value):
    if value is None:
        return ""
    return f"{Decimal(value) * 100:.1f}%"
