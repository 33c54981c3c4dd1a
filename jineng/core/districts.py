"""Load the 16 districts from the data files under jineng/core/data (used by a data migration)."""

import csv
import json
from decimal import Decimal
from pathlib import Path

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
