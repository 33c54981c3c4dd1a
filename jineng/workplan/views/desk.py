"""The supervision desk, its drill-downs, the district scorecard and the bulletin downloads."""

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.accounts import permissions
from jineng.accounts.models import Organisation
from jineng.accounts.selectors import department_list, district_government_list
from jineng.core.audit import audit_trail, audit_trail_of_rows
from jineng.core.models import District
from jineng.core.spreadsheets import XLSX_CONTENT_TYPE, file_response, xlsx_response
from jineng.core.views import attempt
from jineng.workplan import bulletin
from jineng.workplan.choices import ProgressStatus, Rag
from jineng.workplan.models import TaskUnit
from jineng.workplan.selectors import desk as desk_selectors
from jineng.workplan.selectors import reports as report_selectors
from jineng.workplan.selectors.scorecard import scorecard_build
from jineng.workplan.selectors.timeliness import late_report_list, latest_progress_map
from jineng.workplan.services import designation
from jineng.workplan.views.common import desk_filters, plan_and_month, require

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _desk_context(request, *, filters=None, title=""):
    plan, month = plan_and_month(request)
    filters = filters or desk_filters(request)
    desk = desk_selectors.desk_build(viewer=request.user, plan=plan, month=month, filters=filters)
    return {
        "desk": desk,
        "plan": plan,
        "month": month,
        "months": range(1, 13),
        "years": report_selectors.plan_years(),
        "filters": filters,
        "departments": department_list(),
        "districts": District.objects.order_by("code").defer("geometry"),  # the outlines weigh ~1 MB
        "categories": plan.categories.order_by("order"),
        "statuses": ProgressStatus.choices,
        "rags": [(value, label) for value, label in Rag.choices if value != "none"],
        "title": title,
        "district_locked": desk_selectors.viewer_district(request.user) is not None,
    }


@require(permissions.USE_DESK)
def desk(request):
    context = _desk_context(request)
    if request.htmx:
        return render(request, "workplan/_desk_table.html", context)
    context["platform_metrics"] = desk_selectors.platform_metrics(plan=context["plan"], month=context["month"],
                                                                district=context["desk"].district,
                                                                values=context["desk"].computed)
    return render(request, "workplan/desk.html", context)


@require(permissions.USE_DESK)
def desk_export(request):
    plan, month = plan_and_month(request)
    desk = desk_selectors.desk_build(viewer=request.user, plan=plan, month=month, filters=desk_filters(request))
    progress = latest_progress_map(viewer=request.user, plan=plan, month=month)
    headers, rows = bulletin.desk_table(desk, progress=progress)
    return xlsx_response(filename=_("督办台-{year}-{month:02d}.xlsx").format(year=plan.year, month=month), title=_("任务进度"), headers=headers, rows=rows)


@require(permissions.USE_DESK)
def department_detail(request, organisation_id: int):
    organisation = get_object_or_404(Organisation, pk=organisation_id, kind__in=["department", "programme_office"])
    filters = desk_filters(request)
    filters = desk_selectors.DeskFilters(department_id=organisation.pk, category_id=filters.category_id, status=filters.status, rag=filters.rag)
    context = _desk_context(request, filters=filters, title=organisation.name)
    context["organisation"] = organisation
    late = late_report_list(viewer=request.user, plan=context["plan"], month=context["month"])
    context["late"] = [r for r in late if r.organisation_id == organisation.pk]
    return render(request, "workplan/department.html", context)


@require(permissions.USE_DESK)
def district_detail(request, code: str):
    district = get_object_or_404(District, code=code)
    if not desk_selectors.district_open_to(request.user, district):
        raise Http404(_("区不存在"))
    filters = desk_selectors.DeskFilters(district_id=district.pk)
    context = _desk_context(request, filters=filters, title=district.name)
    rows = scorecard_build(viewer=request.user, plan=context["plan"], month=context["month"])
    context["district"] = district
    context["score"] = next((row for row in rows if row.district.pk == district.pk), None)
    context["government"] = district_government_list().filter(district=district).first()
    return render(request, "workplan/district.html", context)


@require(permissions.USE_DESK)
def task_detail(request, number: int):
    plan, month = plan_and_month(request)
    task = report_selectors.get_task_for_user(request.user, plan=plan, number=number)
    series = report_selectors.task_indicator_series(viewer=request.user, task=task)
    chart = [
        {"label": s.label, "unit": s.unit, "actual": [_num(v) for v in s.actual], "expected": [_num(v) for v in s.expected]}
        for s in series
    ]
    if request.method == "POST" and "designate" in request.POST:
        return _designate(request, task, month)
    row = desk_selectors.desk_task_row(viewer=request.user, plan=plan, month=month, task=task)
    return render(
        request,
        "workplan/task.html",
        {
            "plan": plan, "month": month, "task": task, "row": row, "chart": chart,
            "reports": report_selectors.task_reports(viewer=request.user, task=task)[:200],
            "history": audit_trail(task),
            "indicator_history": [(i, audit_trail(i, limit=10)) for i in task.indicators.order_by("ordinal")],
            **_designation_context(request, task),
        },
    )


def _designation_context(request, task) -> dict:
    if not task.designation_pending:
        return {}
    chosen = designation.designated_districts(task=task)
    history = audit_trail_of_rows(
        TaskUnit.history.filter(task_id=task.pk, via=designation.DESIGNATED_DISTRICTS),
        describe=lambda row: str(row.organisation),
    )
    return {
        "designated": chosen, "designation_history": history,
        "can_designate": permissions.user_can(request.user, permissions.MANAGE_PLAN),
        "governments": district_government_list().order_by("district__code"),
        "designated_ids": {o.pk for o in chosen},
    }


def _designate(request, task, month):
    if not permissions.user_can(request.user, permissions.MANAGE_PLAN):
        raise PermissionDenied
    ids = set()
    for raw in request.POST.getlist("districts"):
        if not raw.isdigit():
            raise BadRequest
        ids.add(int(raw))
    result = attempt(request, lambda: designation.task_districts_designate(
        task=task, organisation_ids=ids, by=request.user, reason=request.POST.get("reason", "").strip()[:200]
    ))
    if result.ok:
        added, removed = result.value
        messages.success(request, _("已指定有关区：新增 %(added)s 个，取消 %(removed)s 个") % {"added": added, "removed": removed})
    return redirect(f"{reverse('workplan:task', args=[task.number])}?year={task.plan.year}&month={month}")


def _num(value):
    return None if value is None else float(value)


@require(permissions.USE_DESK)
def scorecard(request):
    plan, month = plan_and_month(request)
    rows = scorecard_build(viewer=request.user, plan=plan, month=month)
    scores = {row.district.code: {"score": float(row.score), "rank": row.rank, "name": row.district.name} for row in rows}
    shapes = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": d.code, "name": d.name}, "geometry": d.geometry}
            for d in District.objects.order_by("code")
            if d.code in scores
        ],
    }
    return render(
        request,
        "workplan/scorecard.html",
        {
            "plan": plan, "month": month, "months": range(1, 13), "rows": rows,
            "map_data": {"shapes": shapes, "scores": scores},
            "years": report_selectors.plan_years(),
        },
    )


@require(permissions.USE_DESK)
def scorecard_export(request):
    plan, month = plan_and_month(request)
    headers, rows = bulletin.scorecard_table(scorecard_build(viewer=request.user, plan=plan, month=month))
    return xlsx_response(filename=_("区考核排名-{year}-{month:02d}.xlsx").format(year=plan.year, month=month), title=_("区考核排名"), headers=headers, rows=rows)


@require(permissions.USE_DESK)
def timeliness(request):
    plan, month = plan_and_month(request)
    late = late_report_list(viewer=request.user, plan=plan, month=month)
    if request.GET.get("format") == "xlsx":
        headers, rows = bulletin.late_table(late)
        return xlsx_response(filename=_("报送情况-{year}-{month:02d}.xlsx").format(year=plan.year, month=month), title=_("报送情况"), headers=headers, rows=rows)
    return render(
        request,
        "workplan/timeliness.html",
        {"plan": plan, "month": month, "months": range(1, 13), "late": late, "years": report_selectors.plan_years()},
    )


def _bulletin_inputs(request):
    plan, month = plan_and_month(request)
    desk = desk_selectors.desk_build(viewer=request.user, plan=plan, month=month)
    rows = scorecard_build(viewer=request.user, plan=plan, month=month)
    late = late_report_list(viewer=request.user, plan=plan, month=month)
    progress = latest_progress_map(viewer=request.user, plan=plan, month=month)
    return plan, month, desk, rows, late, progress


@require(permissions.USE_DESK)
def bulletin_docx(request):
    plan, month, desk, rows, late, progress = _bulletin_inputs(request)
    content = bulletin.bulletin_docx(
        desk=desk, scorecard=rows, late_reports=late, generated_at=timezone.localtime(), progress=progress
    )
    return file_response(content, filename=_("督办通报-{year}年{month}月.docx").format(year=plan.year, month=month), content_type=DOCX_CONTENT_TYPE)


@require(permissions.USE_DESK)
def bulletin_annex(request):
    plan, month, desk, rows, late, progress = _bulletin_inputs(request)
    content = bulletin.bulletin_annex_xlsx(desk=desk, scorecard=rows, late_reports=late, progress=progress)
    return file_response(content, filename=_("督办通报附件-{year}年{month}月.xlsx").format(year=plan.year, month=month), content_type=XLSX_CONTENT_TYPE)
