"""Monthly reports: the unit's list, the form, submission, review, attachments and reopening a period."""
from datetime import datetime, time

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.accounts import permissions
from jineng.accounts.models import Organisation
from jineng.core.audit import audit_trail, audit_trail_of_rows
from jineng.core.views import attempt
from jineng.core.workflow import review_panel
from jineng.workplan.choices import ReportState
from jineng.workplan.forms import AttachmentForm, ReopenForm, ReportForm, ReviewForm, StartReportForm
from jineng.workplan.models import IndicatorValue, ReportAttachment
from jineng.workplan.selectors import reports as report_selectors
from jineng.workplan.selectors.obligations import reportable_indicators
from jineng.workplan.services import reports as report_services
from jineng.workplan.views.common import plan_and_month, require
from jineng.workplan.workflows import REPORT_WORKFLOW


@require(permissions.USE_DESK)
def report_list(request):
    plan, month = plan_and_month(request)
    state = request.GET.get("state", "")
    if state not in ReportState.values:
        state = ""
    period = report_services.parse_period(f"{plan.year}-{month:02d}") if request.GET.get("month") else None
    reports = report_selectors.report_list(viewer=request.user, plan=plan, period=period, state=state)
    return render(
        request,
        "workplan/reports.html",
        {
            "plan": plan, "month": month, "reports": reports[:500], "state": state, "states": ReportState.choices,
            "selected_month": request.GET.get("month", ""), "months": range(1, 13),
            "my_tasks": (report_selectors.task_list(viewer=request.user, plan=plan)
                         if permissions.user_can(request.user, permissions.SUBMIT_REPORTS) else []),
            "start_form": StartReportForm(initial={"period": f"{plan.year}-{month:02d}"}),
        },
    )


@require(permissions.SUBMIT_REPORTS)
@require_POST
def report_start(request):
    form = StartReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("；").join(e for errors in form.errors.values() for e in errors))
        return redirect("workplan:reports")
    opened = attempt(request, lambda: _open(request, form.cleaned_data))
    if not opened:
        return redirect("workplan:reports")
    return redirect("workplan:report", report_id=opened.value.pk)


def _open(request, data):
    period = report_services.parse_period(data["period"])
    plan = report_selectors.plan_get(year=period.year)
    task = report_selectors.get_task_for_user(request.user, plan=plan, number=data["task_number"])
    return report_services.report_open(task=task, period=period, by=request.user)


def _plain(value) -> str:
    """720000.00 -> 720000; 12.50 -> 12.5 (figures as a person would type them)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _report_form(report, data=None):
    indicators = reportable_indicators(task=report.task, organisation=report.organisation)
    values = {v.indicator_id: _plain(v.value) for v in report.values.all()}
    initial = {
        "progress_status": report.progress_status,
        "narrative": report.narrative,
        "problems": report.problems,
        "next_steps": report.next_steps,
    }
    return ReportForm(data, initial=initial, indicators=indicators, values=values)


@require(permissions.USE_DESK)
def report_detail(request, report_id: int):
    report = report_selectors.get_report_for_user(request.user, report_id)
    editable = report.organisation_id == request.user.organisation_id and report.state in report_services.EDITABLE_STATES
    form = _report_form(report, request.POST if request.method == "POST" and editable else None)
    submit = "submit" in request.POST
    if request.method == "POST" and editable and form.is_valid() and attempt(
            request, lambda: _save(request, report, form, submit=submit), form=form,
            success=_("报告已报送，等待专班办公室审核") if submit else _("已保存草稿")):
        return redirect("workplan:report", report_id=report.pk)
    return render(
        request,
        "workplan/report.html",
        {
            "report": report, "form": form, "editable": editable, "review_form": ReviewForm(),
            "attachment_form": AttachmentForm(), "values": report.values.select_related("indicator").order_by("indicator__ordinal"),
            "history": audit_trail(report),
            "value_history": audit_trail_of_rows(
                IndicatorValue.history.filter(report_id=report.pk).select_related("indicator"),
                describe=lambda row: _("{label}：{plain}").format(label=row.indicator.label, plain=_plain(row.value)),
            ),
            "deadline": report_services.period_deadline(report.task.plan, report.period),
            "review": _review(report, request.user),
        },
    )


def _review(report, user):
    url = reverse("workplan:report_review", args=[report.pk])
    return review_panel(REPORT_WORKFLOW, report, user, urls={"accept": url, "return": url},
                        comment_label=ReviewForm.base_fields["comment"].label)


def _save(request, report, form, *, submit: bool):
    data = form.cleaned_data
    report = report_services.report_save(
        report=report, by=request.user, progress_status=data["progress_status"], narrative=data["narrative"],
        problems=data["problems"], next_steps=data["next_steps"], values=form.indicator_values())
    if submit:
        report_services.report_submit(report=report, by=request.user)


@require(permissions.REVIEW_REPORTS)
@require_POST
def report_review(request, report_id: int):
    report = report_selectors.get_report_for_user(request.user, report_id)
    form = ReviewForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if request.POST.get("action", request.POST.get("decision")) == "accept":
        attempt(request, lambda: report_services.report_accept(report=report, by=request.user, comment=comment),
                success=_("已采纳"))
    else:
        attempt(request, lambda: report_services.report_return(report=report, by=request.user, comment=comment),
                success=_("已退回，报送单位修改后可重新报送"))
    return redirect("workplan:report", report_id=report.pk)


@require(permissions.SUBMIT_REPORTS)
@require_POST
def report_attachment_upload(request, report_id: int):
    report = report_selectors.get_report_for_user(request.user, report_id)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件"))
    else:
        attempt(request, lambda: report_services.report_attachment_add(
            report=report, upload=form.cleaned_data["file"], by=request.user), success=_("附件已上传"))
    return redirect("workplan:report", report_id=report.pk)


@require(permissions.USE_DESK)
def report_attachment_download(request, attachment_id: int):
    attachment = get_object_or_404(ReportAttachment.objects.select_related("report"), pk=attachment_id)
    if not report_selectors.report_visible(request.user, attachment.report):
        raise Http404(_("附件不存在"))
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@require(permissions.REVIEW_REPORTS)
def period_reopen(request):
    plan, month = plan_and_month(request)
    initial = {"organisation": request.GET.get("organisation"), "period": request.GET.get("period")}
    form = ReopenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation = get_object_or_404(Organisation, pk=form.cleaned_data["organisation"])
        until_at = datetime.combine(form.cleaned_data["until_date"], time.max, tzinfo=timezone.get_default_timezone())
        reopened = attempt(request, lambda: report_services.period_reopen(
            plan=plan, organisation=organisation, period=report_services.parse_period(form.cleaned_data["period"]),
            until_at=until_at, reason=form.cleaned_data["reason"], by=request.user), form=form)
        if reopened:
            period = report_services.parse_period(form.cleaned_data["period"])
            messages.success(request, _("已为{display_name}开放 {period:%Y-%m} 补报").format(display_name=organisation.display_name, period=period))
            return redirect(f"{reverse('workplan:timeliness')}?year={plan.year}&month={period.month}")
    organisation_id = request.POST.get("organisation") or request.GET.get("organisation") or ""
    organisation = Organisation.objects.filter(pk=int(organisation_id)).first() if organisation_id.isdigit() else None
    context = {"form": form, "plan": plan, "month": month, "organisation": organisation}
    return render(request, "workplan/reopen.html", context)
