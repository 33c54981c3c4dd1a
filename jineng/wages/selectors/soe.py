"""The SOE commitments computed from the reports (items 12 and 34) with the list of those falling short."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Q, QuerySet

from jineng.occupations.choices import HIGH_SKILLED
from jineng.wages.choices import PostCategory
from jineng.wages.engine.commitments import (
    PERCENT,
    EnterpriseFigures,
    GrowthComparison,
    ShareComparison,
    growth_by_enterprise,
    growth_by_group,
    share_by_group,
)
from jineng.wages.models import CityBenchmark, EnterpriseOwnership, SoeReport, WageRecord


def soe_reports(*, viewer, year: int | None = None) -> QuerySet[SoeReport]:
    reports = SoeReport.objects.visible_to(viewer).select_related(
        "enterprise__organisation", "enterprise__ownership__group")
    if year:
        reports = reports.filter(year=year)
    return reports.order_by("-year", "enterprise__ownership__group__name", "enterprise__organisation__name")


def survey_pay_growth(*, enterprise_ids, year: int) -> dict[int, tuple[Decimal, Decimal]]:
    """Average pay growth of high-skilled workers (技能 posts, 三级 and above) and of managers (管理 posts) from
    the wage surveys of ``year`` and the year before, for the enterprises that took part in both."""
    high = Q(post_category=PostCategory.SKILL, level__in=[int(v) for v in HIGH_SKILLED])
    rows = (WageRecord.objects.filter(enterprise_id__in=list(enterprise_ids), round__data_year__in=(year - 1, year))
            .values("enterprise_id", "round__data_year")
            .annotate(high=Avg("annual_pay", filter=high),
                      managers=Avg("annual_pay", filter=Q(post_category=PostCategory.MANAGEMENT)))
            .order_by())
    means: dict[int, dict[int, tuple]] = {}
    for row in rows:
        means.setdefault(row["enterprise_id"], {})[row["round__data_year"]] = (row["high"], row["managers"])
    growth = {}
    for enterprise_id, by_year in means.items():
        before, after = by_year.get(year - 1), by_year.get(year)
        if before and after and all(before) and all(after):
            growth[enterprise_id] = tuple(
                (Decimal(after[i]) / Decimal(before[i]) * 100 - 100).quantize(PERCENT, rounding=ROUND_HALF_UP)
                for i in (0, 1))
    return growth


def report_figures(reports) -> list[EnterpriseFigures]:
    """The reports' figures; the pay growths from the wage survey where it covers both years, else as reported."""
    reports = list(reports)
    surveyed = {}
    for year in {r.year for r in reports}:
        surveyed[year] = survey_pay_growth(enterprise_ids=[r.enterprise_id for r in reports if r.year == year],
                                           year=year)
    figures = []
    for r in reports:
        ownership = getattr(r.enterprise, "ownership", None)
        group = ownership.group.name if ownership is not None and ownership.group_id else ""
        growth = surveyed[r.year].get(r.enterprise_id)
        figures.append(EnterpriseFigures(
            enterprise=r.enterprise.organisation.name, group=group, skilled=r.skilled_workers,
            new_high_skilled=r.new_high_skilled, high_skilled=r.high_skilled_workers, managers=r.managers,
            high_skilled_growth=growth[0] if growth else r.high_skilled_pay_growth,
            manager_growth=growth[1] if growth else r.manager_pay_growth))
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
