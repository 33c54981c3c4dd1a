"""Risk runs, the findings review queue, and institution ratings (published ones are public)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jineng.accounts import permissions as account_permissions
from jineng.core.audit import audit_trail
from jineng.core.models import Person
from jineng.core.pagination import paginate
from jineng.core.people import person_lookup
from jineng.core.spreadsheets import xlsx_response
from jineng.core.views import attempt, require
from jineng.core.workflow import review_panel
from jineng.integrity import permissions, selectors
from jineng.integrity.choices import RiskRunStatus
from jineng.integrity.forms import FindingFilterForm, PersonLookupForm, RatingFilterForm, ReviewForm
from jineng.integrity.services import findings as finding_services
from jineng.integrity.services import ratings as rating_services
from jineng.integrity.services import runs as run_services
from jineng.integrity.workflows import FINDING_WORKFLOW, TRANSITION_TO

SUPERVISE = "integrity.supervise"
METRIC_LABELS = {
    "claims": gettext_lazy("申请笔数"), "institutions": gettext_lazy("涉及机构"), "districts": gettext_lazy("涉及区"),
    "work_types": gettext_lazy("涉及工种"), "device": gettext_lazy("设备编号"), "day": gettext_lazy("日期"),
    "trainees": gettext_lazy("不同学员数"), "check_ins": gettext_lazy("签到次数"), "window_minutes": gettext_lazy("时间窗（分钟）"),
    "overlap_days": gettext_lazy("重叠天数"), "from": gettext_lazy("重叠起"), "to": gettext_lazy("重叠止"), "km": gettext_lazy("距离（公里）"),
    "minutes": gettext_lazy("间隔（分钟）"), "speed_kmh": gettext_lazy("折算速度（公里/小时）"), "limit_kmh": gettext_lazy("速度上限（公里/小时）"),
    "occupation_id": gettext_lazy("职业编号"), "year": gettext_lazy("年度"), "examined": gettext_lazy("参考人数"),
    "passed": gettext_lazy("通过人数"), "rate": gettext_lazy("通过率"), "others_examined": gettext_lazy("全市其余参考人数"),
    "others_rate": gettext_lazy("全市其余通过率"), "z": gettext_lazy("z 值"), "capacity": gettext_lazy("核定人数"),
    "claimed": gettext_lazy("申领人数"), "organisation_id": gettext_lazy("申请单位编号"), "age": gettext_lazy("年龄"),
    "min_age": gettext_lazy("年龄下限"), "max_age": gettext_lazy("年龄上限"),
}


@require(account_permissions.can(SUPERVISE))
def finding_list(request):
    form = FindingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.FindingFilters(
        rule=data.get("rule", ""), status=data.get("status", ""),
        district_id=data["district"].pk if data.get("district") else None,
        institution_id=data.get("institution"),
    )
    findings = selectors.finding_list(viewer=request.user, filters=filters)
    return render(request, "integrity/findings.html", {
        "form": form, "page": paginate(request, findings),
        "can_run": permissions.can_manage(request.user),
    })


@require(account_permissions.can(SUPERVISE))
def finding_detail(request, finding_id: int):
    finding = selectors.get_finding_for_user(request.user, finding_id)
    evidence = selectors.finding_evidence(finding)
    return render(request, "integrity/finding.html", {
        "finding": finding, "evidence": evidence,
        "metrics": [(METRIC_LABELS.get(key, key), value) for key, value in evidence["metrics"].items()],
        "review": review_panel(FINDING_WORKFLOW, finding, request.user, comment_label=_("核实说明"),
                               urls=dict.fromkeys(TRANSITION_TO.values(), reverse("integrity:finding_review",
                                                                                 args=[finding.pk]))),
        "trail": audit_trail(finding, limit=20),
    })


@require(account_permissions.can(SUPERVISE))
@require_POST
def finding_review(request, finding_id: int):
    finding = selectors.get_finding_for_user(request.user, finding_id)
    chosen = {name: outcome for outcome, name in TRANSITION_TO.items()}.get(request.POST.get("action", ""))
    form = ReviewForm({"outcome": chosen or request.POST.get("outcome", ""),
                       "note": request.POST.get("comment", request.POST.get("note", ""))})
    if not form.is_valid():
        messages.error(request, _("请选择核实结果并填写说明"))
        return redirect("integrity:finding", finding_id=finding.pk)
    attempt(request, lambda: finding_services.finding_review(
        finding=finding, by=request.user, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"]),
        success=_("核实结果已保存"))
    return redirect("integrity:finding", finding_id=finding.pk)


@require(account_permissions.can(SUPERVISE))
def person_search(request):
    """Find a person by full resident ID (POST only; the lookup is logged) and go to their records."""
    form = PersonLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = attempt(request, lambda: person_lookup(resident_id=form.cleaned_data["resident_id"],
                                                       viewer=request.user, reason=form.cleaned_data["reason"]),
                        form=form, field="resident_id")
        if found and found.value is None:
            form.add_error("resident_id", _("平台中没有这个身份证号的人员记录"))
        elif found:
            return redirect("integrity:person", person_id=found.value.pk)
    return render(request, "integrity/person_search.html", {"form": form})


@require(account_permissions.can(SUPERVISE))
def person_detail(request, person_id: int):
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    dossier = selectors.person_dossier(viewer=request.user, person=person)
    return render(request, "integrity/person.html", {"dossier": dossier, "person": person})


@require(account_permissions.can(SUPERVISE))
def run_list(request):
    return render(request, "integrity/runs.html", {
        "runs": selectors.risk_run_list(viewer=request.user)[:30], "can_run": permissions.can_manage(request.user),
    })


@require(account_permissions.can(SUPERVISE))
@require_POST
def run_start(request):
    started = attempt(request, lambda: run_services.risk_run_start(by=request.user),
                      success=_("风险核查已排队，后台任务执行时本页显示进度"))
    if not started:
        return redirect("integrity:runs")
    return redirect("integrity:run", run_id=started.value.pk)


@require(account_permissions.can(SUPERVISE))
def run_detail(request, run_id: int):
    run = selectors.get_risk_run_for_user(request.user, run_id)
    return render(request, "integrity/run.html", {"run": run, "counts": _counts(run)})


@require(account_permissions.can(SUPERVISE))
def run_progress(request, run_id: int):
    run = selectors.get_risk_run_for_user(request.user, run_id)
    if run.status in (RiskRunStatus.DONE, RiskRunStatus.FAILED) and request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "integrity/_progress.html", {"run": run})


def _counts(run) -> list[tuple[str, int]]:
    from jineng.integrity.choices import RiskRule

    return [(label, run.counts.get(value, 0)) for value, label in RiskRule.choices if value in run.counts]


def rating_list(request):
    """Public: published grades with their components; the supervising roles also see drafts."""
    years = selectors.rating_years(viewer=request.user)
    year = _year(request, years)
    form = RatingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    ratings = selectors.rating_list(viewer=request.user, year=year, grade=data.get("grade", ""),
                                    district_id=data["district"].pk if data.get("district") else None) if year else []
    return render(request, "integrity/ratings.html", {
        "years": years, "year": year, "form": form, "ratings": ratings,
        "can_manage": permissions.can_manage(request.user), "this_year": timezone.localdate().year,
        "has_drafts": year and any(not r.is_published for r in ratings),
    })


def rating_detail(request, rating_id: int):
    rating = selectors.get_rating_for_user(request.user, rating_id)
    return render(request, "integrity/rating.html", {"rating": rating, "c": rating.components})


def rating_export(request, year: int):
    ratings = selectors.rating_list(viewer=request.user, year=year)
    headers = [_("机构"), _("所在区"), _("等级"), _("综合得分"), _("培训人数"), _("结业率"), _("取证率"),
               _("取证率（收缩后）"), _("满意度"), _("评价回收率"), _("检查得分"), _("查实风险线索"), _("状态")]
    rows = [[r.institution.name, r.institution.district.name, r.get_grade_display(), r.score, r.trainees,
             r.completion_rate, r.pass_rate, r.components.get("pass_rate", {}).get("value"), r.satisfaction,
             r.survey_response_rate, r.inspection_score, r.confirmed_findings,
             _("已公布") if r.is_published else _("未公布")] for r in ratings]
    return xlsx_response(filename=_("机构质量诚信等级-{year}.xlsx").format(year=year), title=_("机构等级"), headers=headers, rows=rows)


@require_POST
def rating_compute(request):
    return _manage(request, lambda year: rating_services.rating_compute(year=year, by=request.user),
                   _("已计算 %(year)s 年度等级（未公布）"))


@require_POST
def rating_publish(request):
    return _manage(request, lambda year: rating_services.rating_publish(year=year, by=request.user),
                   _("已公布 %(year)s 年度等级"))


def _manage(request, call, done: str):
    if not permissions.can_manage(request.user):
        raise PermissionDenied(_("只有专班办公室可以计算或公布机构等级"))
    year = request.POST.get("year", "")
    if not year.isdigit():
        messages.error(request, _("年度不正确"))
        return redirect("integrity:ratings")
    attempt(request, lambda: call(int(year)), success=done % {"year": year})
    return redirect(f"{redirect('integrity:ratings').url}?year={year}")


def _year(request, years: list[int]) -> int | None:
    value = request.GET.get("year", "")
    if value.isdigit() and int(value) in years:
        return int(value)
    return years[0] if years else None
