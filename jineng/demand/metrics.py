"""Metrics for the supervision desk (registered in DemandConfig.ready).

A report counts for a month when it is submitted or accepted now, belongs to a campaign of that year, and was
first submitted on or before the month's last moment (Asia/Shanghai). Districts are those of the reports.
"""

from calendar import monthrange
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_noop

from jineng.core.metrics import Metric, MetricValue, register_metric
from jineng.demand.choices import COUNTED_STATES
from jineng.demand.models import DemandLine, DemandReport


def _month_end(year: int, month: int) -> datetime:
    last_day = monthrange(year, month)[1]
    return datetime.combine(date(year, month, last_day), time.max, tzinfo=timezone.get_default_timezone())


def _reports(year: int, month: int):
    return DemandReport.objects.filter(
        campaign__year=year, state__in=COUNTED_STATES, first_submitted_at__lte=_month_end(year, month)
    )


def enterprises_reporting(year: int, month: int) -> MetricValue:
    reports = _reports(year, month)
    by_district = {
        code: Decimal(count)
        for code, count in reports.values("district__code").annotate(n=Count("enterprise_id", distinct=True))
        .order_by("district__code").values_list("district__code", "n")
    }
    city = reports.aggregate(n=Count("enterprise_id", distinct=True))["n"] or 0
    return MetricValue(city=Decimal(city), by_district=by_district)


def lines_reported(year: int, month: int) -> MetricValue:
    lines = DemandLine.objects.filter(report__in=_reports(year, month))
    by_district = {
        code: Decimal(count)
        for code, count in lines.values("report__district__code").annotate(n=Count("id"))
        .order_by("report__district__code").values_list("report__district__code", "n")
    }
    return MetricValue(city=Decimal(sum(by_district.values(), Decimal(0))), by_district=by_district)


READS = ("demand.DemandReport", "demand.DemandLine")


def register() -> None:
    register_metric(Metric(key="demand.enterprises_reporting", label=gettext_noop("填报急需紧缺职业需求的企业"), unit="家",
                           compute=enterprises_reporting, module="demand", invalidated_by=READS))
    register_metric(Metric(key="demand.lines", label=gettext_noop("急需紧缺职业需求明细"), unit="条",
                           compute=lines_reported, module="demand", invalidated_by=READS))
