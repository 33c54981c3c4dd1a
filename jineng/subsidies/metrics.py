"""Metrics for the supervision desk (registered in SubsidiesConfig.ready).

A payment counts for a month when it is paid on or before the month's last moment (Asia/Shanghai) in that
year; its district is the claim's. One query per metric, whatever the number of districts.
"""

from calendar import monthrange
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_noop

from jineng.core.metrics import Metric, MetricValue, register_metric
from jineng.subsidies.choices import PaymentStatus
from jineng.subsidies.models import Payment
from jineng.subsidies.reference import read_csv


def _paid(year: int, month: int, scheme_code: str = ""):
    zone = timezone.get_default_timezone()
    start = datetime.combine(date(year, 1, 1), time.min, tzinfo=zone)
    end = datetime.combine(date(year, month, monthrange(year, month)[1]), time.max, tzinfo=zone)
    payments = Payment.objects.filter(status=PaymentStatus.PAID, paid_at__gte=start, paid_at__lte=end)
    return payments.filter(claim__scheme__code=scheme_code) if scheme_code else payments


def _by_district(payments, aggregate) -> MetricValue:
    rows = (payments.values("claim__district__code").annotate(v=aggregate).order_by("claim__district__code")
            .values_list("claim__district__code", "v"))
    by_district = {code: Decimal(value or 0) for code, value in rows}
    return MetricValue(city=sum(by_district.values(), Decimal(0)), by_district=by_district)


def amount_paid(year: int, month: int, scheme_code: str = "") -> MetricValue:
    return _by_district(_paid(year, month, scheme_code), Sum("amount"))


def claims_paid(year: int, month: int) -> MetricValue:
    return _by_district(_paid(year, month), Count("pk"))


READS = ("subsidies.Payment", "subsidies.Claim")


def register() -> None:
    register_metric(Metric(key="subsidies.amount_paid", label=gettext_noop("补贴拨付金额（全部项目）"), unit="元",
                           compute=amount_paid, module="subsidies", invalidated_by=READS))
    register_metric(Metric(key="subsidies.claims_paid", label=gettext_noop("补贴拨付人次"), unit="人次",
                           compute=claims_paid, module="subsidies", invalidated_by=READS))
    # One per scheme of the data file, so the desk can bind an indicator to a scheme before any is paid.
    for row in read_csv("schemes.csv"):
        code = row["code"]
        register_metric(Metric(key=f"subsidies.amount_paid.{code}", label=gettext_noop("补贴拨付金额（%(scheme)s）"),
                               label_args=(("scheme", row["name"]),), unit="元",
                               compute=lambda year, month, code=code: amount_paid(year, month, code),
                               module="subsidies", invalidated_by=READS))
