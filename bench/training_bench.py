"""Training-records import bench: 800,000 rows with full validation, side by side with a raw bulk load.

For each database (PostgreSQL and SQLite, each in a child process of this one run):
(a) ``import_training`` on a generated CSV: read, validate every row (ID check character, occupation, level, dates,
    hours, results, capacity counting existing enrolments, duplicates), register the people (digest + encryption)
    and upsert the enrolments — all in one transaction;
(b) the same final rows (people and enrolments exactly as (a) stored them) loaded raw into the same, emptied
    tables with the same indexes: ``COPY`` on PostgreSQL, ``executemany`` on SQLite;
(c) the same file imported again (everything unchanged, nothing written).
ratio = (b) / (a): the share of a plain bulk load's speed the validated import keeps (goal ≥ 0.5).

Data: ~2,000 classes of 160 institutions (10 in each of the 16 districts), one synthetic person per row (valid
check characters, never real people). ``--rows N`` scales down; PostgreSQL runs under scripts/with_postgres.sh
when DATABASE_URL is not set (skipped when no server binaries exist).
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLASSES = 2000
INSTITUTIONS_PER_DISTRICT = 10
OCCUPATIONS = [("4-10-01-05", 2), ("4-10-01-06", 1), ("6-25-02-05", 3), ("4-04-05-05", 3), ("6-31-01-03", 3),
               ("4-10-01-03", None), ("6-22-01-02", 2), ("4-04-05-01", 4)]
LEVEL_TEXT = {1: "五级", 2: "四级", 3: "三级", 4: "二级", 5: "一级", None: "不分等级"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_TRAINING_ROWS", "800000")))
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend:
        print("RESULT " + json.dumps(measure(args.rows)), flush=True)
        return
    results = [run_child(args.rows, "postgresql"), run_child(args.rows, "sqlite")]
    report(args.rows, [r for r in results if r])


def run_child(rows: int, backend: str) -> dict | None:
    env = dict(os.environ, JINENG_VAR_DIR=tempfile.mkdtemp(prefix="jineng-training-bench-"))
    command = [sys.executable, str(Path(__file__).resolve()), "--rows", str(rows), "--backend", backend]
    if backend == "sqlite":
        env.pop("DATABASE_URL", None)
    elif not env.get("DATABASE_URL"):
        command = ["bash", str(ROOT / "scripts/with_postgres.sh"), *command]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    sys.stderr.write(f"{backend}: no result\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}\n")
    return None


def report(rows: int, results: list[dict]) -> None:
    print(f"Jineng training-import bench — {rows:,} rows (one person in one class each), {CLASSES:,} classes")
    print(f"{'database':12} {'(a) import s':>12} {'(b) raw s':>10} {'ratio b/a':>10} {'goal':>6} {'(c) again s':>12}"
          f" {'rows/s (a)':>11}  raw load")
    for r in results:
        ratio = r["raw"] / r["import"]
        print(f"{r['vendor']:12} {r['import']:12.2f} {r['raw']:10.2f} {ratio:10.2f} {'ok' if ratio >= 0.5 else 'LOW':>6}"
              f" {r['again']:12.2f} {rows / r['import']:11,.0f}  {r['raw_kind']}")
    for r in results:
        print(f"  {r['vendor']}: CSV {r['mb']:.1f} MB generated in {r['generate']:.1f} s; "
              f"(a) = read + validate {r['validate']:.2f} s + write {r['import'] - r['validate']:.2f} s")


# The child: one database ------------------------------------------------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("AXES_ENABLED", "false")
    os.environ["JINENG_MAX_UPLOAD_BYTES"] = str(2 * 1024 ** 3)
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def measure(rows: int) -> dict:
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    classes = build_classes(rows)
    started = time.perf_counter()
    content = build_csv(rows, classes)
    generate = time.perf_counter() - started

    (Path(os.environ["JINENG_VAR_DIR"]) / "bench.csv").write_bytes(content)
    import_seconds, record = timed(lambda: run_import(content))
    assert record.status == "done" and record.created_count == rows, (record.status, record.errors[:5])  # noqa: S101
    again_seconds, again = timed(lambda: run_import(content))
    assert again.unchanged_count == rows  # noqa: S101
    validate = timed_validation(content)  # after (a), so (a) ran cold

    people, enrolments = final_rows()
    empty_tables()
    raw_seconds, _ = timed(lambda: raw_load(people, enrolments))
    from jineng.training.models import Enrolment

    assert Enrolment.objects.count() == rows  # noqa: S101
    return {"vendor": connection.vendor, "import": import_seconds, "raw": raw_seconds, "again": again_seconds,
            "validate": validate, "generate": generate, "mb": len(content) / 1048576,
            "raw_kind": "COPY" if connection.vendor == "postgresql" else "executemany"}


def timed(call):
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def build_classes(rows: int) -> list[tuple[str, str, str, int | None, str]]:
    """Institutions, sites, projects and classes (bulk, no history: this is the stage, not the play)."""
    import random
    from datetime import date
    from decimal import Decimal

    from jineng.core.districts import random_point_in
    from jineng.core.identifiers import synthetic_uscc
    from jineng.core.models import District
    from jineng.occupations.models import Occupation
    from jineng.training.models import Institution, Site, TrainingClass, TrainingProject

    rng = random.Random(800)
    occupations = {o.code: o for o in Occupation.objects.filter(code__in=[c for c, _ in OCCUPATIONS])}
    districts = list(District.objects.order_by("code"))
    codes: set[str] = set()
    institutions = []
    for district in districts:
        for n in range(INSTITUTIONS_PER_DISTRICT):
            code = synthetic_uscc(rng=rng, region=district.code)
            while code in codes:
                code = synthetic_uscc(rng=rng, region=district.code)
            codes.add(code)
            institutions.append(Institution(credit_code=code, name=f"{district.name}基准培训学校{n + 1}", kind="private",
                                            district=district, is_synthetic=True))
    institutions = Institution.objects.bulk_create(institutions)
    sites, projects = [], []
    for institution in institutions:
        lon, lat = random_point_in(institution.district.geometry, rng=rng)
        sites.append(Site(institution=institution, name="本部", address="基准路1号", district=institution.district,
                          lon=Decimal(str(lon)), lat=Decimal(str(lat))))
        for code, level in OCCUPATIONS:
            projects.append(TrainingProject(institution=institution, occupation=occupations[code], level=level,
                                            class_hours=120, fee=Decimal("2800.00"), approved_date=date(2024, 1, 2)))
    sites = Site.objects.bulk_create(sites)
    projects = TrainingProject.objects.bulk_create(projects)
    per_class = -(-rows // CLASSES) + 5
    classes = []
    for n in range(CLASSES):
        institution_index = n % len(institutions)
        project = projects[institution_index * len(OCCUPATIONS) + (n // len(institutions)) % len(OCCUPATIONS)]
        classes.append(TrainingClass(institution=institutions[institution_index], code=f"BJ2024{n:05d}", project=project,
                                     site=sites[institution_index], start_date=date(2024, 3, 4),
                                     end_date=date(2024, 5, 31), capacity=per_class, status="completed"))
    TrainingClass.objects.bulk_create(classes)
    return [(c.institution.credit_code, c.code, c.project.occupation.code, c.project.level, c.institution.district.code)
            for c in classes]


def build_csv(rows: int, classes) -> bytes:
    import csv
    from datetime import date, timedelta

    from jineng.core.identifiers import resident_id_check_char
    from jineng.training.engine.records import COLUMNS

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    base = date(1966, 1, 1)
    births = [(base + timedelta(days=d)).strftime("%Y%m%d") for d in range(14600)]
    for i in range(rows):
        credit, class_code, occupation, level, area = classes[i % CLASSES]
        first17 = f"{area}{births[(i // 16) % 14600]}{(i // (16 * 14600)) % 1000:03d}"
        passed = i % 10 < 7
        completed = i % 20 != 0
        writer.writerow([credit, class_code, first17 + resident_id_check_char(first17), f"学员{i}", occupation,
                         LEVEL_TEXT[level], "2024-02-20", "2024-05-31" if completed else "",
                         120 if completed else 40, ("合格" if passed else "不合格") if completed else "",
                         f"S2024{i:08d}" if passed and completed else "",
                         "2024-06-20" if passed and completed else ""])
    return buffer.getvalue().encode()


def run_import(content: bytes):
    """``manage.py import_training PATH`` exactly as an operator runs it (the file written beforehand)."""
    from django.core.management import call_command

    from jineng.training.models import TrainingImport

    path = Path(os.environ["JINENG_VAR_DIR"]) / "bench.csv"
    if not path.exists():
        path.write_bytes(content)
    call_command("import_training", str(path), stdout=io.StringIO())
    return TrainingImport.objects.order_by("-pk").first()


def timed_validation(content: bytes) -> float:
    """Read + validate only (no writes), to split (a) into its two halves."""
    from django.utils import timezone

    from jineng.training.engine import records as engine
    from jineng.training.services.imports import file_rows, lookups_load

    started = time.perf_counter()
    header, rows, _ = file_rows(content=content, file_name="bench.csv")
    columns, _ = engine.header_columns(header)
    records, errors = engine.records_parse(rows, columns, lookups_load(institution=None, today=timezone.localdate()))
    assert not errors, errors[:5]  # noqa: S101
    return time.perf_counter() - started


PERSON = "core_person"
ENROLMENT = "training_enrolment"


def _columns(table: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def final_rows() -> tuple[list[tuple], list[tuple]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(_columns(PERSON))} FROM {PERSON} ORDER BY id")  # noqa: S608
        people = cursor.fetchall()
        cursor.execute(f"SELECT {', '.join(_columns(ENROLMENT))} FROM {ENROLMENT} ORDER BY id")  # noqa: S608
        enrolments = cursor.fetchall()
    return people, enrolments


def empty_tables() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ENROLMENT}")  # noqa: S608
        cursor.execute(f"DELETE FROM {PERSON}")  # noqa: S608
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM {ENROLMENT}")
            cursor.execute(f"VACUUM {PERSON}")


def raw_load(people: list[tuple], enrolments: list[tuple]) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for table, rows in ((PERSON, people), (ENROLMENT, enrolments)):
            columns = _columns(table)
            if connection.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)  # noqa: S608


if __name__ == "__main__":
    main()
