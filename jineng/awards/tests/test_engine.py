"""The pure engine against hand-computed tables."""

from datetime import date
from decimal import Decimal as D

import pytest

from jineng.awards.engine.eligibility import Facts, RuleSetInvalid, evaluate, rule_set_parse
from jineng.awards.engine.funding import GRANT, MATCHING, Matching, Spend, position
from jineng.awards.engine.scoring import Criterion, application_total, rank, trimmed_mean

STUDIO_RULES = {
    "code": "master_studio", "version": 2, "valid_from": "2024-05-01",
    "rules": [
        {"kind": "leader_honour_or_earlier_funding", "honours": ["中华技能大奖", "全国技术能手", "上海市杰出技术能手"],
         "funded_by_year": 2022},
        {"kind": "not_funded_before"},
        {"kind": "min_level", "level": 5},
        {"kind": "matching_funds", "amount": "100000"},
    ],
}


def _codes(verdict):
    return [(r.code, r.ok) for r in verdict.reasons]


def test_a_studio_led_by_a_national_technical_expert_is_eligible():
    rules = rule_set_parse(STUDIO_RULES)

    verdict = evaluate(rules, Facts(leader_honours=frozenset({"全国技术能手"}), leader_level=5,
                                    matching_declared=D("100000")))

    assert verdict.eligible
    assert verdict.reasons[0].params["held"] == ("全国技术能手",)


def test_a_chief_technician_funded_in_2022_and_still_employed_may_lead_a_studio():
    rules = rule_set_parse(STUDIO_RULES)

    funded_2022 = evaluate(rules, Facts(leader_level=5, leader_funded_chief_year=2022, matching_declared=D("1e5")))
    funded_2023 = evaluate(rules, Facts(leader_level=5, leader_funded_chief_year=2023, matching_declared=D("1e5")))
    left = evaluate(rules, Facts(leader_level=5, leader_funded_chief_year=2021, leader_still_employed=False,
                                 matching_declared=D("1e5")))

    assert (funded_2022.eligible, funded_2023.eligible, left.eligible) == (True, False, False)


def test_every_failed_rule_gives_its_reason():
    rules = rule_set_parse(STUDIO_RULES)

    verdict = evaluate(rules, Facts(leader_level=4, funded_before_year=2021, matching_declared=D("99999.99")))

    assert _codes(verdict) == [("leader_honour_or_earlier_funding", False), ("not_funded_before", False),
                               ("min_level", False), ("matching_funds", False)]
    assert verdict.failures[1].params == {"funded_year": 2021}
    assert verdict.failures[3].params == {"amount": D("100000"), "declared": D("99999.99")}


def test_a_rule_set_with_an_unknown_kind_is_refused():
    with pytest.raises(RuleSetInvalid):
        rule_set_parse({**STUDIO_RULES, "rules": [{"kind": "luck"}]})
    with pytest.raises(RuleSetInvalid):
        rule_set_parse({**STUDIO_RULES, "valid_from": "2024-13-01"})


def test_the_highest_and_lowest_scores_are_dropped():
    mean, dropped = trimmed_mean([D(90), D(70), D(85), D(80), D(60)])

    assert (mean, dropped) == (D(235) / 3, (D(90), D(60)))
    assert trimmed_mean([D(90), D(70)]) == (None, ())


def test_weighted_total_against_a_hand_computed_table():
    # reviewer:        A   B   C   D   E     kept (drop max, min)   mean    weight  points
    # 创新成果 (0.4)   90  70  85  80  60    70 85 80               78.333  0.4     31.3333
    # 带徒传技 (0.35)  80  80  80  95  50    80 80 80               80      0.35    28
    # 管理保障 (0.25)  70  75  65  100 90    70 75 90               78.333  0.25    19.5833
    # total 78.9166… -> 78.92
    criteria = [Criterion("innovation", D("0.4")), Criterion("mentoring", D("0.35")), Criterion("support", D("0.25"))]
    scores = {"innovation": [D(90), D(70), D(85), D(80), D(60)], "mentoring": [D(80), D(80), D(80), D(95), D(50)],
              "support": [D(70), D(75), D(65), D(100), D(90)]}

    result = application_total(criteria, scores)

    assert result.total == D("78.92")
    assert result.criteria[1].mean == D(80)
    assert result.criteria[2].dropped == (D(100), D(65))


def test_a_criterion_with_fewer_than_three_scores_leaves_no_total():
    result = application_total([Criterion("a", D(1))], {"a": [D(80), D(90)]})

    assert result.total is None


def test_ties_share_a_rank_and_a_tie_across_the_quota_is_flagged():
    ranked = rank({"p": D("88.5"), "q": D("91"), "r": D("88.5"), "s": D("70")}, quota=2)

    assert [(r.key, r.rank, r.within_quota, r.tied_at_cutoff) for r in ranked] == [
        ("q", 1, True, False), ("p", 2, False, True), ("r", 2, False, True), ("s", 4, False, False)]
    assert [r.within_quota for r in rank({"p": D(80), "q": D(80), "s": D(70)}, quota=2)] == [True, True, False]


PERIOD = {"period_start": date(2024, 12, 1), "period_end": date(2027, 11, 30)}
CATEGORIES = ("equipment", "research", "training", "exchange")


def test_funding_position_against_a_hand_computed_table():
    # grant 100,000; matching required 100,000: declared 120,000, evidenced 80,000 -> shortfall 20,000
    # grant spending: equipment 30,000 + research 25,000 (allowed, in period) = 55,000 spent;
    #   banquet 5,000 (not an allowed category) + training 2,000 dated before the period = 7,000 misused;
    # unspent = 100,000 - 55,000 - 7,000 = 38,000; mid-period recovery = misused 7,000; at the end 45,000
    spending = [Spend("equipment", GRANT, D("30000"), date(2025, 3, 1)),
                Spend("research", GRANT, D("25000"), date(2026, 1, 9)),
                Spend("banquet", GRANT, D("5000"), date(2025, 5, 1)),
                Spend("training", GRANT, D("2000"), date(2024, 11, 30)),
                Spend("training", MATCHING, D("40000"), date(2025, 6, 1))]
    matching = [Matching(D("80000"), True), Matching(D("40000"), False)]
    args = {"grant": D("100000"), "matching_required": D("100000"), "matching": matching, "spending": spending,
            "allowed_categories": CATEGORIES, **PERIOD}

    mid = position(**args, as_of=date(2026, 6, 1))
    final = position(**args, as_of=date(2027, 12, 15), final_assessed=True)

    assert (mid.matching_declared, mid.matching_evidenced, mid.matching_shortfall) == (D(120000), D(80000), D(20000))
    assert (mid.grant_spent, mid.misused, mid.unspent, mid.recovery_due) == (D(55000), D(7000), D(38000), D(7000))
    assert mid.by_category == {"equipment": D(30000), "research": D(25000), "training": D(40000)}
    assert (final.closed, final.recovery_due) == (True, D(45000))


def test_grant_spending_beyond_the_grant_is_the_employers_own():
    spending = [Spend("equipment", GRANT, D("60000"), date(2025, 1, 1))]

    result = position(grant=D("50000"), matching_required=D("50000"), matching=[], spending=spending,
                      allowed_categories=CATEGORIES, as_of=date(2028, 1, 1), **PERIOD)

    assert (result.grant_spent, result.grant_overspent, result.unspent, result.recovery_due) == (
        D(50000), D(10000), D(0), D(0))
