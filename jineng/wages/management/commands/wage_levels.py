"""Wage tables from a survey file, without the database: ``manage.py wage_levels --input FILE --json``."""

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jineng.core.exceptions import ImportRejected
from jineng.core.imports import table_read
from jineng.occupations.reference import DATA as OCCUPATION_DATA
from jineng.wages.engine.levels import LEVEL_NAMES
from jineng.wages.engine.records import SKILL, records_parse
from jineng.wages.engine.tables import (
    BY_OCCUPATION,
    BY_OCCUPATION_LEVEL,
    Thresholds,
    WageColumns,
    cell_as_dict,
    wage_tables,
)

PRINTED = ("occupation_code", "level", "n_enterprises", "n_workers", "p10", "p25", "p50", "p75", "p90",
           "suppressed", "reason")


def occupation_codes_2022() -> frozenset[str]:
    with (OCCUPATION_DATA / "occupations-2022.csv").open(encoding="utf-8") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))


class Command(BaseCommand):
    help = ("由工资调查文件（含统一社会信用代码列）计算各职业、等级的工资价位（P10/P25/P50/P75/P90），"
            "按发布规则隐藏小格和被单一企业主导的格；不读写数据库。")

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help=".xlsx 或 .csv")
        parser.add_argument("--min-enterprises", type=int, default=3)
        parser.add_argument("--min-workers", type=int, default=10)
        parser.add_argument("--dominance", type=float, default=0.6)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        path = Path(options["input"])
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}")
        if options["min_enterprises"] < 1 or options["min_workers"] < 1 or not 0 < options["dominance"] <= 1:
            raise CommandError("--min-enterprises、--min-workers 应为正整数，--dominance 应在 (0, 1] 之内")
        try:
            table = table_read(content=path.read_bytes(), file_name=path.name)
        except ImportRejected as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        parsed = records_parse(table.rows, occupation_codes=occupation_codes_2022(), with_credit_code=True)
        if parsed.errors:
            raise CommandError("\n".join(parsed.errors))
        rows = [r for r in parsed.rows if r.post_category == SKILL and r.level is not None]
        columns = WageColumns(enterprise=[r.credit_code for r in rows], occupation=[r.occupation_code for r in rows],
                              level=[r.level for r in rows], industry=[""] * len(rows),
                              pay=[float(r.annual_pay) for r in rows])
        thresholds = Thresholds(min_enterprises=options["min_enterprises"], min_workers=options["min_workers"],
                                dominance=options["dominance"])
        cells = wage_tables(columns, thresholds, dimensions=(BY_OCCUPATION_LEVEL, BY_OCCUPATION))
        printed = [{k: cell_as_dict(c, LEVEL_NAMES)[k] for k in PRINTED} for c in cells]
        if options["json"]:
            self.stdout.write(json.dumps({"cells": printed}, ensure_ascii=False, indent=2))
            return
        for cell in printed:
            figures = "（不发布）" if cell["suppressed"] else f"P50 {cell['p50']}"
            self.stdout.write(f"{cell['occupation_code']} {cell['level'] or '合计'}：{cell['n_enterprises']} 家 "
                              f"{cell['n_workers']} 人 {figures}")
