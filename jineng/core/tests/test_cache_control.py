import pytest
from knox.models import AuthToken


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.django_db
def test_a_logged_in_page_is_neither_stored_nor_shared(client, city_officer):
    client.force_login(city_officer)

    response = client.get("/accounts/me/")

    assert response.status_code == 200
    assert {"no-store", "private"} <= _directives(response)


@pytest.mark.django_db
def test_every_api_answer_is_neither_stored_nor_shared(client, city_officer):
    _, token = AuthToken.objects.create(user=city_officer)

    answered = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    refused = client.get("/api/v1/me/")

    assert answered.status_code == 200 and refused.status_code == 401
    assert {"no-store", "private"} <= _directives(answered)
    assert {"no-store", "private"} <= _directives(refused)


@pytest.mark.django_db
def test_static_files_keep_their_public_caching_for_a_logged_in_user(client, city_officer):
    client.force_login(city_officer)

    static_file = client.get("/static/img/favicon.svg")

    assert static_file.status_code == 200
    assert "no-store" not in _directives(static_file) and "max-age" in static_file["Cache-Control"]
