from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import authenticate

from jineng.demand.choices import ReportState
from jineng.demand.demo import demand_demo_seed
from jineng.demand.models import DemandLine, DemandReport, EnterpriseProfile
from jineng.demand.selectors.analysis import DemandFilters, shortage_metrics
from jineng.demand.selectors.ranking import ranking_for_year

pytestmark = pytest.mark.django_db


def test_demo_is_deterministic_idempotent_and_tells_its_story(city_officer, django_user_model):
    system = django_user_model.objects.create_user(username="system")  # the seed command's account, no organisation
    first = demand_demo_seed(by=system)
    lines = list(DemandLine.objects.order_by("pk").values_list("occupation__code", "level", "headcount", "offered_monthly_pay"))

    second = demand_demo_seed(by=system)

    assert first["企业"] == 120 and first["新登记企业"] == 120 and second["新登记企业"] == 0
    assert 2500 <= first["需求明细"] <= 3500 and second["新建明细"] == 0 and second["新建填报"] == 0
    assert list(DemandLine.objects.order_by("pk").values_list("occupation__code", "level", "headcount", "offered_monthly_pay")) == lines
    assert set(DemandReport.objects.values_list("state", flat=True)) == set(ReportState.values)
    assert EnterpriseProfile.objects.filter(is_synthetic=True).count() == 120
    assert EnterpriseProfile.objects.values("district").distinct().count() == 16
    for username, state in (("ent1", "submitted"), ("ent2", "returned"), ("ent3", "accepted")):
        user = authenticate(username=username, password=settings.JINENG_DEMO_PASSWORD)
        assert user is not None and DemandReport.objects.get(enterprise=user.organisation, campaign__name__startswith="2024年下半年").state == state
    growth = {r.code: r.growth for r in shortage_metrics(viewer=city_officer, filters=DemandFilters(year=2024)).rows}
    assert growth["6-25-02-05"] > Decimal("0.3") and growth["4-10-01-05"] > Decimal("0.3")  # 芯片制造、养老护理 grow
    assert growth["6-18-01-02"] < 0  # 铣工 shrinks
    assert ranking_for_year(viewer=city_officer, year=2024).rows[0].previous_rank is not None
