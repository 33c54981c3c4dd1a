"""The demo: as seen in November 2024, the four desk metrics read figures on the scale of the plan's targets."""

import pytest

from jineng.accounts.demo import accounts_demo_seed, demo_user
from jineng.core.metrics import metric_values
from jineng.core.modules import DemoContext
from jineng.evaluation.demo import evaluation_demo_seed
from jineng.occupations.demo import catalogue_demo_seed

pytestmark = pytest.mark.django_db

# metric key: the 2024 plan's target
TARGETS = {
    "evaluation.new_social_items": 30,
    "evaluation.new_employer_bodies": 30,
    "evaluation.special_items_by_employers": 20,
    "evaluation.colleges_filed": 30,
}


def test_demo_figures_are_on_the_scale_of_the_plan_targets_by_october():
    accounts_demo_seed(DemoContext(year=2024))
    catalogue_demo_seed(by=demo_user("office"), year=2024)
    evaluation_demo_seed(year=2024)

    october = metric_values(TARGETS, year=2024, month=10)
    shares = {key: october[key].city / target for key, target in TARGETS.items()}
    print({key: october[key].city for key in TARGETS})
    assert all(0.7 <= share <= 1 for share in shares.values()), shares
    january = metric_values(TARGETS, year=2024, month=1)
    assert all(january[key].city < october[key].city for key in TARGETS)  # the figures grow over the year
    for key in TARGETS:  # every district's figures add up to at least the city's distinct count
        assert sum(october[key].by_district.values()) >= october[key].city
