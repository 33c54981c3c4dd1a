"""`python bench/wages_bench.py`: the wage tables over 500,000 samples, against the same computation in DuckDB
in memory, side by side in one run. No Django.

The samples: 3,000 enterprises, 300 occupations, five levels, nine industries, log-normal pay, seeded; the
enterprises, occupations and industries as database ids, as the table service reads them. Both
sides compute, for occupation × level, occupation and industry: workers, enterprises, the largest enterprise's
share, P10/P25/P50/P75/P90 by linear interpolation (DuckDB's quantile_cont) and the mean. The engine also
applies the publication rules (primary and complementary suppression), which DuckDB does not. The two agree on
every cell's counts and percentiles (checked). Goal: engine ≤ 0.5 s. BENCH_SAMPLES overrides the size.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

import duckdb
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jineng.wages.engine.tables import (  # noqa: E402
    BY_INDUSTRY,
    BY_OCCUPATION,
    BY_OCCUPATION_LEVEL,
    WageColumns,
    wage_tables,
)

SAMPLES = int(os.environ.get("BENCH_SAMPLES", "500000"))
RUNS = 3


def samples(n: int) -> WageColumns:
    rng = random.Random(20241115)
    return WageColumns(
        enterprise=[rng.randrange(1, 3001) for _ in range(n)],
        occupation=[rng.randrange(1, 301) for _ in range(n)],
        level=[rng.randint(1, 5) for _ in range(n)],
        industry=[rng.randrange(1, 10) for _ in range(n)],
        pay=[round(rng.lognormvariate(11.4, 0.35), 2) for _ in range(n)],
    )


QUERY = """
WITH keyed AS (
  SELECT 'occupation_level' AS dimension, occupation || '|' || level AS k, enterprise, pay FROM wages
  UNION ALL SELECT 'occupation', occupation::VARCHAR, enterprise, pay FROM wages
  UNION ALL SELECT 'industry', industry::VARCHAR, enterprise, pay FROM wages
), per_enterprise AS (
  SELECT dimension, k, enterprise, count(*) AS n FROM keyed GROUP BY ALL
), top AS (
  SELECT dimension, k, max(n) AS top_n, count(*) AS n_enterprises FROM per_enterprise GROUP BY ALL
)
SELECT c.dimension, c.k, c.n_workers, t.n_enterprises, t.top_n / c.n_workers AS top_share, c.q, c.mean
FROM (SELECT dimension, k, count(*) AS n_workers, quantile_cont(pay, [0.1, 0.25, 0.5, 0.75, 0.9]) AS q,
             avg(pay) AS mean FROM keyed GROUP BY ALL) c
JOIN top t USING (dimension, k)
"""


def duckdb_tables(connection) -> list[tuple]:
    return connection.execute(QUERY).fetchall()


def main() -> None:
    columns = samples(SAMPLES)
    engine_times, engine_cpu, cells = [], [], []
    for _ in range(RUNS):
        started, cpu = time.perf_counter(), time.process_time()
        cells = wage_tables(columns)
        engine_times.append(time.perf_counter() - started)
        engine_cpu.append(time.process_time() - cpu)

    connection = duckdb.connect(":memory:")
    started = time.perf_counter()
    connection.execute("CREATE TABLE wages (enterprise INTEGER, occupation INTEGER, level INTEGER, "
                       "industry INTEGER, pay DOUBLE)")
    frame = {name: np.asarray(getattr(columns, name)) for name in ("enterprise", "occupation", "level", "industry",
                                                                   "pay")}
    connection.register("frame", frame)
    connection.execute("INSERT INTO wages SELECT * FROM frame")
    load = time.perf_counter() - started
    duck_times, duck_cpu, rows = [], [], []
    for _ in range(RUNS):
        started, cpu = time.perf_counter(), time.process_time()
        rows = duckdb_tables(connection)
        duck_times.append(time.perf_counter() - started)
        duck_cpu.append(time.process_time() - cpu)

    engine, duck = statistics.median(engine_times), statistics.median(duck_times)
    mismatches = _compare(cells, rows)
    print(f"wage tables over {SAMPLES:,} samples: {len(cells):,} cells "
          f"({sum(c.suppressed for c in cells)} suppressed)")
    print(f"  engine (numpy, one thread, with suppression): {engine:.3f} s wall, "
          f"{statistics.median(engine_cpu):.3f} s CPU   goal ≤ 0.5 s   {'OK' if engine <= 0.5 else 'SLOW'}")
    print(f"  DuckDB in memory, {connection.execute('SELECT current_setting(' + chr(39) + 'threads' + chr(39) + ')').fetchone()[0]}"
          f" threads (same figures): {duck:.3f} s wall, {statistics.median(duck_cpu):.3f} s CPU "
          f"(+ {load:.3f} s to load the table)")
    print(f"  ratio engine / DuckDB (wall): {engine / duck:.2f}   cells differing: {mismatches}")
    print(f"  load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times grow with it)")


def _compare(cells, rows) -> int:
    found = {}
    for dimension, key, n_workers, n_enterprises, top_share, q, _mean in rows:
        found[(dimension, key)] = (n_workers, n_enterprises, top_share, q)
    differing = 0
    for cell in cells:
        if cell.dimension == BY_OCCUPATION_LEVEL:
            key = f"{cell.occupation_code}|{cell.level}"
        elif cell.dimension == BY_OCCUPATION:
            key = cell.occupation_code
        else:
            assert cell.dimension == BY_INDUSTRY
            key = cell.industry
        n_workers, n_enterprises, top_share, q = found[(cell.dimension, key)]
        if ((n_workers, n_enterprises) != (cell.n_workers, cell.n_enterprises)
                or not np.isclose(top_share, cell.top_share) or not np.allclose(q, cell.percentiles, rtol=1e-9)):
            differing += 1
    return differing


if __name__ == "__main__":
    main()
