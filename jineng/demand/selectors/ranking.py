"""The catalogue ranking of a year: shortage metrics of the year fed to the pure ranking engine.

Default weights (DEFAULT_WEIGHTS, used until the programme office saves its own for the year): headcount 0.25,
enterprises reporting 0.15, vacancy months 0.15, applicants per vacancy 0.10 (fewer = scarcer), pay premium
0.10, growth against the previous year 0.10, strategic weight of the reporting industries 0.15 — they add up
to 1, so the score runs from 0 to 1. The previous rank is last year's ranking with last year's weights.
"""

from dataclasses import dataclass

from jineng.demand.engine.ranking import OccupationDemand, RankedOccupation, Weights, ranking_build
from jineng.demand.models import DEFAULT_WEIGHTS, Campaign, RankingWeights
from jineng.demand.selectors.analysis import DemandFilters, shortage_metrics

RANKING_HEADERS = ("排名", "上年排名", "职业编码", "职业", "得分", "需求人数分", "企业数分", "空缺时长分", "应聘人数分",
                   "薪酬溢价分", "增长分", "产业权重分", "需求人数", "填报企业数", "平均空缺时长（月）", "平均每岗位应聘人数",
                   "薪酬溢价", "增长")


def ranking_weights_get(*, year: int) -> RankingWeights:
    """The year's saved weights, or an unsaved row holding the defaults."""
    return RankingWeights.objects.filter(year=year).first() or RankingWeights(year=year, **DEFAULT_WEIGHTS)


def engine_weights(weights: RankingWeights) -> Weights:
    return Weights(**{key: float(value) for key, value in weights.as_dict().items()})


def _float(value):
    return None if value is None else float(value)


def ranking_inputs(*, viewer, year: int) -> list[OccupationDemand]:
    table = shortage_metrics(viewer=viewer, filters=DemandFilters(year=year))
    return [
        OccupationDemand(
            code=row.code, name=row.name, headcount=row.headcount, enterprises=row.enterprises,
            vacancy_months=_float(row.vacancy_months), applicants_per_vacancy=_float(row.applicants_per_vacancy),
            pay_premium=_float(row.pay_premium), growth=_float(row.growth), strategic_weight=row.strategic_weight,
        )
        for row in table.rows
    ]


@dataclass(frozen=True)
class Ranking:
    year: int
    weights: RankingWeights
    rows: tuple[RankedOccupation, ...]
    has_previous_year: bool


def ranking_for_year(*, viewer, year: int) -> Ranking:
    weights = ranking_weights_get(year=year)
    has_previous = Campaign.objects.filter(year=year - 1).exists()
    previous_ranks = {}
    if has_previous:
        previous = ranking_build(ranking_inputs(viewer=viewer, year=year - 1), engine_weights(ranking_weights_get(year=year - 1)))
        previous_ranks = {row.code: row.rank for row in previous}
    rows = ranking_build(ranking_inputs(viewer=viewer, year=year), engine_weights(weights), previous_ranks=previous_ranks)
    return Ranking(year=year, weights=weights, rows=rows, has_previous_year=has_previous)


def ranking_cells(row: RankedOccupation) -> list:
    parts, demand = row.parts, row.demand
    return [
        row.rank, row.previous_rank or "—", row.code, row.name, round(row.score, 4),
        parts.headcount, parts.enterprises, parts.vacancy_months, parts.applicants, parts.pay_premium, parts.growth,
        parts.strategic, demand.headcount, demand.enterprises, demand.vacancy_months, demand.applicants_per_vacancy,
        "—" if demand.pay_premium is None else demand.pay_premium, "—" if demand.growth is None else demand.growth,
    ]
