"""Reads of campaigns, enterprises and demand reports, scoped to what the viewer may see."""

from datetime import date

from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from jineng.demand.models import Campaign, DemandLine, DemandReport, DemandUpload, EnterpriseProfile


def campaign_list() -> QuerySet[Campaign]:
    return Campaign.objects.prefetch_related("industries").order_by("-opens_on", "name")


def campaign_get(campaign_id: int) -> Campaign:
    campaign = Campaign.objects.prefetch_related("industries").filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404("填报批次不存在")
    return campaign


def campaign_years() -> list[int]:
    return sorted(set(Campaign.objects.values_list("year", flat=True)), reverse=True)


def campaigns_open_to(*, enterprise_profile: EnterpriseProfile | None, today: date | None = None) -> list[Campaign]:
    """Campaigns the enterprise may still report in: not yet closed and aimed at its industry."""
    if enterprise_profile is None:
        return []
    today = today or timezone.localdate()
    campaigns = campaign_list().filter(closes_on__gte=today)
    return [c for c in campaigns if not c.industries.all() or enterprise_profile.industry in c.industries.all()]


def enterprise_profile_of(organisation_id: int | None) -> EnterpriseProfile | None:
    if not organisation_id:
        return None
    return EnterpriseProfile.objects.select_related("district", "industry").filter(organisation_id=organisation_id).first()


def demand_report_list(
    *, viewer, campaign_id: int | None = None, state: str = "", industry_id: int | None = None,
    district_id: int | None = None,
) -> QuerySet[DemandReport]:
    reports = DemandReport.objects.visible_to(viewer).select_related(
        "campaign", "enterprise", "district", "industry"
    )
    if campaign_id:
        reports = reports.filter(campaign_id=campaign_id)
    if state:
        reports = reports.filter(state=state)
    if industry_id:
        reports = reports.filter(industry_id=industry_id)
    if district_id:
        reports = reports.filter(district_id=district_id)
    return reports.annotate(line_count=Count("lines"), headcount=Sum("lines__headcount")).order_by(
        "-campaign__opens_on", "enterprise__name"
    )


def get_demand_report_for_user(user, report_id) -> DemandReport:
    """The report if the user may see it; 'missing' and 'forbidden' look the same (404)."""
    try:
        report_id = int(report_id)
    except (TypeError, ValueError) as exc:
        raise Http404("填报不存在") from exc
    report = (
        DemandReport.objects.visible_to(user).filter(pk=report_id)
        .select_related("campaign", "enterprise", "district", "industry", "reviewed_by", "created_by")
        .first()
    )
    if report is None:
        raise Http404("填报不存在")
    return report


def demand_line_list(*, report: DemandReport) -> QuerySet[DemandLine]:
    return report.lines.select_related("occupation", "work_type").order_by("occupation__code", "work_type__name", "-level")


def get_demand_line_for_user(user, *, report_id, line_id) -> DemandLine:
    report = get_demand_report_for_user(user, report_id)
    line = demand_line_list(report=report).filter(pk=line_id).first()
    if line is None:
        raise Http404("需求明细不存在")
    return line


def get_demand_upload_for_user(user, upload_id) -> DemandUpload:
    """An upload of a report the user may see (404 otherwise)."""
    upload = (DemandUpload.objects.visible_to(user).filter(pk=upload_id)
              .select_related("report__campaign", "report__enterprise").first())
    if upload is None:
        raise Http404(gettext("上传记录不存在"))
    return upload


def demand_upload_list(*, viewer, report: DemandReport | None = None) -> QuerySet[DemandUpload]:
    uploads = DemandUpload.objects.visible_to(viewer).select_related("report__campaign").order_by("-pk")
    return uploads.filter(report=report) if report is not None else uploads
