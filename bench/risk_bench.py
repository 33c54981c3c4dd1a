"""Risk bench: the full risk pass over 1,000,000 claims on PostgreSQL, and the same SQL on DuckDB in memory.

Volumes for N claims (default 1,000,000; `--claims N` scales everything down):
  N enrolments in N/25 classes of 25 (capacity 30), 0.9·N persons (a fifth of the seats of every second class
  go to a person from the class before, on another project, months later), N/500 institutions with five
  projects and 1.5 sites each, 2·N check-ins (two per enrolment, each trainee on their own phone), and N claims
  (one per enrolment, submitted 17 minutes apart within a class). Clean rows trip no rule; planted on top:
    duplicate_claim      50 claims via another institution in another district + 20 near-duplicates (work type)
    shared_device        10 devices each checking in 25 trainees within 40 minutes
    overlapping_classes  30 trainees also enrolled, with a check-in, in another class on the same dates
    impossible_travel    15 trainees checking in 45+ km away 15 minutes after their first check-in
    pass_rate_outlier     3 institution × occupation cohorts where everyone passes (city ~70 %)
    over_capacity         5 classes with capacity 20 and 25 claims
    claim_burst           4 institutions submitting 40 claims within 10 minutes
    implausible_age      12 trainees aged under 16 or over 70 at enrolment
The rows are written once as tab-separated files, loaded into the real Django tables on PostgreSQL with COPY
(then VACUUM ANALYZE, as autovacuum would), and the risk pass runs exactly as the background task does (``risk_run_execute``: every
rule's SQL, findings upserted with history). Then the same files are loaded into DuckDB in memory and the same
SQL (DuckDB dialect) runs there. Both engines must find the same fingerprints per rule.

Run: bash scripts/with_postgres.sh .venv/bin/python bench/risk_bench.py [--claims N]
"""

import argparse
import math
import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("JINENG_VAR_DIR", tempfile.mkdtemp(prefix="jineng-risk-bench-"))
os.environ.setdefault("AXES_ENABLED", "false")
import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

import duckdb  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from jineng.accounts.models import Organisation  # noqa: E402
from jineng.core.models import District  # noqa: E402
from jineng.integrity.engine.dialect import dialect_for  # noqa: E402
from jineng.integrity.engine.rules import RULES, rule_run, rule_sql  # noqa: E402
from jineng.integrity.models import RiskFinding, RiskRun  # noqa: E402
from jineng.integrity.services import runs  # noqa: E402
from jineng.occupations.models import Occupation, WorkType  # noqa: E402
from jineng.subsidies.models import Scheme  # noqa: E402

SEATS = 25
EXPECTED = {"duplicate_claim": 70, "shared_device": 10, "overlapping_classes": 30, "impossible_travel": 15,
            "pass_rate_outlier": 3, "over_capacity": 5, "claim_burst": 4, "implausible_age": 12}
EPOCH = datetime(1970, 1, 1)
YEAR_START = datetime(2024, 1, 1)

# Column lists of the tables as Django created them; DuckDB gets the same names with these types.
TABLES = {
    "accounts_organisation": [("id", "BIGINT"), ("kind", "VARCHAR"), ("name", "VARCHAR"), ("short_name", "VARCHAR"),
                              ("name_en", "VARCHAR"), ("aliases", "VARCHAR"), ("district_id", "BIGINT"),
                              ("is_member_unit", "BOOLEAN"), ("is_active", "BOOLEAN")],
    "training_institution": [("id", "BIGINT"), ("organisation_id", "BIGINT"), ("credit_code", "VARCHAR"),
                             ("name", "VARCHAR"), ("kind", "VARCHAR"), ("licence_no", "VARCHAR"),
                             ("district_id", "BIGINT"), ("status", "VARCHAR"), ("is_synthetic", "BOOLEAN")],
    "training_site": [("id", "BIGINT"), ("institution_id", "BIGINT"), ("name", "VARCHAR"), ("address", "VARCHAR"),
                      ("district_id", "BIGINT"), ("lon", "DECIMAL(9,6)"), ("lat", "DECIMAL(9,6)"),
                      ("is_active", "BOOLEAN")],
    "training_trainingproject": [("id", "BIGINT"), ("institution_id", "BIGINT"), ("occupation_id", "BIGINT"),
                                 ("level", "SMALLINT"), ("class_hours", "SMALLINT"), ("fee", "DECIMAL(9,2)"),
                                 ("status", "VARCHAR"), ("approved_date", "DATE")],
    "training_trainingclass": [("id", "BIGINT"), ("institution_id", "BIGINT"), ("code", "VARCHAR"),
                               ("project_id", "BIGINT"), ("site_id", "BIGINT"), ("start_date", "DATE"),
                               ("end_date", "DATE"), ("capacity", "INTEGER"), ("teachers", "VARCHAR"),
                               ("is_subsidised", "BOOLEAN"), ("status", "VARCHAR")],
    "core_person": [("id", "BIGINT"), ("resident_id_digest", "VARCHAR"), ("resident_id_encrypted", "VARCHAR"),
                    ("resident_id_masked", "VARCHAR"), ("name", "VARCHAR"), ("sex", "VARCHAR"),
                    ("birth_date", "DATE"), ("area_code", "VARCHAR"), ("phone", "VARCHAR"),
                    ("is_synthetic", "BOOLEAN"), ("created_at", "TIMESTAMP")],
    "training_enrolment": [("id", "BIGINT"), ("training_class_id", "BIGINT"), ("person_id", "BIGINT"),
                           ("enrolled_date", "DATE"), ("status", "VARCHAR"), ("completed_date", "DATE"),
                           ("hours_attended", "SMALLINT"), ("exam_result", "VARCHAR"), ("exam_date", "DATE"),
                           ("certificate_no", "VARCHAR"), ("certificate_date", "DATE")],
    "training_checkin": [("id", "BIGINT"), ("enrolment_id", "BIGINT"), ("checked_at", "TIMESTAMP"),
                         ("site_id", "BIGINT"), ("lon", "DECIMAL(9,6)"), ("lat", "DECIMAL(9,6)"),
                         ("method", "VARCHAR"), ("device_id", "VARCHAR")],
    "subsidies_claim": [("id", "BIGINT"), ("number", "VARCHAR"), ("scheme_id", "BIGINT"),
                        ("claimant_kind", "VARCHAR"), ("claimant_organisation_id", "BIGINT"),
                        ("person_id", "BIGINT"), ("district_id", "BIGINT"), ("applicant_category", "VARCHAR"),
                        ("occupation_id", "BIGINT"), ("work_type_id", "BIGINT"), ("level", "SMALLINT"),
                        ("certificate_no", "VARCHAR"), ("enrolment_id", "BIGINT"), ("apprenticeship_id", "BIGINT"),
                        ("period_year", "SMALLINT"), ("amount", "DECIMAL(12,2)"), ("trace", "VARCHAR"),
                        ("check_failures", "VARCHAR"), ("status", "VARCHAR"), ("submitted_at", "TIMESTAMP"),
                        ("decision_note", "VARCHAR")],
}
LOAD_ORDER = list(TABLES)


def _v(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


class Writer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.files = {name: open(folder / f"{name}.tsv", "w", encoding="utf-8") for name in TABLES}  # noqa: SIM115
        self.counts = dict.fromkeys(TABLES, 0)

    def row(self, table: str, *values) -> None:
        self.files[table].write("\t".join(_v(v) for v in values) + "\n")
        self.counts[table] += 1

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot((a[0] - b[0]) * 95.26, (a[1] - b[1]) * 110.57)


def generate(n_claims: int, folder: Path, *, scheme_id: int, work_type_id: int, work_type_occupation: int) -> dict:
    """Write every table's rows; returns what the planting needs to know about ids."""
    out = Writer(folder)
    org_base = Organisation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    districts = list(District.objects.order_by("code").values_list("pk", "centroid_lon", "centroid_lat"))
    n_classes = max(4, -(-n_claims // SEATS))
    n_classes += n_classes % 2
    classes_per_institution = 20
    n_inst = -(-n_classes // classes_per_institution)
    # about ten institutions teach each occupation, so every cohort has a city to be compared with
    pool = max(5, min(400, n_inst // 2))
    occupations = list(Occupation.objects.filter(classification="2022").exclude(pk=work_type_occupation)
                       .order_by("code").values_list("pk", flat=True)[:pool])
    inst_district, site_xy, inst_sites, inst_org = {}, {}, {}, {}
    site_id = 0
    for i in range(1, n_inst + 1):
        district_id, lon, lat = districts[i % len(districts)]
        out.row("accounts_organisation", org_base + i, "training_institution", f"基准培训机构{i}", "", "", "[]", district_id,
                False, True)
        out.row("training_institution", i, org_base + i, f"91310000{i:010d}", f"基准培训机构{i}", "private", f"教民{i}",
                district_id, "active", True)
        inst_district[i], inst_org[i], inst_sites[i] = district_id, org_base + i, []
        for s in range(1 + (i % 2)):
            site_id += 1
            xy = (round(float(lon) + ((i * 37 + s * 11) % 41 - 20) * 0.001, 6),
                  round(float(lat) + ((i * 53 + s * 7) % 41 - 20) * 0.001, 6))
            out.row("training_site", site_id, i, f"教学点{site_id}", f"基准路{site_id}号", district_id, xy[0], xy[1], True)
            site_xy[site_id] = xy
            inst_sites[i].append(site_id)
        for j in range(5):
            out.row("training_trainingproject", (i - 1) * 5 + j + 1, i, occupations[(i * 5 + j) % len(occupations)],
                    j + 1, 120, "2800.00", "approved", "2024-01-10")
    project_occupation = {(i - 1) * 5 + j + 1: occupations[(i * 5 + j) % len(occupations)]
                          for i in range(1, n_inst + 1) for j in range(5)}

    klass = {}
    for c in range(n_classes):
        inst = c // classes_per_institution + 1
        start = date(2024, 1, 1) + timedelta(days=(c // 2) % 100 + (200 if c % 2 else 0))
        project = (inst - 1) * 5 + c % 5 + 1
        site = inst_sites[inst][c % len(inst_sites[inst])]
        klass[c + 1] = {"inst": inst, "start": start, "end": start + timedelta(days=60), "project": project,
                        "site": site}
        out.row("training_trainingclass", c + 1, inst, f"BJ{c + 1:07d}", project, site, start,
                start + timedelta(days=60), 30, "王老师", True, "completed")

    # persons, enrolments, check-ins, claims
    person_of: dict[tuple[int, int], int] = {}
    enrolment_of: dict[tuple[int, int], int] = {}
    person_id = enrolment_id = checkin_id = claim_id = 0
    persons_born = {}
    for c in range(1, n_classes + 1):
        info = klass[c]
        for seat in range(SEATS):
            if enrolment_id >= n_claims:
                break
            if c % 2 == 0 and seat < 5 and (c - 1, seat) in person_of:
                who = person_of[(c - 1, seat)]
            else:
                person_id += 1
                who = person_id
                born = date(1960 + who % 43, 1 + who % 12, 1 + who % 28)
                persons_born[who] = born
                out.row("core_person", who, f"bench{who:059d}", "x", f"310115********{who % 10000:04d}",
                        f"学员{who}", "M" if who % 2 else "F", born, "310115", "", True, YEAR_START)
            person_of[(c, seat)] = who
            enrolment_id += 1
            enrolment_of[(c, seat)] = enrolment_id
            passed = enrolment_id % 10 < 7
            end = info["end"]
            out.row("training_enrolment", enrolment_id, c, who, info["start"] - timedelta(days=7), "completed", end,
                    120, "passed" if passed else "failed", end, f"CERT{enrolment_id:012d}" if passed else "",
                    end + timedelta(days=20) if passed else None)
            for k in (1, 8):
                checkin_id += 1
                at = datetime.combine(info["start"] + timedelta(days=k), datetime.min.time()) + \
                    timedelta(hours=1, minutes=seat)
                out.row("training_checkin", checkin_id, enrolment_id, at, info["site"], None, None, "face",
                        f"PHONE{who:08d}")
            claim_id += 1
            submitted = datetime.combine(end + timedelta(days=20), datetime.min.time()) + \
                timedelta(hours=1, minutes=17 * seat)
            out.row("subsidies_claim", claim_id, f"BC{claim_id:010d}", scheme_id, "institution",
                    inst_org[info["inst"]], who, inst_district[info["inst"]], "employed",
                    project_occupation[info["project"]], None, 1 + (info["project"] - 1) % 5,
                    f"CERT{enrolment_id:012d}" if passed else "", enrolment_id, None, 2024, "1500.00", "{}", "[]",
                    "paid", submitted, "")
    state = {"out": out, "klass": klass, "person_of": person_of, "enrolment_of": enrolment_of,
             "ids": {"person": person_id, "enrolment": enrolment_id, "checkin": checkin_id, "claim": claim_id},
             "inst_district": inst_district, "inst_org": inst_org, "inst_sites": inst_sites, "site_xy": site_xy, "n_inst": n_inst,
             "project_occupation": project_occupation, "scheme_id": scheme_id, "work_type_id": work_type_id,
             "work_type_occupation": work_type_occupation, "n_classes": n_classes}
    plant(state)
    out.close()
    return out.counts


def plant(s: dict) -> None:  # noqa: C901 — one block per planted pattern reads best side by side
    out, klass, ids = s["out"], s["klass"], s["ids"]
    full = [c for c in klass if all((c, seat) in s["enrolment_of"] for seat in range(SEATS))]

    def next_id(kind: str) -> int:
        ids[kind] += 1
        return ids[kind]

    def claim(who, inst, district, occupation, level, *, enrolment=None, status="paid", at, work_type=None):
        cid = next_id("claim")
        out.row("subsidies_claim", cid, f"BC{cid:010d}", s["scheme_id"], "institution", s["inst_org"][inst], who,
                district,
                "employed", occupation, work_type, level, "", enrolment, None, 2024, "1500.00", "{}", "[]", status, at, "")

    # duplicate_claim: 50 via another institution in another district (rejected, so the unique index allows it)
    for k in range(50):
        c = full[(k * 7) % len(full)]
        info = klass[c]
        who = s["person_of"][(c, 3)]
        other = (info["inst"] % s["n_inst"]) + 1
        while s["inst_district"][other] == s["inst_district"][info["inst"]]:
            other = other % s["n_inst"] + 1
        claim(who, other, s["inst_district"][other], s["project_occupation"][info["project"]],
              1 + (info["project"] - 1) % 5, status="rejected", at=datetime(2024, 12, 1, 2) + timedelta(hours=k))
    # ... and 20 near-duplicates: the same occupation and level under two work types, same institution
    for k in range(20):
        c = full[(k * 11 + 3) % len(full)]
        who, inst = s["person_of"][(c, 4)], klass[c]["inst"]
        for wt in (None, s["work_type_id"]):
            claim(who, inst, s["inst_district"][inst], s["work_type_occupation"], 3, work_type=wt,
                  status="in_review", at=datetime(2024, 11, 1, 2) + timedelta(days=k, hours=0 if wt is None else 3))
    # shared_device: 10 devices, 25 trainees each within 40 minutes
    for k in range(10):
        c = full[(k * 13 + 1) % len(full)]
        day = klass[c]["start"] + timedelta(days=20)
        for seat in range(SEATS):
            at = datetime.combine(day, datetime.min.time()) + timedelta(hours=2, seconds=96 * seat)
            out.row("training_checkin", next_id("checkin"), s["enrolment_of"][(c, seat)], at, klass[c]["site"],
                    None, None, "qr", f"FRAUD-DEVICE-{k}")
    # overlapping_classes: 30 trainees also in a class of another institution on the same dates, checked in there
    for k in range(30):
        c = full[(2 * k * 17) % len(full)]
        c = c if c % 2 else c - 1
        twin = c + 200 if c + 200 in klass else c - 200
        who = s["person_of"][(c, 10)]
        eid = next_id("enrolment")
        info = klass[twin]
        out.row("training_enrolment", eid, twin, who, info["start"] - timedelta(days=7), "enrolled", None, 0, "",
                None, "", None)
        out.row("training_checkin", next_id("checkin"), eid,
                datetime.combine(info["start"] + timedelta(days=30), datetime.min.time()) + timedelta(hours=6),
                info["site"], None, None, "face", f"PHONE{who:08d}")
    # impossible_travel: 15 trainees checking in 45+ km away 15 minutes after their first check-in
    sites = list(s["site_xy"].items())
    for k in range(15):
        c = full[(k * 19 + 5) % len(full)]
        info, seat = klass[c], 12
        here = s["site_xy"][info["site"]]
        far_site, far_xy = next((sid, xy) for sid, xy in sites if km(here, xy) > 45)
        at = datetime.combine(info["start"] + timedelta(days=1), datetime.min.time()) + \
            timedelta(hours=1, minutes=seat + 15)
        out.row("training_checkin", next_id("checkin"), s["enrolment_of"][(c, seat)], at, far_site, far_xy[0],
                far_xy[1], "face", f"PHONE{s['person_of'][(c, seat)]:08d}X")
    # pass_rate_outlier: rewrite nothing; add 3 cohorts of 100 examinees that all pass at new classes
    for k in range(3):
        inst = k * 3 + 1
        project = (inst - 1) * 5 + 1
        for b in range(4):
            cid = s["n_classes"] + 1 + k * 4 + b
            start = date(2024, 3, 1)
            out.row("training_trainingclass", cid, inst, f"BJX{cid:07d}", project, s["inst_sites"][inst][0], start,
                    start + timedelta(days=60), 30, "李老师", True, "completed")
            for _seat in range(SEATS):
                who = next_id("person")
                out.row("core_person", who, f"bench{who:059d}", "x", f"310115********{who % 10000:04d}",
                        f"学员{who}", "F", date(1990, 1, 1), "310115", "", True, YEAR_START)
                out.row("training_enrolment", next_id("enrolment"), cid, who, start - timedelta(days=7), "completed",
                        start + timedelta(days=60), 120, "passed", start + timedelta(days=60), f"X{who}", None)
    # over_capacity: 5 classes claimed for 25 trainees while approved for 20 — rewrite their capacity afterwards
    s["over_capacity_classes"] = [full[(k * 23 + 7) % len(full)] for k in range(5)]
    # claim_burst: 4 institutions submit 40 claims within 10 minutes (new claims without a course)
    for k in range(4):
        inst = s["n_inst"] - k
        for j in range(40):
            who = next_id("person")
            out.row("core_person", who, f"bench{who:059d}", "x", f"310115********{who % 10000:04d}", f"学员{who}",
                    "M", date(1985, 5, 5), "310115", "", True, YEAR_START)
            claim(who, inst, s["inst_district"][inst], s["project_occupation"][(inst - 1) * 5 + 1], 1,
                  status="in_review", at=datetime(2024, 12, 20, 1) + timedelta(seconds=15 * j))
    # implausible_age: 12 trainees aged 14 or 75 at enrolment, in new seats of over-capacity-free classes
    for k in range(12):
        c = full[(k * 29 + 2) % len(full)]
        info = klass[c]
        who = next_id("person")
        born = date(info["start"].year - (14 if k % 2 else 76), info["start"].month, min(info["start"].day, 28))
        out.row("core_person", who, f"bench{who:059d}", "x", f"310115********{who % 10000:04d}", f"学员{who}",
                "M", born, "310115", "", True, YEAR_START)
        out.row("training_enrolment", next_id("enrolment"), c, who, info["start"] - timedelta(days=7), "enrolled",
                None, 0, "", None, "", None)


def load_postgres(folder: Path, counts: dict, over_capacity: list[int]) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table in LOAD_ORDER:
            columns = ", ".join(name for name, _ in TABLES[table])
            with open(folder / f"{table}.tsv", "rb") as handle, \
                    cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                while chunk := handle.read(1 << 20):
                    copy.write(chunk)
        cursor.execute("UPDATE training_trainingclass SET capacity = 20 WHERE id = ANY(%s)", [over_capacity])
        for table in LOAD_ORDER:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load: statistics and visibility map
    return time.perf_counter() - started


def load_duckdb(folder: Path, over_capacity: list[int]):
    db = duckdb.connect(":memory:")
    started = time.perf_counter()
    for table in LOAD_ORDER:
        columns = TABLES[table]
        db.execute(f"CREATE TABLE {table} ({', '.join(f'{n} {t}' for n, t in columns)})")
        spec = ", ".join(f"'{n}': '{t}'" for n, t in columns)
        db.execute(f"INSERT INTO {table} SELECT * FROM read_csv('{folder / f'{table}.tsv'}', delim='\t', "
                   f"header=false, quote='', escape='', nullstr='\\N', columns={{{spec}}})")
    db.execute(f"UPDATE training_trainingclass SET capacity = 20 WHERE id IN ({', '.join(map(str, over_capacity))})")
    return db, time.perf_counter() - started


def timed_rules(execute, dialect) -> tuple[dict, dict]:
    seconds, found = {}, {}
    for rule in RULES:
        started = time.perf_counter()
        found[rule] = {d.fingerprint for d in rule_run(rule, execute, dialect)}
        seconds[rule] = time.perf_counter() - started
    return seconds, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("the risk bench loads with COPY: run it under scripts/with_postgres.sh")
    call_command("migrate", verbosity=0)
    scheme = Scheme.objects.create(code="bench", name="基准补贴", family="A", beneficiary="person")
    occupation = Occupation.objects.get(code="6-25-04-05")
    work_type = WorkType.objects.create(occupation=occupation, name="基准工种", initials="jzgz")
    folder = Path(tempfile.mkdtemp(prefix="jineng-risk-rows-"))

    started = time.perf_counter()
    counts = generate(args.claims, folder, scheme_id=scheme.pk, work_type_id=work_type.pk,
                      work_type_occupation=occupation.pk)
    generate_seconds = time.perf_counter() - started
    over_capacity = _over_capacity_classes(args.claims)
    copy_seconds = load_postgres(folder, counts, over_capacity)

    run = RiskRun.objects.create(rules_total=len(RULES))
    pg_rule_seconds: dict[str, float] = {}
    original = runs._execute
    rule_of = {rule_sql(rule, dialect_for("postgresql")): rule for rule in RULES}

    def timed_execute(statement):
        began = time.perf_counter()
        rows = original(statement)
        pg_rule_seconds[rule_of[statement]] = time.perf_counter() - began
        return rows

    runs._execute = timed_execute
    started = time.perf_counter()
    run = runs.risk_run_execute(run_id=run.pk)
    pg_seconds = time.perf_counter() - started
    runs._execute = original
    pg_found = {rule: set(RiskFinding.objects.filter(rule=rule, last_run=run).values_list("fingerprint", flat=True))
                for rule in RULES}

    db, duck_load_seconds = load_duckdb(folder, over_capacity)
    duck_rule_seconds, duck_found = timed_rules(lambda q: db.execute(q).fetchall(), dialect_for("duckdb"))
    duck_seconds = sum(duck_rule_seconds.values())

    print(f"Jineng risk bench — PostgreSQL {connection.pg_version // 10000} vs DuckDB {duckdb.__version__}, "
          f"{os.cpu_count()} cores")
    print("rows: " + ", ".join(f"{table} {n:,}" for table, n in counts.items()))
    print(f"generate {generate_seconds:.1f} s; PostgreSQL COPY + VACUUM ANALYZE {copy_seconds:.1f} s; "
          f"DuckDB load {duck_load_seconds:.1f} s")
    print(f"{'rule':22} {'PG s':>7} {'DuckDB s':>9} {'PG':>5} {'DuckDB':>7} {'planted':>8}")
    agree = True
    for rule in RULES:
        same = pg_found[rule] == duck_found[rule]
        agree &= same and len(pg_found[rule]) == EXPECTED[rule]
        print(f"{rule:22} {pg_rule_seconds[rule]:7.2f} {duck_rule_seconds[rule]:9.2f} "
              f"{len(pg_found[rule]):5} {len(duck_found[rule]):7} {EXPECTED[rule]:8}{'' if same else '  DIFFER'}")
    print(f"(PostgreSQL runs {runs.PARALLEL_RULES} rules at a time, so its per-rule times overlap; DuckDB runs them "
          "one after another, each on every core)")
    print(f"full risk pass (task, PostgreSQL): {pg_seconds:.2f} s over {counts['subsidies_claim']:,} claims and "
          f"{counts['training_checkin']:,} check-ins (goal ≤ 10 s); DuckDB in memory {duck_seconds:.2f} s; "
          f"ratio PostgreSQL / DuckDB = {pg_seconds / duck_seconds:.1f}")
    print("findings agree between the engines and with the planted patterns" if agree
          else "FINDINGS DIFFER — see the table above")
    if not agree:
        raise SystemExit(1)


def _over_capacity_classes(n_claims: int) -> list[int]:
    n_classes = max(4, -(-n_claims // SEATS))
    n_classes += n_classes % 2
    full = [c for c in range(1, n_classes + 1) if c * SEATS <= n_claims]
    return [full[(k * 23 + 7) % len(full)] for k in range(5)]


if __name__ == "__main__":
    main()
