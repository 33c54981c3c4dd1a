"""Pages of evaluation: bodies (and the public list), sessions and results, inspections, anomalies, coverage.

Thin doors: scope the record (404 outside), one service call through ``core.views.attempt``, redirect.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
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
from jineng.evaluation.choices import (
    BodyKind,
    BodyStatus,
    EmployerGroup,
    InspectionOutcome,
    InspectionStatus,
    SessionPeriod,
    Severity,
    StaffRole,
)
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
        "examiners": body.staff.select_related("person").filter(role=StaffRole.EVALUATOR).order_by("pk"),
        "sessions": body.sessions.select_related("site", "occupation").order_by("-exam_date")[:20],
        "inspections": body.inspections.select_related("team").order_by("-planned_on")[:20],
        "score": scores, "roles": StaffRole.choices,
        "can_run": user_can(request.user, "evaluation.run", body),
        "can_scope": _can_add_scope(request.user, body), "special_items": _special_items(),
        "can_plan": user_can(request.user, "evaluation.run", body) and body.status == BodyStatus.PUBLISHED,
        "periods": SessionPeriod.choices,
        "review": review_panel(BODY_WORKFLOW, body, request.user, urls=_body_urls(body)),
    })


def _special_items():
    from jineng.occupations.choices import CatalogueKind, CatalogueState
    from jineng.occupations.models import CatalogueEntry

    return CatalogueEntry.objects.filter(version__kind=CatalogueKind.SPECIAL,
                                         version__state=CatalogueState.PUBLISHED).order_by("order", "pk")


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
        "inspection": inspection, "findings": inspection.findings.order_by("pk"),
        "can_record": user_can(request.user, "evaluation.inspect", inspection)
        and inspection.status == InspectionStatus.PLANNED,
        "can_rectify": user_can(request.user, "evaluation.rectify", inspection),
        "can_verify": user_can(request.user, "evaluation.inspect", inspection),
        "outcomes": [c for c in InspectionOutcome.choices if c[0]], "severities": Severity.choices,
        "finding_rows": range(3)})


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


# -- forms: scope entries, session plans, inspection results, rectification ---------------------------------------
def _date(value: str):
    from datetime import date

    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _int(value: str, *, digits: int = 9) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= digits else None


def _can_add_scope(user, body) -> bool:
    return user_can(user, "evaluation.review") or (
        user_can(user, "evaluation.run", body) and body.status in body_services.SCOPE_OPEN)


@require(SEE)
@require_POST
def scope_add(request, body_id: int):
    """A scope entry: an occupation at some levels, or a special-competence item of the published catalogue."""
    from jineng.occupations.choices import CatalogueKind, CatalogueState
    from jineng.occupations.models import CatalogueEntry, Occupation

    body = EvaluationBody.objects.get_visible(request.user, body_id)
    item_id = _int(request.POST.get("special_item", ""))
    special = CatalogueEntry.objects.filter(
        pk=item_id, version__kind=CatalogueKind.SPECIAL, version__state=CatalogueState.PUBLISHED).first() \
        if item_id else None
    code = request.POST.get("occupation", "").strip()[:20]
    occupation = Occupation.objects.filter(code=code).first() if code and special is None else None
    levels = [n for n in (_int(v, digits=1) for v in request.POST.getlist("levels")) if n is not None]
    attempt(request, lambda: body_services.scope_add(
        by=request.user, body=body, occupation=occupation, special_item=special, levels=levels,
        developed_by_body=special is not None and request.POST.get("developed") == "1",
        registered_on=_date(request.POST.get("registered_on", ""))), success=_("评价范围已登记"))
    return redirect("evaluation:body", body_id=body.pk)


@require(SEE)
@require_POST
def session_plan(request, body_id: int):
    body = EvaluationBody.objects.get_visible(request.user, body_id)
    if not user_can(request.user, "evaluation.run", body):
        raise PermissionDenied(_("只有本机构人员可以安排考试"))
    scope = body.scopes.filter(pk=_int(request.POST.get("scope", "")) or 0).select_related(
        "body", "occupation", "work_type", "special_item").first()
    site = body.sites.filter(pk=_int(request.POST.get("site", "")) or 0).first()
    exam_date = _date(request.POST.get("exam_date", ""))
    if scope is None or site is None or exam_date is None:
        messages.error(request, _("请选择评价范围、考点并填写考试日期（YYYY-MM-DD）"))
        return redirect("evaluation:body", body_id=body.pk)
    done = attempt(request, lambda: result_services.session_plan(
        by=request.user, scope=scope, level=_int(request.POST.get("level", ""), digits=1), site=site,
        exam_date=exam_date, code=request.POST.get("code", ""),
        period=request.POST.get("period", "") or SessionPeriod.MORNING,
        planned_candidates=_int(request.POST.get("planned_candidates", ""), digits=5) or 0,
        invigilators=request.POST.get("invigilators", ""),
        examiners=body.staff.filter(pk__in=[n for n in map(_int, request.POST.getlist("examiners")) if n])),
        success=_("考试批次已安排"))
    if done:
        return redirect("evaluation:session", session_id=done.value.pk)
    return redirect("evaluation:body", body_id=body.pk)


@require(SUPERVISE)
@require_POST
def inspection_record(request, inspection_id: int):
    """The result of an inspection, with its findings (one line each: severity, description, rectify-by date)."""
    inspection = Inspection.objects.select_related("body").get_visible(request.user, inspection_id)
    score = _int(request.POST.get("score", ""), digits=3)
    findings = []
    for severity, description, due in zip(request.POST.getlist("severity"), request.POST.getlist("description"),
                                          request.POST.getlist("rectify_by"), strict=False):
        if not description.strip() and not due.strip():
            continue
        when = _date(due)
        if due.strip() and when is None:
            messages.error(request, _("整改期限须为日期（YYYY-MM-DD）"))
            return redirect("evaluation:inspection", inspection_id=inspection.pk)
        findings.append((severity, description, when))
    attempt(request, lambda: supervision.inspection_record(
        by=request.user, inspection=inspection, score=-1 if score is None else score,
        outcome=request.POST.get("outcome", ""), summary=request.POST.get("summary", ""), findings=findings,
        done_on=_date(request.POST.get("done_on", ""))), success=_("督导结果已记录"))
    return redirect("evaluation:inspection", inspection_id=inspection.pk)


def _finding(request, inspection_finding_id: int):
    from jineng.evaluation.models import InspectionFinding

    visible = Inspection.objects.visible_to(request.user)
    finding = InspectionFinding.objects.select_related("inspection__body").filter(
        inspection__in=visible, pk=inspection_finding_id).first()
    if finding is None:
        raise Http404(_("记录不存在"))
    return finding


@require(SEE)
@require_POST
def rectification_report(request, inspection_finding_id: int):
    finding = _finding(request, inspection_finding_id)
    attempt(request, lambda: supervision.rectification_report(by=request.user, finding=finding,
                                                              note=request.POST.get("note", "")),
            success=_("整改情况已报送"))
    return redirect("evaluation:inspection", inspection_id=finding.inspection_id)


@require(SUPERVISE)
@require_POST
def rectification_verify(request, inspection_finding_id: int):
    finding = _finding(request, inspection_finding_id)
    if not user_can(request.user, "evaluation.inspect", finding.inspection):
        raise PermissionDenied(_("您无权核验整改"))
    accepted = request.POST.get("accepted", "")
    if accepted not in ("0", "1"):
        messages.error(request, _("请选择核验结论"))
    else:
        attempt(request, lambda: supervision.rectification_verify(by=request.user, finding=finding,
                                                                  accepted=accepted == "1"),
                success=_("整改核验已记录"))
    return redirect("evaluation:inspection", inspection_id=finding.inspection_id)
