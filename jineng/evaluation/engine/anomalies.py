"""Anomaly rules over evaluation results, one set-based SQL statement each (SQLite and PostgreSQL).

Each statement returns one row per finding: (fingerprint, body_id, session_id, person_id, score, evidence
columns…); ``services/anomalies.py`` stores them as findings of the shared review queue. Thresholds are typed
numbers inlined as literals (never user input). The only dialect difference is the year of a date.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class AnomalyParams:
    min_examined: int = 20  # results of a body (or examiner) in an item and year before its pass rate is judged
    min_z: float = 3.0  # binomial z-score of a pass rate above the rest of the city's in the same item and year
    identical_min: int = 5  # candidates of one session with the very same three scores


def _year(vendor: str, expr: str) -> str:
    return f"CAST(strftime('%Y', {expr}) AS INTEGER)" if vendor == "sqlite" else f"CAST(EXTRACT(YEAR FROM {expr}) AS INTEGER)"


_ITEM = "COALESCE(s.occupation_id, 0) || '-' || COALESCE(s.work_type_id, 0) || '-' || s.special_item || '-' || COALESCE(s.level, 0)"
_DONE = "r.status <> 'voided'"


def body_pass_rate(vendor: str, p: AnomalyParams) -> str:
    """A body's pass rate in an item and year far above the other bodies' (binomial z-score)."""
    return f"""
WITH ex AS (
  SELECT s.body_id, {_ITEM} AS item, {_year(vendor, "s.exam_date")} AS yr, CASE WHEN r.passed THEN 1 ELSE 0 END AS ok
  FROM evaluation_evaluationresult r JOIN evaluation_evaluationsession s ON s.id = r.session_id WHERE {_DONE}
), b AS (
  SELECT body_id, item, yr, COUNT(*) AS n, SUM(ok) AS k FROM ex GROUP BY body_id, item, yr
), c AS (
  SELECT item, yr, SUM(n) AS n, SUM(k) AS k FROM b GROUP BY item, yr
), z AS (
  SELECT b.body_id, b.item, b.yr, b.n, b.k, 1.0 * (c.k - b.k) / (c.n - b.n) AS p0
  FROM b JOIN c ON c.item = b.item AND c.yr = b.yr
  WHERE b.n >= {p.min_examined} AND c.n - b.n >= {p.min_examined}
)
SELECT 'b' || body_id || '-' || item || '-' || yr AS fingerprint, body_id, NULL AS session_id, NULL AS person_id,
       (1.0 * k / n - p0) / SQRT(p0 * (1 - p0) / n) AS score, n, k, p0, yr
FROM z WHERE p0 > 0 AND p0 < 1 AND (1.0 * k / n - p0) / SQRT(p0 * (1 - p0) / n) >= {p.min_z}
ORDER BY body_id, item, yr
"""  # noqa: S608


def examiner_pass_rate(vendor: str, p: AnomalyParams) -> str:
    """An examiner's pass rate in a year far above the rest of the city's, over the sessions they examined."""
    return f"""
WITH ex AS (
  SELECT se.bodystaff_id AS examiner_id, {_year(vendor, "s.exam_date")} AS yr, CASE WHEN r.passed THEN 1 ELSE 0 END AS ok
  FROM evaluation_evaluationresult r JOIN evaluation_evaluationsession s ON s.id = r.session_id
  JOIN evaluation_evaluationsession_examiners se ON se.evaluationsession_id = s.id WHERE {_DONE}
), e AS (
  SELECT examiner_id, yr, COUNT(*) AS n, SUM(ok) AS k FROM ex GROUP BY examiner_id, yr
), c AS (
  SELECT yr, SUM(n) AS n, SUM(k) AS k FROM e GROUP BY yr
), z AS (
  SELECT e.examiner_id, e.yr, e.n, e.k, 1.0 * (c.k - e.k) / (c.n - e.n) AS p0
  FROM e JOIN c ON c.yr = e.yr WHERE e.n >= {p.min_examined} AND c.n - e.n >= {p.min_examined}
)
SELECT 'e' || z.examiner_id || '-' || z.yr AS fingerprint, st.body_id, NULL AS session_id, st.person_id,
       (1.0 * z.k / z.n - z.p0) / SQRT(z.p0 * (1 - z.p0) / z.n) AS score, z.n, z.k, z.p0, z.yr
FROM z JOIN evaluation_bodystaff st ON st.id = z.examiner_id
WHERE z.p0 > 0 AND z.p0 < 1 AND (1.0 * z.k / z.n - z.p0) / SQRT(z.p0 * (1 - z.p0) / z.n) >= {p.min_z}
ORDER BY z.examiner_id, z.yr
"""  # noqa: S608


def identical_scores(vendor: str, p: AnomalyParams) -> str:
    """Many candidates of one session with exactly the same theory, practical and comprehensive scores."""
    return f"""
SELECT 's' || s.id || '-' || COALESCE(r.theory_score, -1) || '-' || COALESCE(r.practical_score, -1) || '-'
       || COALESCE(r.comprehensive_score, -1) AS fingerprint,
       s.body_id, s.id AS session_id, NULL AS person_id, COUNT(*) AS score,
       r.theory_score, r.practical_score, r.comprehensive_score
FROM evaluation_evaluationresult r JOIN evaluation_evaluationsession s ON s.id = r.session_id
WHERE {_DONE} AND (r.theory_score IS NOT NULL OR r.practical_score IS NOT NULL)
GROUP BY s.id, s.body_id, r.theory_score, r.practical_score, r.comprehensive_score
HAVING COUNT(*) >= {p.identical_min}
ORDER BY s.id
"""  # noqa: S608


def two_sites(vendor: str, p: AnomalyParams) -> str:
    """One candidate in two sessions at different sites on the same day in overlapping periods."""
    return f"""
WITH x AS (
  SELECT r.person_id, s.id AS session_id, s.body_id, s.site_id, s.exam_date, s.period
  FROM evaluation_evaluationresult r JOIN evaluation_evaluationsession s ON s.id = r.session_id
  WHERE {_DONE} AND s.status <> 'cancelled'
)
SELECT 'p' || a.person_id || '-' || a.session_id || '-' || b.session_id AS fingerprint, a.body_id,
       a.session_id, a.person_id, 100 AS score, b.session_id AS other_session_id, a.exam_date
FROM x a JOIN x b ON b.person_id = a.person_id AND b.exam_date = a.exam_date AND b.site_id <> a.site_id
  AND b.session_id > a.session_id AND (a.period = b.period OR a.period = 'day' OR b.period = 'day')
ORDER BY a.person_id, a.session_id, b.session_id
"""  # noqa: S608


def over_capacity(vendor: str, p: AnomalyParams) -> str:
    """A session with more candidates than its site has places."""
    return f"""
SELECT 'c' || s.id AS fingerprint, s.body_id, s.id AS session_id, NULL AS person_id,
       COUNT(*) - t.capacity AS score, COUNT(*) AS candidates, t.capacity
FROM evaluation_evaluationresult r JOIN evaluation_evaluationsession s ON s.id = r.session_id
JOIN evaluation_testsite t ON t.id = s.site_id
WHERE {_DONE}
GROUP BY s.id, s.body_id, t.capacity HAVING COUNT(*) > t.capacity
ORDER BY s.id
"""  # noqa: S608


RULES = {
    "body_pass_rate": body_pass_rate,
    "examiner_pass_rate": examiner_pass_rate,
    "identical_scores": identical_scores,
    "two_sites": two_sites,
    "over_capacity": over_capacity,
}
