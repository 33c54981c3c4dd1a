import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _token(api, user) -> str:
    response = api.post("/api/v1/auth/token/", {"username": user.username, "password": "Test-pass-2024!"}, format="json")
    assert response.status_code == 200
    return response.json()["token"]


def test_report_workflow_through_the_api_with_tokens(api, open_plan, this_month, rsj_officer, city_officer):
    department = APIClient()
    department.credentials(HTTP_AUTHORIZATION=f"Token {_token(api, rsj_officer)}")
    office = APIClient()
    office.credentials(HTTP_AUTHORIZATION=f"Token {_token(api, city_officer)}")
    year = open_plan.year

    created = department.post(f"/api/v1/reports/?year={year}", {"task_number": 2, "period": f"{this_month:%Y-%m}"}, format="json")
    assert created.status_code == 201, created.json()
    report_id = created.json()["id"]
    indicators = department.get(f"/api/v1/tasks/2/?year={year}").json()["indicators"]
    values = [{"indicator": i["id"], "value": "5000"} for i in indicators if i["kind"] == "quantity"]
    saved = department.put(f"/api/v1/reports/{report_id}/?year={year}",
                           {"progress_status": "on_track", "narrative": "推进", "values": values}, format="json")
    assert saved.status_code == 200, saved.json()
    assert department.post(f"/api/v1/reports/{report_id}/submit/?year={year}").json()["state"] == "submitted"

    refused = department.post(f"/api/v1/reports/{report_id}/accept/?year={year}", {}, format="json")
    assert refused.status_code == 403 and "专班办公室" in refused.json()["detail"]
    returned = office.post(f"/api/v1/reports/{report_id}/return/?year={year}", {"comment": "请补充"}, format="json")
    assert returned.json()["state"] == "returned"
    assert department.post(f"/api/v1/reports/{report_id}/submit/?year={year}").json()["state"] == "submitted"
    assert office.post(f"/api/v1/reports/{report_id}/accept/?year={year}", {}, format="json").json()["state"] == "accepted"
    again = office.post(f"/api/v1/reports/{report_id}/return/?year={year}", {"comment": "再改"}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_state")

    desk = office.get(f"/api/v1/desk/?year={year}&month={this_month.month}").json()
    task_2 = next(t for t in desk["tasks"] if t["number"] == 2)
    assert task_2["indicators"][0]["actual"] == 5000.0


def test_negative_values_are_refused_with_a_field_message(api, open_plan, this_month, rsj_officer):
    api.force_authenticate(rsj_officer)
    report_id = api.post(f"/api/v1/reports/?year={open_plan.year}", {"task_number": 2, "period": f"{this_month:%Y-%m}"}, format="json").json()["id"]

    response = api.put(f"/api/v1/reports/{report_id}/?year={open_plan.year}",
                       {"progress_status": "on_track", "values": [{"indicator": 1, "value": "-1"}]}, format="json")

    assert response.status_code == 400


def test_department_cannot_see_another_units_report(api, open_plan, this_month, rsj_officer, jiaowei_officer):
    api.force_authenticate(rsj_officer)
    report_id = api.post(f"/api/v1/reports/?year={open_plan.year}", {"task_number": 2, "period": f"{this_month:%Y-%m}"}, format="json").json()["id"]
    api.force_authenticate(jiaowei_officer)

    assert api.get(f"/api/v1/reports/{report_id}/?year={open_plan.year}").status_code == 404


def test_district_split_through_the_api(api, plan, city_officer, rsj_officer):
    api.force_authenticate(city_officer)
    indicator = next(i for i in api.get("/api/v1/tasks/2/?year=2024").json()["indicators"] if i["code"] == "2-1")

    ok = api.put(f"/api/v1/indicators/{indicator['id']}/district-targets/?year=2024",
                 [{"district_code": "310115", "value": "90000"}], format="json")
    api.force_authenticate(rsj_officer)
    refused = api.put(f"/api/v1/indicators/{indicator['id']}/district-targets/?year=2024",
                      [{"district_code": "310115", "value": "1"}], format="json")

    assert ok.status_code == 204
    assert refused.status_code == 403


def test_openapi_schema_and_docs_are_served(client, city_officer):
    client.force_login(city_officer)

    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200 and b"/api/v1/reports/" in schema.content
    assert docs.status_code == 200
