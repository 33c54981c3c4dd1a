"""The reference data of calls: rule sets and amounts per award, read from ``data/`` by the data migration."""

import csv
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def rule_sets_load(RuleSet) -> int:  # noqa: N803 (the historical model)
    rows = json.loads((DATA / "rule-sets.json").read_text(encoding="utf-8"))
    for row in rows:
        content = {key: row[key] for key in ("rules", "criteria", "categories")}
        RuleSet.objects.update_or_create(code=row["code"], version=row["version"], defaults={
            "kind": row["kind"], "valid_from": row["valid_from"], "source": row["source"], "content": content})
    return len(rows)


def amounts_load(AwardAmount) -> int:  # noqa: N803
    with (DATA / "amounts.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        AwardAmount.objects.update_or_create(kind=row["kind"], valid_from=row["valid_from"], defaults={
            "amount": row["amount"], "matching_min": row["matching_min"],
            "funding_months": int(row["funding_months"]), "source": row["source"]})
    return len(rows)
