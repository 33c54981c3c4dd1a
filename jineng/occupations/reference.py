"""Load the 2022 occupation classification and the industries from jineng/occupations/data."""

import csv
from pathlib import Path

from pypinyin import Style, lazy_pinyin

DATA = Path(__file__).resolve().parent / "data"


def pinyin_initials(text: str) -> str:
    """车工 -> cg; characters without pinyin (digits, Latin letters) are kept lowercased."""
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda chars: chars)).lower()[:40]


def occupation_rows() -> list[dict]:
    with (DATA / "occupations-2022.csv").open(encoding="utf-8") as handle:
        return [
            {
                "code": row["code"],
                "name": row["name"],
                "marker": row["marker_L_green_S_digital"],
                "major_code": row["major_code"],
                "major_name": row["major_name"],
                "middle_code": row["middle_code"],
                "middle_name": row["middle_name"],
                "minor_code": row["minor_code"],
                "minor_name": row["minor_name"],
                "initials": pinyin_initials(row["name"]),
            }
            for row in csv.DictReader(handle)
        ]


def load_occupations(occupation_model) -> None:
    existing = set(occupation_model.objects.filter(classification="2022").values_list("code", flat=True))
    occupation_model.objects.bulk_create(
        [occupation_model(classification="2022", **row) for row in occupation_rows() if row["code"] not in existing],
        batch_size=500,
    )


def load_industries(industry_model) -> None:
    with (DATA / "industries.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            industry_model.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "name_en": row["name_en"],
                    "kind": row["kind"],
                    "aliases": [a for a in row["aliases"].split("|") if a],
                    "order": int(row["order"]),
                },
            )
