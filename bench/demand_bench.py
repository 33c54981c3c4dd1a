"""Demand upload bench: a 100,000-line template read plainly, validated, and imported — side by side.

(a) read only: ``read_xlsx_rows`` (calamine, plus the formula scan every upload gets);
(b) read + validate every row against reference data loaded once (no writes);
(c) the full import into a fresh report: read, validate, bulk insert with history, one transaction;
(d) the same file again: everything unchanged, nothing written.
The ratio (c) / (a) says what validation and storage cost on top of reading the file at all.
(e) the training import of as many rows (a CSV, through the same core pipeline) in the same run and database:
the demand upload's rows/s over the training import's rows/s (goal ≥ 0.5; 0.17 before the shared pipeline, 0.31
before the history rows of new lines were copied inside the database, 0.53–0.62 after, depending on the load).

Runs against $DATABASE_URL when set, else a temporary SQLite file. BENCH_DEMAND_LINES changes the size.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JINENG_VAR_DIR", tempfile.mkdtemp(prefix="jineng-demand-bench-"))
os.environ.setdefault("AXES_ENABLED", "false")
os.environ.setdefault("JINENG_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from jineng.accounts.models import User  # noqa: E402
from jineng.core.identifiers import synthetic_uscc  # noqa: E402
from jineng.core.models import District  # noqa: E402
from jineng.core.spreadsheets import read_xlsx_rows  # noqa: E402
from jineng.demand.models import Campaign, DemandLine, EnterpriseProfile  # noqa: E402
from jineng.demand.services.enterprises import enterprise_register  # noqa: E402
from jineng.demand.services.reports import demand_report_open  # noqa: E402
from jineng.demand.services.upload import TEMPLATE_HEADERS, demand_lines_import, demand_lines_parse  # noqa: E402
from jineng.occupations.models import Industry, Occupation, WorkType  # noqa: E402

LINES = int(os.environ.get("BENCH_DEMAND_LINES", "100000"))
WORK_TYPES_PER_OCCUPATION = 8
LEVEL_SPELLINGS = ["五级/初级工", "4", "三级", "技师", "高级技师", "学徒工", "特级技师", "首席技师"]
URGENCIES = ["一般", "2", "紧急"]


def reference_data() -> list[tuple[str, str]]:
    """Keys enough for LINES distinct lines: every occupation, with and without synthetic work types."""
    occupations = list(Occupation.objects.filter(classification="2022").order_by("code"))
    WorkType.objects.bulk_create(
        [WorkType(occupation=o, name=f"测试工种{n}", initials=f"csgz{n}") for o in occupations
         for n in range(1, WORK_TYPES_PER_OCCUPATION)],
        ignore_conflicts=True, batch_size=2000,
    )
    pairs = [(o.code, "") for o in occupations]
    pairs += [(o.code, f"测试工种{n}") for n in range(1, WORK_TYPES_PER_OCCUPATION) for o in occupations]
    return pairs


def build_file(pairs: list[tuple[str, str]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("需求明细")
    sheet.append(TEMPLATE_HEADERS)
    written = 0
    for spelling in LEVEL_SPELLINGS:
        for code, work_type in pairs:
            if written == LINES:
                break
            n = written
            sheet.append([code, work_type, spelling, 1 + n % 40, URGENCIES[n % 3], (n % 90) / 10, (n % 50) / 10,
                          6000 + (n % 120) * 100, f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}", "扩大产能" if n % 4 else ""])
            written += 1
    if written < LINES:
        raise SystemExit(f"only {written} distinct keys available for {LINES} lines")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fresh_report(n: int):
    industry = Industry.objects.get(code="IC")
    profile = enterprise_register(
        name=f"上海基准测试{n}号微电子有限公司", credit_code=synthetic_uscc(rng=__import__("random").Random(n)),
        district=District.objects.get(code="310115"), industry=industry, size="large", by=None, is_synthetic=True,
    )
    user = User.objects.create_user(username=f"bench-enterprise-{n}", organisation=profile.organisation)
    today = timezone.localdate()
    campaign, _ = Campaign.objects.get_or_create(
        name="基准测试批次", defaults={"year": today.year, "opens_on": today, "closes_on": today})
    campaign.industries.add(industry)
    return demand_report_open(campaign=campaign, by=user), user


def timed(call):
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def training_rows_per_second() -> tuple[float, float]:
    """(seconds, rows/s) of ``training_import_run`` on LINES generated rows, set up as in training_bench."""
    from bench.training_bench import build_classes, build_csv
    from jineng.training.services.imports import training_import_run

    content = build_csv(LINES, build_classes(LINES))
    seconds, record = timed(lambda: training_import_run(content=content, file_name="bench.csv", by=None))
    assert record.status == "done" and record.created_count == LINES, (record.status, record.errors[:5])
    return seconds, LINES / seconds


def main() -> None:
    call_command("migrate", verbosity=0)
    pairs = reference_data()
    build_seconds, content = timed(lambda: build_file(pairs))
    report, user = fresh_report(EnterpriseProfile.objects.count() + 1)

    read_seconds, rows = timed(lambda: read_xlsx_rows(content))
    parse_seconds, parsed = timed(lambda: demand_lines_parse(content))
    import_seconds, summary = timed(lambda: demand_lines_import(report=report, content=content, by=user))
    again_seconds, again = timed(lambda: demand_lines_import(report=report, content=content, by=user))

    training_seconds, training_rate = training_rows_per_second()

    assert len(rows) == LINES + 1 and len(parsed) == LINES
    assert (summary.created, again.unchanged, again.created + again.updated) == (LINES, LINES, 0)
    assert DemandLine.objects.filter(report=report).count() == LINES
    print(f"Jineng demand upload bench — database: {connection.vendor}; {LINES:,} lines, "
          f"{len(content) / 1048576:.1f} MB .xlsx (built in {build_seconds:.1f} s)")
    print(f"{'step':44} {'seconds':>8} {'rows/s':>10}")
    for label, seconds in [
        ("(a) read only (read_xlsx_rows)", read_seconds),
        ("(b) read + validate every row", parse_seconds),
        ("(c) full import into a fresh report", import_seconds),
        ("(d) same file again (all unchanged)", again_seconds),
    ]:
        print(f"{label:44} {seconds:8.2f} {LINES / seconds:10,.0f}")
    print(f"{'(e) training import, same rows, same run':44} {training_seconds:8.2f} {training_rate:10,.0f}")
    print(f"ratio validated/plain-read: (b)/(a) = {parse_seconds / read_seconds:.2f}, "
          f"full import (c)/(a) = {import_seconds / read_seconds:.2f}")
    ratio = LINES / import_seconds / training_rate
    print(f"demand upload rows/s over training import rows/s: (c)/(e) = {ratio:.2f} "
          f"({'ok' if ratio >= 0.5 else 'LOW'}, goal ≥ 0.5)")


if __name__ == "__main__":
    main()
