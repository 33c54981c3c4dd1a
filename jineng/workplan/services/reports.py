"""The monthly report workflow: draft → submitted → accepted, or returned with a comment → resubmitted."""
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.accounts import permissions
from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.workplan.choices import ProgressStatus, ReportState
from jineng.workplan.engine.pace import month_start, report_deadline
from jineng.workplan.models import (
    Indicator,
    IndicatorValue,
    MonthlyReport,
    PeriodReopening,
    Plan,
    ReportAttachment,
    Task,
)
from jineng.workplan.selectors.obligations import reportable_indicators, unit_must_report
from jineng.workplan.workflows import REPORT_WORKFLOW

EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)


def parse_period(text: str) -> date:
    """'2024-03' -> date(2024, 3, 1); a clear message otherwise."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return month_start(year, month)
    except (ValueError, TypeError) as exc:
        raise DomainError(_("月份“{text}”格式不正确，应为 YYYY-MM").format(text=text)) from exc


def period_deadline(plan: Plan, period: date) -> datetime:
    return report_deadline(period, plan.report_due_day, timezone.get_default_timezone())


def period_is_open(*, plan: Plan, organisation_id: int, period: date, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if now <= period_deadline(plan, period):
        return True
    return PeriodReopening.objects.filter(
        plan=plan, organisation_id=organisation_id, period=period, until_at__gte=now
    ).exists()


def _check_reporter(user, task: Task) -> None:
    if not permissions.user_can(user, permissions.SUBMIT_REPORTS) or not unit_must_report(
        organisation_id=user.organisation_id, task=task
    ):
        raise DomainError(_("您所在单位不是该任务的责任单位，不能填报"))


def report_open(*, task: Task, period: date, by) -> MonthlyReport:
    """The unit's report for the period: the existing one, or a new draft if the period is open."""
    _check_reporter(by, task)
    report = MonthlyReport.objects.filter(task=task, organisation_id=by.organisation_id, period=period).first()
    if report is not None:
        return report
    if period.year != task.plan.year:
        raise DomainError(_("月份须在 {year} 年内").format(year=task.plan.year))
    if period > timezone.localdate().replace(day=1):
        raise DomainError(_("不能填报尚未开始的月份"))
    if not period_is_open(plan=task.plan, organisation_id=by.organisation_id, period=period):
        raise DomainError(_("{period:%Y-%m} 的报送已截止，如需补报请联系专班办公室开放").format(period=period))
    report = MonthlyReport(task=task, organisation_id=by.organisation_id, period=period, created_by=by)
    save_audited(report, by=by, reason=gettext_noop("新建月度报告"))
    return report


def _check_editable(report: MonthlyReport, by) -> None:
    if report.organisation_id != by.organisation_id:
        raise NotAllowed(_("只能修改本单位的报告"))
    if report.state not in EDITABLE_STATES:
        raise InvalidState(_("报告当前状态为“{state}”，不能修改").format(state=report.get_state_display()))
    if report.state == ReportState.DRAFT and not period_is_open(
        plan=report.task.plan, organisation_id=report.organisation_id, period=report.period
    ):
        raise DomainError(_("{period:%Y-%m} 的报送已截止，如需补报请联系专班办公室开放").format(period=report.period))


def _clean_values(report: MonthlyReport, values: dict[int, str | Decimal | None]) -> dict[Indicator, Decimal]:
    allowed = {i.pk: i for i in reportable_indicators(task=report.task, organisation=report.organisation)}
    cleaned, errors = {}, []
    for indicator_id, raw in values.items():
        indicator = allowed.get(int(indicator_id))
        if indicator is None:
            errors.append(_("指标 {indicator_id} 不属于本单位在该任务的填报范围").format(indicator_id=indicator_id))
            continue
        if raw in (None, ""):
            continue
        try:
            value = Decimal(str(raw).replace(",", "").strip())
        except InvalidOperation:
            errors.append(_("“{label}”：“{raw}”不是数字").format(label=indicator.label, raw=raw))
            continue
        if value < 0 or not value.is_finite():
            errors.append(_("“{label}”：累计完成值不能为负数").format(label=indicator.label))
            continue
        if value >= Decimal("1e12"):
            errors.append(_("“{label}”：数值过大").format(label=indicator.label))
            continue
        cleaned[indicator] = value
    if errors:
        raise DomainError(_("；").join(errors))
    return cleaned


def report_save(
    *,
    report: MonthlyReport,
    by,
    progress_status: str,
    narrative: str = "",
    problems: str = "",
    next_steps: str = "",
    values: dict[int, str | Decimal | None] | None = None,
) -> MonthlyReport:
    _check_editable(report, by)
    if progress_status not in ProgressStatus.values:
        raise DomainError(_("请选择进展状态"))
    cleaned = _clean_values(report, values or {})
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        _check_editable(report, by)
        report.progress_status = progress_status
        report.narrative, report.problems, report.next_steps = narrative.strip(), problems.strip(), next_steps.strip()
        save_audited(report, by=by, reason=gettext_noop("保存报告"))
        _values_store(report, cleaned, by)
    return report


def _values_store(report: MonthlyReport, cleaned: dict[Indicator, Decimal], by) -> None:
    existing = {v.indicator_id: v for v in IndicatorValue.objects.filter(report=report)}
    for indicator, value in cleaned.items():
        current = existing.get(indicator.pk)
        if current is None:
            save_audited(IndicatorValue(report=report, indicator=indicator, value=value), by=by, reason=gettext_noop("填报累计值"))
        elif current.value != value:
            current.value = value
            save_audited(current, by=by, reason=gettext_noop("修改累计值"), update_fields=["value"])


def report_submit(*, report: MonthlyReport, by) -> MonthlyReport:
    def guard(locked: MonthlyReport, step) -> None:
        _check_editable(locked, by)
        _check_complete(locked)

    return REPORT_WORKFLOW.take(report, "submit", by=by, guard=guard)


def _check_complete(report: MonthlyReport) -> None:
    missing = []
    if not report.narrative:
        missing.append(_("进展情况"))
    required = {i.pk: i.label for i in reportable_indicators(task=report.task, organisation=report.organisation)}
    have = set(report.values.values_list("indicator_id", flat=True))
    missing += [_("“{label}”累计完成值").format(label=label) for pk, label in required.items() if pk not in have]
    if missing:
        raise DomainError(_("报送前请填写：") + _("、").join(missing))


def report_return(*, report: MonthlyReport, by, comment: str) -> MonthlyReport:
    return REPORT_WORKFLOW.take(report, "return", by=by, comment=comment)


def report_accept(*, report: MonthlyReport, by, comment: str = "") -> MonthlyReport:
    return REPORT_WORKFLOW.take(report, "accept", by=by, comment=comment)


def period_reopen(*, plan: Plan, organisation, period: date, until_at: datetime, reason: str, by) -> PeriodReopening:
    if not permissions.user_can(by, permissions.REVIEW_REPORTS):
        raise DomainError(_("只有专班办公室可以开放补报"))
    if not reason.strip():
        raise DomainError(_("开放补报须填写原因"))
    if until_at <= timezone.now():
        raise DomainError(_("开放截止时间须晚于当前时间"))
    reopening = PeriodReopening(
        plan=plan, organisation=organisation, period=period, until_at=until_at, reason=reason.strip(), created_by=by
    )
    save_audited(reopening, by=by, reason=f"开放补报：{reason.strip()[:80]}")
    return reopening


ATTACHMENT_SUFFIXES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".txt", ".ofd"}


def report_attachment_add(*, report: MonthlyReport, upload, by) -> ReportAttachment:
    """Attach a file to the unit's own editable report; type and size are checked before anything is stored."""
    from pathlib import PurePath

    from django.conf import settings

    _check_editable(report, by)
    name = PurePath(upload.name).name[:200]
    if PurePath(name).suffix.lower() not in ATTACHMENT_SUFFIXES:
        raise DomainError(_("附件“{name}”的类型不支持，请上传 PDF、Word、Excel、图片或 OFD 文件").format(name=name))
    if upload.size > settings.JINENG_MAX_UPLOAD_BYTES:
        raise DomainError(_("附件“{name}”过大（{v2:.1f} MB），上限为 {v3} MB").format(name=name, v2=upload.size / 1048576, v3=settings.JINENG_MAX_UPLOAD_BYTES // 1048576))
    attachment = ReportAttachment(report=report, original_name=name, size=upload.size, uploaded_by=by)
    attachment.file.save(name, upload, save=False)
    save_audited(attachment, by=by, reason=f"上传附件 {name}")
    return attachment
