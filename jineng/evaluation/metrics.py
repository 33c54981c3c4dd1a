"""Desk metrics of evaluation (registered in EvaluationConfig.ready), cumulative from 1 January to the month's
end, by the district of the body:

- ``evaluation.new_social_items`` (新增社会化评价项目, 个): occupations or work types a social training-evaluation
  organisation registered in the year that no social organisation held before the year; the city counts each
  item once, a district each item registered by a body in it;
- ``evaluation.new_employer_bodies`` (新增用人单位评价机构, 家): employer-led bodies published in the year (still
  published or suspended, not withdrawn);
- ``evaluation.special_items_by_employers`` (用人单位评价机构自主开发的专项职业能力考核项目, 个): special-competence
  catalogue items registered in the year as developed by an employer or college body, each item once;
- ``evaluation.colleges_filed`` (院校备案成为用人单位技能评价机构, 家): college bodies published in the year.
"""

from calendar import monthrange
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_noop

from jineng.core.metrics import Metric, MetricValue, PlanTarget, register_metric
from jineng.evaluation.choices import BodyKind, BodyStatus
from jineng.evaluation.models import BodyScope, EvaluationBody

READS = ("evaluation.EvaluationBody", "evaluation.BodyScope")
_LIVE = (BodyStatus.PUBLISHED, BodyStatus.SUSPENDED)


def _bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, month, monthrange(year, month)[1])


def _value(city: int, rows) -> MetricValue:
    by_district = {code: Decimal(n) for code, n in rows}
    return MetricValue(city=Decimal(city), by_district=by_district)


def _bodies(kind: str, year: int, month: int) -> MetricValue:
    first, last = _bounds(year, month)
    rows = EvaluationBody.objects.filter(kind=kind, status__in=_LIVE, published_on__range=(first, last))
    by = rows.values("district__code").annotate(n=Count("id")).order_by("district__code")
    return _value(rows.count(), [(r["district__code"], r["n"]) for r in by])


def new_employer_bodies(year: int, month: int) -> MetricValue:
    return _bodies(BodyKind.EMPLOYER, year, month)


def colleges_filed(year: int, month: int) -> MetricValue:
    return _bodies(BodyKind.COLLEGE, year, month)


def _distinct_items(rows, item: tuple[str, ...]) -> MetricValue:
    city = rows.values(*item).distinct().count()
    pairs = {(r["body__district__code"], tuple(r[f] for f in item))
             for r in rows.values("body__district__code", *item)}
    counts: dict[str, int] = {}
    for code, _item in pairs:
        counts[code] = counts.get(code, 0) + 1
    return _value(city, sorted(counts.items()))


def new_social_items(year: int, month: int) -> MetricValue:
    first, last = _bounds(year, month)
    social = Q(body__kind=BodyKind.SOCIAL, body__status__in=_LIVE, occupation__isnull=False)
    held_before = BodyScope.objects.filter(social, registered_on__lt=first).values_list("occupation_id",
                                                                                          "work_type_id")
    rows = BodyScope.objects.filter(social, registered_on__range=(first, last))
    old = set(held_before)
    keep = [pk for pk, occ, wt in rows.values_list("pk", "occupation_id", "work_type_id") if (occ, wt) not in old]
    return _distinct_items(BodyScope.objects.filter(pk__in=keep), ("occupation_id", "work_type_id"))


def special_items_by_employers(year: int, month: int) -> MetricValue:
    first, last = _bounds(year, month)
    rows = BodyScope.objects.filter(special_item__isnull=False, developed_by_body=True,
                                    body__kind__in=(BodyKind.EMPLOYER, BodyKind.COLLEGE), body__status__in=_LIVE,
                                    registered_on__range=(first, last))
    return _distinct_items(rows, ("special_item__key",))


def register() -> None:
    # The last column names the plan target each computes (keywords of its label; the unit is the metric's).
    for key, label, unit, compute, keywords in (
        ("evaluation.new_social_items", gettext_noop("新增社会化评价项目（职业、工种）"), "个", new_social_items, ("社会化评价项目",)),
        ("evaluation.new_employer_bodies", gettext_noop("新增用人单位评价机构"), "家", new_employer_bodies, ("用人单位评价机构",)),
        ("evaluation.special_items_by_employers", gettext_noop("用人单位评价机构自主开发专项职业能力考核项目"), "个",
         special_items_by_employers, ("专项职业能力", "考核项目")),
        ("evaluation.colleges_filed", gettext_noop("院校备案成为用人单位技能评价机构"), "家", colleges_filed, ("院校", "备案")),
    ):
        register_metric(Metric(key=key, label=label, unit=unit, compute=compute, module="evaluation",
                               target=PlanTarget(unit=unit, keywords=keywords), invalidated_by=READS))
