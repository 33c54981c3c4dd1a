"""Reads of the wage tables: the version in force, one occupation's cells, the lookup, exports."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from jineng.core.exceptions import RecordNotFound
from jineng.occupations.models import Occupation
from jineng.occupations.selectors.classification import occupation_search
from jineng.wages.choices import Dimension, SuppressionReason, VersionState
from jineng.wages.engine.levels import LEVEL_NAMES
from jineng.wages.models import TableCell, TableVersion

PUBLIC_STATES = (VersionState.PUBLISHED, VersionState.SUPERSEDED)
LOOKUP_LIMIT = 50


def version_in_force() -> TableVersion | None:
    """The published version of the latest round that has one."""
    return (TableVersion.objects.filter(state=VersionState.PUBLISHED).select_related("round")
            .order_by("-round__data_year").first())


def version_get(*, viewer, version_id: int) -> TableVersion:
    return TableVersion.objects.select_related("round").get_visible(viewer, version_id, _("工资价位表不存在"))


def version_list(*, viewer) -> QuerySet[TableVersion]:
    return TableVersion.objects.visible_to(viewer).select_related("round").order_by("-round__data_year", "-number")


def cells_of(version: TableVersion, *, dimension: str | None = None) -> QuerySet[TableCell]:
    cells = version.cells.select_related("occupation", "industry")
    if dimension:
        cells = cells.filter(dimension=dimension)
    return cells.order_by("dimension", "occupation__code", "industry__order", "level")


@dataclass(frozen=True)
class OccupationTable:
    occupation: Occupation
    total: TableCell | None
    levels: list[TableCell]

    @property
    def rows(self) -> list[TableCell]:
        return [*self.levels, *([self.total] if self.total else [])]

    def chart(self) -> dict:
        """The five percentiles across the published levels, and each level's P50 step over the one below."""
        shown = [c for c in self.levels if not c.suppressed]
        series = {name: [float(getattr(c, name)) for c in shown] for name in ("p10", "p25", "p50", "p75", "p90")}
        steps = [None] + [round((float(b.p50) / float(a.p50) - 1) * 100, 1) for a, b in zip(shown, shown[1:],
                                                                                               strict=False)]
        levels = [LEVEL_NAMES[c.level] for c in shown]
        return {"levels": levels, "series": series, "steps": steps, "unit": _("元/年"),
                "step_rows": [list(pair) for pair in zip(levels, steps, strict=True)]}


def occupation_tables(version: TableVersion, *, query: str) -> list[OccupationTable]:
    """The occupations matching a code prefix, name or pinyin initials that have cells in the version."""
    if not query.strip():
        return []
    matched = occupation_search(query=query).values_list("pk", flat=True)
    cells = (version.cells.filter(occupation_id__in=matched,
                                  dimension__in=(Dimension.OCCUPATION, Dimension.OCCUPATION_LEVEL))
             .select_related("occupation").order_by("occupation__code", "level"))
    tables: dict[int, OccupationTable] = {}
    for cell in cells:
        table = tables.get(cell.occupation_id)
        if table is None:
            if len(tables) >= LOOKUP_LIMIT:
                break
            table = tables[cell.occupation_id] = OccupationTable(occupation=cell.occupation, total=None, levels=[])
        if cell.dimension == Dimension.OCCUPATION:
            tables[cell.occupation_id] = OccupationTable(occupation=cell.occupation, total=cell, levels=table.levels)
        else:
            table.levels.append(cell)
    return list(tables.values())


def occupation_table(version: TableVersion, *, code: str) -> OccupationTable:
    cells = list(version.cells.filter(occupation__code=code, occupation__classification="2022",
                                      dimension__in=(Dimension.OCCUPATION, Dimension.OCCUPATION_LEVEL))
                 .select_related("occupation").order_by("level"))
    if not cells:
        raise RecordNotFound(_("该职业没有工资价位"))
    total = next((c for c in cells if c.dimension == Dimension.OCCUPATION), None)
    return OccupationTable(occupation=cells[0].occupation, total=total,
                           levels=[c for c in cells if c.dimension == Dimension.OCCUPATION_LEVEL])


EXPORT_HEADERS = (_lazy("口径"), _lazy("职业编码"), _lazy("职业名称"), _lazy("技能等级"), _lazy("产业"), _lazy("企业数"),
                  _lazy("职工数"), "P10", "P25", "P50", "P75", "P90", _lazy("平均数"), _lazy("发布"),
                  _lazy("不发布原因"), _lazy("方法版本"))


def export_headers() -> list[str]:
    return [str(h) for h in EXPORT_HEADERS]


def export_rows(version: TableVersion) -> Iterable[list]:
    reasons = dict(SuppressionReason.choices)
    dimensions = dict(Dimension.choices)
    for c in cells_of(version):
        yield [str(dimensions[c.dimension]), c.occupation.code if c.occupation else "",
               c.occupation.name if c.occupation else "", LEVEL_NAMES.get(c.level, "") if c.level else "",
               c.industry.name if c.industry else "", c.n_enterprises, c.n_workers,
               *(getattr(c, n) for n in ("p10", "p25", "p50", "p75", "p90", "mean")),
               _("否") if c.suppressed else _("是"), str(reasons.get(c.reason, "")) if c.suppressed else "",
               version.methodology_version]


def export_json(version: TableVersion) -> dict:
    def amount(value):
        return None if value is None else str(value)

    return {
        "round": {"data_year": version.round.data_year, "publication_year": version.round.publication_year},
        "version": version.number,
        "methodology_version": version.methodology_version,
        "thresholds": version.thresholds,
        "cells": [{
            "dimension": c.dimension, "occupation_code": c.occupation.code if c.occupation else None,
            "level": LEVEL_NAMES.get(c.level) if c.level else None,
            "industry": c.industry.code if c.industry else None,
            "n_enterprises": c.n_enterprises, "n_workers": c.n_workers,
            **{n: amount(getattr(c, n)) for n in ("p10", "p25", "p50", "p75", "p90", "mean")},
            "suppressed": c.suppressed, "reason": c.reason or None,
        } for c in cells_of(version)],
    }
