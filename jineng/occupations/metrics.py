"""Catalogue metrics for the supervision desk (plan row 4: 100 urgent occupations, 30 new-skill projects)."""

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext_noop

from jineng.core.metrics import Metric, MetricValue, PlanTarget, register_metric
from jineng.occupations.choices import CatalogueKind


def _entries_in_force(kind: str) -> Callable[[int, int], MetricValue]:
    def compute(year: int, month: int) -> MetricValue:
        from jineng.occupations.selectors.catalogues import catalogue_entry_count_at

        return MetricValue(city=Decimal(catalogue_entry_count_at(kind=kind, year=year, month=month)), by_district={})

    return compute


READS = ("occupations.CatalogueVersion", "occupations.CatalogueEntry")


def register_catalogue_metrics() -> None:
    register_metric(Metric(key="catalogue.urgent_entries", label=gettext_noop("急需紧缺目录已发布条目"), unit="项",
                           compute=_entries_in_force(CatalogueKind.URGENT), module="occupations",
                           target=PlanTarget(unit="项", keywords=("急需紧缺", "目录")), invalidated_by=READS))
    register_metric(Metric(key="catalogue.new_skill_entries", label=gettext_noop("新技能培训项目目录已发布条目"), unit="项",
                           compute=_entries_in_force(CatalogueKind.NEW_SKILL), module="occupations",
                           target=PlanTarget(unit="项", keywords=("新技能培训项目", "目录")), invalidated_by=READS))
