"""The planner's grid: the city in squares of about 500 m, each cell scored by how many kinds of service lie
within a radius of its centre (great-circle distance, as ``reach.distance_m``).

The grid is regular in degrees: rows are ``cell_m`` apart north-south, columns ``cell_m`` apart east-west at
the grid's middle latitude (so a cell is 500 m ± 1 % wide across Shanghai). Each service marks the cells whose
centre it reaches, looking only at the cells around it (a window wide enough for the radius at the grid's
narrowest latitude), so the work grows with the number of services, not with cells × services.
"""

import math
from dataclasses import dataclass

import numpy as np

from jineng.servicepoints.engine.reach import EARTH_RADIUS_M

METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180


@dataclass(frozen=True)
class Grid:
    min_lng: float
    min_lat: float
    step_lng: float
    step_lat: float
    columns: int
    rows: int

    def centre(self, column: int, row: int) -> tuple[float, float]:
        return self.min_lng + (column + 0.5) * self.step_lng, self.min_lat + (row + 0.5) * self.step_lat

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Centre longitudes and latitudes as (rows × columns) arrays."""
        lng = self.min_lng + (np.arange(self.columns) + 0.5) * self.step_lng
        lat = self.min_lat + (np.arange(self.rows) + 0.5) * self.step_lat
        return np.meshgrid(lng, lat)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return (self.min_lng, self.min_lat, self.min_lng + self.columns * self.step_lng,
                self.min_lat + self.rows * self.step_lat)


def grid_over(bounds: tuple[float, float, float, float], cell_m: float) -> Grid:
    """The grid covering (min_lng, min_lat, max_lng, max_lat) with cells of ``cell_m`` metres."""
    min_lng, min_lat, max_lng, max_lat = bounds
    step_lat = cell_m / METRES_PER_DEGREE
    step_lng = cell_m / (METRES_PER_DEGREE * math.cos(math.radians((min_lat + max_lat) / 2)))
    return Grid(min_lng=min_lng, min_lat=min_lat, step_lng=step_lng, step_lat=step_lat,
                columns=max(1, math.ceil((max_lng - min_lng) / step_lng)),
                rows=max(1, math.ceil((max_lat - min_lat) / step_lat)))


def haversine_m(lng1, lat1, lng2, lat2):
    """``reach.distance_m`` over numpy arrays."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((phi2 - phi1) / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(np.radians(lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def kinds_reached(grid: Grid, lngs, lats, kinds, kind_count: int, radius_m: float) -> np.ndarray:
    """A (kind_count × rows × columns) boolean array: does a service of that kind lie within ``radius_m`` of the
    cell's centre? ``kinds`` holds each service's kind as an index below ``kind_count``."""
    reached = np.zeros((kind_count, grid.rows, grid.columns), dtype=bool)
    lngs, lats, kinds = np.asarray(lngs, float), np.asarray(lats, float), np.asarray(kinds, int)
    if not len(lngs):
        return reached
    top = max(abs(grid.min_lat), abs(grid.min_lat + grid.rows * grid.step_lat))
    narrowest = grid.step_lng * METRES_PER_DEGREE * math.cos(math.radians(min(89.0, top + 1)))
    reach_columns = math.ceil(radius_m / narrowest) + 1
    reach_rows = math.ceil(radius_m / (grid.step_lat * METRES_PER_DEGREE)) + 1
    own_column = np.floor((lngs - grid.min_lng) / grid.step_lng).astype(int)
    own_row = np.floor((lats - grid.min_lat) / grid.step_lat).astype(int)
    for d_row in range(-reach_rows, reach_rows + 1):
        for d_column in range(-reach_columns, reach_columns + 1):
            column, row = own_column + d_column, own_row + d_row
            inside = (column >= 0) & (column < grid.columns) & (row >= 0) & (row < grid.rows)
            centre_lng = grid.min_lng + (column + 0.5) * grid.step_lng
            centre_lat = grid.min_lat + (row + 0.5) * grid.step_lat
            near = inside & (haversine_m(lngs, lats, centre_lng, centre_lat) <= radius_m)
            reached[kinds[near], row[near], column[near]] = True
    return reached


def kind_counts(reached: np.ndarray) -> np.ndarray:
    """How many kinds reach each cell (rows × columns)."""
    return reached.sum(axis=0)
