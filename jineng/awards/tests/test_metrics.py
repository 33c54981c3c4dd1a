"""The desk's computed figures from awards, and the binding of the 2024 plan's task 31 on a plain import."""

from datetime import date

import pytest

from jineng.awards import metrics
from jineng.awards.services import publicity
from jineng.awards.tests import factories as f
from jineng.core.metrics import metric_for_target

pytestmark = pytest.mark.django_db


def test_a_plain_plan_import_binds_task_31_to_the_award_metrics(plan):
    from django.apps import apps

    indicator = apps.get_model("workplan", "Indicator")  # read through the registry: awards sits below workplan

    bound = dict(indicator.objects.filter(task__plan=plan, task__number=31).values_list("unit", "metric_key"))

    assert bound == {"名": "awards.chief_technicians", "个": "awards.master_studios"}
    assert metric_for_target(label="市级首席技师", unit="名") == "awards.chief_technicians"


def test_awarded_studios_count_by_district_from_the_award_month(city_officer, pudong_officer):
    from jineng.accounts.models import Organisation

    unit = Organisation.objects.get(name="浦东新区人民政府")
    call = f.call(city_officer, quota=1)
    experts = [f.reviewer(city_officer, f"e{i}", f.org("评价机构甲", kind="evaluation_institution")) for i in range(3)]
    applicant = f.user("ent-m", f.org("上海丙有限公司", district="310115"))
    f.through_review(f.application(call, applicant, unit), applicant, pudong_officer, city_officer, experts,
                     [f.flat(call, 88)] * 3)
    f.publicise_and_award(call, city_officer, award=False)
    publicity.award_grant(application=call.applications.get(), by=city_officer, awarded_on=date(2024, 10, 25))

    before, after = metrics.master_studios(2024, 9), metrics.master_studios(2024, 10)

    assert (before.city, after.city, after.by_district) == (0, 1, {"310115": 1})
    assert metrics.chief_technicians(2024, 12).city == 0
    assert (metrics.projects_under_way(2024, 9).city, metrics.projects_under_way(2024, 11).city) == (0, 1)
