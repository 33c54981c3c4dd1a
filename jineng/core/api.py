"""What every module's REST API shares: the router (ids in paths are sane integers), the paginator, and the
capability a door needs (``capability_required``), checked before the body is read.

A path id that is not an integer of at most 18 digits never reaches a view (404 from the URL resolver), so no
query is ever built from ``abc`` or from a number beyond the database's 64-bit integers. The paginator caps
``limit`` and ``offset`` so that no page size or offset reaches SQL out of range.
"""

from datetime import date

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import pagination, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.routers import DefaultRouter

from jineng.core.api_permissions import (  # noqa: F401  (the apps import them from here)
    CapabilityRequired,
    capability_required,
    transition_required,
)

ID_REGEX = "[0-9]{1,18}"
MAX_LIMIT = 500
MAX_OFFSET = 10**9


class Router(DefaultRouter):
    """DRF's router, but a viewset looked up by primary key only matches digits (at most 18)."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if getattr(viewset, "lookup_value_regex", None) is None and getattr(viewset, "lookup_field", "pk") in {
                "pk", "id"}:
            viewset.lookup_value_regex = ID_REGEX
        return super().get_lookup_regex(viewset, lookup_prefix)


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """``?limit=&offset=``; at most ``MAX_LIMIT`` rows a page, an offset past ``MAX_OFFSET`` reads as the end."""

    max_limit = MAX_LIMIT

    def get_offset(self, request):
        return min(super().get_offset(request), MAX_OFFSET)


def query_int(params, name: str) -> int | None:
    """An integer filter from the query string: blank is no filter; anything but 1–18 digits is a 400."""
    value = (params.get(name) or "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise ValidationError({name: [_("请填写不超过 18 位的非负整数")]})
    return int(value)


# Input fields with sane ranges, so that no number or date from a request reaches the database out of range.
MAX_ID = 10**18 - 1
YEARS = (2000, 2100)
DATES = (date(1950, 1, 1), date(2100, 12, 31))


def id_field(**kwargs) -> serializers.IntegerField:
    """A record's id in a request body: a positive integer of at most 18 digits."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def year_field(**kwargs) -> serializers.IntegerField:
    """A programme year (2000–2100)."""
    return serializers.IntegerField(min_value=YEARS[0], max_value=YEARS[1], **kwargs)


def _sane_date(value: date) -> None:
    if not DATES[0] <= value <= DATES[1]:
        raise ValidationError(_("日期须在 %(start)s 至 %(end)s 之间") % {"start": DATES[0], "end": DATES[1]})


def date_field(**kwargs) -> serializers.DateField:
    """A calendar date between 1950 and 2100."""
    return serializers.DateField(validators=[_sane_date], **kwargs)



def described_choice(choices, *, kind: str = "string"):
    """A choice field documented as a plain string (or integer) with its values described, not as an enum: the
    same field name with other choices in other apps (``kind``, ``state``, ``level``) would get a hashed enum name.

    ``choices``: a Django choices class or (value, label) pairs."""
    pairs = [(value, label) for value, label in getattr(choices, "choices", choices)]

    @extend_schema_field({"type": kind, "description": "; ".join(f"{value} {label}" for value, label in pairs)})
    class DescribedChoiceField(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=pairs, **kwargs)

    return DescribedChoiceField
