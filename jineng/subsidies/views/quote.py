"""The quote calculator: any logged-in user picks a case and sees the amount with its trace."""

from django.shortcuts import render

from jineng.core.views import Attempt, attempt
from jineng.subsidies import permissions
from jineng.subsidies.forms import QuoteForm
from jineng.subsidies.services.quotes import claim_quote
from jineng.subsidies.views.common import require


@require(permissions.can_quote)
def quote_page(request):
    form = QuoteForm(request.GET or None)
    quoted = Attempt(False)
    if form.is_bound and form.is_valid():
        quoted = attempt(request, lambda: claim_quote(**form.engine_kwargs()), flash=False)
    context = {"form": form, "result": quoted.value, "error": quoted.error}
    if request.htmx:
        return render(request, "subsidies/_quote_result.html", context)
    return render(request, "subsidies/quote.html", context)
