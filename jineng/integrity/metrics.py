"""Metrics for the supervision desk (registered in IntegrityConfig.ready): open and confirmed risk findings.

A finding counts for a month when it was first found by a run started on or before the month's last moment;
it is counted by its current review status. Districts are the findings' districts.
"""

from calendar import monthrange
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_noop

from jineng.core.metrics import Metric, MetricValue, register_metric
from jineng.integrity.choices import FindingStatus
from jineng.integrity.models import RiskFinding


def _month_end(year: int, month: int) -> datetime:
    return datetime.combine(date(year, month, monthrange(year, month)[1]), time.max,
                            tzinfo=timezone.get_default_timezone())


def _count(status: str, year: int, month: int) -> MetricValue:
    findings = RiskFinding.objects.filter(status=status, first_run__created_at__lte=_month_end(year, month))
    by_district = {
        code: Decimal(n) for code, n in findings.filter(district__isnull=False).values("district__code")
        .annotate(n=Count("id")).order_by("district__code").values_list("district__code", "n")
    }
    return MetricValue(city=Decimal(findings.count()), by_district=by_district)


def open_findings(year: int, month: int) -> MetricValue:
    return _count(FindingStatus.OPEN, year, month)


def confirmed_findings(year: int, month: int) -> MetricValue:
    return _count(FindingStatus.CONFIRMED, year, month)


READS = ("integrity.RiskFinding", "integrity.RiskRun")


def register() -> None:
    register_metric(Metric(key="integrity.open_findings", label=gettext_noop("待核实风险线索"), unit="条",
                           compute=open_findings, module="integrity", invalidated_by=READS))
    register_metric(Metric(key="integrity.confirmed_findings", label=gettext_noop("查实风险线索"), unit="条",
                           compute=confirmed_findings, module="integrity", invalidated_by=READS))
