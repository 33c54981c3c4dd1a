"""Analysis of reported demand for departments and the programme office, aggregated in SQL.

Only reports handed in and not sent back count (submitted or accepted), and only those the viewer may see.
Means are per person: a line asking for 10 people weighs 10 times a line asking for one
(mean vacancy months = Σ(vacancy months × headcount) / Σ headcount; the same for applicants and pay).

Pay premium of an occupation: for each level L it is reported at,
    ratio(L) = median offered pay of the occupation's lines at L / median offered pay of all lines at L − 1,
both medians over the lines in the same campaign or year and filters (the occupation filter aside); the
occupation's premium is the mean of ratio(L) weighted by its headcount at L. +0.10 means offers 10 % above
what employers offer for the same level. Medians are taken in Python (SQLite has no median).

Growth: headcount against the previous campaign covering exactly the same industries (when one campaign is
chosen) or against the previous year (when a year is chosen), under the same filters:
(headcount − previous) / previous; none when there was no previous demand.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils.translation import gettext

from jineng.core.models import District
from jineng.demand.choices import COUNTED_STATES, ReportState
from jineng.demand.engine.ranking import strategic_weight
from jineng.demand.models import Campaign, DemandLine
from jineng.occupations.choices import SkillLevel


@dataclass(frozen=True)
class DemandFilters:
    campaign_id: int | None = None
    year: int | None = None
    industry_id: int | None = None
    district_id: int | None = None
    level: int | None = None
    occupation: str = ""  # code prefix, e.g. 6-25

    def without_occupation(self) -> "DemandFilters":
        return replace(self, occupation="")


def counted_lines(*, viewer, filters: DemandFilters) -> QuerySet[DemandLine]:
    lines = DemandLine.objects.visible_to(viewer).filter(report__state__in=COUNTED_STATES)
    conditions = Q()
    if filters.campaign_id:
        conditions &= Q(report__campaign_id=filters.campaign_id)
    if filters.year:
        conditions &= Q(report__campaign__year=filters.year)
    if filters.industry_id:
        conditions &= Q(report__industry_id=filters.industry_id)
    if filters.district_id:
        conditions &= Q(report__district_id=filters.district_id)
    if filters.level is not None:
        conditions &= Q(level=filters.level)
    if filters.occupation:
        conditions &= Q(occupation__code__startswith=filters.occupation)
    return lines.filter(conditions)


def _weighted(field: str) -> Sum:
    return Sum(ExpressionWrapper(F(field) * F("headcount"), output_field=DecimalField(max_digits=20, decimal_places=4)))


_AGGREGATES = {  # "people", not "headcount": an annotation of that name would shadow the field in F()
    "people": Sum("headcount"),
    "line_count": Count("id"),
    "enterprises": Count("report__enterprise_id", distinct=True),
    "vacancy_total": _weighted("vacancy_months"),
    "applicants_total": _weighted("applicants_per_vacancy"),
    "pay_total": _weighted("offered_monthly_pay"),
}


def _per_person(total, headcount) -> Decimal | None:
    if not headcount or total is None:
        return None
    return (Decimal(total) / headcount).quantize(Decimal("0.01"))


# dimension -> (value fields, column headers)
DIMENSIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # coarse to fine: the columns' order
    "campaign": (("report__campaign__name",), ("填报批次",)),
    "industry": (("report__industry__name",), ("产业",)),
    "district": (("report__district__code", "report__district__name"), ("区划代码", "区")),
    "occupation": (("occupation__code", "occupation__name"), ("职业编码", "职业")),
    "level": (("level",), ("技能等级",)),
}
DIMENSION_LABELS = {"campaign": "填报批次", "industry": "产业", "district": "区", "occupation": "职业", "level": "技能等级"}
MEASURE_HEADERS = ("需求人数", "明细行数", "填报企业数", "平均空缺时长（月）", "平均每岗位应聘人数", "平均月薪（元）")


@dataclass(frozen=True)
class BreakdownRow:
    keys: tuple
    headcount: int
    line_count: int
    enterprises: int
    vacancy_months: Decimal | None
    applicants_per_vacancy: Decimal | None
    offered_monthly_pay: Decimal | None

    def cells(self) -> list:
        return [*self.keys, self.headcount, self.line_count, self.enterprises, self.vacancy_months,
                self.applicants_per_vacancy, self.offered_monthly_pay]


def demand_breakdown(*, viewer, filters: DemandFilters, dimensions: list[str]) -> tuple[list[str], list[BreakdownRow]]:
    """Demand grouped by the chosen dimensions (any of DIMENSIONS, in that order); headers and rows."""
    chosen = [d for d in DIMENSIONS if d in dimensions] or ["occupation"]
    fields = [field for d in chosen for field in DIMENSIONS[d][0]]
    headers = [header for d in chosen for header in DIMENSIONS[d][1]] + list(MEASURE_HEADERS)
    rows = (
        counted_lines(viewer=viewer, filters=filters).values(*fields).annotate(**_AGGREGATES).order_by("-people", *fields)
    )
    result = []
    for row in rows:
        keys = tuple(str(SkillLevel(row[f]).label) if f == "level" else row[f] for f in fields)
        result.append(BreakdownRow(
            keys=keys, headcount=row["people"], line_count=row["line_count"], enterprises=row["enterprises"],
            vacancy_months=_per_person(row["vacancy_total"], row["people"]),
            applicants_per_vacancy=_per_person(row["applicants_total"], row["people"]),
            offered_monthly_pay=_per_person(row["pay_total"], row["people"]),
        ))
    return headers, result


def demand_totals(*, viewer, filters: DemandFilters) -> dict:
    totals = counted_lines(viewer=viewer, filters=filters).aggregate(
        headcount=Sum("headcount"), line_count=Count("id"), enterprises=Count("report__enterprise_id", distinct=True),
        occupations=Count("occupation_id", distinct=True),
    )
    return {key: value or 0 for key, value in totals.items()}


@dataclass(frozen=True)
class DistrictDemand:
    code: str
    name: str
    headcount: int
    enterprises: int
    line_count: int


def demand_by_district(*, viewer, filters: DemandFilters) -> list[DistrictDemand]:
    """Every district, with zero where nothing was reported (the map shows all 16)."""
    found = {
        row["report__district_id"]: row
        for row in counted_lines(viewer=viewer, filters=filters).values("report__district_id").annotate(
            headcount=Sum("headcount"), enterprises=Count("report__enterprise_id", distinct=True), line_count=Count("id")
        ).order_by("report__district_id")
    }
    rows = []
    for district in District.objects.order_by("code"):
        row = found.get(district.pk, {})
        rows.append(DistrictDemand(district.code, district.name, row.get("headcount") or 0,
                                   row.get("enterprises") or 0, row.get("line_count") or 0))
    return rows


def district_map_data(rows: list[DistrictDemand], *, labels: dict[str, str] | None = None) -> dict:
    """Polygons, values and labels for the choropleth drawn by static/js/choropleth.js (no tiles).

    ``labels``: the legend's title and the tooltip's two figures ("{n}" is filled in); demand's by default."""
    values = {row.code: {"name": row.name, "headcount": row.headcount, "enterprises": row.enterprises} for row in rows}
    shapes = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": d.code, "name": d.name}, "geometry": d.geometry}
            for d in District.objects.order_by("code")
        ],
    }
    labels = labels or {"title": gettext("需求人数"), "people": gettext("{n} 人"), "high": gettext("{n} 家企业")}
    return {"shapes": shapes, "values": values, "max": max((row.headcount for row in rows), default=0),
            "labels": labels}


def campaign_previous(campaign: Campaign) -> Campaign | None:
    """The latest earlier campaign that covered exactly the same industries."""
    industries = set(campaign.industries.values_list("pk", flat=True))
    earlier = Campaign.objects.filter(opens_on__lt=campaign.opens_on).prefetch_related("industries").order_by("-opens_on", "-pk")
    for candidate in earlier:
        if {i.pk for i in candidate.industries.all()} == industries:
            return candidate
    return None


def previous_scope(filters: DemandFilters) -> tuple[DemandFilters | None, str]:
    """The filters of the period to compare with, and its name; (None, "") when there is none."""
    if filters.campaign_id:
        campaign = Campaign.objects.filter(pk=filters.campaign_id).first()
        previous = campaign_previous(campaign) if campaign else None
        if previous is None:
            return None, ""
        return replace(filters, campaign_id=previous.pk, year=None), previous.name
    if filters.year and Campaign.objects.filter(year=filters.year - 1).exists():
        return replace(filters, year=filters.year - 1), f"{filters.year - 1}年"
    return None, ""


@dataclass(frozen=True)
class OccupationShortage:
    occupation_id: int
    code: str
    name: str
    headcount: int
    enterprises: int
    line_count: int
    vacancy_months: Decimal | None
    applicants_per_vacancy: Decimal | None
    pay_premium: Decimal | None
    previous_headcount: int | None  # None when there is no previous period to compare with
    growth: Decimal | None
    strategic_weight: float | None


@dataclass(frozen=True)
class ShortageTable:
    rows: list[OccupationShortage]
    previous_label: str


SHORTAGE_HEADERS = ("职业编码", "职业", "需求人数", "填报企业数", "明细行数", "平均空缺时长（月）", "平均每岗位应聘人数",
                    "薪酬溢价", "上期需求人数", "增长", "供给")


def shortage_metrics(*, viewer, filters: DemandFilters) -> ShortageTable:
    lines = counted_lines(viewer=viewer, filters=filters)
    rows = lines.values("occupation_id", "occupation__code", "occupation__name").annotate(**_AGGREGATES).order_by("occupation__code")
    premiums = pay_premiums(counted_lines(viewer=viewer, filters=filters.without_occupation()))
    previous_filters, previous_label = previous_scope(filters)
    previous = {}
    if previous_filters is not None:
        previous = dict(
            counted_lines(viewer=viewer, filters=previous_filters).values("occupation_id").annotate(h=Sum("headcount"))
            .order_by("occupation_id").values_list("occupation_id", "h")
        )
    by_kind: dict[int, dict[str, int]] = defaultdict(dict)
    for occupation_id, kind, headcount in (
        lines.values("occupation_id", "report__industry__kind").annotate(h=Sum("headcount"))
        .order_by("occupation_id", "report__industry__kind").values_list("occupation_id", "report__industry__kind", "h")
    ):
        by_kind[occupation_id][kind] = headcount
    table = []
    for row in rows:
        occupation_id, headcount = row["occupation_id"], row["people"]
        before = previous.get(occupation_id, 0) if previous_filters is not None else None
        growth = (Decimal(headcount - before) / before).quantize(Decimal("0.0001")) if before else None
        table.append(OccupationShortage(
            occupation_id=occupation_id, code=row["occupation__code"], name=row["occupation__name"], headcount=headcount,
            enterprises=row["enterprises"], line_count=row["line_count"],
            vacancy_months=_per_person(row["vacancy_total"], headcount),
            applicants_per_vacancy=_per_person(row["applicants_total"], headcount),
            pay_premium=premiums.get(occupation_id), previous_headcount=before, growth=growth,
            strategic_weight=strategic_weight(by_kind[occupation_id]),
        ))
    table.sort(key=lambda r: (-r.headcount, r.code))
    return ShortageTable(rows=table, previous_label=previous_label)


def pay_premiums(lines: QuerySet[DemandLine]) -> dict[int, Decimal]:
    """occupation id -> premium of its median offer over the median offer for the same level (see module doc)."""
    by_level: dict[int, list[Decimal]] = defaultdict(list)
    by_occupation_level: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    heads: dict[tuple[int, int], int] = defaultdict(int)
    for occupation_id, level, pay, headcount in lines.values_list("occupation_id", "level", "offered_monthly_pay", "headcount"):
        by_level[level].append(pay)
        by_occupation_level[(occupation_id, level)].append(pay)
        heads[(occupation_id, level)] += headcount
    level_median = {level: statistics.median(pays) for level, pays in by_level.items()}
    weighted: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for (occupation_id, level), pays in by_occupation_level.items():
        overall = level_median[level]
        if not overall:
            continue
        ratio = Decimal(statistics.median(pays)) / Decimal(overall) - 1
        weighted[occupation_id][0] += ratio * heads[(occupation_id, level)]
        weighted[occupation_id][1] += heads[(occupation_id, level)]
    return {
        occupation_id: (total / weight).quantize(Decimal("0.0001"))
        for occupation_id, (total, weight) in weighted.items()
        if weight
    }


# ---------------------------------------------------------------- the published aggregate (item 8)

PUBLIC_MIN_ENTERPRISES = 3


@dataclass(frozen=True)
class PublicDemandCell:
    district_code: str
    district_name: str
    occupation_code: str
    occupation_name: str
    level: int
    headcount: int
    enterprises: int

    @property
    def level_label(self) -> str:
        return str(SkillLevel(self.level).label)


def demand_public_cells(*, year: int | None = None, district_id: int | None = None,
                        min_enterprises: int = PUBLIC_MIN_ENTERPRISES) -> tuple[list[PublicDemandCell], int]:
    """Accepted demand by district × occupation × level for anyone to read, without enterprise-level detail:
    a cell reported by fewer than ``min_enterprises`` enterprises is left out (only counted). No totals are
    given, so a left-out cell cannot be found by subtraction. Returns the cells and how many were left out."""
    lines = DemandLine.objects.filter(report__state=ReportState.ACCEPTED)
    if year:
        lines = lines.filter(report__campaign__year=year)
    if district_id:
        lines = lines.filter(report__district_id=district_id)
    rows = (lines.values("report__district__code", "report__district__name", "occupation__code", "occupation__name",
                         "level")
            .annotate(people=Sum("headcount"), enterprises=Count("report__enterprise_id", distinct=True))
            .order_by("report__district__code", "-people", "occupation__code", "level"))
    cells, suppressed = [], 0
    for row in rows:
        if row["enterprises"] < min_enterprises:
            suppressed += 1
            continue
        cells.append(PublicDemandCell(row["report__district__code"], row["report__district__name"],
                                      row["occupation__code"], row["occupation__name"], row["level"], row["people"],
                                      row["enterprises"]))
    return cells, suppressed


def demand_public_years() -> list[int]:
    return list(DemandLine.objects.filter(report__state=ReportState.ACCEPTED)
                .order_by("-report__campaign__year").values_list("report__campaign__year", flat=True).distinct())
