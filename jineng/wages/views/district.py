"""The skilled workforce by district (item 41): choropleth, table, .xlsx, uploads; the service windows."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.accounts.permissions import user_district_id
from jineng.core.capabilities import can, user_can
from jineng.core.spreadsheets import check_upload_size, xlsx_response
from jineng.core.views import attempt, int_param, require
from jineng.demand.selectors.analysis import DistrictDemand, district_map_data
from jineng.wages.engine.levels import LEVEL_NAMES
from jineng.wages.forms import DistrictSurveyForm, WindowForm
from jineng.wages.models import ServiceWindow
from jineng.wages.selectors.district import district_figures, skilled_workforce_cells, windows
from jineng.wages.services.district import district_survey_import, service_window_save


def _year(request) -> int:
    year = int_param(request, "year")
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


@require(can("wages.see_district_survey"))
def workforce(request):
    year = _year(request)
    form, errors = DistrictSurveyForm(initial={"year": year, "district": user_district_id(request.user)}), []
    if request.method == "POST":
        form = DistrictSurveyForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data

            def run():
                check_upload_size(data["file"].size)
                return district_survey_import(district=data["district"], year=data["year"],
                                              content=data["file"].read(), file_name=data["file"].name,
                                              by=request.user)

            done = attempt(request, run, flash=False, success=_("已导入区技能人才调查"))
            if done:
                return redirect(f"{request.path}?year={data['year']}")
            errors = list(done.errors)
    figures = district_figures(viewer=request.user, year=year)
    map_data = district_map_data([DistrictDemand(f.district.code, f.district.name, f.skilled, f.high_skilled, 0)
                                  for f in figures], labels={"title": _("技能人才"), "people": _("技能人才 {n} 人"),
                                                            "high": _("高技能人才 {n} 人")})
    detail = skilled_workforce_cells(viewer=request.user, year=year)
    return render(request, "wages/workforce.html", {
        "year": year, "figures": figures, "map_data": map_data, "detail": detail[:300], "detail_count": len(detail),
        "form": form, "upload_errors": errors, "level_names": LEVEL_NAMES,
        "can_upload": user_can(request.user, "wages.upload_district_survey"),
    }, status=400 if errors else 200)


@require(can("wages.see_district_survey"))
def workforce_export(request):
    year = _year(request)
    rows = ([c.district.name, c.occupation.code, c.occupation.name, LEVEL_NAMES[c.level], c.register,
             "" if c.survey is None else c.survey, c.workers]
            for c in skilled_workforce_cells(viewer=request.user, year=year))
    return xlsx_response(filename=_("各区技能人才_{year}.xlsx").format(year=year), title=_("各区技能人才"),
                         headers=[_("区"), _("职业编码"), _("职业名称"), _("技能等级"), _("证书登记持证人数"),
                                  _("区调查人数"), _("人数")], rows=rows)


def service_windows(request):
    district_id = int_param(request, "district")
    manage = request.user.is_authenticated and user_can(request.user, "wages.manage_windows")
    form = WindowForm(request.POST if request.method == "POST" else None,
                      initial={"district": user_district_id(request.user) if request.user.is_authenticated else None})
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            values = dict(form.cleaned_data)
            district = values.pop("district")
            if attempt(request, lambda: service_window_save(district=district, values=values, by=request.user),
                       form=form, success=_("已登记服务窗口")):
                return redirect("wages:windows")
    listed = list(windows(viewer=request.user, district_id=district_id))
    editable = ({w.pk for w in listed if user_can(request.user, "wages.manage_windows", w)}
                if request.user.is_authenticated else set())
    return render(request, "wages/windows.html", {
        "windows": listed, "editable": editable, "form": form if manage else None})


@require(can("wages.see_district_survey"))
def service_window(request, window_id: int):
    window = ServiceWindow.objects.select_related("district").get_visible(request.user, window_id)
    if not user_can(request.user, "wages.manage_windows", window):
        raise Http404
    form = WindowForm(request.POST if request.method == "POST" else None, initial={
        "district": window.district_id, **{f: getattr(window, f) for f in
                                           ("name", "address", "lon", "lat", "hours", "phone", "is_active")}})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        values.pop("district")
        if attempt(request, lambda: service_window_save(district=window.district, values=values, by=request.user,
                                                        window=window), form=form, success=_("已保存")):
            return redirect("wages:windows")
    return render(request, "wages/window.html", {"window": window, "form": form})
