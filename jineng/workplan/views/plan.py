"""Programme-office tools: import a plan, indicator settings, district splits typed in or uploaded."""
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePath

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from jineng.accounts import permissions
from jineng.core import metrics
from jineng.core.audit import audit_trail, audit_trail_of_rows
from jineng.core.exceptions import ImportRejected
from jineng.core.models import District
from jineng.core.spreadsheets import check_upload_size, xlsx_response
from jineng.core.views import attempt
from jineng.workplan.forms import IndicatorForm, UploadForm
from jineng.workplan.models import DistrictTarget, Indicator
from jineng.workplan.selectors import reports as report_selectors
from jineng.workplan.services import plan_import, targets
from jineng.workplan.views.common import plan_and_month, require

PLAN_SUFFIXES = {".txt", ".xlsx", ".docx"}


@require(permissions.MANAGE_PLAN)
def plan_import_page(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    summary, errors = None, []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        year = request.POST.get("year") or "2024"
        imported = attempt(request, lambda: _import_upload(upload, int(year) if year.isdigit() else 0, request.user),
                           flash=False)
        summary, errors = imported.value, list(imported.errors)
        if imported:
            messages.success(request, gettext("导入完成：新增 {created}、更新 {updated}、未变 {unchanged} 项任务").format(created=summary.created, updated=summary.updated, unchanged=summary.unchanged))
    plan = report_selectors.plan_current()
    context = {"form": form, "summary": summary, "errors": errors, "years": report_selectors.plan_years(),
               "plan": plan, "history": audit_trail(plan) if plan else []}
    return render(request, "workplan/plan_import.html", context)


def _import_upload(upload, year: int, by):
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in PLAN_SUFFIXES:
        raise ImportRejected([gettext("不支持的文件类型“{suffix}”，请上传 .txt、.xlsx 或 .docx").format(suffix=suffix)])
    check_upload_size(upload.size)
    if not 2000 <= year <= 2100:
        raise ImportRejected([gettext("年度不正确")])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"plan{suffix}"
        path.write_bytes(upload.read())
        summary = plan_import.plan_import_file(path=path, year=year, by=by, reason=f"上传 {PurePath(upload.name).name}")
    return summary


@require(permissions.USE_DESK)
def indicator_detail(request, indicator_id: int):
    plan, month = plan_and_month(request)
    tasks = report_selectors.task_list(viewer=request.user, plan=plan)
    indicator = get_object_or_404(Indicator.objects.select_related("task"), pk=indicator_id, task__in=tasks)
    can_manage = permissions.user_can(request.user, permissions.MANAGE_PLAN)
    form = IndicatorForm(
        request.POST if request.method == "POST" and "pace_profile" in request.POST else None,
        initial={"source": indicator.source, "metric_key": indicator.metric_key,
                 "pace_profile": ", ".join(str(v) for v in indicator.pace_profile)},
    )
    if request.method == "POST" and can_manage:
        if "pace_profile" in request.POST and form.is_valid():
            return _save_settings(request, indicator, form)
        if "split" in request.POST:
            return _save_split(request, indicator)
    current = {t.district_id: t.value for t in indicator.district_targets.all()}
    districts = list(District.objects.order_by("code"))
    districts_by_id = {d.pk: d.name for d in districts}
    split = [(d, current.get(d.pk)) for d in districts]
    return render(request, "workplan/indicator.html", {
        "indicator": indicator, "form": form, "split": split, "can_manage": can_manage,
        "split_total": sum(current.values(), Decimal(0)), "metrics": metrics.metric_list(),
        "history": audit_trail(indicator), "plan": plan, "month": month,
        "split_history": audit_trail_of_rows(
            DistrictTarget.history.filter(indicator_id=indicator.pk),
            describe=lambda row: gettext("{v1}：{value}").format(v1=districts_by_id[row.district_id], value=row.value),
        ),
    })


def _save_settings(request, indicator, form):
    attempt(request, lambda: targets.indicator_update(
        indicator=indicator, by=request.user, pace_profile=form.profile(), source=form.cleaned_data["source"],
        metric_key=form.cleaned_data["metric_key"], reason=form.cleaned_data["reason"]), success=gettext("指标设置已保存"))
    return redirect("workplan:indicator", indicator_id=indicator.pk)


def _save_split(request, indicator):
    values, errors = {}, []
    for district in District.objects.order_by("code"):
        raw = request.POST.get(f"d_{district.code}", "").replace(",", "").strip()
        if not raw:
            continue
        try:
            values[district.code] = Decimal(raw)
        except InvalidOperation:
            errors.append(gettext("{name}：“{raw}”不是数字").format(name=district.name, raw=raw))
    if errors:
        messages.error(request, gettext("；").join(errors))
    else:
        attempt(request, lambda: targets.district_targets_set(indicator=indicator, values=values, by=request.user,
                                                              reason=request.POST.get("reason", "")),
                success=gettext("分解目标已保存"))
    return redirect("workplan:indicator", indicator_id=indicator.pk)


@require(permissions.MANAGE_PLAN)
def targets_upload(request):
    plan, _ = plan_and_month(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        changed = attempt(request, lambda: targets.district_targets_import(
            plan=plan, content=_content(upload), by=request.user), flash=False)
        if changed:
            messages.success(request, gettext("上传成功：{value} 个分解目标有变化").format(value=changed.value))
            return redirect("workplan:targets_upload")
        errors = list(changed.errors)
    return render(request, "workplan/targets_upload.html", {"form": form, "errors": errors, "plan": plan})


def _content(upload) -> bytes:
    check_upload_size(upload.size)  # refused before the body is read
    return upload.read()


@require(permissions.MANAGE_PLAN)
def targets_template(request):
    plan, _ = plan_and_month(request)
    return xlsx_response(filename=gettext("分解目标模板-{year}.xlsx").format(year=plan.year), title=gettext("分解目标"), headers=targets.TEMPLATE_HEADERS,
                         rows=targets.district_targets_template_rows(plan=plan))
