"""Pages of evaluation: bodies (and the public list), sessions and results, inspections, anomalies, coverage.

Thin doors: scope the record (404 outside), one service call through ``core.views.attempt``, redirect.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.core.capabilities import can, user_can
from jineng.core.pagination import paginate
from jineng.core.review_queue import TRANSITION_TO
from jineng.core.views import attempt, require
from jineng.core.workflow import review_panel
from jineng.evaluation import permissions
from jineng.evaluation.choices import BodyKind, BodyStatus, EmployerGroup, StaffRole
from jineng.evaluation.models import (
    AnomalyFinding,
    CoveredEmployer,
    EvaluationBody,
    EvaluationResult,
    EvaluationSession,
    Inspection,
)
from jineng.evaluation.services import bodies as body_services
from jineng.evaluation.services import imports as import_services
from jineng.evaluation.services import results as result_services
from jineng.evaluation.services import supervision
from jineng.evaluation.workflows import ANOMALY_WORKFLOW, BODY_WORKFLOW, SESSION_WORKFLOW

SEE = can("evaluation.see")
SUPERVISE = can("evaluation.supervise")


def public_bodies(request):
    """Published bodies, for anyone (no login): name, kind, district, registered items."""
    rows = (EvaluationBody.objects.filter(status=BodyStatus.PUBLISHED).select_related("district")
            .prefetch_related("scopes__occupation", "scopes__special_item").order_by("district__code", "name"))
    kind = request.GET.get("kind", "")
    if kind in BodyKind.values:
        rows = rows.filter(kind=kind)
    return render(request, "evaluation/public.html", {"page": paginate(request, rows), "kinds": BodyKind.choices,
                                                      "kind": kind})


@require(SEE)
def body_list(request):
    rows = (EvaluationBody.objects.visible_to(request.user).select_related("district")
            .annotate(site_count=Count("sites", distinct=True), session_count=Count("sessions", distinct=True))
            .order_by("district__code", "name"))
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    if status in BodyStatus.values:
        rows = rows.filter(status=status)
    if kind in BodyKind.values:
        rows = rows.filter(kind=kind)
    return render(request, "evaluation/bodies.html", {
        "page": paginate(request, rows), "statuses": BodyStatus.choices, "kinds": BodyKind.choices,
        "status": status, "kind": kind, "can_apply": user_can(request.user, "evaluation.apply")
        and (permissions.own_body(request.user) is None)})


def _body_urls(body) -> dict[str, str]:
    url = reverse("evaluation:body_action", args=[body.pk])
    return dict.fromkeys(BODY_WORKFLOW.transitions, url)


@require(SEE)
def body_detail(request, body_id: int):
    body = EvaluationBody.objects.select_related("district").get_visible(request.user, body_id)
    year = body.inspections.order_by("-year").values_list("year", flat=True).first()
    scores = supervision.inspection_scores(year=year, bodies=[body]).get(body.pk) if year else None
    return render(request, "evaluation/body.html", {
        "body": body, "scopes": body.scopes.select_related("occupation", "work_type", "special_item").order_by("pk"),
        "sites": body.sites.order_by("name"),
        "staff": body.staff.select_related("person").order_by("role", "pk"),
        "sessions": body.sessions.select_related("site", "occupation").order_by("-exam_date")[:20],
        "inspections": body.inspections.select_related("team").order_by("-planned_on")[:20],
        "score": scores, "roles": StaffRole.choices,
        "can_run": user_can(request.user, "evaluation.run", body),
        "review": review_panel(BODY_WORKFLOW, body, request.user, urls=_body_urls(body)),
    })


@require(SEE)
@require_POST
def body_action(request, body_id: int):
    body = EvaluationBody.objects.get_visible(request.user, body_id)
    attempt(request, lambda: body_services.body_transition(by=request.user, body=body,
                                                           action=request.POST.get("action", ""),
                                                           comment=request.POST.get("comment", "")),
            success=_("已办理"))
    return redirect("evaluation:body", body_id=body.pk)


@require(can("evaluation.apply"))
def body_apply(request):
    from jineng.core.models import District

    if request.method == "POST":
        district = District.objects.filter(code=request.POST.get("district", "")).first()
        if district is None:
            messages.error(request, _("请选择所在区"))
        else:
            done = attempt(request, lambda: body_services.body_apply(
                by=request.user, credit_code=request.POST.get("credit_code", ""),
                name=request.POST.get("name", ""), kind=request.POST.get("kind", ""), district=district,
                contact=request.POST.get("contact", "")), success=_("备案申请已提交"))
            if done:
                return redirect("evaluation:body", body_id=done.value.pk)
    return render(request, "evaluation/apply.html", {"kinds": BodyKind.choices,
                                                     "districts": District.objects.order_by("code")})


@require(SEE)
@require_POST
def site_add(request, body_id: int):
    body = EvaluationBody.objects.select_related("district").get_visible(request.user, body_id)
    capacity = request.POST.get("capacity", "")
    attempt(request, lambda: body_services.site_add(
        by=request.user, body=body, name=request.POST.get("name", ""), address=request.POST.get("address", ""),
        lon=request.POST.get("lon", ""), lat=request.POST.get("lat", ""),
        capacity=int(capacity) if capacity.isdigit() and len(capacity) < 6 else -1), success=_("考点已登记"))
    return redirect("evaluation:body", body_id=body.pk)


@require(SEE)
@require_POST
def staff_add(request, body_id: int):
    body = EvaluationBody.objects.get_visible(request.user, body_id)
    attempt(request, lambda: body_services.staff_add(
        by=request.user, body=body, resident_id=request.POST.get("resident_id", ""),
        name=request.POST.get("name", ""), role=request.POST.get("role", ""),
        card_no=request.POST.get("card_no", "")), success=_("人员已登记"))
    return redirect("evaluation:body", body_id=body.pk)


@require(SEE)
def session_list(request):
    rows = (EvaluationSession.objects.visible_to(request.user).select_related("body", "site", "occupation")
            .annotate(candidates=Count("results")).order_by("-exam_date", "-pk"))
    status = request.GET.get("status", "")
    if status:
        rows = rows.filter(status=status)
    return render(request, "evaluation/sessions.html", {"page": paginate(request, rows), "status": status,
                                                        "statuses": EvaluationSession._meta.get_field("status").choices})


@require(SEE)
def session_detail(request, session_id: int):
    session = (EvaluationSession.objects.select_related("body__district", "site", "occupation", "work_type")
               .get_visible(request.user, session_id))
    url = reverse("evaluation:session_action", args=[session.pk])
    results = session.results.select_related("person").order_by("pk")
    return render(request, "evaluation/session.html", {
        "session": session, "page": paginate(request, results),
        "passed": results.filter(passed=True).count(),
        "examiners": session.examiners.select_related("person"),
        "imports": session.imports.order_by("-created_at")[:10],
        "can_run": user_can(request.user, "evaluation.run", session),
        "can_sample": user_can(request.user, "evaluation.sample", session),
        "review": review_panel(SESSION_WORKFLOW, session, request.user,
                               urls=dict.fromkeys(SESSION_WORKFLOW.transitions, url)),
    })


@require(SEE)
@require_POST
def session_action(request, session_id: int):
    session = EvaluationSession.objects.get_visible(request.user, session_id)
    attempt(request, lambda: result_services.session_transition(
        by=request.user, session=session, action=request.POST.get("action", ""),
        comment=request.POST.get("comment", "")), success=_("已办理"))
    return redirect("evaluation:session", session_id=session.pk)


@require(SEE)
@require_POST
def session_upload(request, session_id: int):
    session = EvaluationSession.objects.get_visible(request.user, session_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择文件"))
    else:
        done = attempt(request, lambda: import_services.results_import(
            by=request.user, session=session, content=upload.read(), file_name=upload.name), flash=False)
        if done:
            messages.success(request, _("已导入：新增 %(c)d，更新 %(u)d，未变 %(n)d") % {
                "c": done.value.created, "u": done.value.updated, "n": done.value.unchanged})
        else:
            for error in done.errors[:50]:
                messages.error(request, error)
    return redirect("evaluation:session", session_id=session.pk)


@require(SEE)
@require_POST
def session_sample(request, session_id: int):
    session = EvaluationSession.objects.get_visible(request.user, session_id)
    done = attempt(request, lambda: result_services.results_sample(by=request.user, session=session))
    if done:
        messages.success(request, _("已抽取 %(n)d 名考生复核") % {"n": len(done.value)})
    return redirect("evaluation:session", session_id=session.pk)


@require(SEE)
def template_download(request):
    response = HttpResponse(import_services.results_template_bytes(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="evaluation-results.xlsx"'
    return response


@require(SEE)
def result_list(request):
    rows = (EvaluationResult.objects.visible_to(request.user)
            .select_related("session__body", "session__occupation", "person").order_by("-pk"))
    status = request.GET.get("status", "")
    if status:
        rows = rows.filter(status=status)
    return render(request, "evaluation/results.html", {"page": paginate(request, rows), "status": status,
                                                       "statuses": EvaluationResult._meta.get_field("status").choices})


@require(SEE)
def inspection_list(request):
    rows = (Inspection.objects.visible_to(request.user).select_related("body", "team")
            .annotate(finding_count=Count("findings")).order_by("-planned_on", "-pk"))
    return render(request, "evaluation/inspections.html", {"page": paginate(request, rows)})


@require(SEE)
def inspection_detail(request, inspection_id: int):
    inspection = Inspection.objects.select_related("body", "team", "session").get_visible(request.user,
                                                                                             inspection_id)
    return render(request, "evaluation/inspection.html", {
        "inspection": inspection, "findings": inspection.findings.order_by("pk")})


@require(SUPERVISE)
def anomaly_list(request):
    rows = AnomalyFinding.objects.visible_to(request.user).select_related("body", "district").order_by(
        "status", "-score", "pk")
    return render(request, "evaluation/anomalies.html", {
        "page": paginate(request, rows), "can_run": user_can(request.user, "evaluation.run_anomalies")})


@require(SUPERVISE)
def anomaly_detail(request, finding_id: int):
    finding = AnomalyFinding.objects.select_related("body", "session", "person").get_visible(request.user, finding_id)
    url = reverse("evaluation:anomaly_review", args=[finding.pk])
    return render(request, "evaluation/anomaly.html", {
        "finding": finding,
        "review": review_panel(ANOMALY_WORKFLOW, finding, request.user, comment_label=_("核实说明"),
                               urls=dict.fromkeys(TRANSITION_TO.values(), url))})


@require(SUPERVISE)
@require_POST
def anomaly_review(request, finding_id: int):
    finding = AnomalyFinding.objects.get_visible(request.user, finding_id)
    outcome = {name: outcome for outcome, name in TRANSITION_TO.items()}.get(request.POST.get("action", ""), "")
    attempt(request, lambda: supervision.anomaly_review(by=request.user, finding=finding, outcome=outcome,
                                                        note=request.POST.get("comment", "")),
            success=_("核实结果已保存"))
    return redirect("evaluation:anomaly", finding_id=finding.pk)


@require(can("evaluation.run_anomalies"))
@require_POST
def anomalies_run(request):
    done = attempt(request, lambda: supervision.anomalies_run(by=request.user))
    if done:
        messages.success(request, _("异常规则已运行：%(n)d 条线索") % {"n": sum(done.value.values())})
    return redirect("evaluation:anomalies")


@require(can("evaluation.see_coverage"))
def coverage(request):
    rows = CoveredEmployer.objects.visible_to(request.user).select_related("body", "district").order_by(
        "group", "parent", "name")
    groups = []
    for value, label in EmployerGroup.choices:
        members = [r for r in rows if r.group == value]
        needing = [r for r in members if r.needs_self_evaluation]
        filed = [r for r in needing if r.body_id]
        groups.append({"label": label, "total": len(members), "needing": len(needing), "filed": len(filed),
                       "rate": round(100 * len(filed) / len(needing), 1) if needing else None})
    return render(request, "evaluation/coverage.html", {"groups": groups, "rows": rows.filter(
        Q(needs_self_evaluation=True))})
