"""The local provider's own sign-in, kept apart from the platform's session login.

The provider remembers which resident signed in to it under its own session key; the platform's user
(``request.user`` everywhere else) is untouched, so signing in to the provider never signs anyone in to the
platform. Only the relying party's callback does that, for the worker account it maps the ID token to.
"""

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from oauth2_provider.views import AuthorizationView

from jineng.workers.forms import ResidentLoginForm
from jineng.workers.models import ResidentLogin
from jineng.workers.services import resident_login_check

SESSION_KEY = "idp_resident_login"


def _resident(request):
    login_id = request.session.get(SESSION_KEY)
    login = ResidentLogin.objects.select_related("subject").filter(pk=login_id).first() if login_id else None
    return login.subject if login is not None else AnonymousUser()


class ResidentAuthorizationView(AuthorizationView):
    """django-oauth-toolkit's authorization endpoint, with the provider's resident as the user."""

    login_url = reverse_lazy("oauth2_provider:login")

    def dispatch(self, request, *args, **kwargs):
        request.user = _resident(request)
        return super().dispatch(request, *args, **kwargs)


def _next(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    authorize = str(reverse_lazy("oauth2_provider:authorize"))
    if wanted.startswith(authorize) and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return ""


@require_http_methods(["GET", "POST"])
def login(request):
    form = ResidentLoginForm(request.POST or None)
    next_url = _next(request)
    if request.method == "POST" and form.is_valid():
        resident = resident_login_check(username=form.cleaned_data["username"],
                                        password=form.cleaned_data["password"])
        if resident is not None:
            request.session.cycle_key()
            request.session[SESSION_KEY] = resident.pk
            if next_url:
                return redirect(next_url)
            return render(request, "idp/login.html", {"signed_in": resident})
        form.add_error(None, _("登录名或密码不正确"))
    return render(request, "idp/login.html", {"form": form, "next": next_url})
