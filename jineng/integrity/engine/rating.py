"""Yearly quality and integrity rating of training institutions — pure, documented in docs/risk-rules.md.

Components (each 0–1): completion rate; certificate pass rate shrunk towards the city mean with an
empirical-Bayes beta-binomial prior; trainee satisfaction, only when enough trainees answered the survey;
inspection score. The composite is the weighted mean of the components present (missing ones' weights are
shared out among the others) times 100, minus a penalty per confirmed risk finding. Institutions with too few
trainees are not graded ("样本不足").
"""

from dataclasses import dataclass, field

WEIGHTS = {"completion": 0.25, "pass_rate": 0.35, "satisfaction": 0.20, "inspection": 0.20}
GRADE_FLOORS = (("A", 85.0), ("B", 75.0), ("C", 60.0))
UNRATED = "-"


@dataclass(frozen=True)
class RatingParams:
    min_trainees: int = 20
    min_response_rate: float = 0.30
    penalty_per_finding: float = 10.0
    max_penalty: float = 40.0
    # prior strength (pseudo-examinees) is estimated from the data, clamped to this range, and defaults to
    # default_prior_strength when fewer than min_institutions_for_prior institutions have examinees
    min_prior_strength: float = 5.0
    max_prior_strength: float = 200.0
    default_prior_strength: float = 20.0
    min_institutions_for_prior: int = 5


DEFAULT_RATING_PARAMS = RatingParams()


@dataclass(frozen=True)
class InstitutionYear:
    institution_id: int
    trainees: int
    completed: int
    examined: int
    passed: int
    survey_responses: int = 0
    satisfaction_sum: int = 0  # sum of 1–5 answers
    inspection_score: float | None = None  # 0–100, mean of the year's inspections
    confirmed_findings: int = 0


@dataclass(frozen=True)
class Prior:
    mean: float
    strength: float

    @property
    def alpha(self) -> float:
        return self.mean * self.strength

    @property
    def beta(self) -> float:
        return (1 - self.mean) * self.strength


@dataclass(frozen=True)
class Rating:
    institution_id: int
    trainees: int
    completion_rate: float | None
    pass_rate: float | None  # raw
    pass_rate_shrunk: float | None
    satisfaction: float | None  # mean 1–5 scaled to 0–1, None below the response threshold
    survey_response_rate: float | None
    inspection_score: float | None
    confirmed_findings: int
    penalty: float
    score: float
    grade: str
    components: dict = field(default_factory=dict)


def pass_rate_prior(rows: list[InstitutionYear], params: RatingParams = DEFAULT_RATING_PARAMS) -> Prior:
    """City mean and prior strength by the method of moments on institutions' pass rates.

    Between-institution variance τ² = observed variance of rates − mean binomial variance m(1−m)/n;
    strength κ = m(1−m)/τ² − 1 (a beta prior with mean m and κ pseudo-examinees), clamped.
    """
    examined = [r for r in rows if r.examined > 0]
    total = sum(r.examined for r in examined)
    if not total:
        return Prior(mean=0.5, strength=params.default_prior_strength)
    mean = sum(r.passed for r in examined) / total
    if len(examined) < params.min_institutions_for_prior or mean in (0.0, 1.0):
        return Prior(mean=mean, strength=params.default_prior_strength)
    rates = [r.passed / r.examined for r in examined]
    observed = sum((x - mean) ** 2 for x in rates) / (len(rates) - 1)
    sampling = sum(mean * (1 - mean) / r.examined for r in examined) / len(examined)
    between = observed - sampling
    strength = params.max_prior_strength if between <= 0 else mean * (1 - mean) / between - 1
    strength = min(params.max_prior_strength, max(params.min_prior_strength, strength))
    return Prior(mean=mean, strength=strength)


def shrunk_rate(*, passed: int, examined: int, prior: Prior) -> float:
    return (passed + prior.alpha) / (examined + prior.strength)


def grade_for(score: float) -> str:
    for grade, floor in GRADE_FLOORS:
        if score >= floor:
            return grade
    return "D"


def rate_institution(row: InstitutionYear, prior: Prior, params: RatingParams = DEFAULT_RATING_PARAMS) -> Rating:
    completion = row.completed / row.trainees if row.trainees else None
    raw_pass = row.passed / row.examined if row.examined else None
    shrunk = shrunk_rate(passed=row.passed, examined=row.examined, prior=prior) if row.examined else None
    response = row.survey_responses / row.completed if row.completed else None
    satisfaction = None
    if response is not None and response >= params.min_response_rate and row.survey_responses:
        satisfaction = (row.satisfaction_sum / row.survey_responses - 1) / 4
    inspection = row.inspection_score / 100 if row.inspection_score is not None else None
    values = {"completion": completion, "pass_rate": shrunk, "satisfaction": satisfaction, "inspection": inspection}
    present = {k: v for k, v in values.items() if v is not None}
    weight_total = sum(WEIGHTS[k] for k in present)
    components = {}
    for key, value in values.items():
        weight = WEIGHTS[key] / weight_total if key in present and weight_total else 0.0
        components[key] = {"value": None if value is None else round(value, 4), "weight": round(weight, 4),
                           "points": round(100 * weight * value, 2) if value is not None else 0.0}
    penalty = min(params.max_penalty, params.penalty_per_finding * row.confirmed_findings)
    base = sum(c["points"] for c in components.values())
    score = max(0.0, round(base - penalty, 2))
    components["penalty"] = {"confirmed_findings": row.confirmed_findings, "points": -penalty if penalty else 0.0}
    components["pass_rate"] |= {"raw": None if raw_pass is None else round(raw_pass, 4), "examined": row.examined,
                                "passed": row.passed, "prior_mean": round(prior.mean, 4),
                                "prior_strength": round(prior.strength, 2)}
    components["satisfaction"] |= {"response_rate": None if response is None else round(response, 4),
                                   "min_response_rate": params.min_response_rate}
    grade = UNRATED if row.trainees < params.min_trainees else grade_for(score)
    return Rating(
        institution_id=row.institution_id, trainees=row.trainees, completion_rate=completion, pass_rate=raw_pass,
        pass_rate_shrunk=shrunk, satisfaction=satisfaction, survey_response_rate=response,
        inspection_score=row.inspection_score, confirmed_findings=row.confirmed_findings, penalty=penalty,
        score=score, grade=grade, components=components,
    )


def rate_year(rows: list[InstitutionYear], params: RatingParams = DEFAULT_RATING_PARAMS) -> list[Rating]:
    """Every institution of a year, the prior estimated from the rated ones (not the tiny ones)."""
    prior = pass_rate_prior([r for r in rows if r.trainees >= params.min_trainees] or rows, params)
    return [rate_institution(r, prior, params) for r in rows]
