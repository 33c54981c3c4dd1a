"""Load the 16 districts from the data files under jineng/core/data (used by a data migration)."""

import csv
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from shapely import prepare
from shapely.geometry import Point, shape

DATA = Path(__file__).resolve().parent / "data"


def district_rows() -> list[dict]:
    shapes = json.loads((DATA / "districts-gcj02-simplified.geojson").read_text(encoding="utf-8"))
    by_code = {f["properties"]["adcode"]: f for f in shapes["features"]}
    rows = []
    with (DATA / "districts.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            feature = by_code[row["code"]]
            lon, lat = feature["properties"]["label_point"]
            rows.append(
                {
                    "code": row["code"],
                    "name": row["name"],
                    "name_en": row["name_en"],
                    "seat_lon": Decimal(row["seat_lon"]),
                    "seat_lat": Decimal(row["seat_lat"]),
                    "centroid_lon": Decimal(str(lon)),
                    "centroid_lat": Decimal(str(lat)),
                    "geometry": feature["geometry"],
                }
            )
    return rows


def load_districts(district_model) -> None:
    for row in district_rows():
        code = row.pop("code")
        district_model.objects.update_or_create(code=code, defaults=row)


def district_contains(geometry: dict, lon: float, lat: float) -> bool:
    """Whether a point (GCJ-02) lies inside a district's GeoJSON polygon (shapely)."""
    return _shape(json.dumps(geometry, sort_keys=True)).covers(Point(float(lon), float(lat)))


def random_point_in(geometry: dict, *, rng) -> tuple[float, float]:
    """A point inside the polygon, for synthetic demo sites (rejection sampling in the bounding box)."""
    polygon = _shape(json.dumps(geometry, sort_keys=True))
    min_lon, min_lat, max_lon, max_lat = polygon.bounds
    while True:
        lon, lat = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
        if polygon.contains(Point(lon, lat)):
            return round(lon, 6), round(lat, 6)


def districts_at(geometries: dict[str, dict], lons, lats) -> list[str]:
    """For many points at once (GCJ-02), the key of the polygon covering each, or "" (shapely, vectorised)."""
    import numpy as np
    from shapely import intersects_xy

    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    found = np.full(lons.shape, "", dtype=object)
    for key, geometry in geometries.items():
        polygon = _shape(json.dumps(geometry, sort_keys=True))
        min_lon, min_lat, max_lon, max_lat = polygon.bounds
        near = (found == "") & (lons >= min_lon) & (lons <= max_lon) & (lats >= min_lat) & (lats <= max_lat)
        hit = np.zeros(lons.shape, dtype=bool)
        hit[near] = intersects_xy(polygon, lons[near], lats[near])
        found[hit] = key
    return found.tolist()


@lru_cache(maxsize=32)
def _shape(geometry_json: str):
    polygon = shape(json.loads(geometry_json))
    prepare(polygon)
    return polygon
