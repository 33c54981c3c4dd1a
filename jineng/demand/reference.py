"""Reference data from jineng/demand/data: which department reviews which industry (used by a data migration)."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def load_industry_departments(industry_department_model, industry_model, organisation_model) -> None:
    industries = {i.code: i for i in industry_model.objects.all()}
    organisations = {o.name: o for o in organisation_model.objects.all()}
    with (DATA / "industry-departments.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            industry = industries.get(row["industry_code"])
            organisation = organisations.get(row["organisation_name"])
            if industry is None or organisation is None:
                raise ValueError(f"unknown industry or organisation in industry-departments.csv: {row}")
            industry_department_model.objects.get_or_create(industry=industry, organisation=organisation)
