"""Demand reports: the list, one report with its lines, upload, submission and review."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jineng.core.audit import audit_trail
from jineng.core.models import District
from jineng.core.spreadsheets import XLSX_CONTENT_TYPE, check_upload_size, file_response, xlsx_response
from jineng.core.views import attempt, import_progress
from jineng.core.workflow import review_panel
from jineng.demand import permissions
from jineng.demand.choices import ReportState
from jineng.demand.forms import LineForm, NoteForm, ReviewForm, UploadForm
from jineng.demand.selectors import reports as selectors
from jineng.demand.services import reports as services
from jineng.demand.services.upload import demand_template_bytes, demand_upload_queue
from jineng.demand.views.common import int_param, require
from jineng.demand.workflows import DEMAND_REPORT_WORKFLOW
from jineng.occupations.models import Industry

REPORT_HEADERS = [gettext_lazy("填报批次"), gettext_lazy("企业"), gettext_lazy("产业"), gettext_lazy("区"), gettext_lazy("状态"), gettext_lazy("明细行数"), gettext_lazy("需求人数"), gettext_lazy("首次提交"), gettext_lazy("审核时间")]
LINE_HEADERS = [gettext_lazy("职业编码"), gettext_lazy("职业"), gettext_lazy("工种"), gettext_lazy("技能等级"), gettext_lazy("需求人数"), gettext_lazy("紧急程度"), gettext_lazy("空缺时长（月）"), gettext_lazy("每岗位应聘人数"), gettext_lazy("月薪（元）"),
                gettext_lazy("预计到岗日期"), gettext_lazy("原因")]


def _list_filters(request) -> dict:
    state = request.GET.get("state", "")
    return {
        "campaign_id": int_param(request, "campaign"), "state": state if state in ReportState.values else "",
        "industry_id": int_param(request, "industry"), "district_id": int_param(request, "district"),
    }


@require(permissions.can_see_reports)
def report_list(request):
    filters = _list_filters(request)
    reports = selectors.demand_report_list(viewer=request.user, **filters)
    context = {"reports": reports[:500], "total": reports.count(), "filters": filters, "states": ReportState.choices,
               "campaigns": selectors.campaign_list(), "is_enterprise": permissions.is_enterprise_user(request.user)}
    if context["is_enterprise"]:
        profile = selectors.enterprise_profile_of(request.user.organisation_id)
        started = set(reports.values_list("campaign_id", flat=True))
        context |= {"profile": profile,
                    "open_campaigns": [c for c in selectors.campaigns_open_to(enterprise_profile=profile) if c.pk not in started]}
    else:
        context |= {"industries": Industry.objects.order_by("order"), "districts": District.objects.order_by("code")}
    return render(request, "demand/reports.html", context)


@require(permissions.can_see_reports)
def report_list_export(request):
    reports = selectors.demand_report_list(viewer=request.user, **_list_filters(request))
    rows = ([r.campaign.name, r.enterprise.name, r.industry.name, r.district.name, r.get_state_display(), r.line_count,
             r.headcount or 0, _local(r.first_submitted_at), _local(r.reviewed_at)] for r in reports)
    return xlsx_response(filename=_("需求填报.xlsx"), title=_("需求填报"), headers=REPORT_HEADERS, rows=rows)


def _local(moment):
    """Spreadsheets hold no time zone: write the Shanghai wall-clock time."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


@require(permissions.is_enterprise_user, _("只有企业用户可以填报需求"))
@require_POST
def report_start(request):
    opened = attempt(request, lambda: services.demand_report_open(
        campaign=selectors.campaign_get(int(request.POST.get("campaign", "0") or 0)), by=request.user))
    if not opened:
        return redirect("demand:reports")
    return redirect("demand:report", report_id=opened.value.pk)


@require(permissions.can_see_reports)
def report_detail(request, report_id: int):
    report = selectors.get_demand_report_for_user(request.user, report_id)
    return _render_report(request, report)


def _render_report(request, report, *, line_form=None, upload_errors=None, note_form=None):
    editable = permissions.can_edit(request.user, report)
    lines = selectors.demand_line_list(report=report)
    return render(request, "demand/report.html", {
        "report": report, "lines": lines, "editable": editable,
        "headcount": sum(line.headcount for line in lines),
        "line_form": line_form or LineForm(), "note_form": note_form or NoteForm(initial={"note": report.note}),
        "upload_form": UploadForm(), "upload_errors": upload_errors or [],
        "review_form": ReviewForm(), "history": audit_trail(report),
        "review": _review(report, request.user), "uploads": selectors.demand_upload_list(
            viewer=request.user, report=report)[:5],
    })


@require(permissions.is_enterprise_user)
@require_POST
def report_note(request, report_id: int):
    report = selectors.get_demand_report_for_user(request.user, report_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.demand_report_save(report=report, by=request.user,
                                                             note=form.cleaned_data["note"]), success=_("已保存"))
    return redirect("demand:report", report_id=report.pk)


@require(permissions.is_enterprise_user)
@require_POST
def line_add(request, report_id: int):
    report = selectors.get_demand_report_for_user(request.user, report_id)
    form = LineForm(request.POST)
    if form.is_valid() and attempt(request, lambda: services.demand_line_add(
            report=report, by=request.user, **form.cleaned_data), form=form, success=_("已添加一行需求")):
        return redirect("demand:report", report_id=report.pk)
    return _render_report(request, report, line_form=form)


@require(permissions.is_enterprise_user)
def line_edit(request, report_id: int, line_id: int):
    line = selectors.get_demand_line_for_user(request.user, report_id=report_id, line_id=line_id)
    form = LineForm(request.POST or None, initial=LineForm.initial_for(line))
    if request.method == "POST" and form.is_valid() and attempt(request, lambda: services.demand_line_update(
            line=line, by=request.user, **form.cleaned_data), form=form, success=_("已保存")):
        return redirect("demand:report", report_id=line.report_id)
    return render(request, "demand/line_edit.html", {"line": line, "report": line.report, "form": form,
                                                     "history": audit_trail(line)})


@require(permissions.is_enterprise_user)
@require_POST
def line_remove(request, report_id: int, line_id: int):
    line = selectors.get_demand_line_for_user(request.user, report_id=report_id, line_id=line_id)
    attempt(request, lambda: services.demand_line_remove(line=line, by=request.user), success=_("已删除一行需求"))
    return redirect("demand:report", report_id=report_id)


@require(permissions.is_enterprise_user)
@require_POST
def report_upload(request, report_id: int):
    report = selectors.get_demand_report_for_user(request.user, report_id)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的 .xlsx 文件"))
        return redirect("demand:report", report_id=report.pk)
    upload = form.cleaned_data["file"]
    queued = attempt(request, lambda: demand_upload_queue(report=report, content=_content(upload), by=request.user,
                                                          file_name=upload.name), flash=False)
    if not queued:
        return _render_report(request, report, upload_errors=list(queued.errors))
    messages.success(request, _("文件已上传，后台任务正在导入"))
    return redirect("demand:upload", upload_id=queued.value.pk)


@require(permissions.can_see_reports)
def upload_detail(request, upload_id: int):
    upload = selectors.get_demand_upload_for_user(request.user, upload_id)
    return render(request, "demand/upload.html", {"upload": upload, "report": upload.report})


@require(permissions.can_see_reports)
def upload_progress(request, upload_id: int):
    upload = selectors.get_demand_upload_for_user(request.user, upload_id)
    return import_progress(request, upload, progress_url=reverse("demand:upload_progress", args=[upload.pk]))


def _content(upload) -> bytes:
    check_upload_size(upload.size)  # refused before the body is read
    return upload.read()


@require(permissions.is_enterprise_user)
@require_POST
def report_submit(request, report_id: int):
    report = selectors.get_demand_report_for_user(request.user, report_id)
    resubmission = report.state == ReportState.RETURNED
    attempt(request, lambda: services.demand_report_submit(report=report, by=request.user),
            success=_("已重新提交，等待审核") if resubmission else _("已提交，等待审核"))
    return redirect("demand:report", report_id=report.pk)


def _review(report, user):
    url = reverse("demand:report_review", args=[report.pk])
    return review_panel(DEMAND_REPORT_WORKFLOW, report, user, urls={"accept": url, "return": url},
                        comment_label=ReviewForm.base_fields["comment"].label)


@require(permissions.can_analyse)
@require_POST
def report_review(request, report_id: int):
    report = selectors.get_demand_report_for_user(request.user, report_id)
    form = ReviewForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if request.POST.get("action", request.POST.get("decision")) == "accept":
        attempt(request, lambda: services.demand_report_accept(report=report, by=request.user, comment=comment),
                success=_("已采纳"))
    else:
        attempt(request, lambda: services.demand_report_return(report=report, by=request.user, comment=comment),
                success=_("已退回，企业修改后可重新提交"))
    return redirect("demand:report", report_id=report.pk)


@require(permissions.can_see_reports)
def report_template(request, report_id: int):
    report = selectors.get_demand_report_for_user(request.user, report_id)
    return file_response(demand_template_bytes(report=report), filename=_("需求表-{name}.xlsx").format(name=report.campaign.name),
                         content_type=XLSX_CONTENT_TYPE)


@require(permissions.can_see_reports)
def blank_template(request):
    return file_response(demand_template_bytes(), filename=_("急需紧缺职业需求表模板.xlsx"), content_type=XLSX_CONTENT_TYPE)


@require(permissions.can_see_reports)
def report_export(request, report_id: int):
    report = selectors.get_demand_report_for_user(request.user, report_id)
    rows = ([line.occupation.code, line.occupation.name, line.work_type.name if line.work_type else "", line.get_level_display(),
             line.headcount, line.get_urgency_display(), line.vacancy_months, line.applicants_per_vacancy,
             line.offered_monthly_pay, line.expected_hire_date, line.reason] for line in selectors.demand_line_list(report=report))
    return xlsx_response(filename=f"{report.enterprise.name}-{report.campaign.name}.xlsx", title=_("需求明细"),
                         headers=LINE_HEADERS, rows=rows)
