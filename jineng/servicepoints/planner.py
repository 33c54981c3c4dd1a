"""The planner's view: the city on a grid of 500 m squares, each cell scored by how many kinds of service lie
within 15 minutes' walk of its centre (the public list, the walking parameters in force), the least-served
cells of each district, and their export."""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.utils.translation import gettext as _

from jineng.accounts.permissions import user_district_id
from jineng.core.districts import districts_at
from jineng.core.models import District
from jineng.servicepoints.choices import Mode, PointKind
from jineng.servicepoints.engine.grid import Grid, grid_over, kind_counts, kinds_reached
from jineng.servicepoints.engine.reach import ReachParameters, reach_m
from jineng.servicepoints.parameters import reach_parameters
from jineng.servicepoints.selectors import public_points

CELL_M = 500
MINUTES = 15
LEAST_SERVED = 5  # cells listed per district


@dataclass(frozen=True)
class Cell:
    column: int
    row: int
    district: str  # name
    lng: float
    lat: float
    kinds: int
    missing: tuple[str, ...]  # labels of the kinds not reached

    @property
    def key(self) -> str:
        return f"{self.column}-{self.row}"


@dataclass(frozen=True)
class PlannerView:
    grid: Grid
    parameters: ReachParameters
    radius_m: float
    rows: list[str]  # one text per row, south first: a digit per cell (kinds reached), "." outside the city
    kind_count: int
    least_served: list[tuple[str, list[Cell]]]  # (district name, cells), by district code
    cells_total: int
    cells_unserved: int  # no kind at all within reach


def _city_grid(districts: list[District]) -> Grid:
    from shapely.geometry import shape

    bounds = np.array([shape(d.geometry).bounds for d in districts])
    return grid_over((bounds[:, 0].min(), bounds[:, 1].min(), bounds[:, 2].max(), bounds[:, 3].max()), CELL_M)


@lru_cache(maxsize=2)
def _cell_districts(grid: Grid, codes: tuple[str, ...]) -> np.ndarray:
    """The district code of each cell centre (rows × columns), "" outside the city; the districts are reference
    data loaded once, so the answer is kept for the process."""
    geometries = {d.code: d.geometry for d in District.objects.filter(code__in=codes)}
    lng, lat = grid.centres()
    return np.array(districts_at(geometries, lng.ravel(), lat.ravel()), dtype=object).reshape(lng.shape)


def planner_view(*, viewer) -> PlannerView:
    """The whole city's shading; the least-served lists of every district (office) or of one's own (district)."""
    districts = list(District.objects.order_by("code"))
    grid = _city_grid(districts)
    parameters = reach_parameters(Mode.WALK)
    radius = reach_m(MINUTES, parameters)
    kinds = list(PointKind)
    points = public_points()
    reached = kinds_reached(grid, [p.lng for p in points], [p.lat for p in points],
                            [kinds.index(PointKind(p.kind)) for p in points], len(kinds), radius)
    counts = kind_counts(reached)
    where = _cell_districts(grid, tuple(d.code for d in districts))
    inside = where != ""
    rows = ["".join(str(int(count)) if code else "." for count, code in zip(counts[r], where[r], strict=True))
            for r in range(grid.rows)]
    own = user_district_id(viewer)
    listed = districts if _sees_all(viewer) else [d for d in districts if own and d.pk == own]
    least = []
    for district in listed:
        cell_rows, cell_columns = np.nonzero(where == district.code)
        order = np.lexsort((cell_columns, cell_rows, counts[cell_rows, cell_columns]))[:LEAST_SERVED]
        least.append((district.name, [_cell(grid, int(cell_columns[i]), int(cell_rows[i]), district.name, counts,
                                            reached, kinds) for i in order]))
    return PlannerView(grid=grid, parameters=parameters, radius_m=radius, rows=rows, kind_count=len(kinds),
                       least_served=least, cells_total=int(inside.sum()),
                       cells_unserved=int((inside & (counts == 0)).sum()))


def _sees_all(viewer) -> bool:
    from jineng.core.capabilities import user_can

    return user_can(viewer, "servicepoints.keep_all")


def _cell(grid: Grid, column: int, row: int, district: str, counts, reached, kinds) -> Cell:
    lng, lat = grid.centre(column, row)
    missing = tuple(str(kind.label) for index, kind in enumerate(kinds) if not reached[index, row, column])
    return Cell(column=column, row=row, district=district, lng=round(lng, 6), lat=round(lat, 6),
                kinds=int(counts[row, column]), missing=missing)


def planner_export_rows(view: PlannerView) -> tuple[list[str], list[list]]:
    headers = [_("区"), _("网格"), _("中心经度"), _("中心纬度"), _("步行15分钟内服务类型数"), _("缺少的服务类型")]
    rows = [[district, cell.key, cell.lng, cell.lat, cell.kinds, _("、").join(cell.missing)]
            for district, cells in view.least_served for cell in cells]
    return headers, rows
