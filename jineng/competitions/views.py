"""Pages of competitions: the public calendar (no login) with its iCal feeds, registration and objections; the
events districts and the office run; the plan's versions; the judges' marking; the employers' registrations.

Thin doors: scope the record (404 outside), one service call through ``core.views.attempt``, redirect.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.accounts.permissions import user_district_id
from jineng.competitions import selectors
from jineng.competitions.choices import AspectKind, EventStatus, Tier, Window
from jineng.competitions.forms import EventForm, event_initial
from jineng.competitions.ical import calendar_feed
from jineng.competitions.models import Event, Mark, MarkChange, Objection, PlanVersion, Registration, Result
from jineng.competitions.permissions import is_judge
from jineng.competitions.services import marking, plans, registrations, results
from jineng.competitions.workflows import EVENT_WORKFLOW, MARK_CHANGE_WORKFLOW
from jineng.core.capabilities import can, user_can
from jineng.core.models import District
from jineng.core.pagination import paginate
from jineng.core.views import FORBIDDEN, attempt, int_param, require
from jineng.core.workflow import review_panel
from jineng.occupations.models import Industry


def _staff(user) -> bool:
    return user_can(user, "competitions.open_events")


def _require_on(user, capability: str, record) -> None:
    if not user_can(user, capability, record):
        raise PermissionDenied(FORBIDDEN)


def _posted_id(request, name: str) -> int | None:
    value = request.POST.get(name, "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


SEE = can("competitions.see")
EMPLOYER = can("competitions.register_employees")


def _year_month(request, default: int | None = None) -> tuple[int, int | None]:
    default = default or timezone.localdate().year
    year = int_param(request, "year") or default
    month = int_param(request, "month")
    if not 2000 <= year <= 2100:
        year = default
    return year, (month if month and 1 <= month <= 12 else None)


# The public calendar --------------------------------------------------------------------------------------------


def calendar(request):
    """Without a year: this year's calendar, or the latest year that has events; each event says whether its
    registration is open today (a 2024 event is 报名已截止 when read in a later year)."""
    today = timezone.localdate()
    year, month = _year_month(request, selectors.calendar_default_year(today))
    district, industry = request.GET.get("district", "")[:6], request.GET.get("industry", "")[:12]
    rows = selectors.calendar_events(year=year, month=month, district=district, industry=industry)
    page = paginate(request, rows)
    page.object_list = selectors.with_windows(page.object_list, today)
    return render(request, "competitions/calendar.html", {
        "page": page, "year": year, "month": month, "district": district, "industry": industry, "today": today,
        "districts": District.objects.order_by("code"), "industries": Industry.objects.order_by("order"),
        "months": range(1, 13)})


def _feed(events, name: str) -> HttpResponse:
    response = HttpResponse(calendar_feed(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = "inline; filename=competitions.ics"
    return response


def calendar_district_ics(request, district_code: str):
    place = get_object_or_404(District, code=district_code)
    year, _month = _year_month(request)
    return _feed(selectors.calendar_events(year=year, district=place.code),
                 _("%(district)s职业技能竞赛") % {"district": place.name})


def calendar_industry_ics(request, industry_code: str):
    industry = get_object_or_404(Industry, code=industry_code)
    year, _month = _year_month(request)
    return _feed(selectors.calendar_events(year=year, industry=industry.code),
                 _("%(industry)s职业技能竞赛") % {"industry": industry.name})


def public_event(request, public_id: int):
    event = selectors.public_event(public_id)
    today = timezone.localdate()
    window = selectors.window_state(event, today)
    return render(request, "competitions/public_event.html", {
        "event": event, "aspects": event.aspects.order_by("code"), "publicity": selectors.publicity_list(event),
        "window": window, "open": window == Window.OPEN, "today": today})


@require_POST
def public_register(request, public_id: int):
    event = selectors.public_event(public_id)
    attempt(request, lambda: registrations.registration_by_individual(
        event=event, resident_id=request.POST.get("resident_id", "")[:20], name=request.POST.get("name", "")[:40]),
        success=_("报名成功"))
    return redirect("competitions:public_event", event.pk)


@require_POST
def objection_raise(request, public_id: int):
    event = selectors.public_event(public_id)
    result_id = _posted_id(request, "result")
    result = Result.objects.filter(event=event, pk=result_id).first() if result_id else None
    attempt(request, lambda: results.objection_raise(event=event, result=result, text=request.POST.get("text", ""),
                                                     contact=request.POST.get("contact", "")),
            success=_("异议已提交，主办单位将在公示期满前答复"))
    return redirect("competitions:public_event", event.pk)


# Events ---------------------------------------------------------------------------------------------------------


@require(_staff)
def event_list(request):
    status, tier = request.GET.get("status", ""), request.GET.get("tier", "")
    rows = selectors.event_list(viewer=request.user, status=status, tier=tier)
    return render(request, "competitions/events.html", {
        "page": paginate(request, rows), "statuses": EventStatus.choices, "tiers": Tier.choices, "status": status,
        "tier": tier})


def _event_for(user, event_id: int) -> Event:
    return Event.objects.select_related("district", "occupation", "organiser", "body").get_visible(user, event_id)


RUN = can("competitions.run")


def _form_values(form) -> dict:
    values = dict(form.cleaned_data)
    return {**values, "industry": values.get("industry"), "body": values.get("body"),
            "min_age": values.get("min_age"), "description": values.get("description", "")}


@require(RUN)
def event_new(request):
    """The office plans an event anywhere, a district government in its own district."""
    form = EventForm(request.POST or None, user=request.user,
                     initial={"year": timezone.localdate().year, "district": user_district_id(request.user)})
    if request.method == "POST" and form.is_valid():
        v = _form_values(form)
        done = attempt(request, lambda: plans.event_create(
            by=request.user, plan=plans.plan_for_year(v["year"]), code=v["code"], title=v["title"], tier=v["tier"],
            occupation=v["occupation"], industry=v["industry"], district=v["district"],
            organiser=request.user.organisation, body=v["body"], venue=v["venue"], lon=v["lon"], lat=v["lat"],
            start_date=v["start_date"], end_date=v["end_date"], capacity=v["capacity"],
            registration_opens=v["registration_opens"], registration_closes=v["registration_closes"],
            level_awarded=v["level_awarded"], aspects=v["aspects"], description=v["description"],
            min_age=v["min_age"], one_per_window=v["one_per_window"]), form=form, success=_("赛项已安排"))
        if done:
            return redirect("competitions:event", done.value.pk)
    return render(request, "competitions/event_form.html", {"form": form, "event": None},
                  status=400 if form.errors else 200)


@require(_staff)
def event_edit(request, event_id: int):
    event = _event_for(request.user, event_id)
    _require_on(request.user, "competitions.run", event)
    form = EventForm(request.POST or None, user=request.user, event=event, initial=event_initial(event))
    if request.method == "POST" and form.is_valid():
        v = _form_values(form)
        changes = {name: v[name] for name in plans.EDITABLE if name in v}
        done = attempt(request, lambda: plans.event_update(
            by=request.user, event=event, plan=plans.plan_for_year(v["year"]), lon=v["lon"], lat=v["lat"],
            **changes), form=form, success=_("赛项已修改"))
        if done:
            return redirect("competitions:event", event.pk)
    return render(request, "competitions/event_form.html", {"form": form, "event": event},
                  status=400 if form.errors else 200)


@require(_staff)
def event_detail(request, event_id: int):
    event = _event_for(request.user, event_id)
    judging = is_judge(request.user, event)
    regs = (event.registrations.select_related("person", "employer").order_by("pk"))
    aspects = list(event.aspects.order_by("code"))
    marks = {(m.registration_id, m.aspect_id): m for m in Mark.objects.filter(registration__event=event)}
    rows = [(r, [marks.get((r.pk, a.pk)) for a in aspects]) for r in regs]
    action_url = reverse("competitions:event_action", args=[event.pk])
    changes = MarkChange.objects.filter(mark__registration__event=event).select_related(
        "mark__aspect", "mark__registration__person", "requested_by").order_by("-pk")
    return render(request, "competitions/event.html", {
        "event": event, "aspects": aspects, "rows": rows, "judging": judging,
        "can_run": user_can(request.user, "competitions.run", event),
        "judges": event.judges.select_related("user", "organisation").order_by("pk"),
        "results": event.results.select_related("registration__person", "certificate").order_by("rank", "pk"),
        "objections": event.objections.order_by("pk"),
        "changes": [(c, review_panel(MARK_CHANGE_WORKFLOW, c, request.user, urls=dict.fromkeys(
            MARK_CHANGE_WORKFLOW.transitions, reverse("competitions:change_decide", args=[c.pk])))) for c in changes],
        "standing": plans.event_plan_version(event),
        "review": review_panel(EVENT_WORKFLOW, event, request.user,
                               urls=dict.fromkeys(("sign_off", "publish", "finalise", "cancel"), action_url)),
        "kinds": AspectKind})


@require(_staff)
@require_POST
def event_action(request, event_id: int):
    event = _event_for(request.user, event_id)
    _require_on(request.user, "competitions.run", event)
    action, comment = request.POST.get("action", ""), request.POST.get("comment", "")
    calls = {
        "sign_off": lambda: marking.event_sign_off(by=request.user, event=event),
        "publish": lambda: results.results_publish(by=request.user, event=event),
        "finalise": lambda: results.event_finalise(by=request.user, event=event),
        "cancel": lambda: plans.event_cancel(by=request.user, event=event, reason=comment),
    }
    if action not in calls:
        return HttpResponseBadRequest(_("未知的操作"))
    attempt(request, calls[action], success=_("已完成"))
    return redirect("competitions:event", event.pk)


@require(SEE)
@require_POST
def judge_add(request, event_id: int):
    event = _event_for(request.user, event_id)
    _require_on(request.user, "competitions.run", event)
    attempt(request, lambda: marking.judge_assign_by_username(
        by=request.user, event=event, username=request.POST.get("username", "")[:150],
        is_chief=bool(request.POST.get("is_chief"))), success=_("已安排裁判"))
    return redirect("competitions:event", event.pk)


@require(_staff)
@require_POST
def mark_enter(request, event_id: int):
    event = _event_for(request.user, event_id)
    _require_on(request.user, "competitions.judge", event)
    registration_id, aspect_id = _posted_id(request, "registration"), _posted_id(request, "aspect")
    if not registration_id or not aspect_id:
        return HttpResponseBadRequest(_("请选择选手和评分项"))
    registration = get_object_or_404(Registration, event=event, pk=registration_id)
    aspect = get_object_or_404(event.aspects, pk=aspect_id)
    scores = [request.POST.get(f"score{i}", "") for i in (1, 2, 3)]
    attempt(request, lambda: marking.mark_enter(by=request.user, registration=registration, aspect=aspect,
                                                value=request.POST.get("value", ""), scores=scores),
            success=_("得分已录入"))
    return redirect("competitions:event", event.pk)


@require(_staff)
@require_POST
def change_request(request, event_id: int):
    event = _event_for(request.user, event_id)
    if not (user_can(request.user, "competitions.run", event) or is_judge(request.user, event)):
        raise PermissionDenied(_("您无权申请修改该赛项的得分"))
    registration_id, aspect_id = _posted_id(request, "registration"), _posted_id(request, "aspect")
    if not registration_id or not aspect_id:
        return HttpResponseBadRequest(_("请选择选手和评分项"))
    mark = get_object_or_404(Mark, registration__event=event, registration_id=registration_id, aspect_id=aspect_id)
    scores = [request.POST.get(f"score{i}", "") for i in (1, 2, 3)]
    attempt(request, lambda: marking.mark_change_request(by=request.user, mark=mark, reason=request.POST.get(
        "reason", ""), value=request.POST.get("value", ""), scores=scores), success=_("改分申请已提交，待另一人复核"))
    return redirect("competitions:event", event.pk)


@require(SEE)
@require_POST
def change_decide(request, change_id: int):
    change = MarkChange.objects.select_related("mark__registration__event").get_visible(request.user, change_id)
    _require_on(request.user, "competitions.approve_change", change)
    action = request.POST.get("action", "")
    if action not in ("approve", "reject"):
        return HttpResponseBadRequest(_("未知的操作"))
    attempt(request, lambda: marking.mark_change_decide(by=request.user, change=change, approve=action == "approve",
                                                        comment=request.POST.get("comment", "")),
            success=_("已复核"))
    return redirect("competitions:event", change.mark.registration.event_id)


@require(SEE)
@require_POST
def objection_answer(request, objection_id: int):
    objection = Objection.objects.select_related("event").get_visible(request.user, objection_id)
    attempt(request, lambda: results.objection_answer(by=request.user, objection=objection,
                                                      upheld=request.POST.get("upheld") == "1",
                                                      answer=request.POST.get("answer", "")),
            success=_("异议已处理"))
    return redirect("competitions:event", objection.event_id)


# The plan -------------------------------------------------------------------------------------------------------


@require(SEE)
def plan_versions(request):
    year, _month = _year_month(request)
    plan = plans.plan_for_year(year) if user_can(request.user, "competitions.publish_plan") else None
    versions = PlanVersion.objects.filter(plan__year=year).order_by("-number")
    return render(request, "competitions/plan.html", {
        "year": year, "versions": versions, "plan": plan,
        "event_count": Event.objects.filter(plan__year=year).exclude(status=EventStatus.CANCELLED).count()})


@require(can("competitions.publish_plan"))
@require_POST
def plan_publish(request):
    year, _month = _year_month(request)
    plan = plans.plan_for_year(year)
    done = attempt(request, lambda: plans.plan_publish(by=request.user, plan=plan,
                                                       note=request.POST.get("note", "")), success=_("已发布"))
    if done:
        return redirect("competitions:version", done.value.pk)
    return redirect(f"{reverse('competitions:plan')}?year={year}")


@require(SEE)
def version_detail(request, version_id: int):
    version = get_object_or_404(PlanVersion.objects.select_related("plan", "published_by"), pk=version_id)
    return render(request, "competitions/version.html", {"version": version, "diff": plans.version_diff(version)})


# Employers -------------------------------------------------------------------------------------------------------


@require(EMPLOYER)
def employer(request):
    today = timezone.localdate()
    mine = (Registration.objects.visible_to(request.user).select_related("event", "person", "result")
            .order_by("-event__start_date", "pk"))
    return render(request, "competitions/employer.html", {
        "open_events": selectors.open_for_registration(today)[:200], "page": paginate(request, mine),
        "today": today})


@require(EMPLOYER)
@require_POST
def employer_register(request):
    event = selectors.calendar_events().filter(pk=_posted_id(request, "event") or 0).first()
    if event is None:
        return HttpResponseBadRequest(_("请选择赛项"))
    attempt(request, lambda: registrations.registration_by_employer(
        by=request.user, event=event, resident_id=request.POST.get("resident_id", "")[:20],
        name=request.POST.get("name", "")[:40]), success=_("已为职工报名"))
    return redirect("competitions:employer")
