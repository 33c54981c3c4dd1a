"""Domain refusals from real services reach the API client with their status: 403, 409."""

import pytest

from jineng.integrity.models import RiskRun

pytestmark = pytest.mark.django_db


def test_starting_a_risk_run_while_one_is_queued_is_409(client, city_officer):
    RiskRun.objects.create()
    client.force_login(city_officer)

    response = client.post("/api/v1/integrity/runs/")

    assert response.status_code == 409
    assert response.json() == {"detail": "已有风险核查在进行中，请等待其完成", "code": "invalid_state"}


def test_a_district_starting_a_risk_run_is_403_with_the_reason(client, pudong_officer):
    client.force_login(pudong_officer)

    response = client.post("/api/v1/integrity/runs/")

    assert response.status_code == 403
    assert response.json()["code"] == "not_allowed"
