"""Reference data of the subsidy schemes: jineng/subsidies/data/schemes.csv and parameters.csv.

Loaded by a data migration (with historical models) and again by ``subsidy_reference_load`` for a new release
of the files. Loading is idempotent: a scheme is matched by code, a parameter by scheme + key + valid_from;
an existing parameter row is never changed (values in use are superseded by a later row, not edited).
"""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference(Scheme, SubsidyParameter) -> dict[str, int]:  # noqa: N803 — model classes
    created = {"schemes": 0, "parameters": 0}
    schemes = {}
    for row in read_csv("schemes.csv"):
        scheme, is_new = Scheme.objects.get_or_create(code=row["code"], defaults={
            "name": row["name"], "family": row["family"], "beneficiary": row["beneficiary"],
            "per_certificate": row["per_certificate"] == "1", "rule": row["rule"], "description": row["description"],
        })
        schemes[scheme.code] = scheme
        created["schemes"] += is_new
    for row in read_csv("parameters.csv"):
        valid_to = date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
        _, is_new = SubsidyParameter.objects.get_or_create(
            scheme=schemes[row["scheme"]], key=row["key"], valid_from=date.fromisoformat(row["valid_from"]),
            defaults={"value": Decimal(row["value"]), "valid_to": valid_to, "source": row["source"]},
        )
        created["parameters"] += is_new
    return created
