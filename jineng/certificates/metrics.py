"""The desk's high-skill certificate metric, from the register (moved here from training, which counted the
certificates written on enrolments).

``certificates.high_skill_certificates`` — certificates of levels three to one (三级/高级工, 二级/技师,
一级/高级技师) issued from 1 January to the month's end, by the district of the issuing body. Revoked
certificates do not count (a revoked certificate is not a new high-skilled worker); suspended ones still do.
"""

from calendar import monthrange
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_noop

from jineng.certificates.choices import CertificateStatus
from jineng.certificates.models import Certificate
from jineng.core.metrics import Metric, MetricValue, PlanTarget, register_metric
from jineng.occupations.choices import SkillLevel

HIGH_LEVELS = (SkillLevel.L3, SkillLevel.L2, SkillLevel.L1)


def high_skill_certificates(year: int, month: int) -> MetricValue:
    first, last = date(year, 1, 1), date(year, month, monthrange(year, month)[1])
    rows = (Certificate.objects.filter(issued_on__range=(first, last), level__in=HIGH_LEVELS)
            .exclude(status=CertificateStatus.REVOKED)
            .values("body__district__code").annotate(n=Count("id")).order_by("body__district__code")
            .values_list("body__district__code", "n"))
    by_district = {code: Decimal(n) for code, n in rows}
    return MetricValue(city=sum(by_district.values(), Decimal(0)), by_district=by_district)


def register() -> None:
    register_metric(Metric(
        key="certificates.high_skill_certificates", label=gettext_noop("新增取得高级工以上等级证书人次"), unit="人次",
        compute=high_skill_certificates, module="certificates",
        target=PlanTarget(unit="人次", keywords=("高级工以上", "证书")),
        invalidated_by=("certificates.Certificate", "evaluation.EvaluationBody")))
