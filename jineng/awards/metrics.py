"""Metrics for the supervision desk (registered in AwardsConfig.ready), cumulative to the month's end, by the
district of the applicant:

- ``awards.chief_technicians`` — chief technicians (市级首席技师) awarded in the year's call up to the month's end;
- ``awards.master_studios`` — master studios (技能大师工作室) awarded likewise;
- ``awards.training_bases`` — high-skill training bases (高技能人才培养基地) funded likewise;
- ``awards.projects_under_way`` — awards of every kind whose funding period covers the month's end and which have
  no final assessment by then.

The first two bind the 2024 plan's task 31 targets (市级首席技师 100 名, 技能大师工作室 30 个) on import.
"""

from calendar import monthrange
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext_noop

from jineng.awards.choices import ApplicationState, AssessmentKind, CallKind
from jineng.awards.models import Assessment, Award
from jineng.core.metrics import Metric, MetricValue, PlanTarget, register_metric

READS = ("awards.Award", "awards.Application", "awards.Assessment")
_DISTRICT = "application__district__code"


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _by_district(rows: QuerySet) -> MetricValue:
    by_district = {code: Decimal(n) for code, n in rows.values(_DISTRICT).annotate(n=Count("id"))
                   .order_by(_DISTRICT).values_list(_DISTRICT, "n")}
    return MetricValue(city=sum(by_district.values(), Decimal(0)), by_district=by_district)


def _awarded(kind: str, year: int, month: int) -> MetricValue:
    rows = Award.objects.filter(application__call__kind=kind, application__call__year=year,
                                application__state=ApplicationState.AWARDED,
                                awarded_on__lte=_month_end(year, month))
    return _by_district(rows)


def chief_technicians(year: int, month: int) -> MetricValue:
    return _awarded(CallKind.CHIEF_TECHNICIAN, year, month)


def master_studios(year: int, month: int) -> MetricValue:
    return _awarded(CallKind.MASTER_STUDIO, year, month)


def training_bases(year: int, month: int) -> MetricValue:
    return _awarded(CallKind.TRAINING_BASE, year, month)


def projects_under_way(year: int, month: int) -> MetricValue:
    end = _month_end(year, month)
    finished = Assessment.objects.filter(award=OuterRef("pk"), kind=AssessmentKind.FINAL, assessed_on__lte=end)
    rows = (Award.objects.filter(period_start__lte=end, period_end__gte=end, amount__gt=0)
            .exclude(Exists(finished)))
    return _by_district(rows)


def register() -> None:
    for key, label, unit, compute, keywords in (
        ("awards.chief_technicians", gettext_noop("评选资助市级首席技师"), "名", chief_technicians, ("首席技师",)),
        ("awards.master_studios", gettext_noop("评选资助技能大师工作室"), "个", master_studios, ("大师工作室",)),
        ("awards.training_bases", gettext_noop("资助高技能人才培养基地"), "个", training_bases, ("高技能人才培养基地", "资助")),
        ("awards.projects_under_way", gettext_noop("资助期内的项目"), "个", projects_under_way, ("资助期内",)),
    ):
        register_metric(Metric(key=key, label=label, unit=unit, compute=compute, module="awards",
                               target=PlanTarget(unit=unit, keywords=keywords), invalidated_by=READS))
