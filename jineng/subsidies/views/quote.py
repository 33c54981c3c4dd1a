"""The quote calculator: any logged-in user picks a case and sees the amount with its trace."""

from django.shortcuts import render

from jineng.core.exceptions import DomainError
from jineng.subsidies import permissions
from jineng.subsidies.forms import QuoteForm
from jineng.subsidies.services.quotes import claim_quote
from jineng.subsidies.views.common import require


@require(permissions.can_quote)
def quote_page(request):
    form = QuoteForm(request.GET or None)
    result, error = None, ""
    if form.is_bound and form.is_valid():
        try:
            result = claim_quote(**form.engine_kwargs())
        except DomainError as exc:
            error = str(exc)
    context = {"form": form, "result": result, "error": error}
    if request.htmx:
        return render(request, "subsidies/_quote_result.html", context)
    return render(request, "subsidies/quote.html", context)
