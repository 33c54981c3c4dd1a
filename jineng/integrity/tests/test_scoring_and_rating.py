from decimal import Decimal

from jineng.integrity.engine import scoring
from jineng.integrity.engine.rating import (
    UNRATED,
    InstitutionYear,
    Prior,
    grade_for,
    pass_rate_prior,
    rate_institution,
    rate_year,
)


def _row(pk: int, *, trainees=100, completed=90, examined=80, passed=56, responses=0, satisfaction=0,
         inspection=None, findings=0) -> InstitutionYear:
    return InstitutionYear(institution_id=pk, trainees=trainees, completed=completed, examined=examined,
                           passed=passed, survey_responses=responses, satisfaction_sum=satisfaction,
                           inspection_score=inspection, confirmed_findings=findings)


def test_scores_rise_with_strength_and_stay_within_zero_to_hundred():
    assert scoring.score_shared_device(trainees=15, threshold=15) == Decimal("50.00")
    assert scoring.score_shared_device(trainees=30, threshold=15) == Decimal("100.00")
    assert scoring.score_shared_device(trainees=300, threshold=15) == Decimal("100.00")
    assert scoring.score_claim_burst(claims=40, threshold=30) > scoring.score_claim_burst(claims=31, threshold=30)
    assert scoring.score_impossible_travel(speed_kmh=float("inf"), limit_kmh=120) == Decimal("100.00")
    assert scoring.score_duplicate_claim(institutions=2, districts=2, work_types=1) > \
        scoring.score_duplicate_claim(institutions=1, districts=1, work_types=2)
    assert scoring.score_implausible_age(age=13, min_age=16, max_age=70) == Decimal("100.00")


def test_three_passes_out_of_three_do_not_outrank_one_hundred_eighty_out_of_two_hundred():
    rows = [_row(1, trainees=25, completed=25, examined=3, passed=3),
            _row(2, trainees=220, completed=200, examined=200, passed=180)]
    rows += [_row(10 + n, examined=100, passed=60 + n) for n in range(8)]

    ratings = {r.institution_id: r for r in rate_year(rows)}

    assert ratings[1].pass_rate == 1.0 and ratings[2].pass_rate == 0.9
    assert ratings[1].pass_rate_shrunk < ratings[2].pass_rate_shrunk


def test_prior_strength_comes_from_the_spread_between_institutions():
    alike = [_row(n, examined=100, passed=70) for n in range(6)]
    spread = [_row(n, examined=100, passed=p) for n, p in enumerate([30, 50, 70, 80, 90, 99])]

    assert pass_rate_prior(alike).strength == 200
    assert 1 < pass_rate_prior(spread).strength < 20
    assert pass_rate_prior(alike[:2]).strength == 20


def test_institution_below_the_minimum_of_trainees_is_not_graded():
    rating = rate_institution(_row(1, trainees=19, completed=19), Prior(mean=0.7, strength=20))

    assert rating.grade == UNRATED and rating.score > 0


def test_satisfaction_counts_only_when_enough_trainees_answered():
    prior = Prior(mean=0.7, strength=20)
    few = rate_institution(_row(1, completed=100, responses=29, satisfaction=29 * 5), prior)
    enough = rate_institution(_row(1, completed=100, responses=30, satisfaction=30 * 5), prior)

    assert few.satisfaction is None and few.components["satisfaction"]["weight"] == 0
    assert enough.satisfaction == 1.0 and enough.components["satisfaction"]["weight"] > 0
    assert enough.score > few.score


def test_confirmed_findings_lower_the_score_and_the_grade():
    prior = Prior(mean=0.7, strength=20)
    clean = rate_institution(_row(1, completed=100, examined=100, passed=95, inspection=95), prior)
    caught = rate_institution(_row(1, completed=100, examined=100, passed=95, inspection=95, findings=2), prior)

    assert caught.score == clean.score - 20 and caught.components["penalty"]["points"] == -20
    assert grade_for(clean.score) < grade_for(caught.score)  # "A" sorts before "B"


def test_missing_components_share_their_weight_out():
    rating = rate_institution(_row(1), Prior(mean=0.7, strength=20))

    weights = {k: rating.components[k]["weight"] for k in ("completion", "pass_rate", "satisfaction", "inspection")}
    assert weights["satisfaction"] == 0 and weights["inspection"] == 0
    assert abs(weights["completion"] + weights["pass_rate"] - 1) < 1e-3
