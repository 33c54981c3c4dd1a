"""Portal bench: course search over 10,000 courses and the public home page.

1. 10,000 approved projects (``BENCH_COURSES``) at 200 institutions, indexed (``course_index_rebuild``); then
   ``GET /api/v1/portal/courses/?q=…&category=…`` through the whole Django stack (test client, anonymous),
   rotating over Chinese substrings (2 and 3+ characters), pinyin initials and filters, each answer carrying
   the subsidy estimate of its first page (20 rows), ``BENCH_REQUESTS`` times. Reported: p50 and p95 ms (goal p95
   ≤ 100 ms), and the search selector alone.
2. Home page for a visitor: server time p50/p95 and transfer size (HTML + the CSS it links).

Run: .venv/bin/python bench/portal_bench.py (PostgreSQL: bash scripts/with_postgres.sh .venv/bin/python …)
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
os.environ.setdefault("JINENG_VAR_DIR", tempfile.mkdtemp(prefix="jineng-portal-bench-"))
os.environ.setdefault("AXES_ENABLED", "false")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from jineng.core.engine.identifiers import synthetic_uscc  # noqa: E402
from jineng.core.models import District  # noqa: E402
from jineng.occupations.models import Occupation  # noqa: E402
from jineng.portal.selectors.courses import CourseFilters, course_search  # noqa: E402
from jineng.portal.services.course_index import course_index_rebuild  # noqa: E402
from jineng.training.models import Institution, TrainingProject  # noqa: E402

COURSES = int(os.environ.get("BENCH_COURSES", "10000"))
INSTITUTIONS = 200
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
QUERIES = ("车工", "养老护理", "电工", "cg", "ylhly", "培训学校", "数控", "机电学院", "hlx", "")
CATEGORIES = ("employed", "unemployed_hukou", "college_graduate", "insured_employee", "")


def _world() -> None:
    rng = random.Random(12)
    districts = list(District.objects.order_by("code"))
    names = ("机电", "康养", "数控", "烹饪", "汽修", "电子", "护理", "建筑")
    institutions = [Institution(credit_code=synthetic_uscc(rng=random.Random(i), region=districts[i % 16].code),
                                name=f"上海{names[i % 8]}职业技能培训学校{i}", kind="private",
                                district=districts[i % len(districts)], is_synthetic=True)
                    for i in range(INSTITUTIONS)]
    Institution.objects.bulk_create(institutions)
    institutions = list(Institution.objects.order_by("pk"))
    occupations = list(Occupation.objects.filter(classification="2022").order_by("code")[:400])
    start = date(2024, 1, 8)
    TrainingProject.objects.bulk_create([
        TrainingProject(institution=institutions[i % INSTITUTIONS], occupation=occupations[(i // INSTITUTIONS * 8 + i % INSTITUTIONS) % 400],
                        level=rng.choice((1, 2, 3, 4, 5)), class_hours=rng.choice((40, 80, 120)),
                        fee=Decimal(rng.randrange(800, 6000, 100)), approved_date=start + timedelta(days=i % 300))
        for i in range(COURSES)], batch_size=2000)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def search_bench(client: Client) -> None:
    timings, selector = [], []
    for n in range(REQUESTS):
        params = {"q": QUERIES[n % len(QUERIES)], "category": CATEGORIES[n % len(CATEGORIES)], "limit": 20}
        if n % 3 == 1:
            params["level"] = 3
        if n % 4 == 2:
            params["sort"] = "price"
        started = time.perf_counter()
        response = client.get("/api/v1/portal/courses/", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
        started = time.perf_counter()
        list(course_search(CourseFilters(q=params["q"], level=params.get("level")))[:20])
        selector.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(timings)
    s50, s95 = _percentiles(selector)
    print(f"course search over {COURSES:,} courses ({connection.vendor}), API with estimates: "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms (goal p95 <= 100); search alone p50 {s50:.1f} ms, p95 {s95:.1f} ms")


def home_bench(client: Client) -> None:
    timings = []
    for _ in range(max(REQUESTS // 4, 20)):
        started = time.perf_counter()
        response = client.get("/")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    html = response.content
    css = sum((ROOT / "static" / path).stat().st_size for path in ("css/jineng.css", "js/jineng.js"))
    css += (ROOT / "jineng/portal/static/portal/portal.css").stat().st_size
    p50, p95 = _percentiles(timings)
    print(f"home page for a visitor: p50 {p50:.1f} ms, p95 {p95:.1f} ms; transfer {len(html) / 1024:.1f} KB HTML "
          f"+ {css / 1024:.1f} KB CSS/JS (uncompressed, htmx aside)")


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _world()
    indexed = course_index_rebuild()
    print(f"{indexed:,} courses written and indexed in {time.perf_counter() - started:.1f} s")
    client = Client()
    search_bench(client)
    home_bench(client)


if __name__ == "__main__":
    main()
