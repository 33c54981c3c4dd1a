"""Metrics for the supervision desk (registered in TrainingConfig.ready), cumulative to the month's end.

Person-times count enrolments in subsidised classes (``TrainingClass.is_subsidised``) whose enrolment date lies
between 1 January and the month's last day, by the district of the institution:

- ``training.subsidised_person_times`` — every such enrolment (补贴性职业技能培训人次);
- ``training.new_skill_person_times`` — those in classes whose project has a skill level (等级工培训: the class
  leads to a skill-level certificate, not a special-competence one);
- ``training.life_service_person_times`` — those whose project serves a life-service industry;
- ``training.apprentices`` — new-type apprentices whose apprenticeship is running at some point between
  1 January and the month's end, by the apprenticeship's district;

The high-skill certificate metric counts the certificate register (``certificates.metrics``).
"""

from calendar import monthrange
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_noop

from jineng.core.metrics import Metric, MetricValue, PlanTarget, register_metric
from jineng.training.models import Apprenticeship, Enrolment


def _bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, month, monthrange(year, month)[1])


def _by_district(rows: QuerySet, field: str) -> MetricValue:
    by_district = {code: Decimal(n) for code, n in rows.values(field).annotate(n=Count("id")).order_by(field)
                   .values_list(field, "n")}
    return MetricValue(city=sum(by_district.values(), Decimal(0)), by_district=by_district)


def _subsidised(year: int, month: int) -> QuerySet:
    first, last = _bounds(year, month)
    return Enrolment.objects.filter(training_class__is_subsidised=True, enrolled_date__range=(first, last))


_DISTRICT = "training_class__institution__district__code"
READS = ("training.Enrolment", "training.TrainingClass", "training.TrainingProject", "training.Institution")


def subsidised_person_times(year: int, month: int) -> MetricValue:
    return _by_district(_subsidised(year, month), _DISTRICT)


def new_skill_person_times(year: int, month: int) -> MetricValue:
    return _by_district(_subsidised(year, month).filter(training_class__project__level__isnull=False), _DISTRICT)


def life_service_person_times(year: int, month: int) -> MetricValue:
    return _by_district(_subsidised(year, month).filter(training_class__project__industry__kind="life_service"),
                        _DISTRICT)


def apprentices(year: int, month: int) -> MetricValue:
    first, last = _bounds(year, month)
    return _by_district(Apprenticeship.objects.filter(start_date__lte=last, end_date__gte=first), "district__code")


def register() -> None:
    # The last column names the plan target each computes (its label's keywords; the unit is the metric's).
    for key, label, unit, compute, keywords in (
        ("training.subsidised_person_times", gettext_noop("补贴性职业技能培训人次"), "人次", subsidised_person_times,
         ("补贴性", "培训")),
        ("training.new_skill_person_times", gettext_noop("等级工（新技能）培训人次"), "人次", new_skill_person_times, ("等级工",)),
        ("training.life_service_person_times", gettext_noop("生活性服务业培训人次"), "人次", life_service_person_times,
         ("生活性服务业", "培训")),
        ("training.apprentices", gettext_noop("企业新型学徒制培训人数"), "人", apprentices, ("新型学徒制",)),
    ):
        reads = ("training.Apprenticeship",) if compute is apprentices else READS
        register_metric(Metric(key=key, label=label, unit=unit, compute=compute, module="training",
                               target=PlanTarget(unit=unit, keywords=keywords), invalidated_by=reads))
