"""Pages of service points: the register (office and districts), the public training map and 15-minute circle,
the planner's view and its export, and the district outlines the maps draw."""

import json

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from jineng.accounts.permissions import user_district_id
from jineng.core.capabilities import can, user_can
from jineng.core.models import District
from jineng.core.pagination import paginate
from jineng.core.spreadsheets import xlsx_response
from jineng.core.views import attempt, require
from jineng.servicepoints import selectors, services
from jineng.servicepoints.api import NearbyQuery, nearby_answer
from jineng.servicepoints.choices import Mode, PointKind
from jineng.servicepoints.forms import PointForm
from jineng.servicepoints.parameters import reach_parameters
from jineng.servicepoints.planner import planner_export_rows, planner_view

MINUTES = list(range(5, 31, 5))


def _districts_for(user):
    districts = selectors.districts_list()
    return districts if user_can(user, "servicepoints.keep_all") else districts.filter(pk=user_district_id(user))


# The register ---------------------------------------------------------------------------------------------------


@require(can("servicepoints.keep"))
def register(request):
    kind, district, query = (request.GET.get(name, "").strip()[:40] for name in ("kind", "district", "q"))
    page = paginate(request, selectors.point_list(viewer=request.user, kind=kind, district=district, query=query))
    return render(request, "servicepoints/register.html", {
        "page": page, "kinds": PointKind.choices, "districts": _districts_for(request.user),
        "filters": {"kind": kind, "district": district, "q": query}})


@require(can("servicepoints.keep"))
def point_new(request):
    form = PointForm(request.POST or None, districts=_districts_for(request.user))
    if request.method == "POST" and form.is_valid():
        created = attempt(request, lambda: services.point_create(by=request.user, fields=form.point_fields()),
                          form=form, success=_("已登记服务网点"))
        if created:
            return redirect("servicepoints:point", point_id=created.value.pk)
    return render(request, "servicepoints/point_form.html", {"form": form, "point": None},
                  status=400 if form.errors else 200)


@require(can("servicepoints.keep"))
def point_detail(request, point_id: int):
    point = selectors.point_for_user(viewer=request.user, point_id=point_id)
    initial = {name: getattr(point, name) for name in
               ("name", "kind", "district", "address", "lon", "lat", "hours", "opened_date", "is_active")}
    form = PointForm(request.POST or None, initial=initial, districts=_districts_for(request.user))
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.point_update(by=request.user, point=point, fields=form.point_fields()),
            form=form, success=_("已保存")):
        return redirect("servicepoints:point", point_id=point.pk)
    return render(request, "servicepoints/point_form.html", {
        "form": form, "point": point, "history": selectors.point_audit(point=point)},
        status=400 if form.errors else 200)


# Public pages ---------------------------------------------------------------------------------------------------


@require_GET
@cache_control(public=True, max_age=3600)
def district_shapes(request):
    """The 16 district outlines (GeoJSON, GCJ-02): the maps' only background, fetched apart so it is cached."""
    return HttpResponse(json.dumps(selectors.district_shapes(), ensure_ascii=False, separators=(",", ":")),
                        content_type="application/geo+json")


@require_GET
def training_map(request):
    return render(request, "servicepoints/map.html", {
        "kinds": PointKind.choices, "districts": selectors.districts_list(),
        "occupations": selectors.occupation_choices(), "levels": range(1, 6),
        "labels": {"kinds": {value: str(label) for value, label in PointKind.choices},
                   "more": _("另有 {n} 处，请放大地图或缩小范围"), "count": _("共 {n} 处网点")}})


def _origin(request) -> tuple[float, float, str] | None:
    """Where the circle starts: typed or clicked coordinates, a district's centre, or a public point."""
    site = request.GET.get("site", "").strip()[:30]
    if site:
        point = selectors.public_point(site)
        return (point.lng, point.lat, point.name) if point else None
    district = request.GET.get("district", "").strip()[:6]
    if district and not (request.GET.get("lng") and request.GET.get("lat")):
        row = District.objects.filter(code=district).defer("geometry").first()
        return (float(row.seat_lon), float(row.seat_lat), row.name) if row else None
    return None


@require_GET
def circle(request):
    """The 15-minute circle: the page works without script (a GET form); the script draws it on the map."""
    params = request.GET.copy()
    origin = _origin(request)
    if origin:
        params["lng"], params["lat"] = str(origin[0]), str(origin[1])
    answer, errors = None, {}
    if params.get("lng") or params.get("lat"):
        query = NearbyQuery(data={key: params.get(key, "")[:40] for key in ("lng", "lat", "mode", "minutes")
                                  if params.get(key)})
        if query.is_valid():
            data = query.validated_data
            answer = nearby_answer(selectors.nearby(lng=data["lng"], lat=data["lat"], mode=data["mode"],
                                                    minutes=data["minutes"]))
            labels = dict(PointKind.choices)
            for service in answer["services"]:
                service["label"] = str(labels[service["kind"]])
        else:
            errors = query.errors
    district = request.GET.get("district", "")[:6]
    return render(request, "servicepoints/circle.html", {
        "answer": answer, "errors": errors, "origin_name": origin[2] if origin else "",
        "lng": params.get("lng", ""), "lat": params.get("lat", ""), "mode": params.get("mode") or Mode.WALK,
        "minutes": params.get("minutes") or "15", "modes": Mode.choices, "minute_choices": MINUTES,
        "districts": selectors.districts_list(), "district": district,
        "sites": [p for p in selectors.public_points(
            filters=selectors.PointFilters(district=district))] if district.isdigit() else [],
        "site": request.GET.get("site", ""),
        "parameters": [(label, reach_parameters(mode)) for mode, label in Mode.choices],
        "circle_data": {"lng": params.get("lng"), "lat": params.get("lat"), "answer": answer} if answer else None,
    }, status=400 if errors else 200)


# The planner's view ---------------------------------------------------------------------------------------------


@require(can("servicepoints.plan"))
def planner(request):
    view = planner_view(viewer=request.user)
    grid = view.grid
    return render(request, "servicepoints/planner.html", {
        "view": view, "kinds": PointKind.choices,
        "grid_data": {"bounds": grid.bounds, "columns": grid.columns, "rows": grid.rows, "cells": view.rows,
                      "kinds": view.kind_count}})


@require(can("servicepoints.plan"))
def planner_export(request):
    headers, rows = planner_export_rows(planner_view(viewer=request.user))
    return xlsx_response(filename="service-circle-least-served.xlsx", title=_("服务覆盖最弱网格"), headers=headers,
                         rows=rows)


