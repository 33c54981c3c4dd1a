"""Parsing of the desk's query parameters and access checks shared by the work-plan pages."""

from jineng.accounts import permissions
from jineng.core.models import District
from jineng.core.views import int_param  # noqa: F401  (the work-plan views import it from here)
from jineng.core.views import require as core_require
from jineng.workplan.selectors import desk as desk_selectors
from jineng.workplan.selectors import reports as report_selectors


def require(capability: str):
    """Login, then the capability; a missing capability is a 403 with a Chinese message."""
    return core_require(permissions.can(capability))


def plan_and_month(request):
    plan = report_selectors.plan_get(year=int_param(request, "year"))
    month = int_param(request, "month")
    if month is None or not 1 <= month <= 12:
        month = desk_selectors.latest_month(plan)
    return plan, month


def desk_filters(request) -> desk_selectors.DeskFilters:
    return desk_selectors.DeskFilters(
        department_id=int_param(request, "department"),
        category_id=int_param(request, "category"),
        status=request.GET.get("status", ""),
        rag=request.GET.get("rag", ""),
        district_id=int_param(request, "district"),
    )


def district_by_code(code: str) -> District | None:
    return District.objects.filter(code=code).first()
