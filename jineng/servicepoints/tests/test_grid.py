"""The planner's shading against a brute-force computation on a small grid."""

import random

import numpy as np
import pytest

from jineng.servicepoints.engine.grid import grid_over, kind_counts, kinds_reached
from jineng.servicepoints.engine.reach import distance_m


@pytest.mark.parametrize(("seed", "radius"), [(1, 865.38), (2, 865.38), (3, 2884.6), (4, 300.0)])
def test_shading_equals_brute_force_over_every_cell_and_service(seed, radius) -> None:
    rng = random.Random(seed)
    grid = grid_over((121.40, 31.18, 121.50, 31.26), 500)  # about 19 × 18 cells
    services = [(rng.uniform(121.38, 121.52), rng.uniform(31.16, 31.28), rng.randrange(5)) for _ in range(60)]

    counts = kind_counts(kinds_reached(grid, [s[0] for s in services], [s[1] for s in services],
                                       [s[2] for s in services], 5, radius))

    expected = np.zeros((grid.rows, grid.columns), dtype=int)
    for row in range(grid.rows):
        for column in range(grid.columns):
            lng, lat = grid.centre(column, row)
            expected[row, column] = len({kind for s_lng, s_lat, kind in services
                                         if distance_m(lng, lat, s_lng, s_lat) <= radius})
    assert counts.tolist() == expected.tolist()
    assert counts.max() > 0


def test_cells_are_500_metres_square_at_the_middle_of_the_grid() -> None:
    grid = grid_over((121.0, 31.0, 122.0, 31.5), 500)
    lng, lat = grid.centre(grid.columns // 2, grid.rows // 2)

    assert distance_m(lng, lat, lng + grid.step_lng, lat) == pytest.approx(500, rel=0.005)
    assert distance_m(lng, lat, lng, lat + grid.step_lat) == pytest.approx(500, rel=1e-6)


def test_no_service_leaves_every_cell_at_zero() -> None:
    grid = grid_over((121.4, 31.2, 121.45, 31.25), 500)

    assert kind_counts(kinds_reached(grid, [], [], [], 5, 865)).sum() == 0
