"""Service points bench: the nearest-services query over 20,000 points, and the public map and circle pages.

1. 20,000 service points (``BENCH_POINTS``) spread uniformly over the 16 districts (inside the polygons), in
   the database (SQLite by default; PostgreSQL through ``scripts/with_postgres.sh``).
2. ``GET /api/v1/portal/nearby/`` through the whole Django stack (test client, anonymous) from ``BENCH_REQUESTS``
   random origins in the city, walking and cycling, 15 minutes: p50 and p95 (ms), and the mean number found.
3. ``GET /servicepoints/map/`` and ``/servicepoints/circle/?lng=&lat=&mode=walk&minutes=15``: server time
   p50 / p95 (ms), and the transfer size of each page: its HTML, every static file it links, and for the map the
   points it fetches (``/api/v1/portal/service-points/``), raw and gzip-compressed — without the district outlines
   (``/servicepoints/districts.geojson``, cached for an hour, reported apart). Goal: < 500 KB.

Run: .venv/bin/python bench/servicepoints_bench.py
"""

import gzip
import os
import random
import re
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JINENG_VAR_DIR", tempfile.mkdtemp(prefix="jineng-servicepoints-bench-"))
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

from jineng.core.districts import districts_at  # noqa: E402
from jineng.core.models import District  # noqa: E402
from jineng.servicepoints.models import ServicePoint  # noqa: E402

POINTS = int(os.environ.get("BENCH_POINTS", "20000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
KINDS = ("station", "training", "test_site", "window", "venue")


def _random_places(count: int, rng: random.Random) -> list[tuple[float, float, str]]:
    districts = list(District.objects.order_by("code"))
    geometries = {d.code: d.geometry for d in districts}
    found: list[tuple[float, float, str]] = []
    while len(found) < count:
        lngs = [rng.uniform(120.85, 122.2) for _ in range(count)]
        lats = [rng.uniform(30.66, 31.88) for _ in range(count)]
        found += [(lng, lat, code) for lng, lat, code in zip(lngs, lats, districts_at(geometries, lngs, lats),
                                                              strict=True) if code]
    return found[:count]


def seed(rng: random.Random) -> list[tuple[float, float, str]]:
    call_command("migrate", verbosity=0)
    ids = {d.code: d.pk for d in District.objects.all()}
    places = _random_places(POINTS, rng)
    ServicePoint.objects.bulk_create([
        ServicePoint(name=f"服务站{n}", kind=KINDS[n % 5], district_id=ids[code], address=f"测试路{n}号",
                     lon=Decimal(f"{lng:.6f}"), lat=Decimal(f"{lat:.6f}"), hours="周一至周五 9:00–17:00")
        for n, (lng, lat, code) in enumerate(places)], batch_size=2000)
    return _random_places(REQUESTS, rng)


def timed(client: Client, urls: list[str]) -> tuple[float, float, list]:
    client.get(urls[0])  # warm caches (templates, parameters)
    times, answers = [], []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        answers.append(response)
    return statistics.median(times), statistics.quantiles(times, n=20)[18], answers


def transfer(html: bytes, extra: list[bytes]) -> tuple[int, int]:
    """Raw and gzip sizes of the page, the static files it links and ``extra`` bodies."""
    bodies = [html, *extra]
    for url in sorted(set(re.findall(rb'(?:src|href)="/static/([^"?]+)"', html))):
        path = finders.find(url.decode())
        if path:
            bodies.append(Path(path).read_bytes())
    return sum(len(b) for b in bodies), sum(len(gzip.compress(b)) for b in bodies)


def main() -> None:
    rng = random.Random(40)
    origins = seed(rng)
    client = Client()
    urls = [f"/api/v1/portal/nearby/?lng={lng:.6f}&lat={lat:.6f}&mode={'walk' if n % 2 else 'bike'}&minutes=15"
            for n, (lng, lat, _code) in enumerate(origins)]
    p50, p95, answers = timed(client, urls)
    found = statistics.mean(len(a.json()["services"]) for a in answers)
    print(f"nearby ({connection.vendor}, {POINTS:,} points, {REQUESTS} requests, walk/bike 15 min): "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, {found:.0f} services found on average")

    shapes = client.get("/servicepoints/districts.geojson").content
    points = client.get("/api/v1/portal/service-points/").content
    p50, p95, pages = timed(client, ["/servicepoints/map/"] * 50)
    raw, packed = transfer(pages[0].content, [points])
    print(f"map page: server p50 {p50:.1f} ms, p95 {p95:.1f} ms; transfer {raw / 1024:.0f} KB "
          f"({packed / 1024:.0f} KB gzip) with the {POINTS:,} points' JSON; without it "
          f"{transfer(pages[0].content, [])[0] / 1024:.0f} KB")
    lng, lat, _code = origins[0]
    p50, p95, pages = timed(client, [f"/servicepoints/circle/?lng={lng:.6f}&lat={lat:.6f}&mode=walk&minutes=15"] * 50)
    raw, packed = transfer(pages[0].content, [])
    print(f"circle page: server p50 {p50:.1f} ms, p95 {p95:.1f} ms; transfer {raw / 1024:.0f} KB "
          f"({packed / 1024:.0f} KB gzip)")
    print(f"district outlines (apart, cached 1 h): {len(shapes) / 1024:.0f} KB "
          f"({len(gzip.compress(shapes)) / 1024:.0f} KB gzip)")


if __name__ == "__main__":
    main()
