"""`make bench`: the desk's server time (p50/p95) and SQL query count on a large synthetic year.

Data: the 2024 plan with every quantity indicator split among the 16 districts, every district a
responsible unit of every task, and 12 months × 46 tasks × 16 districts of reports (plus the lead
departments' reports), each with its indicator values. Then the same plan doubled to 92 tasks, to show
that the desk's query count does not grow with the number of tasks.

Runs against $DATABASE_URL when set (make bench starts a throwaway PostgreSQL), else a temporary SQLite file.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("JINENG_VAR_DIR", tempfile.mkdtemp(prefix="jineng-bench-"))
os.environ.setdefault("AXES_ENABLED", "false")
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from jineng.accounts.models import Organisation, User  # noqa: E402
from jineng.core.models import District  # noqa: E402
from jineng.workplan.models import (  # noqa: E402
    Category,
    DistrictTarget,
    Indicator,
    IndicatorValue,
    MonthlyReport,
    Plan,
    Task,
    TaskUnit,
)
from jineng.workplan.services.plan_import import plan_import_file  # noqa: E402

PLAN_TXT = ROOT / "jineng/workplan/data/plan-2024.txt"
ZONE = django.utils.timezone.get_default_timezone()
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
GOAL_P95_MS, GOAL_QUERIES = 100, 25


def build_year(plan: Plan) -> int:
    districts = list(District.objects.order_by("code"))
    governments = {o.district_id: o for o in Organisation.objects.filter(kind="district")}
    tasks = list(Task.objects.filter(plan=plan))
    TaskUnit.objects.bulk_create(
        [TaskUnit(task=t, organisation=governments[d.pk], role="lead") for t in tasks for d in districts],
        ignore_conflicts=True,
    )
    indicators = list(Indicator.objects.filter(task__plan=plan, kind="quantity"))
    DistrictTarget.objects.bulk_create(
        [DistrictTarget(indicator=i, district=d, value=(i.annual_target / 16).quantize(Decimal(1))) for i in indicators for d in districts],
        ignore_conflicts=True,
    )
    creator = User.objects.get(username="bench-office")
    units = [(t, u.organisation) for t in tasks for u in t.task_units.select_related("organisation")]
    reports = []
    for month in range(1, 13):
        submitted = datetime(plan.year + (month == 12), month % 12 + 1, 5 + month % 9, 10, tzinfo=ZONE)
        for task, organisation in units:
            reports.append(
                MonthlyReport(
                    task=task, organisation=organisation, period=datetime(plan.year, month, 1).date(),
                    state="accepted", progress_status="on_track", narrative="推进中", created_by=creator,
                    first_submitted_at=submitted, submitted_at=submitted, reviewed_at=submitted + timedelta(days=2),
                )
            )
    MonthlyReport.objects.bulk_create(reports, batch_size=2000)
    by_task: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_task.setdefault(indicator.task_id, []).append(indicator)
    values = [
        IndicatorValue(report=r, indicator=i, value=(i.annual_target / 16) * r.period.month / 12)
        for r in MonthlyReport.objects.filter(task__plan=plan).only("id", "task_id", "period")
        for i in by_task.get(r.task_id, [])
    ]
    IndicatorValue.objects.bulk_create(values, batch_size=5000)
    return MonthlyReport.objects.filter(task__plan=plan).count()


def double_tasks(plan: Plan) -> None:
    """Another plan year with every task twice (92 tasks), same reports per task."""
    category = Category.objects.filter(plan=plan).order_by("order").first()
    start = Task.objects.filter(plan=plan).count()
    for task in list(Task.objects.filter(plan=plan).order_by("number")):
        copy = Task.objects.create(plan=plan, number=task.number + start, category=category, content=task.content, lead_text=task.lead_text)
        for indicator in task.indicators.all():
            Indicator.objects.create(task=copy, ordinal=indicator.ordinal, kind=indicator.kind, label=indicator.label,
                                     unit=indicator.unit, annual_target=indicator.annual_target)
        for unit in task.task_units.all():
            TaskUnit.objects.create(task=copy, organisation=unit.organisation, role=unit.role)


def measure(client: Client, url: str) -> tuple[list[float], int]:
    client.get(url)  # warm caches and connections
    queries = []
    # Counted with an execute wrapper: the query log is reset at every request start.
    with connection.execute_wrapper(lambda execute, sql, params, many, context: queries.append(sql) or execute(sql, params, many, context)):
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return times, len(queries)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    call_command("migrate", verbosity=0)
    office = Organisation.objects.get(kind="programme_office")
    user, _ = User.objects.get_or_create(username="bench-office", defaults={"organisation": office})
    plan = plan_import_file(path=PLAN_TXT, year=2024, by=None).plan
    started = time.perf_counter()
    count = build_year(plan)
    build_seconds = time.perf_counter() - started
    client = Client()
    client.force_login(user)
    vendor = connection.vendor
    print(f"Jineng bench — database: {vendor}; {count} monthly reports, "
          f"{IndicatorValue.objects.count()} indicator values (built in {build_seconds:.1f} s); {RUNS} runs each")
    rows = []
    for label, url in [
        ("desk, December, whole city", "/desk/?year=2024&month=12"),
        ("desk, June, whole city", "/desk/?year=2024&month=6"),
        ("desk, December, one district", f"/desk/?year=2024&month=12&district={District.objects.get(code='310115').pk}"),
        ("district scorecard, December", "/desk/scorecard/?year=2024&month=12"),
        ("API desk JSON, December", "/api/v1/desk/?year=2024&month=12"),
    ]:
        times, queries = measure(client, url)
        rows.append((label, statistics.median(times), p95(times), queries))
    _, queries_46 = measure(client, "/desk/?year=2024&month=12")
    double_tasks(plan)
    _, queries_92 = measure(client, "/desk/?year=2024&month=12")
    print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for label, p50, p95_value, queries in rows:
        print(f"{label:34} {p50:8.1f} {p95_value:8.1f} {queries:8d}")
    print(f"desk query count with 46 tasks: {queries_46}; with 92 tasks: {queries_92} "
          f"({'constant' if queries_46 == queries_92 else 'GROWS'})")
    _, p95_city, queries_city = rows[0][1:]
    met = p95_city <= GOAL_P95_MS and queries_city <= GOAL_QUERIES and queries_46 == queries_92
    print(f"goal (whole-city desk p95 <= {GOAL_P95_MS} ms, <= {GOAL_QUERIES} queries, constant): "
          f"{'met' if met else 'NOT met'} on {vendor}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog="Set BENCH_RUNS or --runs; "
                                     "DATABASE_URL selects PostgreSQL (scripts/with_postgres.sh starts one).")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"timed requests per page (default {RUNS})")
    RUNS = parser.parse_args().runs
    main()
