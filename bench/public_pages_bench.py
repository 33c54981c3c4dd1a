"""Public pages bench: every page an anonymous visitor can open, its server time and its transfer size.

The pages are generated, not listed: every URL name whose anonymous column in the role matrix
(``tests/role_matrix.py`` and each app's ``tests/role_matrix.py``) says ``ok``, with its path parameters filled
from the role matrix's own world (``tests/role_matrix_world.world_build``), so a new public page is measured
without editing this file. Answers that are not HTML (the API, downloads, iCal, GeoJSON) are counted apart.

Data: the role matrix's world plus the demo steps in ``BENCH_DEMO_STEPS`` (``seed_demo --only``, default
``servicepoints``: the 500 stations and district windows) — set e.g. ``BENCH_DEMO_STEPS="servicepoints portal"``
for the portal's articles and courses over the training demo (slower to seed).

For each page, ``BENCH_PAGE_REQUESTS`` (default 30) anonymous GETs through the whole Django stack (test client,
``Accept-Encoding: gzip``): server p50 / p95 (goal p95 <= 100 ms); transfer = the HTML as sent (gzip) + every
CSS/JS/image it references (``src``/``href`` under /static/ as whitenoise sends them pre-compressed by
``make serve``; other same-site images fetched), each counted once per page. Left out: the district polygons
(``districts.geojson``) and data a script fetches after load. Goal: < 500 KB.

Run: .venv/bin/python bench/public_pages_bench.py (PostgreSQL: bash scripts/with_postgres.sh .venv/bin/python …)
"""

import gc
import gzip
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JINENG_VAR_DIR", tempfile.mkdtemp(prefix="jineng-public-pages-bench-"))
os.environ.setdefault("AXES_ENABLED", "false")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from tests.role_matrix import EXPECT  # noqa: E402
from tests.role_matrix_world import world_build  # noqa: E402
from tests.test_role_matrix import _arguments, url_names  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_PAGE_REQUESTS", "30"))
DEMO_STEPS = os.environ.get("BENCH_DEMO_STEPS", "servicepoints").split()
PLAN_TXT = ROOT / "jineng/workplan/tests/fixtures/plan-2024.txt"
GOAL_MS, GOAL_KB = 100, 500
POLYGONS = ("districts.geojson",)  # the district outlines, reported by bench/servicepoints_bench.py
COMPRESSIBLE = (".css", ".js", ".mjs", ".svg", ".json", ".geojson", ".map", ".txt", ".html", ".ico")
ASSET = re.compile(rb'(?:src|href)="(/[^"#?]*)[^"]*"')


def public_urls(world: dict) -> list[tuple[str, str]]:
    """(URL name, path) of every pattern the role matrix opens to an anonymous visitor."""
    urls = []
    for name, params in sorted(url_names().items()):
        if EXPECT.get(name, "").split()[-1:] != ["ok"]:
            continue
        inside, _outside = _arguments(name, params, world)
        urls.append((name, reverse(name, kwargs=inside)))
    return urls


def _static_size(path: str) -> int:
    found = finders.find(path.removeprefix("/static/"))
    if not found:
        return 0
    body = Path(found).read_bytes()
    if path.endswith(COMPRESSIBLE):  # whitenoise keeps a .gz beside it and sends it when smaller
        return min(len(body), len(gzip.compress(body)))
    return len(body)


def transfer(client: Client, html_sent: bytes, html: bytes) -> tuple[int, int]:
    """Bytes sent for the page and everything it references (once each), and how many references."""
    total, refs = len(html_sent), 0
    for path in sorted({m.decode() for m in ASSET.findall(html)}):
        if path.startswith("//") or path.endswith(POLYGONS):
            continue
        if path.startswith("/static/"):
            size = _static_size(path)
        elif re.search(r"\.(png|jpe?g|gif|webp|svg|ico)$|/image/?$", path):
            answer = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
            size = len(answer.getvalue()) if answer.status_code == 200 else 0
        else:
            continue  # links to other pages
        total, refs = total + size, refs + 1
    return total, refs


def measure(client: Client, url: str) -> tuple[float, float, object]:
    client.get(url, HTTP_ACCEPT_ENCODING="gzip")  # warm templates and caches
    times, answer = [], None
    for _ in range(REQUESTS):
        started = time.perf_counter()
        answer = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[18], answer


def main() -> None:
    from jineng.workplan.services.plan_import import plan_import_file

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if DEMO_STEPS:
        call_command("seed_demo", *[arg for step in DEMO_STEPS for arg in ("--only", step)], verbosity=0)
    world = world_build(plan_import_file(path=PLAN_TXT, year=2024, by=None).plan)
    print(f"data: role-matrix world + demo steps {', '.join(DEMO_STEPS) or '(none)'} "
          f"in {time.perf_counter() - started:.0f} s ({connection.vendor})")

    client = Client()
    rows, others, pages = [], [], []
    for name, url in public_urls(world):
        probe = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        kind = probe.get("Content-Type", "").split(";")[0]
        if probe.status_code != 200 or kind != "text/html":
            others.append(f"{name} ({probe.status_code} {kind or '-'})")
            continue
        pages.append((name, url))
    # Every page has run once: the seeding's objects and every module, template and URL pattern the pages load
    # are in memory for good. Set them aside from the cyclic garbage collector (``gc.freeze``). In a web worker
    # they are the bulk of the oldest generation and a full collection waits until it has grown by a quarter;
    # in this process, which also seeded the data, a full collection over them (about 60 ms) landed inside one
    # measured request every few dozen.
    gc.collect()
    gc.freeze()
    for name, url in pages:
        p50, p95, answer = measure(client, url)
        sent = answer.getvalue()
        html = gzip.decompress(sent) if answer.get("Content-Encoding") == "gzip" else sent
        size, refs = transfer(client, sent, html)
        rows.append((name, url, p50, p95, len(html), len(sent), size, refs))

    print(f"\n{'page':<34} {'p50 ms':>7} {'p95 ms':>7} {'HTML KB':>8} {'sent KB':>8} {'+refs':>5} "
          f"{'total KB':>9}  path")
    for name, url, p50, p95, raw, sent, size, refs in rows:
        flag = " <-" if p95 > GOAL_MS or size >= GOAL_KB * 1024 else ""
        print(f"{name:<34} {p50:7.1f} {p95:7.1f} {raw / 1024:8.1f} {sent / 1024:8.1f} {refs:5d} "
              f"{size / 1024:9.1f}  {url[:60]}{flag}")
    print(f"\nother public answers (API, downloads; not pages): {len(others)}: {', '.join(others)}")
    slow = [row for row in rows if row[3] > GOAL_MS]
    heavy = [row for row in rows if row[6] >= GOAL_KB * 1024]
    slowest = max(rows, key=lambda row: row[3])
    largest = max(rows, key=lambda row: row[6])
    print(f"public pages: {len(rows)}; server p95 <= {GOAL_MS} ms: "
          f"{'all' if not slow else f'{len(rows) - len(slow)} of {len(rows)}'} (slowest {slowest[0]} "
          f"{slowest[3]:.1f} ms); transfer < {GOAL_KB} KB: "
          f"{'all' if not heavy else f'{len(rows) - len(heavy)} of {len(rows)}'} (largest {largest[0]} "
          f"{largest[6] / 1024:.0f} KB) — goals {'met' if not slow and not heavy else 'MISSED'}")


if __name__ == "__main__":
    main()
