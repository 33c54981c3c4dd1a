"""The percentile engine against a reference computation, and each publication rule on hand-built tables."""

import random
import statistics

import numpy as np
import pytest

from jineng.wages.engine.tables import (
    BY_INDUSTRY,
    BY_OCCUPATION,
    BY_OCCUPATION_LEVEL,
    COMPLEMENTARY,
    DOMINANCE,
    FEW_ENTERPRISES,
    FEW_WORKERS,
    Cell,
    Thresholds,
    WageColumns,
    cells_suppress,
    percentile,
    wage_tables,
    yuan,
)


def _columns(rows):
    """rows: (enterprise, occupation, level, industry, pay)."""
    enterprise, occupation, level, industry, pay = zip(*rows, strict=True)
    return WageColumns(enterprise=list(enterprise), occupation=list(occupation), level=list(level),
                       industry=list(industry), pay=list(pay))


def _cell(cells, dimension, occupation="", level=None, industry=""):
    return next(c for c in cells if c.dimension == dimension and c.occupation_code == occupation
                and c.level == level and c.industry == industry)


def test_percentiles_match_statistics_quantiles_inclusive_and_numpy():
    rng = random.Random(7)
    for n in (1, 2, 3, 7, 10, 11, 250):
        values = [round(rng.uniform(30_000, 400_000), 2) for _ in range(n)]
        rows = [(f"E{i % 4}", "6-18-01-01", 3, "ic", v) for i, v in enumerate(values)]

        cell = _cell(wage_tables(_columns(rows)), BY_OCCUPATION_LEVEL, "6-18-01-01", 3)

        if n > 1:
            deciles = statistics.quantiles(values, n=10, method="inclusive")
            quartiles = statistics.quantiles(values, n=4, method="inclusive")
            expected = (deciles[0], quartiles[0], quartiles[1], quartiles[2], deciles[8])
        else:
            expected = (values[0],) * 5
        assert cell.percentiles == pytest.approx(expected, rel=1e-12)
        assert cell.percentiles == pytest.approx(np.percentile(values, [10, 25, 50, 75, 90]), rel=1e-12)
        assert cell.mean == pytest.approx(statistics.fmean(values))
        assert cell.n_workers == n


def test_reference_percentile_interpolates_between_closest_ranks():
    assert percentile([10, 20, 30, 40], 0.5) == 25
    assert percentile([10, 20, 30, 40], 0.1) == pytest.approx(13)
    assert percentile([5], 0.9) == 5


def test_groups_are_independent_and_keyed_by_each_dimension():
    rows = [(f"E{i % 5}", "A", 1 + i % 2, "ind1" if i < 30 else "ind2", 1000.0 * i) for i in range(60)]
    rows += [(f"E{i % 5}", "B", 3, "ind2", 500.0 + i) for i in range(20)]

    cells = wage_tables(_columns(rows))

    assert {c.dimension for c in cells} == {BY_OCCUPATION_LEVEL, BY_OCCUPATION, BY_INDUSTRY}
    assert _cell(cells, BY_OCCUPATION, "A").n_workers == 60
    assert _cell(cells, BY_OCCUPATION_LEVEL, "A", 2).n_workers == 30
    assert _cell(cells, BY_INDUSTRY, industry="ind2").n_workers == 50
    assert _cell(cells, BY_OCCUPATION, "B").percentiles[2] == pytest.approx(509.5)


def test_percentiles_are_monotonic_on_random_data():
    rng = random.Random(3)
    rows = [(f"E{rng.randrange(40)}", f"O{rng.randrange(5)}", rng.randrange(1, 6), f"I{rng.randrange(3)}",
             rng.lognormvariate(11, 0.5)) for _ in range(5000)]

    cells = wage_tables(_columns(rows))

    assert all(c.monotonic for c in cells)
    assert all(list(c.percentiles) == sorted(c.percentiles) for c in cells)


def test_cell_with_two_enterprises_is_suppressed():
    rows = [(f"E{i % 2}", "A", 1, "x", 100.0 + i) for i in range(20)]

    cell = _cell(wage_tables(_columns(rows)), BY_OCCUPATION, "A")

    assert cell.suppressed and cell.reason == FEW_ENTERPRISES


def test_cell_with_nine_workers_is_suppressed_and_ten_is_published():
    nine = [(f"E{i % 3}", "A", 1, "x", 100.0 + i) for i in range(9)]
    ten = [(f"E{i % 3}", "A", 1, "x", 100.0 + i) for i in range(10)]

    assert _cell(wage_tables(_columns(nine)), BY_OCCUPATION, "A").reasons == [FEW_WORKERS]
    assert not _cell(wage_tables(_columns(ten)), BY_OCCUPATION, "A").suppressed


def test_dominant_enterprise_over_sixty_percent_is_suppressed_and_exactly_sixty_is_not():
    dominated = [("E0", "A", 1, "x", 100.0)] * 7 + [("E1", "A", 1, "x", 100.0), ("E2", "A", 1, "x", 1.0),
                                                    ("E3", "A", 1, "x", 1.0)]
    at_limit = [("E0", "A", 1, "x", 100.0)] * 6 + [(f"E{i}", "A", 1, "x", 1.0) for i in (1, 2, 3, 4)]

    cell = _cell(wage_tables(_columns(dominated)), BY_OCCUPATION, "A")
    assert cell.reasons == [DOMINANCE] and cell.top_share == pytest.approx(0.7)
    assert not _cell(wage_tables(_columns(at_limit)), BY_OCCUPATION, "A").suppressed


def test_thresholds_are_parameters():
    rows = [(f"E{i % 2}", "A", 1, "x", 100.0 + i) for i in range(6)]

    cell = _cell(wage_tables(_columns(rows), Thresholds(min_enterprises=2, min_workers=5, dominance=0.5)),
                 BY_OCCUPATION, "A")

    assert not cell.suppressed


def _level_cell(level, n_workers, n_enterprises=5, top_share=0.2):
    return Cell(dimension=BY_OCCUPATION_LEVEL, occupation_code="A", level=level, n_enterprises=n_enterprises,
                n_workers=n_workers, top_share=top_share, percentiles=(1, 2, 3, 4, 5))


def test_complementary_suppression_hides_the_smallest_other_level_cell():
    # Occupation A: levels 1 (40 workers), 2 (4 workers: primary), 3 (25), 4 (30); the total is published,
    # so level 2 = total − (1 + 3 + 4) unless one more level cell is hidden: the smallest, level 3.
    cells = [_level_cell(1, 40), _level_cell(2, 4), _level_cell(3, 25), _level_cell(4, 30),
             Cell(dimension=BY_OCCUPATION, occupation_code="A", n_enterprises=5, n_workers=99, top_share=0.2,
                  percentiles=(1, 2, 3, 4, 5))]

    cells_suppress(cells, Thresholds())

    assert [(c.level, c.reasons) for c in cells if c.suppressed] == [(2, [FEW_WORKERS]), (3, [COMPLEMENTARY])]


def test_no_complementary_suppression_when_two_level_cells_are_already_hidden_or_total_is_hidden():
    two_hidden = [_level_cell(1, 40), _level_cell(2, 4), _level_cell(3, 5), _level_cell(4, 30),
                  Cell(dimension=BY_OCCUPATION, occupation_code="A", n_enterprises=5, n_workers=79, top_share=0.2,
                       percentiles=(1, 2, 3, 4, 5))]
    total_hidden = [_level_cell(1, 40), _level_cell(2, 4), _level_cell(3, 25),
                    Cell(dimension=BY_OCCUPATION, occupation_code="A", n_enterprises=2, n_workers=69,
                         top_share=0.5, percentiles=(1, 2, 3, 4, 5))]

    cells_suppress(two_hidden, Thresholds())
    cells_suppress(total_hidden, Thresholds())

    assert [c.level for c in two_hidden if c.suppressed] == [2, 3]
    assert COMPLEMENTARY not in sum((c.reasons for c in two_hidden + total_hidden), [])


def test_single_hidden_occupation_or_industry_gets_a_complement_and_its_level_cells_stay_safe():
    # Three occupations with every level cell published but occupation C (too few enterprises overall is
    # impossible then, so C is made dominant by hand); industries: one hidden of three.
    def total(code, workers, share=0.2):
        return Cell(dimension=BY_OCCUPATION, occupation_code=code, n_enterprises=5, n_workers=workers,
                    top_share=share, percentiles=(1, 2, 3, 4, 5))

    def level(code, lvl, workers):
        return Cell(dimension=BY_OCCUPATION_LEVEL, occupation_code=code, level=lvl, n_enterprises=5,
                    n_workers=workers, top_share=0.2, percentiles=(1, 2, 3, 4, 5))

    def industry(code, workers, enterprises=5):
        return Cell(dimension=BY_INDUSTRY, industry=code, n_enterprises=enterprises, n_workers=workers,
                    top_share=0.2, percentiles=(1, 2, 3, 4, 5))

    cells = [total("A", 100), level("A", 1, 60), level("A", 2, 40), total("B", 30), level("B", 1, 12),
             level("B", 2, 18), total("C", 50, share=0.9), industry("i1", 100), industry("i2", 70),
             industry("i3", 10, enterprises=2)]

    cells_suppress(cells, Thresholds())

    hidden = {(c.dimension, c.occupation_code, c.level, c.industry): c.reasons for c in cells if c.suppressed}
    assert hidden == {
        (BY_OCCUPATION, "C", None, ""): [DOMINANCE],
        (BY_OCCUPATION, "B", None, ""): [COMPLEMENTARY],
        (BY_OCCUPATION_LEVEL, "B", 1, ""): [COMPLEMENTARY],
        (BY_INDUSTRY, "", None, "i3"): [FEW_ENTERPRISES],
        (BY_INDUSTRY, "", None, "i2"): [COMPLEMENTARY],
    }


def test_amounts_round_half_up_to_cents():
    assert str(yuan(1234.565)) == "1234.57"
    assert str(yuan(100)) == "100.00"
