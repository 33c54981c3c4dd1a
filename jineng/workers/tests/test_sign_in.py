"""A worker signs in through OpenID Connect against the local provider, as through the city's identity service."""

import logging

import pytest
from django.contrib.auth import get_user_model

from jineng.accounts.choices import Role
from jineng.workers.tests.oidc import PASSWORD, back_channel, resident, sign_in

pytestmark = pytest.mark.django_db


def test_the_authorization_code_flow_signs_the_resident_in_as_their_worker_account(client, monkeypatch, caplog):
    channel = back_channel(monkeypatch)
    person, number, _enrolment = resident()
    caplog.set_level(logging.DEBUG)

    response = sign_in(client, username="zhang")

    assert response.status_code == 302 and response["Location"] == "/workers/"
    worker = get_user_model().objects.get(person=person)
    assert worker.role == Role.WORKER and not worker.has_usable_password()
    assert client.session["_auth_user_id"] == str(worker.pk)
    assert channel.calls == ["/idp/token/", "/idp/.well-known/jwks.json", "/idp/userinfo/"]
    page = client.get("/workers/").content.decode()
    assert person.name in page and person.resident_id_masked in page and number not in page
    assert number not in caplog.text and number not in worker.username


def test_a_second_sign_in_finds_the_same_account(client, monkeypatch):
    back_channel(monkeypatch)
    person, _number, _enrolment = resident()
    sign_in(client, username="zhang")
    client.logout()

    response = sign_in(client, username="zhang")

    assert response["Location"] == "/workers/"
    assert get_user_model().objects.filter(person=person).count() == 1


def test_the_resident_id_travels_only_over_the_back_channel(client, monkeypatch):
    channel = back_channel(monkeypatch)
    _person, number, _enrolment = resident()

    locations: list[str] = []

    sign_in(client, username="zhang", locations=locations)

    assert all(number not in location for location in locations)
    assert any(number in body for body in channel.bodies)  # the ID token and userinfo carry it, server to server


def test_signing_in_to_the_provider_signs_nobody_in_to_the_platform(client):
    resident()

    client.post("/idp/login/", {"username": "zhang", "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert client.get("/workers/").status_code == 302


def test_a_wrong_provider_password_is_refused(client):
    resident()

    response = client.post("/idp/login/", {"username": "zhang", "password": "wrong-password"})

    assert response.status_code == 200 and "登录名或密码不正确" in response.content.decode()


def test_a_resident_unknown_to_the_platform_is_told_why_and_not_signed_in(client, monkeypatch):
    from jineng.core.identifiers import synthetic_resident_id
    from jineng.workers.services import resident_login_set

    back_channel(monkeypatch)
    import random

    resident_login_set(username="nobody", password=PASSWORD, name="李四",
                       resident_id=synthetic_resident_id(rng=random.Random(99), area="310104"))

    response = sign_in(client, username="nobody")

    assert response.status_code == 302 and "failed=1" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "还没有您的培训、证书或补贴记录" in page
    assert "_auth_user_id" not in client.session


def test_a_closed_worker_account_cannot_sign_in(client, monkeypatch):
    back_channel(monkeypatch)
    person, _number, _enrolment = resident()
    sign_in(client, username="zhang")
    client.logout()
    get_user_model().objects.filter(person=person).update(is_active=False)

    response = sign_in(client, username="zhang")

    assert "failed=1" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_an_id_token_for_another_issuer_is_refused(client, monkeypatch, settings):
    back_channel(monkeypatch)
    resident()
    settings.JINENG_OIDC_ISSUER = "https://id.example.gov.cn"

    response = sign_in(client, username="zhang")

    assert "failed=1" in response["Location"]


def test_the_provider_account_cannot_use_the_platform_login(client):
    resident()

    response = client.post("/accounts/login/", {"username": "idp-zhang", "password": PASSWORD})

    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_the_sign_in_page_offers_the_identity_service(client):
    page = client.get("/workers/sign-in/").content.decode()

    assert "/oidc/authenticate/?next=%2Fworkers%2F" in page


def test_the_local_provider_publishes_its_discovery_document_and_keys(client):
    discovery = client.get("/idp/.well-known/openid-configuration").json()
    keys = client.get("/idp/.well-known/jwks.json").json()

    assert discovery["issuer"] == "http://testserver/idp"
    assert "RS256" in discovery["id_token_signing_alg_values_supported"]
    assert keys["keys"][0]["kty"] == "RSA" and "d" not in keys["keys"][0]
