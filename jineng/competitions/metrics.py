"""Desk metrics of competitions (registered in CompetitionsConfig.ready), cumulative from 1 January to the
month's end, by the event's district:

- ``competitions.items`` (竞赛项目, 个; binds item 29's "编制发布300个竞赛项目"): events of the year's monthly plan
  in the latest version published by the month's end, cancelled ones left out;
- ``competitions.contestants`` (参赛选手, 人次): registrations (not withdrawn) for events starting in the year
  by the month's end;
- ``competitions.certificates`` (竞赛发证, 本): certificates issued from competition results by the month's end;
- ``competitions.promotions`` (竞赛晋级, 人): of those, promotions by one level (or a medal level).
"""

from calendar import monthrange
from collections import Counter
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils.translation import gettext_noop

from jineng.competitions.choices import Outcome, RegistrationStatus
from jineng.competitions.models import PlanVersion, Registration, Result
from jineng.core.metrics import Metric, MetricValue, PlanTarget, register_metric

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, month, monthrange(year, month)[1])


def _value(rows) -> MetricValue:
    by_district = {code: Decimal(n) for code, n in rows if code}
    return MetricValue(city=sum(by_district.values(), Decimal(0)), by_district=by_district)


def items(year: int, month: int) -> MetricValue:
    _first, last = _bounds(year, month)
    end = datetime.combine(last, time.max, tzinfo=SHANGHAI)
    version = (PlanVersion.objects.filter(plan__year=year, published_at__lte=end).order_by("-number")
               .only("events").first())
    if version is None:
        return MetricValue(city=Decimal(0))
    counts = Counter(line["district"] for line in version.events if not line.get("cancelled"))
    return _value(sorted(counts.items()))


def contestants(year: int, month: int) -> MetricValue:
    first, last = _bounds(year, month)
    rows = (Registration.objects.filter(status=RegistrationStatus.REGISTERED, event__start_date__range=(first, last))
            .values("event__district__code").annotate(n=Count("id")).order_by("event__district__code"))
    return _value([(r["event__district__code"], r["n"]) for r in rows])


def _issued(year: int, month: int, outcomes) -> MetricValue:
    first, last = _bounds(year, month)
    rows = (Result.objects.filter(certificate__isnull=False, certificate__issued_on__range=(first, last),
                                  outcome__in=outcomes)
            .values("event__district__code").annotate(n=Count("id")).order_by("event__district__code"))
    return _value([(r["event__district__code"], r["n"]) for r in rows])


def certificates(year: int, month: int) -> MetricValue:
    return _issued(year, month, (Outcome.CERTIFICATE, Outcome.PROMOTION))


def promotions(year: int, month: int) -> MetricValue:
    return _issued(year, month, (Outcome.PROMOTION,))


def register() -> None:
    for key, label, unit, compute, target, reads in (
        ("competitions.items", gettext_noop("职业技能月月赛计划竞赛项目"), "个", items, PlanTarget(unit="个", keywords=("竞赛项目",)),
         ("competitions.PlanVersion",)),
        ("competitions.contestants", gettext_noop("职业技能竞赛参赛选手"), "人次", contestants, None,
         ("competitions.Registration",)),
        ("competitions.certificates", gettext_noop("通过职业技能竞赛取得证书"), "本", certificates, None,
         ("competitions.Result", "certificates.Certificate")),
        ("competitions.promotions", gettext_noop("通过职业技能竞赛晋升等级"), "人", promotions, None, ("competitions.Result",)),
    ):
        register_metric(Metric(key=key, label=label, unit=unit, compute=compute, module="competitions",
                               target=target, invalidated_by=reads))
