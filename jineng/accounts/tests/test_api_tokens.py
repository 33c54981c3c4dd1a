"""API tokens: issued once, stored as a digest, expiring after a set time, revocable."""

from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _issue(user) -> dict:
    response = APIClient().post("/api/v1/auth/token/", {"username": user.username, "password": "Test-pass-2024!"},
                                format="json")
    assert response.status_code == 200
    return response.json()


def _me(token: str):
    return APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")


def test_the_token_endpoint_returns_a_token_and_its_expiry(city_officer, settings):
    issued = _issue(city_officer)

    assert _me(issued["token"]).json()["username"] == "office"
    expiry = timezone.datetime.fromisoformat(issued["expiry"])
    assert timedelta(hours=9) < expiry - timezone.now() <= timedelta(hours=10)


def test_only_a_digest_of_the_token_is_stored(city_officer):
    token = _issue(city_officer)["token"]

    stored = AuthToken.objects.get(user=city_officer)
    assert token not in {stored.digest, stored.token_key}
    assert stored.digest != token and len(stored.digest) == 128


def test_an_expired_token_is_refused_in_chinese(city_officer):
    token = _issue(city_officer)["token"]
    AuthToken.objects.filter(user=city_officer).update(expiry=timezone.now() - timedelta(seconds=1))

    refused = _me(token)

    assert refused.status_code == 401
    assert "令牌" in refused.json()["detail"]


def test_logout_revokes_the_token_it_is_sent_with(city_officer):
    first, second = _issue(city_officer)["token"], _issue(city_officer)["token"]

    out = APIClient().post("/api/v1/auth/logout/", HTTP_AUTHORIZATION=f"Token {first}")

    assert out.status_code == 204
    assert _me(first).status_code == 401 and _me(second).status_code == 200


def test_logout_all_revokes_every_token_of_the_user(city_officer):
    first, second = _issue(city_officer)["token"], _issue(city_officer)["token"]

    APIClient().post("/api/v1/auth/logout-all/", HTTP_AUTHORIZATION=f"Token {first}")

    assert _me(first).status_code == 401 and _me(second).status_code == 401


def test_the_admin_lists_tokens_without_the_token_itself(client, city_officer, django_user_model):
    token = _issue(city_officer)["token"]
    admin = django_user_model.objects.create_superuser(username="root", password="Root-pass-2024!")
    client.force_login(admin)

    page = client.get("/admin/knox/authtoken/")

    assert page.status_code == 200
    assert token not in page.content.decode()
