"""Desk metrics of wages (registered in WagesConfig.ready): the wage table published (milestone), the SOE
comparisons of items 12 and 34 (how many fall short), districts surveyed (item 41).

No ``PlanTarget``: the 2024 plan's targets for items 12 and 34 are comparisons without a unit ("高于全市平均水平",
"不低于单位管理人员") and item 33/41 have none, so nothing is bound on import; the office may bind them by hand.
"""

from calendar import monthrange
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_noop

from jineng.core.metrics import Metric, MetricValue, register_metric


def _month_end(year: int, month: int) -> datetime:
    return datetime.combine(date(year, month, monthrange(year, month)[1]), time.max,
                            tzinfo=timezone.get_default_timezone())


def table_published(year: int, month: int) -> MetricValue:
    from jineng.wages.models import TableVersion

    published = TableVersion.objects.filter(published_at__year=year, published_at__lte=_month_end(year, month))
    return MetricValue(city=Decimal(1 if published.exists() else 0))


def groups_short_of_item12(year: int, month: int) -> MetricValue:
    from jineng.wages.selectors.soe import soe_commitments

    return MetricValue(city=Decimal(len(soe_commitments(year=year).share_short)))


def enterprises_short_of_item34(year: int, month: int) -> MetricValue:
    from jineng.wages.selectors.soe import soe_commitments

    facts = soe_commitments(year=year)
    return MetricValue(city=Decimal(sum(1 for g in facts.growth_enterprises if g.meets is False)))


def districts_surveyed(year: int, month: int) -> MetricValue:
    from jineng.wages.models import DistrictSurvey

    codes = set(DistrictSurvey.objects.filter(year=year, uploaded_at__lte=_month_end(year, month))
                .values_list("district__code", flat=True))
    return MetricValue(city=Decimal(len(codes)), by_district={code: Decimal(1) for code in codes})


def register() -> None:
    register_metric(Metric(key="wages.table_published", label=gettext_noop("技能人才市场工资价位已发布"), unit="项",
                           compute=table_published, module="wages", invalidated_by=("wages.TableVersion",)))
    soe = ("wages.SoeReport", "wages.CityBenchmark", "wages.EnterpriseOwnership")
    register_metric(Metric(key="wages.item12_groups_short", label=gettext_noop("新增高技能人才占比未高于全市的市属国企集团数"),
                           unit="个", compute=groups_short_of_item12, module="wages", invalidated_by=soe))
    register_metric(Metric(key="wages.item34_enterprises_short", label=gettext_noop("高技能人才工资增幅低于管理人员的国企数"),
                           unit="家", compute=enterprises_short_of_item34, module="wages", invalidated_by=soe))
    register_metric(Metric(key="wages.districts_surveyed", label=gettext_noop("已完成技能人才调查排摸的区"), unit="个",
                           compute=districts_surveyed, module="wages",
                           invalidated_by=("wages.DistrictSurvey", "wages.DistrictSurveyCount")))
