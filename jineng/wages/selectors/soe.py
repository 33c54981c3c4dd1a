"""The SOE commitments computed from the reports (items 12 and 34) with the list of those falling short."""

from dataclasses import dataclass

from django.db.models import QuerySet

from jineng.wages.engine.commitments import (
    EnterpriseFigures,
    GrowthComparison,
    ShareComparison,
    growth_by_enterprise,
    growth_by_group,
    share_by_group,
)
from jineng.wages.models import CityBenchmark, EnterpriseOwnership, SoeReport


def soe_reports(*, viewer, year: int | None = None) -> QuerySet[SoeReport]:
    reports = SoeReport.objects.visible_to(viewer).select_related(
        "enterprise__organisation", "enterprise__ownership__group")
    if year:
        reports = reports.filter(year=year)
    return reports.order_by("-year", "enterprise__ownership__group__name", "enterprise__organisation__name")


def report_figures(reports) -> list[EnterpriseFigures]:
    figures = []
    for r in reports:
        ownership = getattr(r.enterprise, "ownership", None)
        group = ownership.group.name if ownership is not None and ownership.group_id else ""
        figures.append(EnterpriseFigures(
            enterprise=r.enterprise.organisation.name, group=group, skilled=r.skilled_workers,
            new_high_skilled=r.new_high_skilled, high_skilled=r.high_skilled_workers, managers=r.managers,
            high_skilled_growth=r.high_skilled_pay_growth, manager_growth=r.manager_pay_growth))
    return figures


@dataclass(frozen=True)
class Commitments:
    year: int
    benchmark: CityBenchmark | None
    shares: list[ShareComparison]  # item 12, per municipal group
    growth_groups: list[GrowthComparison]  # item 34, per group
    growth_enterprises: list[GrowthComparison]  # item 34, per enterprise
    reports: int

    @property
    def share_short(self) -> list[ShareComparison]:
        return [s for s in self.shares if s.meets is False]

    @property
    def growth_short(self) -> list[GrowthComparison]:
        return [g for g in self.growth_groups + self.growth_enterprises if g.meets is False]


def soe_commitments(*, year: int) -> Commitments:
    reports = list(SoeReport.objects.filter(year=year).select_related(
        "enterprise__organisation", "enterprise__ownership__group"))
    figures = report_figures(reports)
    benchmark = CityBenchmark.objects.filter(year=year).first()
    shares = share_by_group(figures, city_skilled=benchmark.skilled_workers if benchmark else 0,
                            city_new_high_skilled=benchmark.new_high_skilled if benchmark else 0)
    return Commitments(year=year, benchmark=benchmark, shares=shares, growth_groups=growth_by_group(figures),
                       growth_enterprises=growth_by_enterprise(figures), reports=len(reports))


def ownership_list() -> QuerySet[EnterpriseOwnership]:
    return EnterpriseOwnership.objects.select_related("enterprise__organisation", "group").order_by(
        "ownership", "group__name", "enterprise__organisation__name")
