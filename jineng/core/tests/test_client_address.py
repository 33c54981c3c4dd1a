import pytest
from django.core.cache import cache
from django.test import RequestFactory
from rest_framework.throttling import AnonRateThrottle

from jineng.core.client_address import client_address

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def empty_throttles():
    cache.clear()
    yield
    cache.clear()


def _behind_proxies(settings, count: int) -> None:
    settings.JINENG_TRUSTED_PROXIES = count
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}


@pytest.mark.django_db
def test_a_rotated_x_forwarded_for_does_not_escape_the_token_throttle(client, empty_throttles):
    statuses = [
        client.post(TOKEN_URL, {}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n % 250}", REMOTE_ADDR="198.51.100.7").status_code
        for n in range(70)
    ]

    assert statuses[:60].count(429) == 0
    assert statuses[60:] == [429] * 10


@pytest.mark.django_db
def test_behind_the_proxy_the_address_it_appended_is_throttled_not_what_the_client_wrote(
    client, settings, empty_throttles
):
    _behind_proxies(settings, 1)
    spoofed = [
        client.post(TOKEN_URL, {}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.10", REMOTE_ADDR="10.0.0.2")
        for n in range(61)
    ]
    other_client = client.post(TOKEN_URL, {}, HTTP_X_FORWARDED_FOR="192.0.2.99", REMOTE_ADDR="10.0.0.2")

    assert spoofed[-1].status_code == 429
    assert other_client.status_code == 400


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.1", "10.0.0.2"),
        (0, "", "10.0.0.2"),
        (1, "203.0.113.1, 192.0.2.10", "192.0.2.10"),
        (1, "", "10.0.0.2"),
        (2, "203.0.113.1, 192.0.2.10, 10.0.0.9", "192.0.2.10"),
        (2, "192.0.2.10", "192.0.2.10"),
    ],
)
def test_login_lockouts_and_api_throttles_key_on_the_same_address(settings, proxies, expected, forwarded):
    _behind_proxies(settings, proxies)
    meta = {"REMOTE_ADDR": "10.0.0.2"} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    request = RequestFactory().get("/", **meta)

    from axes.helpers import get_client_ip_address

    assert client_address(request) == expected
    assert get_client_ip_address(request) == expected
    assert AnonRateThrottle().get_ident(request) == expected


def test_a_crowd_of_clients_keeps_every_throttle_counter(empty_throttles):
    for n in range(400):
        cache.set(f"throttle_anon_198.51.{n // 250}.{n % 250}", [n], 60)

    assert sum(cache.get(f"throttle_anon_198.51.{n // 250}.{n % 250}") is not None for n in range(400)) == 400
