"""Reads of the occupation classification and industries (public reference data: no role scoping)."""

import re

from django.db.models import Q, QuerySet

from jineng.occupations.models import Industry, Occupation

_CODE = re.compile(r"^[1-8](-\d{0,2}){0,3}$")
_INITIALS = re.compile(r"^[a-z]+$")


def occupation_search(*, query: str = "", major_code: str = "", marker: str = "") -> QuerySet[Occupation]:
    """By code prefix (6-18), by name (车工) or by pinyin initials (cg), in code order."""
    occupations = Occupation.objects.filter(classification="2022").prefetch_related("work_types")
    query = query.strip()
    if query:
        occupations = occupations.filter(_query_filter(query))
    if major_code:
        occupations = occupations.filter(major_code=major_code)
    if marker:
        occupations = occupations.filter(marker__contains=marker)
    return occupations.order_by("code")


def _query_filter(query: str) -> Q:
    lowered = query.lower()
    condition = Q(name__icontains=query) | Q(work_types__name__icontains=query)
    if _CODE.match(query):
        condition |= Q(code__startswith=query)
    if _INITIALS.match(lowered):
        condition |= Q(initials__startswith=lowered) | Q(work_types__initials__startswith=lowered)
    return condition


def occupation_by_code(code: str) -> Occupation | None:
    """The occupation a typed code names: in the newest classification that holds it (2022 before 2015)."""
    return Occupation.objects.filter(code=code).order_by("-classification").first() if code else None


def occupation_get(*, code: str) -> Occupation | None:
    return Occupation.objects.filter(classification="2022", code=code).prefetch_related("work_types").first()


def major_categories() -> list[tuple[str, str]]:
    return list(
        Occupation.objects.filter(classification="2022")
        .values_list("major_code", "major_name")
        .distinct()
        .order_by("major_code")
    )


def industry_list() -> QuerySet[Industry]:
    return Industry.objects.order_by("order")


def industry_by_name(name: str) -> Industry | None:
    """The canonical industry for a name or any of its aliases (新材料 -> 先进材料)."""
    for industry in industry_list():
        if name in (industry.name, industry.code, *industry.aliases):
            return industry
    return None
