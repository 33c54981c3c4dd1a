"""The home page: visitors without a login see the public site; a signed-in user keeps their landing page."""

from django.shortcuts import render

from jineng.accounts.views import home as signed_in_home
from jineng.portal.selectors import home as selectors


def home(request):
    if request.user.is_authenticated:
        return signed_in_home(request)
    month, events = selectors.home_competitions()
    articles = selectors.articles_published()
    return render(request, "portal/home.html", {
        "figures": selectors.home_figures(),
        "catalogues": selectors.home_catalogues(),
        "events_month": month, "events": events,
        "stories": list(articles.filter(kind="story")[:3]),
        "news": list(articles.filter(kind="news")[:5]),
        "entry_points": selectors.home_entry_points(),
    })
