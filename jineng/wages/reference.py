"""Reference data of wages (``data/*.csv``), loaded by a data migration."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def load_thresholds(threshold_model) -> None:
    with (DATA / "thresholds.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            threshold_model.objects.get_or_create(
                key=row["key"], valid_from=date.fromisoformat(row["valid_from"]),
                defaults={"value": Decimal(row["value"]), "source": row["source"]})
