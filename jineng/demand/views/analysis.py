"""Analysis pages: demand by any combination of dimensions with a district heat map, and shortage metrics."""
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext

from jineng.core.models import District
from jineng.core.spreadsheets import xlsx_response
from jineng.demand import permissions
from jineng.demand.forms import FilterForm
from jineng.demand.selectors import analysis
from jineng.demand.selectors.reports import campaign_list, campaign_years
from jineng.demand.views.common import require
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Industry


def _filters(request):
    form = FilterForm(request.GET)
    years = campaign_years()
    filters = form.filters(default_year=years[0] if years else None)
    return form, filters


def _filter_context(request, form, filters) -> dict:
    query = {key: value for key, value in request.GET.items() if key != "dims"}
    return {
        "form": form, "filters": filters, "campaigns": campaign_list(), "years": campaign_years(),
        "industries": Industry.objects.order_by("order"), "districts": District.objects.order_by("code"),
        "levels": SkillLevel.choices, "query": urlencode(query), "full_query": request.GET.urlencode(),
    }


@require(permissions.can_analyse)
def analysis_page(request):
    form, filters = _filters(request)
    dimensions = form.dimensions()
    headers, rows = analysis.demand_breakdown(viewer=request.user, filters=filters, dimensions=dimensions)
    districts = analysis.demand_by_district(viewer=request.user, filters=filters)
    return render(request, "demand/analysis.html", _filter_context(request, form, filters) | {
        "headers": headers, "rows": rows[:1000], "row_count": len(rows), "dimensions": dimensions,
        "dimension_choices": list(analysis.DIMENSION_LABELS.items()),
        "totals": analysis.demand_totals(viewer=request.user, filters=filters),
        "district_rows": districts, "map_data": analysis.district_map_data(districts),
    })


@require(permissions.can_analyse)
def analysis_export(request):
    form, filters = _filters(request)
    headers, rows = analysis.demand_breakdown(viewer=request.user, filters=filters, dimensions=form.dimensions())
    return xlsx_response(filename=gettext("需求分析.xlsx"), title=gettext("需求分析"), headers=headers, rows=(row.cells() for row in rows))


@require(permissions.can_analyse)
def district_export(request):
    _, filters = _filters(request)
    rows = analysis.demand_by_district(viewer=request.user, filters=filters)
    return xlsx_response(filename=gettext("各区需求.xlsx"), title=gettext("各区需求"), headers=[gettext("区划代码"), gettext("区"), gettext("需求人数"), gettext("填报企业数"), gettext("明细行数")],
                         rows=([r.code, r.name, r.headcount, r.enterprises, r.line_count] for r in rows))


@require(permissions.can_analyse)
def shortage_page(request):
    form, filters = _filters(request)
    table = analysis.shortage_metrics(viewer=request.user, filters=filters)
    return render(request, "demand/shortage.html", _filter_context(request, form, filters) | {
        "table": table, "rows": table.rows[:1000], "row_count": len(table.rows),
    })


def shortage_cells(row: analysis.OccupationShortage) -> list:
    return [row.code, row.name, row.headcount, row.enterprises, row.line_count, row.vacancy_months,
            row.applicants_per_vacancy, "—" if row.pay_premium is None else row.pay_premium,
            "—" if row.previous_headcount is None else row.previous_headcount, "—" if row.growth is None else row.growth, "—"]


@require(permissions.can_analyse)
def shortage_export(request):
    _, filters = _filters(request)
    table = analysis.shortage_metrics(viewer=request.user, filters=filters)
    return xlsx_response(filename=gettext("紧缺程度指标.xlsx"), title=gettext("紧缺程度指标"), headers=analysis.SHORTAGE_HEADERS,
                         rows=(shortage_cells(row) for row in table.rows))
