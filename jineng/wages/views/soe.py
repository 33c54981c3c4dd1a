"""The SOE commitments (items 12 and 34) for the office and leadership; an SOE's own yearly report."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.core.capabilities import can, user_can
from jineng.core.exceptions import DomainError
from jineng.core.views import attempt, int_param, require
from jineng.demand.models import EnterpriseProfile
from jineng.wages.forms import BenchmarkForm, GroupForm, OwnershipForm, SoeReportForm
from jineng.wages.selectors.soe import ownership_list, soe_commitments, soe_reports
from jineng.wages.services.soe import (
    city_benchmark_set,
    is_soe,
    ownership_set,
    soe_group_add,
    soe_report_submit,
)

YEAR_RANGE = (2000, 2100)


def _year(request) -> int:
    year = int_param(request, "year")
    default = timezone.localdate().year - 1
    return year if year and YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else default


@require(can("wages.see_soe"))
def commitments(request):
    manage = user_can(request.user, "wages.manage_soe")
    forms = {"group": GroupForm(prefix="g"), "ownership": OwnershipForm(prefix="o"),
             "benchmark": BenchmarkForm(prefix="b")}
    if request.method == "POST" and manage:
        which = request.POST.get("form", "")
        if which in forms and _manage(request, which, forms):
            return redirect(request.get_full_path())
    year = _year(request)
    return render(request, "wages/soe.html", {
        "year": year, "facts": soe_commitments(year=year), "reports": soe_reports(viewer=request.user, year=year),
        "owners": ownership_list(), "forms": forms if manage else None})


def _manage(request, which: str, forms) -> bool:
    form = forms[which] = type(forms[which])(request.POST, prefix=forms[which].prefix)
    if not form.is_valid():
        return False
    data = form.cleaned_data
    if which == "group":
        call = lambda: soe_group_add(name=data["name"], by=request.user)  # noqa: E731
    elif which == "benchmark":
        call = lambda: city_benchmark_set(by=request.user, **data)  # noqa: E731
    else:
        def call():
            profile = EnterpriseProfile.objects.filter(credit_code=data["credit_code"].strip().upper()).first()
            if profile is None:
                raise DomainError(_("没有这个统一社会信用代码的企业"))
            return ownership_set(enterprise=profile, ownership=data["ownership"], group=data["group"], by=request.user)
    return bool(attempt(request, call, form=form, success=_("已保存")))


@require(can("wages.report_soe"))
def my_report(request):
    profile = EnterpriseProfile.objects.filter(organisation_id=request.user.organisation_id).first()
    soe = profile is not None and is_soe(profile)
    form = SoeReportForm(request.POST if request.method == "POST" else None,
                         initial={"year": timezone.localdate().year - 1})
    if request.method == "POST" and soe and form.is_valid():
        values = dict(form.cleaned_data)
        year = values.pop("year")
        if attempt(request, lambda: soe_report_submit(enterprise=profile, year=year, values=values, by=request.user),
                   form=form, success=_("已提交国企年度报告")):
            return redirect("wages:my_soe_report")
    return render(request, "wages/soe_report.html", {
        "profile": profile, "soe": soe, "form": form, "reports": soe_reports(viewer=request.user)})
