"""The OpenID Connect round trip in the Django test client: the browser's redirects through the client, the
relying party's back channel (token, key set, userinfo) through a second client with no browser cookies."""

import base64
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from django.test import Client
from django.utils import timezone

from jineng.subsidies.tests.factories import certified
from jineng.training.tests.factories import person_with_number
from jineng.workers.services import resident_login_set

PASSWORD = "Resident-pass-2024!"


@dataclass
class BackChannelResponse:
    status_code: int
    text: str
    headers: dict
    url: str
    calls: list = field(default_factory=list)

    def json(self):
        return json.loads(self.text)

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}", response=self)


class BackChannel:
    """Stands in for the network between the relying party and the provider (both are this site)."""

    def __init__(self):
        self.server = Client()
        self.calls: list[str] = []
        self.bodies: list[str] = []

    def _answer(self, url: str, response) -> BackChannelResponse:
        self.calls.append(urlsplit(url).path)
        text = response.content.decode()
        self.bodies.append(text)
        return BackChannelResponse(response.status_code, text, dict(response.headers), url)

    def post(self, url, data=None, auth=None, **kwargs):
        assert urlsplit(url).netloc == "testserver", url
        headers = {}
        if auth is not None:
            token = base64.b64encode(f"{auth.username}:{auth.password}".encode()).decode()
            headers["HTTP_AUTHORIZATION"] = f"Basic {token}"
        response = self.server.post(urlsplit(url).path, urlencode(data or {}),
                                    content_type="application/x-www-form-urlencoded", **headers)
        return self._answer(url, response)

    def get(self, url, headers=None, **kwargs):
        assert urlsplit(url).netloc == "testserver", url
        extra = {"HTTP_AUTHORIZATION": headers["Authorization"]} if headers and "Authorization" in headers else {}
        return self._answer(url, self.server.get(urlsplit(url).path, **extra))


def back_channel(monkeypatch) -> BackChannel:
    channel = BackChannel()
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", channel.post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", channel.get)
    return channel


def resident(*, username: str = "zhang", name: str = "张晓梅", certificate_days_ago: int = 20):
    """A trainee with a completed, certified training record in 浦东 (certificate in the register) and a login on
    the local provider; returns (person, number, enrolment)."""
    person, number = person_with_number(name=name)
    enrolment = certified(who=person, certificate_date=timezone.localdate() - timedelta(days=certificate_days_ago),
                          level=3)
    resident_login_set(username=username, password=PASSWORD, name=name, resident_id=number)
    return person, number, enrolment


def sign_in(client: Client, *, username: str, password: str = PASSWORD, next_url: str = "/workers/",
            locations: list | None = None):
    """Browser side of the authorization code flow; returns the callback's response. ``locations`` collects
    every address the browser was sent to."""
    seen = locations if locations is not None else []
    response = client.get("/oidc/authenticate/", {"next": next_url})
    assert response.status_code == 302, response
    seen.append(response["Location"])
    response = client.get(response["Location"])  # the provider's authorization endpoint: not signed in there yet
    assert response.status_code == 302 and "/idp/login/" in response["Location"], response
    seen.append(response["Location"])
    next_param = parse_qs(urlsplit(response["Location"]).query)["next"][0]
    response = client.post("/idp/login/", {"username": username, "password": password, "next": next_param})
    if response.status_code != 302:
        return response
    seen.append(response["Location"])
    response = client.get(response["Location"])  # authorization endpoint again: signed in, code issued
    assert response.status_code == 302 and "/oidc/callback/" in response["Location"], response
    seen.append(response["Location"])
    response = client.get(response["Location"])
    if response.has_header("Location"):
        seen.append(response["Location"])
    return response


def today() -> date:
    return timezone.localdate()
