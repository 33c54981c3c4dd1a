"""The public lookup, one occupation's chart, downloads; the office's versions, review and thresholds."""

import csv
import io
import json

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.core.capabilities import can, user_can
from jineng.core.spreadsheets import XLSX_CONTENT_TYPE, file_response, xlsx_response
from jineng.core.views import attempt, require
from jineng.core.workflow import review_panel
from jineng.wages.choices import Dimension, VersionState
from jineng.wages.engine.levels import LEVEL_NAMES
from jineng.wages.forms import ThresholdForm
from jineng.wages.models import PublicationThreshold, SurveyRound, TableVersion
from jineng.wages.selectors import tables as selectors
from jineng.wages.services import tables as services
from jineng.wages.services.thresholds import threshold_add
from jineng.wages.workflows import TABLE_WORKFLOW

QUERY_MAX = 40


def levels(request):
    version = selectors.version_in_force()
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    found = selectors.occupation_tables(version, query=query) if version and query else []
    industries = (selectors.cells_of(version, dimension=Dimension.INDUSTRY) if version and not query else [])
    return render(request, "wages/levels.html", {
        "version": version, "query": query, "found": found, "industries": industries, "level_names": LEVEL_NAMES})


def occupation(request, code: str):
    version = _version_for(request)
    table = attempt(request, lambda: selectors.occupation_table(version, code=code[:12])).value
    return render(request, "wages/occupation.html", {
        "version": version, "table": table, "chart": table.chart(), "level_names": LEVEL_NAMES})


def _version_for(request) -> TableVersion:
    version_id = request.GET.get("version", "")
    if version_id:
        return selectors.version_get(viewer=request.user, version_id=version_id)
    version = selectors.version_in_force()
    if version is None:
        raise Http404(_("还没有发布的工资价位"))
    return version


def download(request, version_id: int, kind: str):
    if kind not in ("xlsx", "csv", "json"):
        raise Http404
    version = selectors.version_get(viewer=request.user, version_id=version_id)
    name = _("工资价位_{year}_第{number}版_{method}").format(year=version.round.data_year, number=version.number,
                                                          method=version.methodology_version)
    if kind == "json":
        body = json.dumps(selectors.export_json(version), ensure_ascii=False, indent=1)
        return file_response(body.encode("utf-8"), filename=f"{name}.json", content_type="application/json")
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(selectors.export_headers())
        writer.writerows(selectors.export_rows(version))
        return file_response(("\ufeff" + buffer.getvalue()).encode("utf-8"), filename=f"{name}.csv",
                             content_type="text/csv; charset=utf-8")
    return xlsx_response(filename=f"{name}.xlsx", title=_("工资价位"), headers=selectors.export_headers(),
                         rows=selectors.export_rows(version))


@require(can("wages.see_versions"))
def versions(request):
    form = ThresholdForm(request.POST if request.method == "POST" else None)
    manage = user_can(request.user, "wages.manage_tables")
    if (request.method == "POST" and manage and form.is_valid()
            and attempt(request, lambda: threshold_add(by=request.user, **form.cleaned_data),
                        form=form, success=_("已新增发布规则参数"))):
        return redirect("wages:versions")
    return render(request, "wages/versions.html", {
        "versions": selectors.version_list(viewer=request.user),
        "rounds": SurveyRound.objects.order_by("-data_year"),
        "thresholds": PublicationThreshold.objects.order_by("key", "-valid_from"),
        "form": form if manage else None})


@require_POST
@require(can("wages.manage_tables"))
def compute(request, round_id: int):
    survey_round = SurveyRound.objects.filter(pk=round_id).first()
    if survey_round is None:
        raise Http404(_("调查轮次不存在"))
    done = attempt(request, lambda: services.table_version_compute(survey_round=survey_round, by=request.user),
                   success=_("已计算新版本"))
    return redirect("wages:version", version_id=done.value.pk) if done else redirect("wages:versions")


@require(can("wages.see_versions"))
def version(request, version_id: int):
    found = selectors.version_get(viewer=request.user, version_id=version_id)
    urls = {name: reverse("wages:version_step", args=[found.pk, name]) for name in ("submit", "publish", "return")}
    cells = selectors.cells_of(found)
    dimension = request.GET.get("dimension", Dimension.OCCUPATION_LEVEL)
    if dimension in Dimension.values:
        cells = cells.filter(dimension=dimension)
    return render(request, "wages/version.html", {
        "version": found, "review": review_panel(TABLE_WORKFLOW, found, request.user, urls=urls),
        "cells": cells[:500], "cell_count": cells.count(), "suppressed": cells.filter(suppressed=True).count(),
        "dimension": dimension, "dimensions": Dimension.choices, "level_names": LEVEL_NAMES,
        "public": found.state in (VersionState.PUBLISHED, VersionState.SUPERSEDED)})


STEPS = {"submit": services.table_version_submit, "publish": services.table_version_publish}


@require_POST
@require(can("wages.manage_tables"))
def version_step(request, version_id: int, step: str):
    found = selectors.version_get(viewer=request.user, version_id=version_id)
    if step == "return":
        attempt(request, lambda: services.table_version_return(version=found, by=request.user,
                                                                comment=request.POST.get("comment", "")))
    elif step in STEPS:
        attempt(request, lambda: STEPS[step](version=found, by=request.user), success=_("已完成"))
    else:
        raise Http404
    return redirect("wages:version", version_id=found.pk)


def template_download(request) -> HttpResponse:
    from jineng.wages.services.uploads import wage_template_bytes

    return file_response(wage_template_bytes(), filename=_("工资调查模板.xlsx"), content_type=XLSX_CONTENT_TYPE)
