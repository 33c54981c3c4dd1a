"""Reference organisations from jineng/accounts/data: city departments, the programme office, districts."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def load_organisations(organisation_model, district_model) -> None:
    with (DATA / "organisations.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            organisation_model.objects.update_or_create(
                name=row["name"],
                defaults={
                    "kind": row["kind"],
                    "short_name": row["short_name"],
                    "name_en": row["name_en"],
                    "aliases": [a for a in row["aliases"].split("|") if a],
                    "is_member_unit": row["is_member_unit"] == "1",
                },
            )
    for district in district_model.objects.order_by("code"):
        organisation_model.objects.update_or_create(
            name=f"{district.name}人民政府",
            defaults={
                "kind": "district",
                "short_name": district.name,
                "name_en": f"{district.name_en} District Government",
                "aliases": [f"{district.name}政府"],
                "district": district,
            },
        )
