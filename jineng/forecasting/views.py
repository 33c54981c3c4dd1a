from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.accounts import permissions
from jineng.core.spreadsheets import xlsx_response
from jineng.core.views import attempt, require
from jineng.forecasting import selectors, services
from jineng.forecasting.choices import Dimension, Granularity, RunStatus


@require(permissions.can(permissions.USE_DESK))
def run_list(request):
    return render(request, "forecasting/runs.html", {
        "runs": selectors.forecast_run_list(viewer=request.user)[:50],
        "dimensions": Dimension.choices, "granularities": Granularity.choices,
    })


@require(permissions.can(permissions.USE_DESK))
@require_POST
def run_start(request):
    try:
        horizon = int(request.POST.get("horizon") or 12)
    except ValueError:
        messages.error(request, _("预测期数须为整数"))
        return redirect("forecasting:runs")
    started = attempt(request, lambda: services.forecast_run_start(
        by=request.user, dimension=request.POST.get("dimension", ""),
        granularity=request.POST.get("granularity", ""), horizon=horizon),
        success=_("预测已排队，后台任务执行时本页显示进度"))
    if not started:
        return redirect("forecasting:runs")
    return redirect("forecasting:run", run_id=started.value.pk)


@require(permissions.can(permissions.USE_DESK))
def run_detail(request, run_id: int):
    run = selectors.get_forecast_run_for_user(request.user, run_id)
    failing = request.GET.get("failing") == "1"
    context = {"run": run, "failing": failing}
    if run.status == RunStatus.DONE:
        context |= {"board": selectors.leaderboard(run=run), "results": selectors.result_list(run=run, failing_only=failing)}
    return render(request, "forecasting/run.html", context)


@require(permissions.can(permissions.USE_DESK))
def run_progress(request, run_id: int):
    run = selectors.get_forecast_run_for_user(request.user, run_id)
    response = render(request, "forecasting/_progress.html", {"run": run})
    if run.status in (RunStatus.DONE, RunStatus.FAILED) and request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
    return response


@require(permissions.can(permissions.USE_DESK))
def run_export(request, run_id: int):
    run = selectors.get_forecast_run_for_user(request.user, run_id)
    headers = [_("序列"), _("名称"), _("所选模型"), _("所选模型 MASE"), _("基线 MASE"), _("优于基线"), _("说明"), _("下期预测")]
    rows = [[r.key, r.label, r.chosen_model, r.chosen_mase, r.baseline_mase, _("是") if r.beats_baseline else _("否"), r.note,
             r.forecast["mean"][0] if r.forecast["mean"] else None] for r in selectors.result_list(run=run)]
    return xlsx_response(filename=_("需求预测-{pk}.xlsx").format(pk=run.pk), title=_("需求预测"), headers=headers, rows=rows)


@require(permissions.can(permissions.USE_DESK))
def series_detail(request, run_id: int, key: str):
    run = selectors.get_forecast_run_for_user(request.user, run_id)
    result = selectors.result_get(run=run, key=key)
    chart = {"history": result.history, "forecast": result.forecast}
    return render(request, "forecasting/series.html", {"run": run, "result": result, "chart": chart,
                                                        "labels": selectors.MODEL_LABELS})
