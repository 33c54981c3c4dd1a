"""One SQL statement per risk rule, over every claim and check-in in the database.

The text is the same on SQLite, PostgreSQL and DuckDB except for the expressions of ``Dialect`` (epoch seconds,
YYYYMMDD integers, years). Thresholds are inlined as numeric literals from ``RiskParams`` (typed numbers, never
user input), so the statements need no parameter style. Each statement returns one row per piece of evidence,
ordered by the finding it belongs to; ``rules.py`` groups the rows into findings.
"""

from jineng.integrity.engine.dialect import Dialect
from jineng.integrity.engine.params import (
    KM_PER_DEGREE_LAT,
    KM_PER_DEGREE_LON,
    SHANGHAI_OFFSET_SECONDS,
    RiskParams,
)

DAY = 86400
# Claims and enrolments have no institution column: a claim's institution is its class's, else its claimant's.
_CLAIM_INSTITUTION = "COALESCE(tc.institution_id, io.id)"


def duplicate_claim(d: Dialect, p: RiskParams) -> str:
    """Same person + occupation + level claimed through other institutions or districts, or a near-duplicate."""
    return f"""
WITH k AS (
  SELECT person_id, occupation_id, COALESCE(level, -1) AS lv
  FROM subsidies_claim WHERE apprenticeship_id IS NULL
  GROUP BY person_id, occupation_id, COALESCE(level, -1) HAVING COUNT(*) > 1
), c AS (
  SELECT cl.id, cl.person_id, cl.occupation_id, COALESCE(cl.level, -1) AS lv, COALESCE(cl.work_type_id, 0) AS wt,
         cl.district_id, COALESCE({_CLAIM_INSTITUTION}, 0) AS inst, {d.epoch("cl.submitted_at")} AS t
  FROM subsidies_claim cl
  JOIN k ON k.person_id = cl.person_id AND k.occupation_id = cl.occupation_id AND k.lv = COALESCE(cl.level, -1)
  LEFT JOIN training_enrolment e ON e.id = cl.enrolment_id
  LEFT JOIN training_trainingclass tc ON tc.id = e.training_class_id
  LEFT JOIN training_institution io ON io.organisation_id = cl.claimant_organisation_id
  WHERE cl.apprenticeship_id IS NULL
), g AS (
  SELECT person_id, occupation_id, lv, COUNT(DISTINCT inst) AS n_inst, COUNT(DISTINCT district_id) AS n_dist,
         COUNT(DISTINCT wt) AS n_wt, MAX(t) - MIN(t) AS span
  FROM c GROUP BY person_id, occupation_id, lv
)
SELECT g.person_id, g.occupation_id, g.lv, g.n_inst, g.n_dist, g.n_wt, c.id, c.inst, c.district_id
FROM g JOIN c ON c.person_id = g.person_id AND c.occupation_id = g.occupation_id AND c.lv = g.lv
WHERE g.n_inst > 1 OR g.n_dist > 1 OR (g.n_wt > 1 AND g.span <= {p.near_duplicate_days * DAY})
ORDER BY g.person_id, g.occupation_id, g.lv, c.t, c.id
"""  # noqa: S608


def shared_device(d: Dialect, p: RiskParams) -> str:
    """One device checking in many distinct trainees within a window; candidates first, by device and day."""
    window = p.device_window_minutes * 60
    return f"""
WITH ch AS (
  SELECT id, enrolment_id, device_id, {d.epoch("checked_at")} AS t
  FROM training_checkin WHERE device_id <> ''
), dd AS (
  SELECT id, enrolment_id, device_id, t, FLOOR((t + {SHANGHAI_OFFSET_SECONDS}) / {DAY}) AS day FROM ch
), cand AS (
  SELECT device_id, day FROM dd GROUP BY device_id, day HAVING COUNT(DISTINCT enrolment_id) >= {p.device_min_trainees}
), x AS (
  SELECT dd.id, dd.device_id, dd.day, dd.t, e.person_id
  FROM dd JOIN cand ON cand.device_id = dd.device_id AND cand.day = dd.day
  JOIN training_enrolment e ON e.id = dd.enrolment_id
), w AS (
  SELECT a.device_id, a.day, a.t AS start_t, COUNT(DISTINCT b.person_id) AS n
  FROM x a JOIN x b ON b.device_id = a.device_id AND b.t >= a.t AND b.t < a.t + {window}
  GROUP BY a.device_id, a.day, a.t HAVING COUNT(DISTINCT b.person_id) >= {p.device_min_trainees}
), best AS (
  SELECT device_id, day, start_t, n, ROW_NUMBER() OVER (PARTITION BY device_id, day ORDER BY n DESC, start_t) AS rk
  FROM w
)
SELECT best.device_id, best.day, best.n, x.id, x.person_id, tc.institution_id, x.t - best.start_t AS offset_s
FROM best
JOIN x ON x.device_id = best.device_id AND x.t >= best.start_t AND x.t < best.start_t + {window}
JOIN training_checkin ci ON ci.id = x.id
JOIN training_enrolment e ON e.id = ci.enrolment_id
JOIN training_trainingclass tc ON tc.id = e.training_class_id
WHERE best.rk = 1
ORDER BY best.device_id, best.day, x.t, x.id
"""  # noqa: S608


def overlapping_classes(d: Dialect, p: RiskParams) -> str:
    """One trainee enrolled in two classes whose dates overlap, with check-ins recorded at both."""
    return """
WITH multi AS (
  SELECT person_id FROM training_enrolment GROUP BY person_id HAVING COUNT(*) > 1
), en AS (
  SELECT e.id, e.person_id, tc.id AS class_id, tc.institution_id, tc.start_date, tc.end_date
  FROM training_enrolment e JOIN multi ON multi.person_id = e.person_id
  JOIN training_trainingclass tc ON tc.id = e.training_class_id
  WHERE EXISTS (SELECT 1 FROM training_checkin ci WHERE ci.enrolment_id = e.id)
)
SELECT a.person_id, a.id, b.id, a.class_id, b.class_id, a.institution_id, b.institution_id,
       a.start_date, a.end_date, b.start_date, b.end_date
FROM en a JOIN en b ON b.person_id = a.person_id AND a.id < b.id
WHERE a.start_date <= b.end_date AND b.start_date <= a.end_date
ORDER BY a.person_id, a.id, b.id
"""  # noqa: S608


def impossible_travel(d: Dialect, p: RiskParams) -> str:
    """Consecutive check-ins of a person at places too far apart for the time between them."""
    return f"""
WITH ci AS (
  SELECT ch.id, e.person_id, ch.site_id, tc.institution_id, {d.epoch("ch.checked_at")} AS t,
         CAST(COALESCE(ch.lon, s.lon) AS DOUBLE PRECISION) AS lon,
         CAST(COALESCE(ch.lat, s.lat) AS DOUBLE PRECISION) AS lat
  FROM training_checkin ch
  JOIN training_enrolment e ON e.id = ch.enrolment_id
  JOIN training_trainingclass tc ON tc.id = e.training_class_id
  JOIN training_site s ON s.id = ch.site_id
), seq AS (
  SELECT id, person_id, site_id, institution_id, t, lon, lat,
         LAG(id) OVER w AS prev_id, LAG(t) OVER w AS prev_t, LAG(lon) OVER w AS prev_lon, LAG(lat) OVER w AS prev_lat
  FROM ci WINDOW w AS (PARTITION BY person_id ORDER BY t, id)
), legs AS (
  SELECT person_id, prev_id, id, institution_id, t, t - prev_t AS dt,
         (lon - prev_lon) * {KM_PER_DEGREE_LON} AS dx, (lat - prev_lat) * {KM_PER_DEGREE_LAT} AS dy
  FROM seq WHERE prev_id IS NOT NULL
), km AS (
  SELECT person_id, prev_id, id, institution_id, t, dt, SQRT(dx * dx + dy * dy) AS km FROM legs
)
SELECT person_id, FLOOR((t + {SHANGHAI_OFFSET_SECONDS}) / {DAY}) AS day, prev_id, id, institution_id, km, dt
FROM km
WHERE km >= {p.travel_min_km} AND km * 3600 > {p.travel_max_kmh} * dt
ORDER BY person_id, t, id
"""  # noqa: S608


def pass_rate_outlier(d: Dialect, p: RiskParams) -> str:
    """An institution's pass rate in an occupation and year against the rest of the city's (binomial z-score)."""
    n = p.pass_rate_min_examined
    return f"""
WITH ex AS (
  SELECT tc.institution_id, tp.occupation_id, {d.year("e.exam_date")} AS yr,
         CASE WHEN e.exam_result = 'passed' THEN 1 ELSE 0 END AS ok
  FROM training_enrolment e
  JOIN training_trainingclass tc ON tc.id = e.training_class_id
  JOIN training_trainingproject tp ON tp.id = tc.project_id
  WHERE e.exam_result IN ('passed', 'failed', 'absent') AND e.exam_date IS NOT NULL
), io AS (
  SELECT institution_id, occupation_id, yr, COUNT(*) AS n, SUM(ok) AS k FROM ex GROUP BY institution_id, occupation_id, yr
), oc AS (
  SELECT occupation_id, yr, SUM(n) AS n, SUM(k) AS k FROM io GROUP BY occupation_id, yr
), r AS (
  SELECT io.institution_id, io.occupation_id, io.yr, io.n, io.k, oc.n - io.n AS n0,
         1.0 * (oc.k - io.k) / (oc.n - io.n) AS p0
  FROM io JOIN oc ON oc.occupation_id = io.occupation_id AND oc.yr = io.yr
  WHERE io.n >= {n} AND oc.n - io.n >= {n}
), z AS (
  SELECT institution_id, occupation_id, yr, n, k, n0, p0, (1.0 * k / n - p0) / SQRT(p0 * (1 - p0) / n) AS z
  FROM r WHERE p0 > 0 AND p0 < 1
)
SELECT institution_id, occupation_id, yr, n, k, n0, p0, z FROM z WHERE z >= {p.pass_rate_min_z}
ORDER BY institution_id, occupation_id, yr
"""  # noqa: S608


def over_capacity(d: Dialect, p: RiskParams) -> str:
    """More trainees claimed for in a class than the class may hold (withdrawn claims do not count)."""
    return """
WITH cc AS (
  SELECT e.training_class_id AS class_id, COUNT(DISTINCT cl.person_id) AS n
  FROM subsidies_claim cl JOIN training_enrolment e ON e.id = cl.enrolment_id
  WHERE cl.status <> 'withdrawn'
  GROUP BY e.training_class_id
), over AS (
  SELECT tc.id AS class_id, tc.institution_id, tc.capacity, cc.n
  FROM cc JOIN training_trainingclass tc ON tc.id = cc.class_id WHERE cc.n > tc.capacity
)
SELECT over.class_id, over.institution_id, over.capacity, over.n, cl.id
FROM over JOIN training_enrolment e ON e.training_class_id = over.class_id
JOIN subsidies_claim cl ON cl.enrolment_id = e.id AND cl.status <> 'withdrawn'
ORDER BY over.class_id, cl.id
"""  # noqa: S608


def claim_burst(d: Dialect, p: RiskParams) -> str:
    """One claimant organisation submitting many claims within a few minutes."""
    window = p.burst_window_minutes * 60
    return f"""
WITH c AS (
  SELECT id, claimant_organisation_id AS org, {d.epoch("submitted_at")} AS t
  FROM subsidies_claim WHERE claimant_organisation_id IS NOT NULL
), w AS (
  SELECT org, t, COUNT(*) OVER (PARTITION BY org ORDER BY t RANGE BETWEEN CURRENT ROW AND {window}.0 FOLLOWING) AS n
  FROM c
), s AS (
  SELECT org, t, n, FLOOR((t + {SHANGHAI_OFFSET_SECONDS}) / {DAY}) AS day FROM w WHERE n >= {p.burst_min_claims}
), best AS (
  SELECT org, day, t AS start_t, n, ROW_NUMBER() OVER (PARTITION BY org, day ORDER BY n DESC, t) AS rk FROM s
)
SELECT best.org, best.day, best.n, c.id, io.id AS institution_id, o.district_id
FROM best
JOIN c ON c.org = best.org AND c.t >= best.start_t AND c.t <= best.start_t + {window}
JOIN accounts_organisation o ON o.id = best.org
LEFT JOIN training_institution io ON io.organisation_id = best.org
WHERE best.rk = 1
ORDER BY best.org, best.day, c.t, c.id
"""  # noqa: S608


def implausible_age(d: Dialect, p: RiskParams) -> str:
    """A trainee or claimant younger or older than plausible at enrolment or claim (age from the ID's birth date).

    Only persons whose birth date could fall outside the range at some event are joined to the events.
    """
    earliest = f"""(SELECT MIN(v) FROM (
      SELECT {d.ymd("MIN(enrolled_date)")} AS v FROM training_enrolment
      UNION ALL SELECT {d.ymd("MIN(submitted_at)")} FROM subsidies_claim) q1)"""  # noqa: S608
    latest = f"""(SELECT MAX(v) FROM (
      SELECT {d.ymd("MAX(enrolled_date)")} AS v FROM training_enrolment
      UNION ALL SELECT {d.ymd("MAX(submitted_at)")} FROM subsidies_claim) q2)"""  # noqa: S608
    return f"""
WITH cand AS (
  SELECT id, {d.ymd("birth_date")} AS born FROM core_person
  WHERE {d.ymd("birth_date")} + {p.min_age * 10000} > {earliest}
     OR {d.ymd("birth_date")} + {(p.max_age + 1) * 10000} <= {latest}
), ev AS (
  SELECT e.person_id, 'enrolment' AS kind, e.id, {d.ymd("e.enrolled_date")} AS d, tc.institution_id
  FROM training_enrolment e JOIN cand ON cand.id = e.person_id
  JOIN training_trainingclass tc ON tc.id = e.training_class_id
  UNION ALL
  SELECT cl.person_id, 'claim' AS kind, cl.id, {d.ymd("cl.submitted_at")} AS d, {_CLAIM_INSTITUTION} AS institution_id
  FROM subsidies_claim cl JOIN cand ON cand.id = cl.person_id
  LEFT JOIN training_enrolment e ON e.id = cl.enrolment_id
  LEFT JOIN training_trainingclass tc ON tc.id = e.training_class_id
  LEFT JOIN training_institution io ON io.organisation_id = cl.claimant_organisation_id
), a AS (
  SELECT ev.person_id, ev.kind, ev.id, ev.institution_id, FLOOR((ev.d - cand.born) / 10000) AS age
  FROM ev JOIN cand ON cand.id = ev.person_id
)
SELECT person_id, kind, id, institution_id, age FROM a WHERE age < {p.min_age} OR age > {p.max_age}
ORDER BY person_id, kind, id
"""  # noqa: S608
