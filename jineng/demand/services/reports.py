"""The demand report workflow: draft → submitted → accepted, or returned with a comment → resubmitted.

An enterprise opens a draft for a campaign that has not closed, edits its lines, and submits within the
campaign's dates. A returned report may be corrected and resubmitted after the closing date: the reviewer
asked for it. The reviewing department (by the enterprise's industry) or the programme office returns or
accepts a submitted report.
"""
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.core.messages import message_text
from jineng.demand import permissions
from jineng.demand.choices import EDITABLE_STATES, ReportState
from jineng.demand.engine.lines import parse_line
from jineng.demand.models import Campaign, DemandLine, DemandReport
from jineng.demand.selectors.reports import enterprise_profile_of
from jineng.demand.services.lines import lookups_load, parse_skill_level_value
from jineng.demand.workflows import DEMAND_REPORT_WORKFLOW


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def demand_report_open(*, campaign: Campaign, by, today: date | None = None) -> DemandReport:
    """The enterprise's report for the campaign: the existing one, or a new draft while the campaign runs."""
    if not permissions.is_enterprise_user(by):
        raise DomainError(_("只有企业用户可以填报需求"))
    report = DemandReport.objects.filter(campaign=campaign, enterprise_id=by.organisation_id).first()
    if report is not None:
        return report
    profile = enterprise_profile_of(by.organisation_id)
    if profile is None:
        raise DomainError(_("贵单位尚未登记统一社会信用代码、所在区和所属产业，请联系专班办公室"))
    if _today(today) > campaign.closes_on:
        raise DomainError(_("“{name}”已于 {closes_on:%Y-%m-%d} 截止填报").format(name=campaign.name, closes_on=campaign.closes_on))
    industries = list(campaign.industries.all())
    if industries and profile.industry not in industries:
        names = _("、").join(i.name for i in industries)
        raise DomainError(_("“{name}”面向{names}，贵单位所属产业（{name2}）不在其中").format(name=campaign.name, names=names, name2=profile.industry.name))
    report = DemandReport(campaign=campaign, enterprise_id=by.organisation_id, district=profile.district,
                          industry=profile.industry, created_by=by)
    try:
        with transaction.atomic():
            save_audited(report, by=by, reason=gettext_noop("新建需求填报"))
    except IntegrityError:  # opened at the same moment in another tab
        return DemandReport.objects.get(campaign=campaign, enterprise_id=by.organisation_id)
    return report


def check_editable(report: DemandReport, by, today: date | None = None) -> None:
    if not permissions.is_enterprise_user(by) or report.enterprise_id != by.organisation_id:
        raise NotAllowed(_("只能修改本单位的需求填报"))
    if report.state not in EDITABLE_STATES:
        raise InvalidState(_("填报当前状态为“{state}”，不能修改").format(state=report.get_state_display()))
    if report.state == ReportState.DRAFT and _today(today) > report.campaign.closes_on:
        raise DomainError(_("“{name}”已于 {closes_on:%Y-%m-%d} 截止填报").format(name=report.campaign.name, closes_on=report.campaign.closes_on))


def _locked(report: DemandReport) -> DemandReport:
    return DemandReport.objects.select_for_update().select_related("campaign").get(pk=report.pk)


def demand_report_save(*, report: DemandReport, by, note: str, today: date | None = None) -> DemandReport:
    note = note.strip()
    if len(note) > 2000:
        raise DomainError(_("填报说明不能超过 2000 个字"))
    with transaction.atomic():
        report = _locked(report)
        check_editable(report, by, today)
        if report.note != note:
            report.note = note
            save_audited(report, by=by, reason=gettext_noop("保存填报说明"), update_fields=["note"])
    return report


def _line_values(fields: dict[str, Any]):
    raw = dict(fields)
    values, errors = parse_line(raw, lookups_load(), level_parser=parse_skill_level_value)
    if errors:
        raise DomainError(_("；").join(_("“{column}”：{message}").format(column=_(column), message=message_text(message))
                                      for column, message in errors))
    return values


DUPLICATE = gettext_lazy("本填报已有职业、工种和技能等级都相同的一行需求，请修改那一行")


def demand_line_add(*, report: DemandReport, by, today: date | None = None, **fields: Any) -> DemandLine:
    """fields: occupation (code), work_type (name or ""), level (SkillLevel value), headcount, urgency,
    vacancy_months, applicants_per_vacancy, offered_monthly_pay, expected_hire_date, reason."""
    values = _line_values(fields)
    with transaction.atomic():
        report = _locked(report)
        check_editable(report, by, today)
        if DemandLine.objects.filter(report=report, occupation_id=values.occupation_id,
                                     work_type_id=values.work_type_id, level=values.level).exists():
            raise DomainError(DUPLICATE)
        line = DemandLine(report=report, **values.as_fields())
        save_audited(line, by=by, reason=gettext_noop("新增需求"))
    return line


def demand_line_update(*, line: DemandLine, by, today: date | None = None, **fields: Any) -> DemandLine:
    values = _line_values(fields)
    with transaction.atomic():
        check_editable(_locked(line.report), by, today)
        clash = DemandLine.objects.filter(report_id=line.report_id, occupation_id=values.occupation_id,
                                          work_type_id=values.work_type_id, level=values.level).exclude(pk=line.pk)
        if clash.exists():
            raise DomainError(DUPLICATE)
        changed = [name for name, value in values.as_fields().items() if getattr(line, name) != value]
        for name in changed:
            setattr(line, name, values.as_fields()[name])
        if changed:
            save_audited(line, by=by, reason=gettext_noop("修改需求"), update_fields=changed)
    return line


def demand_line_remove(*, line: DemandLine, by, today: date | None = None) -> None:
    with transaction.atomic():
        check_editable(_locked(line.report), by, today)
        line._history_user, line._change_reason = by, _("删除需求")
        line.delete()


def demand_report_submit(*, report: DemandReport, by, today: date | None = None) -> DemandReport:
    today = _today(today)

    def guard(locked: DemandReport, step) -> None:
        check_editable(locked, by, today)
        campaign = locked.campaign
        if step.source != ReportState.RETURNED and not campaign.opens_on <= today <= campaign.closes_on:
            raise DomainError(_("“{name}”的填报时间为 {opens_on:%Y-%m-%d} 至 {closes_on:%Y-%m-%d}").format(
                name=campaign.name, opens_on=campaign.opens_on, closes_on=campaign.closes_on))
        if not locked.lines.exists():
            raise DomainError(_("填报中没有需求明细，请至少填写一行后再提交"))

    def record_where(locked: DemandReport, step) -> list[str]:
        profile = enterprise_profile_of(locked.enterprise_id)
        if profile is None:  # the report records where the enterprise was when it reported
            return []
        locked.district_id, locked.industry_id = profile.district_id, profile.industry_id
        return ["district", "industry"]

    return DEMAND_REPORT_WORKFLOW.take(report, "submit", by=by, guard=guard, effects=record_where)


def demand_report_return(*, report: DemandReport, by, comment: str) -> DemandReport:
    return DEMAND_REPORT_WORKFLOW.take(report, "return", by=by, comment=comment)


def demand_report_accept(*, report: DemandReport, by, comment: str = "") -> DemandReport:
    return DEMAND_REPORT_WORKFLOW.take(report, "accept", by=by, comment=comment)
