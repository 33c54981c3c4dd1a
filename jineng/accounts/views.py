from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from jineng.accounts import permissions
from jineng.core.audit import audit_trail


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"history": audit_trail(request.user.organisation) if request.user.organisation else []})


def home(request):
    """Each role lands where its work is: the desk, demand reports, an institution's classes, a worker's own
    records, or the catalogue."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if permissions.user_can(request.user, permissions.USE_DESK):
        return redirect("workplan:desk")
    if permissions.user_can(request.user, "demand.report"):
        return redirect("demand:reports")
    if permissions.user_can(request.user, permissions.RUN_TRAINING):
        return redirect("training:classes")
    if permissions.user_can(request.user, permissions.ACT_FOR_SELF):
        return redirect("workers:home")
    return redirect("occupations:list")
