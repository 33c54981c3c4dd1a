"""No input makes the API answer 5xx: path ids, pagination, filters, dates and numbers out of range."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.mark.parametrize("url", [
    "/api/v1/subsidies/claims/abc/", f"/api/v1/subsidies/claims/{HUGE}/", "/api/v1/subsidies/batches/abc/",
    "/api/v1/subsidies/payments/abc/", "/api/v1/training/imports/abc/", "/api/v1/training/classes/abc/",
    "/api/v1/organisations/abc/", f"/api/v1/organisations/{HUGE}/", "/api/v1/reports/abc/",
])
def test_a_path_id_that_is_not_a_sane_integer_is_404(client, city_officer, url):
    client.force_login(city_officer)

    response = client.get(url)

    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("url", ["/api/v1/reports/abc/submit/", f"/api/v1/reports/{HUGE}/accept/",
                                 "/api/v1/subsidies/claims/abc/approve/", "/api/v1/integrity/findings/abc/review/"])
def test_an_action_on_a_malformed_id_is_404_in_json(client, city_officer, url):
    client.force_login(city_officer)

    response = _post(client, url, {})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("query", [f"limit={HUGE}", f"offset={HUGE}", f"limit=5&offset={HUGE}", "limit=-1"])
def test_a_huge_limit_or_offset_never_breaks_a_list(client, city_officer, query):
    client.force_login(city_officer)

    for url in ["/api/v1/organisations/", "/api/v1/subsidies/claims/", "/api/v1/training/classes/",
                "/api/v1/integrity/findings/"]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, url


def test_the_page_size_is_capped(client, city_officer):
    client.force_login(city_officer)

    response = client.get("/api/v1/occupations/?limit=100000")

    assert response.status_code == 200
    assert len(response.json()["results"]) <= 500


@pytest.mark.parametrize("query", [f"institution={HUGE}", f"district={HUGE}", "institution=-5"])
def test_an_out_of_range_filter_is_an_empty_list_or_a_400(client, city_officer, query):
    client.force_login(city_officer)

    response = client.get(f"/api/v1/integrity/findings/?{query}")

    assert response.status_code in (200, 400)


def test_a_batch_limit_of_1e22_is_refused(client, city_officer):
    from jineng.subsidies.services.claims import claim_approve
    from jineng.subsidies.tests import factories

    claim_approve(claim=factories.submitted(factories.certified()), by=city_officer, note="")
    client.force_login(city_officer)

    response = _post(client, "/api/v1/subsidies/batches/", {"limit": 10**22})

    assert response.status_code == 400
    assert "limit" in response.json()


@pytest.mark.parametrize("period_year", [10**12, -1, 1900])
def test_the_quote_refuses_a_period_year_out_of_range(client, city_officer, period_year):
    client.force_login(city_officer)

    response = _post(client, "/api/v1/subsidies/quote/", {"scheme": "sh_skill_upgrade", "period_year": period_year})

    assert response.status_code == 400
    assert "period_year" in response.json()


@pytest.mark.parametrize("url", ["/api/v1/demand/districts/", "/api/v1/demand/shortage/", "/api/v1/demand/analysis/"])
def test_demand_analysis_ignores_an_out_of_range_district(client, city_officer, url):
    client.force_login(city_officer)

    response = client.get(url, {"district": "-698285799350993615433057896870445056"})

    assert response.status_code == 200
