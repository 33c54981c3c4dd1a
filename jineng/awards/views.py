"""Pages of calls and awards: calls, applications with their review, the reviewer's queue, awards with their
funding, and the public publicity lists."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.awards import forms, permissions, selectors
from jineng.awards.choices import (
    ApplicationState,
    CallKind,
    CallStatus,
    Criterion,
    ObjectionStatus,
    SpendingCategory,
)
from jineng.awards.models import Reviewer
from jineng.awards.reasons import reason_text
from jineng.awards.services import applications as app_services
from jineng.awards.services import calls as call_services
from jineng.awards.services import funding as funding_services
from jineng.awards.services import publicity as publicity_services
from jineng.awards.services import reviews as review_services
from jineng.awards.workflows import APPLICATION_WORKFLOW
from jineng.core.capabilities import can, user_can
from jineng.core.pagination import paginate
from jineng.core.views import attempt, int_param, require
from jineng.core.workflow import review_panel

ACTIONS = ("submit", "screen", "return", "send_back", "start_review")
_see_calls = can("awards.see_calls")


@require(_see_calls)
def call_list(request):
    year, kind = int_param(request, "year"), request.GET.get("kind", "")
    kind = kind if kind in CallKind.values else ""
    context = {"calls": selectors.call_list(viewer=request.user, year=year, kind=kind), "year": year, "kind": kind,
               "kinds": CallKind.choices, "form": forms.CallForm() if permissions.can_decide(request.user) else None}
    return render(request, "awards/calls.html", context)


@require(can("awards.manage_calls"))
def call_new(request):
    form = forms.CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, lambda: call_services.call_create(by=request.user, **form.cleaned_data), form=form)
        if done:
            messages.success(request, _("申报通知已发布"))
            return redirect("awards:call", call_id=done.value.pk)
    return render(request, "awards/call_new.html", {"form": form})


@require(_see_calls)
def call_detail(request, call_id: int):
    call = selectors.get_call_for_user(request.user, call_id)
    criteria = dict(Criterion.choices)
    content = call.rule_set.content
    context = {
        "call": call, "is_open": call.status == CallStatus.OPEN and timezone.now() <= call.deadline,
        "rules": [reason_text({"code": r["kind"], "ok": False, "params": _rule_params(r)}) for r in content["rules"]],
        "criteria": [(criteria.get(c["code"], c["code"]), c["weight"]) for c in content.get("criteria", [])],
        "applications": selectors.application_list(viewer=request.user, call_id=call.pk)[:500],
        "can_apply": permissions.can_apply(request.user), "can_decide": permissions.can_decide(request.user),
    }
    return render(request, "awards/call.html", context)


def _rule_params(rule: dict) -> dict:
    params = {k: v for k, v in rule.items() if k != "kind"}
    params.setdefault("actual", None)
    params.setdefault("declared", "—")
    return params


@require(can("awards.decide"))
@require_POST
def call_publicise(request, call_id: int):
    call = selectors.get_call_for_user(request.user, call_id)
    days = int_param_post(request, "days") or publicity_services.PUBLICITY_DAYS
    attempt(request, lambda: publicity_services.call_rank_and_publicise(call=call, by=request.user, days=days),
            success=_("已完成排名，入选项目进入公示"))
    return redirect("awards:call", call_id=call.pk)


@require(permissions.can_apply)
def application_new(request, call_id: int):
    call = selectors.get_call_for_user(request.user, call_id)
    form = forms.ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, lambda: app_services.application_create(call=call, by=request.user,
                                                                        **form.cleaned_data), form=form)
        if done:
            return redirect("awards:application", application_id=done.value.pk)
    return render(request, "awards/application_form.html", {"form": form, "call": call})


@require(permissions.can_see_applications)
def application_list(request):
    state = request.GET.get("state", "")
    state = state if state in ApplicationState.values else ""
    rows = selectors.application_list(viewer=request.user, call_id=int_param(request, "call"), state=state,
                                      query=request.GET.get("q", "").strip()[:40])
    return render(request, "awards/applications.html", {"page": paginate(request, rows), "state": state,
                                                        "states": ApplicationState.choices})


def _urls(application) -> dict:
    return {name: reverse("awards:application_act", args=[application.pk, name]) for name in ACTIONS}


@require(permissions.can_see_applications)
def application_detail(request, application_id: int):
    application = selectors.get_application_for_user(request.user, application_id)
    user = request.user
    may_apply = user_can(user, "awards.apply", application) and application.state == ApplicationState.DRAFT
    office_or_leader = user_can(user, "awards.see_all")
    context = {
        "a": application, "reasons": [(r["ok"], reason_text(r)) for r in application.eligibility],
        "attachments": application.attachments.order_by("kind"), "missing": app_services.missing_attachments(application),
        "may_edit": may_apply, "attachment_form": forms.AttachmentForm() if may_apply else None,
        "review": review_panel(APPLICATION_WORKFLOW, application, user, urls=_urls(application)),
        "score_table": _score_table(application) if office_or_leader else None,
        "reviewers": Reviewer.objects.filter(is_active=True).exclude(user__organisation_id=application.employer_id)
        .select_related("user").order_by("pk") if permissions.can_decide(user) else None,
        "may_score": user_can(user, "awards.score", application)
        and application.state == ApplicationState.UNDER_REVIEW,
        "objections": selectors.objection_list(application=application) if office_or_leader else None,
        "objection_form": forms.ObjectionForm() if application.state == ApplicationState.PUBLICITY else None,
        "may_award": permissions.can_decide(user) and application.state == ApplicationState.PUBLICITY,
        "award": getattr(application, "award", None) if application.state == ApplicationState.AWARDED else None,
    }
    return render(request, "awards/application.html", context)


def _score_table(application) -> dict:
    """Each reviewer's row of scores, the criteria's trimmed means and the weighted total."""
    labels = dict(Criterion.choices)
    result = review_services.application_result(application)
    codes = [c.code for c in result.criteria]
    rows = []
    for assignment in application.assignments.select_related("reviewer__user").prefetch_related("scores") \
            .order_by("pk"):
        by_code = {s.criterion: s.score for s in assignment.scores.all()}
        rows.append((assignment, [by_code.get(code, "") for code in codes]))
    return {"labels": [labels.get(code, code) for code in codes], "rows": rows, "result": result}


@require(permissions.can_apply)
def application_edit(request, application_id: int):
    application = selectors.get_application_for_user(request.user, application_id)
    initial = {name: getattr(application, name) for name in app_services.EDITABLE}
    form = forms.ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, lambda: app_services.application_update(application=application, by=request.user,
                                                                        **form.cleaned_data), form=form)
        if done:
            return redirect("awards:application", application_id=application.pk)
    return render(request, "awards/application_form.html", {"form": form, "call": application.call,
                                                            "application": application})


@require(permissions.can_apply)
@require_POST
def application_attach(request, application_id: int):
    application = selectors.get_application_for_user(request.user, application_id)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        attempt(request, lambda: app_services.attachment_add(
            application=application, by=request.user, kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"]), success=_("附件已上传"))
    else:
        messages.error(request, _("请选择附件类型和文件"))
    return redirect("awards:application", application_id=application.pk)


_ACTION_SERVICES = {
    "submit": lambda a, user, comment: app_services.application_submit(application=a, by=user),
    "screen": lambda a, user, comment: app_services.application_screen(application=a, by=user, comment=comment),
    "return": lambda a, user, comment: app_services.application_return(application=a, by=user, comment=comment),
    "send_back": lambda a, user, comment: app_services.application_send_back(application=a, by=user,
                                                                             comment=comment),
    "start_review": lambda a, user, comment: review_services.review_start(application=a, by=user),
}


@require(permissions.can_see_applications)
@require_POST
def application_act(request, application_id: int, action: str):
    application = selectors.get_application_for_user(request.user, application_id)
    service = _ACTION_SERVICES.get(action)
    if service is None:
        messages.error(request, _("没有这个操作"))
    else:
        comment = request.POST.get("comment", "")[:300]
        attempt(request, lambda: service(application, request.user, comment),
                success=_("已办理：{action}").format(action=APPLICATION_WORKFLOW[action].label))
    return redirect("awards:application", application_id=application.pk)


@require(permissions.can_decide)
@require_POST
def application_assign(request, application_id: int):
    application = selectors.get_application_for_user(request.user, application_id)
    ids = [int(v) for v in request.POST.getlist("reviewer") if v.isdigit() and len(v) <= 18]
    chosen = list(Reviewer.objects.filter(pk__in=ids).select_related("user"))
    if not chosen:
        messages.error(request, _("请选择评审专家"))
    else:
        attempt(request, lambda: review_services.reviewers_assign(application=application, reviewers=chosen,
                                                                 by=request.user), success=_("已分配评审专家"))
    return redirect("awards:application", application_id=application.pk)


@require(permissions.can_score_any)
def application_score(request, application_id: int):
    application = selectors.get_application_for_user(request.user, application_id)
    codes = [c.code for c in review_services.call_criteria(application.call)]
    form = forms.score_form(codes)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, lambda: review_services.scores_submit(application=application, by=request.user,
                                                                     scores=form.cleaned_data), form=form)
        if done:
            messages.success(request, _("评分已提交"))
            return redirect("awards:reviews")
    return render(request, "awards/score.html", {"a": application, "form": form})


@require(permissions.can_score_any)
def review_queue(request):
    return render(request, "awards/reviews.html",
                  {"assignments": selectors.review_queue(reviewer_user=request.user)})


@require(can("awards.object"))
@require_POST
def publicity_object(request, entry_id: int):
    application = selectors.get_public_application(entry_id)
    form = forms.ObjectionForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: publicity_services.objection_lodge(application=application, by=request.user,
                                                                   text=form.cleaned_data["text"]),
                success=_("异议已提交，专班办公室将核实处理"))
    else:
        messages.error(request, _("请填写异议内容"))
    return redirect("awards:publicity_call", call_id=application.call_id)


@require(permissions.can_decide)
@require_POST
def objection_handle(request, objection_id: int):
    objection = selectors.get_objection_for_user(request.user, objection_id)
    upheld = request.POST.get("action") == "uphold"
    attempt(request, lambda: publicity_services.objection_handle(objection=objection, by=request.user, upheld=upheld,
                                                                note=request.POST.get("comment", "")[:300]),
            success=_("异议已处理"))
    return redirect("awards:application", application_id=objection.application_id)


@require(permissions.can_decide)
@require_POST
def application_award(request, application_id: int):
    application = selectors.get_application_for_user(request.user, application_id)
    attempt(request, lambda: publicity_services.award_grant(application=application, by=request.user),
            success=_("已确定资助"))
    return redirect("awards:application", application_id=application.pk)


@require(permissions.can_see_awards)
def award_list(request):
    rows = selectors.award_list(viewer=request.user, year=int_param(request, "year"))
    return render(request, "awards/awards.html", {"page": paginate(request, rows)})


@require(permissions.can_see_awards)
def award_detail(request, award_id: int):
    award = selectors.get_award_for_user(request.user, award_id)
    tracks = user_can(request.user, "awards.track_funding", award)
    assesses = user_can(request.user, "awards.assess_funding")
    position = funding_services.award_position(award)
    labels = dict(SpendingCategory.choices)
    context = {"award": award, "a": award.application, "position": position,
               "by_category": [(labels.get(code, code), amount) for code, amount in position.by_category.items()],
               "matching": award.matching_funds.order_by("recorded_on", "pk"),
               "spending": award.spending.order_by("spent_on", "pk"),
               "assessments": award.assessments.order_by("assessed_on"),
               "matching_form": forms.MatchingForm() if tracks else None,
               "spending_form": forms.SpendingForm() if tracks else None,
               "assessment_form": forms.AssessmentForm() if assesses else None, "assesses": assesses}
    return render(request, "awards/award.html", context)


_RECORD_FORMS = {"matching": forms.MatchingForm, "spending": forms.SpendingForm, "assessment": forms.AssessmentForm}


@require(permissions.can_see_awards)
@require_POST
def award_record(request, award_id: int):
    award = selectors.get_award_for_user(request.user, award_id)
    what = request.POST.get("what", "")
    if what == "verify":
        matching = award.matching_funds.filter(pk=int_param_post(request, "matching")).first()
        if matching is None:
            messages.error(request, _("没有这笔配套资金"))
        else:
            attempt(request, lambda: funding_services.matching_verify(matching=matching, by=request.user),
                    success=_("已核实"))
        return redirect("awards:award", award_id=award.pk)
    form_class = _RECORD_FORMS.get(what)
    form = form_class(request.POST) if form_class else None
    if form is None or not form.is_valid():
        messages.error(request, _("请完整填写"))
        return redirect("awards:award", award_id=award.pk)
    data, user = form.cleaned_data, request.user
    call = {
        "matching": lambda: funding_services.matching_add(award=award, by=user, **data),
        "spending": lambda: funding_services.spending_add(award=award, by=user, **data),
        "assessment": lambda: funding_services.assessment_record(award=award, by=user, **data),
    }[what]
    attempt(request, call, success=_("已登记"))
    return redirect("awards:award", award_id=award.pk)


def int_param_post(request, name: str) -> int:
    value = request.POST.get(name, "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else 0


def publicity_list(request):
    """Public, without login: the calls in publicity or decided, with their lists."""
    calls = selectors.publicity_calls()[:50]
    return render(request, "awards/publicity.html", {"calls": calls})


def publicity_call(request, call_id: int):
    call = selectors.get_public_call(call_id)
    today = timezone.localdate()
    context = {"call": call, "entries": selectors.publicity_entries(call),
               "objections_open": call.publicity_end is not None and today <= call.publicity_end
               and call.status == CallStatus.PUBLICITY,
               "objection_form": forms.ObjectionForm() if request.user.is_authenticated else None,
               "open_objections": ObjectionStatus.OPEN}
    return render(request, "awards/publicity_call.html", context)

