"""The catalogue ranking, its weights, campaigns, and picking ranked occupations into a catalogue draft."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.core.audit import audit_trail
from jineng.core.spreadsheets import xlsx_response
from jineng.core.views import attempt
from jineng.demand import permissions
from jineng.demand.forms import CampaignForm, WeightsForm
from jineng.demand.models import DEFAULT_WEIGHTS, RankingWeights
from jineng.demand.selectors.ranking import (
    RANKING_HEADERS,
    ranking_cells,
    ranking_for_year,
    ranking_weights_get,
)
from jineng.demand.selectors.reports import campaign_list, campaign_years
from jineng.demand.services.campaigns import campaign_create, ranking_weights_set
from jineng.demand.services.catalogue_pick import ranking_pick_to_catalogue
from jineng.demand.views.common import int_param, require
from jineng.occupations.choices import CatalogueKind, CatalogueState
from jineng.occupations.models import CatalogueVersion
from jineng.occupations.selectors import catalogue_version_list


def _see_whole_city(user) -> bool:
    return permissions.can_see_ranking(user)


def _year(request) -> int | None:
    years = campaign_years()
    year = int_param(request, "year")
    return year if year in years else (years[0] if years else None)


@require(_see_whole_city)
def ranking_page(request):
    year = _year(request)
    ranking = ranking_for_year(viewer=request.user, year=year) if year else None
    drafts = [v for v in catalogue_version_list(kind=CatalogueKind.URGENT) if v.state == CatalogueState.DRAFT]
    return render(request, "demand/ranking.html", {
        "year": year, "years": campaign_years(), "ranking": ranking, "drafts": drafts,
        "can_manage": permissions.can_manage(request.user),
        "weight_rows": [(RankingWeights._meta.get_field(k).verbose_name, getattr(ranking.weights, k)) for k in DEFAULT_WEIGHTS]
        if ranking else [],
    })


@require(_see_whole_city)
def ranking_export(request):
    year = _year(request)
    rows = ranking_for_year(viewer=request.user, year=year).rows if year else ()
    return xlsx_response(filename=_("需求排名-{year}.xlsx").format(year=year), title=_("{year}年需求排名").format(year=year), headers=RANKING_HEADERS,
                         rows=(ranking_cells(row) for row in rows))


@require(permissions.can_manage)
@require_POST
def ranking_pick(request):
    year = int_param(request, "year") or _year(request)
    version_id = request.POST.get("version", "")
    version = get_object_or_404(CatalogueVersion, pk=int(version_id)) if version_id.isdigit() else None
    if version is None:
        messages.error(request, _("请选择目录草稿"))
        return redirect(f"{reverse('demand:ranking')}?year={year}")
    picked = attempt(request, lambda: ranking_pick_to_catalogue(version=version, year=year,
                                                                codes=request.POST.getlist("code"), by=request.user))
    if picked and picked.value.added:
        messages.success(request, _("已加入“{title}”：{len} 个职业").format(title=version.title, len=len(picked.value.added)))
    for skipped in picked.value.skipped if picked else []:
        messages.error(request, skipped)
    return redirect(f"{reverse('demand:ranking')}?year={year}")


@require(permissions.can_manage)
def weights_page(request):
    year = int_param(request, "year") or _year(request) or timezone.localdate().year
    if not 2000 <= year <= 2100:
        year = timezone.localdate().year
    weights = ranking_weights_get(year=year)
    initial = {key: value for key, value in weights.as_dict().items()}
    form = WeightsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in DEFAULT_WEIGHTS}
        if attempt(request, lambda: ranking_weights_set(year=year, values=values, by=request.user,
                                                        reason=form.cleaned_data["reason"]),
                   form=form, success=_("排名权重已保存")):
            return redirect(f"{request.path}?year={year}")
    return render(request, "demand/weights.html", {
        "year": year, "years": campaign_years(), "form": form, "saved": bool(weights.pk),
        "history": audit_trail(weights) if weights.pk else [],
    })


@require(permissions.can_analyse)
def campaigns_page(request):
    form = CampaignForm(request.POST or None)
    can_manage = permissions.can_manage(request.user)
    if request.method == "POST" and can_manage and form.is_valid() and attempt(
            request, lambda: campaign_create(by=request.user, **form.cleaned_data), form=form, success=_("填报批次已设置")):
        return redirect("demand:campaigns")
    return render(request, "demand/campaigns.html", {"campaigns": campaign_list(), "form": form, "can_manage": can_manage})
