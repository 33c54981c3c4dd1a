"""Pages of item 26: appointments (enterprises record, others read), overseas certificates (submit, decide)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.core.pagination import paginate
from jineng.core.views import attempt, int_param, require
from jineng.core.workflow import review_panel
from jineng.occupations.choices import SkillLevel
from jineng.recognition import selectors, services
from jineng.recognition.choices import RecognitionState
from jineng.recognition.forms import AppointmentForm, OverseasForm
from jineng.recognition.permissions import (
    can_decide,
    can_record_appointment,
    can_see,
    can_submit_overseas,
    get_recognition_for_user,
)
from jineng.recognition.workflows import RECOGNITION_WORKFLOW

DECISIONS = ("recognise", "refuse")


def _year(value: int | None) -> int | None:
    return value if value is not None and 2000 <= value <= 2100 else None


@require(can_see)
def appointments(request):
    """Enterprises record and list their own; districts their district's; the office and leaders all."""
    can_record = can_record_appointment(request.user)
    form = AppointmentForm(request.POST or None) if can_record else None
    if request.method == "POST" and form is not None and form.is_valid():
        done = attempt(request, lambda: services.appointment_record(by=request.user, **form.cleaned_data), form=form,
                       success=_("已登记聘任"))
        if done:
            return redirect("recognition:appointments")
    level = int_param(request, "level")
    filters = {"q": request.GET.get("q", "").strip()[:80],
               "level": level if level in (SkillLevel.SPECIAL, SkillLevel.CHIEF) else None,
               "year": _year(int_param(request, "year"))}
    return render(request, "recognition/appointments.html", {
        "page": paginate(request, selectors.appointment_list(viewer=request.user, **filters)),
        "counts": selectors.appointment_counts(viewer=request.user), "filters": filters, "form": form,
        "levels": [(SkillLevel.SPECIAL, SkillLevel.SPECIAL.label), (SkillLevel.CHIEF, SkillLevel.CHIEF.label)],
    })


@require(can_see)
def recognitions(request):
    state = request.GET.get("state", "")
    filters = {"q": request.GET.get("q", "").strip()[:80], "state": state if state in RecognitionState.values else ""}
    return render(request, "recognition/overseas_list.html", {
        "page": paginate(request, selectors.recognition_list(viewer=request.user, **filters)),
        "filters": filters, "states": RecognitionState.choices, "can_submit": can_submit_overseas(request.user),
    })


@require(can_submit_overseas)
def recognition_new(request):
    form = OverseasForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, lambda: services.overseas_submit(by=request.user, **form.cleaned_data), form=form)
        if done:
            messages.success(request, _("已申报，待专班办公室认定"))
            return redirect("recognition:overseas_detail", recognition_id=done.value.pk)
    return render(request, "recognition/overseas_new.html", {"form": form})


@require(can_see)
def recognition_detail(request, recognition_id: int):
    recognition = get_recognition_for_user(request.user, recognition_id)
    urls = {name: reverse(f"recognition:overseas_{name}", args=[recognition.pk]) for name in DECISIONS}
    return render(request, "recognition/overseas_detail.html", {
        "recognition": recognition, "can_decide": can_decide(request.user),
        "review": review_panel(RECOGNITION_WORKFLOW, recognition, request.user, urls=urls,
                               comment_label=_("认定理由")),
    })


@login_required
@require_POST
def recognition_decide(request, recognition_id: int, action: str):
    recognition = get_recognition_for_user(request.user, recognition_id)
    attempt(request, lambda: services.overseas_decide(recognition=recognition, action=action, by=request.user,
                                                      comment=request.POST.get("comment", "")),
            success=_("已认定：%(decision)s") % {"decision": RECOGNITION_WORKFLOW[action].label})
    return redirect("recognition:overseas_detail", recognition_id=recognition.pk)
