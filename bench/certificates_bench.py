"""Certificate bench on PostgreSQL: public verification behind gunicorn, and the bulk import against raw COPY.

1. Verification. N certificates (default 10,000,000; ``--certificates``) and N/10 holders are generated inside
   PostgreSQL (``INSERT … SELECT generate_series``) into the real tables with all their indexes. gunicorn serves
   ``config.wsgi`` with 2 workers as ``make serve`` does (DEBUG off, the whole middleware stack, the machine-wide
   counters file the verification limits count in), with rate limits raised above the load
   (``bench/certificates_settings.py``), connected to PostgreSQL through its Unix socket as docs/deploy.md advises
   on one machine; the table and its number index are read into PostgreSQL's buffers first, as on a server that
   has been answering for a while (pg_prewarm). Client
   processes send ``GET /api/v1/certificates/verify/?number=…&name=…`` for random certificates (a tenth with a
   wrong name) and the same against ``/bench/static.json`` (the same stack answering a fixed JSON), each for
   ``--seconds`` in all, in ``--rounds`` alternating rounds so that the machine's drift weighs on both. Reported: requests/s of each, their ratio (goal ≥ 0.5) and the verification p50/p99 (goal p99 ≤ 50 ms).
2. Import. M rows (default 1,000,000; ``--import-rows``) of valid certificates for new people as a CSV file,
   imported through ``certificates_import`` (read, every row validated, rows staged with ``COPY``, people not yet
   registered inserted with encrypted IDs, certificates and their history rows written by ``INSERT … SELECT``
   from the staging table) into the table already holding the N certificates; then the same
   rows, already resolved, written with a raw ``COPY`` (people, certificates) into the same tables and indexes.
   Reported: both times and the ratio raw/import (goal ≥ 0.5).

Run: bash scripts/with_postgres.sh .venv/bin/python bench/certificates_bench.py [--certificates N]
     [--import-rows M] [--seconds S] [--rounds R] [--clients C] [--import-only]
"""

import argparse
import io
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("JINENG_VAR_DIR", tempfile.mkdtemp(prefix="jineng-cert-bench-"))
os.environ.setdefault("AXES_ENABLED", "false")
os.environ.setdefault("JINENG_MAX_UPLOAD_BYTES", str(1024 * 1024 * 1024))  # a 1,000,000-row file is ~110 MB
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

SERIAL_BASE = 700_000  # city serials of the bench bodies: 700000 + body index
BODIES = 500


def _say(text: str) -> None:
    print(text, flush=True)


def _bodies() -> list[int]:
    from jineng.core.identifiers import synthetic_uscc
    from jineng.core.models import District
    from jineng.evaluation.models import EvaluationBody

    districts = list(District.objects.order_by("code"))
    ids = []
    for i in range(BODIES):
        district = districts[i % len(districts)]
        body, _ = EvaluationBody.objects.get_or_create(
            credit_code=synthetic_uscc(rng=random.Random(f"bench-{i}"), region=district.code),
            defaults={"name": f"上海测试评价机构{i:04d}", "kind": "social", "ministry_code": "0000",
                      "city_serial": f"{SERIAL_BASE + i:06d}", "district": district, "status": "published"})
        ids.append(body.pk)
    return ids


def _number(body_index: int, serial: int) -> str:
    # S 0000 31 <city serial> 24 3 <serial>: body index and serial from the row number
    return f"S000031{SERIAL_BASE + body_index:06d}243{serial:06d}"


def generate(n: int, body_ids: list[int]) -> float:
    """N certificates over 500 bodies (row i: body i % 500, serial i // 500 + 1), N/10 holders; seconds taken."""
    start = time.perf_counter()
    people = max(1, n // 10)
    first_body = body_ids[0]
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO core_person (resident_id_digest, resident_id_encrypted, resident_id_masked, name, sex,
                                     birth_date, area_code, phone, is_synthetic, created_at)
            SELECT md5('bench-person-' || i), 'v1:bench', '310115********' || lpad((i %% 10000)::text, 4, '0'),
                   '测试' || i, 'M', DATE '1990-01-01', '310115', '', true, now()
            FROM generate_series(1, %s) AS i""", [people])
        cursor.execute("SELECT min(id) FROM core_person WHERE resident_id_digest = md5('bench-person-1')")
        first_person = cursor.fetchone()[0]
        cursor.execute("SELECT id FROM occupations_occupation WHERE code = '6-18-01-01' ORDER BY id LIMIT 1")
        occupation = cursor.fetchone()[0]
        # bodies were created in one go: consecutive ids (checked)
        cursor.execute("SELECT count(*) FROM evaluation_evaluationbody WHERE id BETWEEN %s AND %s",
                       [first_body, first_body + BODIES - 1])
        assert cursor.fetchone()[0] == BODIES
        step = 1_000_000
        for low in range(0, n, step):
            high = min(n, low + step) - 1
            cursor.execute("""
                INSERT INTO certificates_certificate (number, holder_id, holder_name, occupation_id, work_type_id,
                    special_item, level, body_id, session_id, result_id, issued_on, status, status_date,
                    status_reason, status_index, source, is_synthetic, created_at)
                SELECT 'S000031' || lpad((%(serial_base)s + i %% %(bodies)s)::text, 6, '0') || '243'
                           || lpad((i / %(bodies)s + 1)::text, 6, '0'),
                       %(first_person)s + i %% %(people)s, '测试' || (i %% %(people)s + 1), %(occupation)s, NULL,
                       '', 3, %(first_body)s + i %% %(bodies)s, NULL, NULL,
                       DATE '2024-01-01' + (i %% 300), 'valid', NULL, '', 1000000000 + i, 'import', true, now()
                FROM generate_series(%(low)s, %(high)s) AS i""",
                           {"serial_base": SERIAL_BASE, "bodies": BODIES, "first_person": first_person,
                            "people": people, "occupation": occupation, "first_body": first_body, "low": low,
                            "high": high})
            _say(f"  {high + 1:,} certificates")
    # as a register that has been in use: vacuumed (hint bits and visibility map set, so the first reads do not
    # rewrite every page they touch) and analysed
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) core_person")
        cursor.execute("VACUUM (ANALYZE) certificates_certificate")
    _prewarm()
    return time.perf_counter() - start


def _prewarm() -> None:
    """The table and the number's index read into PostgreSQL's buffers, as a server that has answered
    verifications for a while holds them (pg_prewarm, which production runs as its autoprewarm worker to restore
    the buffers after a restart). Without it a 20-second run measures the first read of each page from the
    operating system's cache (ratio 0.47 against 0.52 prewarmed in the same state of the machine)."""
    from django.db import DatabaseError, transaction

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            cursor.execute("SELECT pg_prewarm('certificates_certificate'), "
                           "pg_prewarm('certificates_certificate_number_key')")
            _say(f"  prewarmed {sum(cursor.fetchone()):,} pages")
    except DatabaseError as error:
        _say(f"  not prewarmed (pg_prewarm unavailable: {error})")


# Load --------------------------------------------------------------------------------------------------------


def _client(args) -> tuple[int, list[float]]:
    import http.client

    port, path_kind, n, seconds, seed = args
    rng = random.Random(seed)
    people = max(1, n // 10)

    def verify_path() -> str:
        i = rng.randrange(n)
        name = f"测试{i % people + 1}" if rng.random() < 0.9 else "李四"
        return "/api/v1/certificates/verify/?" + urllib.parse.urlencode(
            {"number": _number(i % BODIES, i // BODIES + 1), "name": name})

    # the client's own work of making up a request is done before the clock starts (more than a client sends in
    # the time; made on the way beyond that), so that it does not count against the server
    paths = [verify_path() for _ in range(int(400 * seconds))] if path_kind == "verify" else []
    latencies = []
    deadline = time.perf_counter() + seconds
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while time.perf_counter() < deadline:
        path = "/bench/static.json" if path_kind == "static" else paths.pop() if paths else verify_path()
        started = time.perf_counter()
        try:
            connection_.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection_.getresponse()
            body = response.read()
            if response.status != 200 or not body:
                raise RuntimeError(f"{response.status} {body[:200]!r}")
        except (ConnectionError, http.client.HTTPException, OSError):
            connection_.close()
            connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        latencies.append(time.perf_counter() - started)
        if response.getheader("Connection", "").lower() == "close":
            connection_.close()
            connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    return len(latencies), latencies


def load(port: int, kind: str, n: int, seconds: float, clients: int) -> tuple[int, list[float]]:
    """Requests answered and their latencies, from ``clients`` processes over ``seconds``."""
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        results = pool.map(_client, [(port, kind, n, seconds, 1000 + c + int(time.time() * 1000) % 100_000)
                                     for c in range(clients)])
    return sum(count for count, _ in results), [lat for _, lats in results for lat in lats]


def compare(port: int, n: int, seconds: float, clients: int, rounds: int) -> dict:
    """Verification and static JSON in alternating rounds (each kind ``seconds`` in all), so that a drift of the
    machine's speed during the run weighs on both alike; requests/s and p50/p99 of each."""
    totals = {"verify": [0, []], "static": [0, []]}
    for _ in range(rounds):
        for kind in ("verify", "static"):
            count, latencies = load(port, kind, n, seconds / rounds, clients)
            totals[kind][0] += count
            totals[kind][1].extend(latencies)
    out = {}
    for kind, (count, latencies) in totals.items():
        latencies.sort()
        out[kind] = (count / seconds, _quantile_ms(latencies, 0.5), _quantile_ms(latencies, 0.99))
    return out


def _quantile_ms(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else 0.0


def serve(port: int) -> subprocess.Popen:
    # persistent database connections (docs/deploy.md's DATABASE_CONN_MAX_AGE), as a production server runs
    # connected as docs/deploy.md advises on one machine: through the Unix socket, when scripts/with_postgres.sh
    # names it
    env = {**os.environ, "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
           "DATABASE_URL": os.environ.get("DATABASE_SOCKET_URL") or os.environ["DATABASE_URL"],
           "DJANGO_SETTINGS_MODULE": "bench.certificates_settings", "DJANGO_DEBUG": "false",
           "DJANGO_STATICFILES_STORAGE": "whitenoise.storage.CompressedManifestStaticFilesStorage",
           "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
         "2", "--graceful-timeout", "5", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True)
    import http.client

    for _ in range(120):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/bench/static.json")
            if c.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not start")


# Import ------------------------------------------------------------------------------------------------------


def import_file(m: int, body_index: int) -> tuple[bytes, list[tuple]]:
    """M valid rows for new people, as CSV; their resident IDs come from the synthetic generator."""
    from jineng.certificates.engine.rows import COLUMNS
    from jineng.core.identifiers import synthetic_resident_id
    from jineng.evaluation.models import EvaluationBody

    body = EvaluationBody.objects.get(city_serial=f"{SERIAL_BASE + body_index:06d}")
    rng = random.Random(7)
    out = io.StringIO()
    out.write(",".join(COLUMNS) + "\n")
    people = []
    seen = set()
    n = 0
    while n < m:
        rid = synthetic_resident_id(rng=rng, area="310104")
        if rid in seen:
            continue
        seen.add(rid)
        n += 1
        day = date(2023, 1, 1) + timedelta(days=n % 300)  # 2023: the generated register holds 2024 numbers
        number = f"{body.certificate_letter}{body.ministry_code}31{body.city_serial}23{4 if n % 2 else 3}{(n + 1) // 2:06d}"
        level = "四级" if n % 2 else "三级"
        out.write(f"{number},导入{n},{rid},{body.credit_code},6-18-01-01,,,{level},{day.isoformat()},,,\n")
        people.append((number, rid, f"导入{n}", 2 if n % 2 else 3, day))
    return out.getvalue().encode(), people


def raw_copy(rows: list[tuple], body_id: int, occupation_id: int) -> float:
    """The same rows, resolved beforehand (digests, ciphertexts, ids), with COPY only: people, certificates."""
    from jineng.core.crypto import encrypt_text, keyed_digest
    from jineng.core.identifiers import resident_id_mask, resident_id_parse
    from jineng.core.imports import db_now, rows_insert, rows_insert_with_ids
    from jineng.core.people import PERSON_COLUMNS

    now = db_now()
    people = []
    for _number, rid, name, _level, _day in rows:
        parsed = resident_id_parse(rid)
        people.append((keyed_digest(parsed.number + "r"), encrypt_text(parsed.number), resident_id_mask(rid), name,
                       parsed.sex, parsed.birth_date, parsed.area_code, "", True, now))
    certificates = []
    start = time.perf_counter()
    from django.db import transaction

    with transaction.atomic():
        ids = rows_insert_with_ids("core_person", PERSON_COLUMNS, people)
        for index, ((number, _rid, name, level, day), person_id) in enumerate(zip(rows, ids, strict=True)):  # noqa: B007
            certificates.append(("R" + number[1:], person_id,
                                 name, occupation_id, None, "", level, body_id, None, None, day, "valid", None, "",
                                 2_000_000_000 + index, "import", True, now))
        rows_insert("certificates_certificate", (
            "number", "holder_id", "holder_name", "occupation_id", "work_type_id", "special_item", "level",
            "body_id", "session_id", "result_id", "issued_on", "status", "status_date", "status_reason",
            "status_index", "source", "is_synthetic", "created_at"), certificates)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=10_000_000)
    parser.add_argument("--import-rows", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=4, help="alternating verification/static rounds")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--import-only", action="store_true", help="skip the verification half (no server, no load)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        _say("certificates bench: PostgreSQL only (bash scripts/with_postgres.sh …)")
        return
    call_command("migrate", verbosity=0)
    body_ids = _bodies()
    _say(f"generating {args.certificates:,} certificates …")
    took = generate(args.certificates, body_ids)
    _say(f"  generated in {took:.0f} s")

    verify_rps = verify_p50 = verify_p99 = static_rps = static_p50 = static_p99 = 0.0
    if not args.import_only:
        call_command("collectstatic", "--noinput", "-v", "0")
        server = serve(args.port)
        try:
            load(args.port, "verify", args.certificates, 3, args.clients)  # warm-up
            measured = compare(args.port, args.certificates, args.seconds, args.clients, args.rounds)
            verify_rps, verify_p50, verify_p99 = measured["verify"]
            static_rps, static_p50, static_p99 = measured["static"]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        _say(f"  verification {verify_rps:.0f} req/s (p99 {verify_p99:.1f} ms), static JSON {static_rps:.0f} req/s")

    from jineng.certificates.services.imports import certificates_import
    from jineng.occupations.models import Occupation

    content, rows = import_file(args.import_rows, BODIES - 1)
    start = time.perf_counter()
    counts = certificates_import(content=content, file_name="bench.csv", by=None, today=date(2024, 11, 15))
    imported = time.perf_counter() - start
    assert counts.created == args.import_rows, counts
    raw = raw_copy(rows, body_ids[-1], Occupation.objects.filter(code="6-18-01-01").order_by("pk").first().pk)

    _say("")
    _say(f"certificates bench (PostgreSQL, {args.certificates:,} certificates, gunicorn 2 workers, "
         f"{args.clients} client processes, {args.seconds:.0f} s each in {args.rounds} alternating rounds)")
    _say(f"  (DATABASE_CONN_MAX_AGE={os.environ.get('DATABASE_CONN_MAX_AGE', '60')} for gunicorn, connected through "
         f"{'the Unix socket' if os.environ.get('DATABASE_SOCKET_URL') else 'TCP'})")
    if args.import_only:
        _say("  verification   skipped (--import-only)")
    else:
        _say(f"  verification   {verify_rps:8.0f} req/s   p50 {verify_p50:6.1f} ms   p99 {verify_p99:6.1f} ms")
        _say(f"  static JSON    {static_rps:8.0f} req/s   p50 {static_p50:6.1f} ms   p99 {static_p99:6.1f} ms")
        _say(f"  ratio          {verify_rps / static_rps if static_rps else 0:8.2f}   (goal ≥ 0.5; p99 goal ≤ 50 ms)")
    _say(f"  import {args.import_rows:,} rows with validation   {imported:7.1f} s  ({args.import_rows / imported:,.0f} rows/s)")
    _say(f"  raw COPY of the same rows                {raw:7.1f} s  ({args.import_rows / raw:,.0f} rows/s)")
    _say(f"  ratio raw/import {raw / imported:8.2f}   (goal ≥ 0.5)")


if __name__ == "__main__":
    main()
