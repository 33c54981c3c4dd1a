"""Page a queryset for a list page; the pager keeps the page's other query parameters (filters)."""

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def paginate(request, queryset, *, per_page: int = PER_PAGE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
