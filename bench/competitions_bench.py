"""Competitions bench: standardising and ranking 40,000 contestants' marks, and the public calendar's server time.

1. Engine (pure Python): 40,000 raw totals (``BENCH_CONTESTANTS``) spread over 300 events, each event
   standardised (median 700) and ranked with ties, with every contestant's promotion outcome; then the same
   40,000 as one field. Reported: seconds for each.
2. Calendar: 320 events of one year in the database (SQLite by default; PostgreSQL through
   ``scripts/with_postgres.sh``); ``GET /competitions/calendar/`` through the whole Django stack (test client,
   anonymous) with a rotating month / district filter, ``BENCH_REQUESTS`` times. Reported: p50 and p95 (ms).

Run: .venv/bin/python bench/competitions_bench.py
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JINENG_VAR_DIR", tempfile.mkdtemp(prefix="jineng-competitions-bench-"))
os.environ.setdefault("AXES_ENABLED", "false")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from jineng.accounts.models import Organisation  # noqa: E402
from jineng.competitions.engine.promotion import outcome_for  # noqa: E402
from jineng.competitions.engine.scores import standings  # noqa: E402
from jineng.competitions.models import Event  # noqa: E402
from jineng.competitions.services.plans import plan_for_year  # noqa: E402
from jineng.core.models import District  # noqa: E402
from jineng.occupations.models import Occupation  # noqa: E402

CONTESTANTS = int(os.environ.get("BENCH_CONTESTANTS", "40000"))
EVENTS = 300
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))


def engine_bench() -> tuple[float, float]:
    rng = random.Random(29)
    raws = [Decimal(rng.randint(2000, 10000)) / 100 for _ in range(CONTESTANTS)]
    events = [raws[i::EVENTS] for i in range(EVENTS)]
    started = time.perf_counter()
    for field in events:
        for standing in standings(field):
            outcome_for(tier="monthly", awarded_level=3, raw=standing.raw, max_marks=Decimal(100),
                        rank=standing.rank, percentile=standing.percentile, current_level=None, on=date(2024, 6, 1))
    per_event = time.perf_counter() - started
    started = time.perf_counter()
    standings(raws)
    one_field = time.perf_counter() - started
    return per_event, one_field


def calendar_bench() -> tuple[float, float]:
    call_command("migrate", verbosity=0)
    districts = list(District.objects.order_by("code"))
    occupation = Occupation.objects.order_by("code").first()
    organiser = Organisation.objects.order_by("pk").first()
    plan = plan_for_year(2024)
    rng = random.Random(31)
    Event.objects.bulk_create([
        Event(plan=plan, code=f"B2024-{n:04d}", title=f"赛项{n}", tier="monthly", occupation=occupation,
              level_awarded=3, district=districts[n % 16], organiser=organiser, venue="场地",
              lon=districts[n % 16].seat_lon, lat=districts[n % 16].seat_lat,
              start_date=date(2024, 1, 10) + timedelta(days=rng.randrange(340)),
              end_date=date(2024, 12, 31), capacity=80, registration_opens=date(2024, 1, 1),
              registration_closes=date(2024, 1, 9)) for n in range(320)])
    client = Client()
    urls = [f"/competitions/calendar/?year=2024&month={1 + n % 12}&district={districts[n % 16].code}"
            if n % 3 else "/competitions/calendar/?year=2024" for n in range(REQUESTS)]
    client.get(urls[0])  # warm the template cache
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def main() -> None:
    per_event, one_field = engine_bench()
    print(f"competitions engine: {CONTESTANTS:,} contestants in {EVENTS} events standardised, ranked and judged "
          f"for promotion in {per_event:.2f} s; as one field {one_field:.2f} s")
    p50, p95 = calendar_bench()
    print(f"public calendar ({connection.vendor}, 320 events, {REQUESTS} requests): p50 {p50:.1f} ms, "
          f"p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
