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
WITH q AS (
  SELECT id, person_id, occupation_id, COALESCE(level, -1) AS lv, COALESCE(work_type_id, 0) AS wt, district_id,
         enrolment_id, claimant_organisation_id, submitted_at,
         COUNT(*) OVER (PARTITION BY person_id, occupation_id, level) AS n
  FROM subsidies_claim WHERE apprenticeship_id IS NULL
), c AS MATERIALIZED (
  SELECT id, person_id, occupation_id, lv, wt, district_id, {d.epoch("submitted_at")} AS t,
         COALESCE((SELECT tc.institution_id FROM training_enrolment e
                   JOIN training_trainingclass tc ON tc.id = e.training_class_id WHERE e.id = q.enrolment_id),
                  (SELECT io.id FROM training_institution io WHERE io.organisation_id = q.claimant_organisation_id),
                  0) AS inst
  FROM q WHERE n > 1
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
    """One device checking in many distinct trainees within a window.

    Narrowed in steps, each a necessary condition of the next: devices with enough check-ins at all, then
    device-days with enough distinct enrolments, then the exact sliding window over distinct persons.
    """
    window = p.device_window_minutes * 60
    return f"""
WITH dev AS MATERIALIZED (
  SELECT device_id FROM training_checkin WHERE device_id <> ''
  GROUP BY device_id HAVING COUNT(*) >= {p.device_min_trainees}
), dd AS (
  SELECT ch.id, ch.enrolment_id, ch.device_id, {d.epoch("ch.checked_at")} AS t
  FROM training_checkin ch JOIN dev ON dev.device_id = ch.device_id
), dday AS (
  SELECT id, enrolment_id, device_id, t, FLOOR((t + {SHANGHAI_OFFSET_SECONDS}) / {DAY}) AS day FROM dd
), cand AS MATERIALIZED (
  SELECT device_id, day FROM dday GROUP BY device_id, day
  HAVING COUNT(DISTINCT enrolment_id) >= {p.device_min_trainees}
), x AS (
  SELECT dday.id, dday.device_id, dday.day, dday.t, e.person_id, e.training_class_id
  FROM dday JOIN cand ON cand.device_id = dday.device_id AND cand.day = dday.day
  JOIN training_enrolment e ON e.id = dday.enrolment_id
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
JOIN training_trainingclass tc ON tc.id = x.training_class_id
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
), pairs AS MATERIALIZED (
  SELECT a.person_id, a.id AS e1, b.id AS e2, a.class_id AS c1, b.class_id AS c2, a.institution_id AS i1,
         b.institution_id AS i2, a.start_date AS s1, a.end_date AS end1, b.start_date AS s2, b.end_date AS end2
  FROM en a JOIN en b ON b.person_id = a.person_id AND a.id < b.id
  WHERE a.start_date <= b.end_date AND b.start_date <= a.end_date
)
SELECT person_id, e1, e2, c1, c2, i1, i2, s1, end1, s2, end2 FROM pairs
WHERE (SELECT COUNT(*) FROM training_checkin ci WHERE ci.enrolment_id = pairs.e1) > 0
  AND (SELECT COUNT(*) FROM training_checkin ci WHERE ci.enrolment_id = pairs.e2) > 0
ORDER BY person_id, e1, e2
"""


def impossible_travel(d: Dialect, p: RiskParams) -> str:
    """Consecutive check-ins of a person on the same day at places too far apart for the time between them.

    Only two kinds of person can have such a pair: one with two check-ins of an enrolment on one day (found in
    one ordered pass over check-ins by enrolment), or one enrolled in classes whose dates overlap (check-ins
    fall within a class's dates). Their check-ins only are then sequenced per person and day.
    """
    return f"""
WITH lagged AS (
  SELECT enrolment_id, checked_at, LAG(checked_at) OVER (PARTITION BY enrolment_id ORDER BY checked_at) AS prev_at
  FROM training_checkin
), busy AS (
  SELECT DISTINCT enrolment_id FROM lagged
  WHERE prev_at IS NOT NULL
    AND FLOOR(({d.epoch("checked_at")} + {SHANGHAI_OFFSET_SECONDS}) / {DAY})
      = FLOOR(({d.epoch("prev_at")} + {SHANGHAI_OFFSET_SECONDS}) / {DAY})
), multi AS (
  SELECT e.id, e.person_id, tc.start_date, tc.end_date
  FROM training_enrolment e JOIN training_trainingclass tc ON tc.id = e.training_class_id
  WHERE e.person_id IN (SELECT person_id FROM training_enrolment GROUP BY person_id HAVING COUNT(*) > 1)
), parallel AS (
  SELECT a.id AS e1, b.id AS e2 FROM multi a JOIN multi b ON b.person_id = a.person_id AND a.id < b.id
  WHERE a.start_date <= b.end_date AND b.start_date <= a.end_date
), chosen AS MATERIALIZED (
  SELECT enrolment_id FROM busy UNION SELECT e1 FROM parallel UNION SELECT e2 FROM parallel
), pick AS (
  SELECT ch.id, ch.enrolment_id, ch.site_id, ch.lon, ch.lat, {d.epoch("ch.checked_at")} AS t
  FROM training_checkin ch JOIN chosen ON chosen.enrolment_id = ch.enrolment_id
), ci AS (
  SELECT pick.id, e.person_id, FLOOR((pick.t + {SHANGHAI_OFFSET_SECONDS}) / {DAY}) AS day, tc.institution_id, pick.t,
         CAST(COALESCE(pick.lon, s.lon) AS DOUBLE PRECISION) AS lon,
         CAST(COALESCE(pick.lat, s.lat) AS DOUBLE PRECISION) AS lat
  FROM pick
  JOIN training_enrolment e ON e.id = pick.enrolment_id
  JOIN training_trainingclass tc ON tc.id = e.training_class_id
  JOIN training_site s ON s.id = pick.site_id
), seq AS (
  SELECT id, person_id, day, institution_id, t, lon, lat,
         LAG(id) OVER w AS prev_id, LAG(t) OVER w AS prev_t, LAG(lon) OVER w AS prev_lon, LAG(lat) OVER w AS prev_lat
  FROM ci WINDOW w AS (PARTITION BY person_id, day ORDER BY t, id)
), legs AS (
  SELECT person_id, day, prev_id, id, institution_id, t, t - prev_t AS dt,
         (lon - prev_lon) * {KM_PER_DEGREE_LON} AS dx, (lat - prev_lat) * {KM_PER_DEGREE_LAT} AS dy
  FROM seq WHERE prev_id IS NOT NULL
), km AS (
  SELECT person_id, day, prev_id, id, institution_id, t, dt, SQRT(dx * dx + dy * dy) AS km FROM legs
)
SELECT person_id, day, prev_id, id, institution_id, km, dt
FROM km
WHERE km >= {p.travel_min_km} AND km * 3600 > {p.travel_max_kmh} * dt
ORDER BY person_id, day, t, id
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
    """More trainees claimed for in a class than the class may hold (withdrawn claims do not count).

    A claim names its enrolment, so only classes with more enrolments than places can be over capacity.
    """
    return """
WITH crowded AS MATERIALIZED (
  SELECT tc.id AS class_id, tc.institution_id, tc.capacity
  FROM training_trainingclass tc
  JOIN (SELECT training_class_id, COUNT(*) AS n FROM training_enrolment GROUP BY training_class_id) en
    ON en.training_class_id = tc.id
  WHERE en.n > tc.capacity
), over AS MATERIALIZED (
  SELECT crowded.class_id, crowded.institution_id, crowded.capacity, COUNT(DISTINCT cl.person_id) AS n
  FROM crowded JOIN training_enrolment e ON e.training_class_id = crowded.class_id
  JOIN subsidies_claim cl ON cl.enrolment_id = e.id AND cl.status <> 'withdrawn'
  GROUP BY crowded.class_id, crowded.institution_id, crowded.capacity
  HAVING COUNT(DISTINCT cl.person_id) > crowded.capacity
)
SELECT over.class_id, over.institution_id, over.capacity, over.n, cl.id
FROM over JOIN training_enrolment e ON e.training_class_id = over.class_id
JOIN subsidies_claim cl ON cl.enrolment_id = e.id AND cl.status <> 'withdrawn'
ORDER BY over.class_id, cl.id
"""


def claim_burst(d: Dialect, p: RiskParams) -> str:
    """One claimant organisation submitting many claims within a few minutes.

    N claims fall within W seconds exactly when some claim is at most W after the claim N − 1 places before it
    (one ordered pass, ``LAG``); only the organisations where that happens get the exact sliding window.
    """
    window = p.burst_window_minutes * 60
    return f"""
WITH l AS (
  SELECT claimant_organisation_id AS org, submitted_at,
         LAG(submitted_at, {p.burst_min_claims - 1}) OVER (
           PARTITION BY claimant_organisation_id ORDER BY submitted_at) AS first_at
  FROM subsidies_claim WHERE claimant_organisation_id IS NOT NULL
), orgs AS MATERIALIZED (
  SELECT DISTINCT org FROM l
  WHERE first_at IS NOT NULL AND {d.epoch("submitted_at")} - {d.epoch("first_at")} <= {window}
), x AS (
  SELECT cl.id, cl.claimant_organisation_id AS org, {d.epoch("cl.submitted_at")} AS t
  FROM subsidies_claim cl JOIN orgs ON orgs.org = cl.claimant_organisation_id
), w AS (
  SELECT org, t, COUNT(*) OVER (PARTITION BY org ORDER BY t RANGE BETWEEN CURRENT ROW AND {window}.0 FOLLOWING) AS n
  FROM x
), s AS (
  SELECT org, t, n, FLOOR((t + {SHANGHAI_OFFSET_SECONDS}) / {DAY}) AS day FROM w WHERE n >= {p.burst_min_claims}
), best AS (
  SELECT org, day, t AS start_t, n, ROW_NUMBER() OVER (PARTITION BY org, day ORDER BY n DESC, t) AS rk FROM s
)
SELECT best.org, best.day, best.n, x.id, io.id AS institution_id, o.district_id
FROM best
JOIN x ON x.org = best.org AND x.t >= best.start_t AND x.t <= best.start_t + {window}
JOIN accounts_organisation o ON o.id = best.org
LEFT JOIN training_institution io ON io.organisation_id = best.org
WHERE best.rk = 1
ORDER BY best.org, best.day, x.t, x.id
"""  # noqa: S608


def implausible_age(d: Dialect, p: RiskParams) -> str:
    """A trainee or claimant younger or older than plausible at enrolment or claim (age from the ID's birth date).

    Only persons born late enough to be too young at the earliest event, or early enough to be too old at the
    latest, are joined to their events (a loose date bound first, the exact age from YYYYMMDD numbers after).
    """
    return f"""
WITH bounds AS (
  SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM (
    SELECT MIN(enrolled_date) AS lo, MAX(enrolled_date) AS hi FROM training_enrolment
    UNION ALL
    SELECT {d.to_date("MIN(submitted_at)")} AS lo, {d.to_date("MAX(submitted_at)")} AS hi FROM subsidies_claim
  ) q
), cand AS MATERIALIZED (
  SELECT id, {d.ymd("birth_date")} AS born FROM core_person
  WHERE birth_date > (SELECT {d.years_before("lo", p.min_age + 1)} FROM bounds)
     OR birth_date <= (SELECT {d.years_before("hi", p.max_age)} FROM bounds)
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
