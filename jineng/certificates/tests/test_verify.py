"""Public verification: the five answers, the identical "not found", the number alone, the rate limits."""

from datetime import date

import pytest
from django.core.cache import cache

from jineng.certificates.services.status import certificate_revoke, certificate_suspend
from jineng.certificates.tests import factories
from jineng.core import counters
from jineng.training.tests.factories import person

pytestmark = pytest.mark.django_db
URL = "/api/v1/certificates/verify/"


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    cache.clear()
    counters.reset()
    settings.JINENG_VERIFY_CLIENT_RATE = "1000/min"
    settings.JINENG_VERIFY_NUMBER_RATE = "1000/min"
    yield
    cache.clear()
    counters.reset()


@pytest.fixture
def cert():
    return factories.certificate(holder=person(name="张小三"), level=3, issued_on=date(2024, 6, 30))


def test_valid_answer_masks_the_name(client, cert):
    response = client.get(URL, {"number": cert.number, "name": "张小三"})
    assert response.status_code == 200
    body = response.json()
    assert body == {"result": "valid", "number": cert.number, "holder": "张*三", "occupation": "车工",
                    "level": "三级/高级工", "body": cert.body.name, "issued_on": "2024-06-30", "status_date": None,
                    "status_reason": None, "source": "import", "source_label": "批量导入"}


def test_suspended_and_revoked_answers_carry_date_and_reason(client, city_officer, cert):
    certificate_suspend(certificate=cert, by=city_officer, reason="考试违纪核查中")
    body = client.get(URL, {"number": cert.number, "name": "张小三"}).json()
    assert body["result"] == "suspended" and body["status_reason"] == "考试违纪核查中" and body["status_date"]
    cert.refresh_from_db()
    certificate_revoke(certificate=cert, by=city_officer, reason="冒名顶替")
    body = client.get(URL, {"number": cert.number, "name": "张小三"}).json()
    assert (body["result"], body["status_reason"]) == ("revoked", "冒名顶替")


def test_unknown_number_and_wrong_name_answer_byte_for_byte_the_same(client, cert):
    unknown_number = cert.number[:-1] + ("0" if cert.number[-1] != "0" else "1")
    wrong_name = client.get(URL, {"number": cert.number, "name": "李四"})
    unknown = client.get(URL, {"number": unknown_number, "name": "李四"})
    assert wrong_name.status_code == unknown.status_code == 200
    assert wrong_name.content == unknown.content
    assert wrong_name.json() == {"result": "not_found", "number": None, "holder": None, "occupation": None,
                                 "level": None, "body": None, "issued_on": None, "status_date": None,
                                 "status_reason": None, "source": None, "source_label": None}

    def headers(response):
        return {k: v for k, v in response.headers.items() if k.lower() != "date"}

    assert headers(wrong_name) == headers(unknown)


def test_the_number_alone_never_answers(client, cert):
    for params in ({"number": cert.number}, {"number": cert.number, "name": " "}, {"name": "张小三"}, {}):
        response = client.get(URL, params)
        assert response.status_code == 400
        assert cert.body.name not in response.content.decode()


def test_rate_limit_per_client(client, settings, cert):
    settings.JINENG_VERIFY_CLIENT_RATE = "3/min"
    answers = [client.get(URL, {"number": f"S000031000000240{n:06d}", "name": "张三"}).status_code for n in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get(URL, {"number": cert.number, "name": "张小三"})
    assert refused.status_code == 429
    assert "请求过于频繁" in refused.json()["detail"]
    other_client = client.get(URL, {"number": cert.number, "name": "张小三"}, REMOTE_ADDR="10.0.0.9")
    assert other_client.status_code == 200


def test_rate_limit_per_number_across_clients(client, settings, cert):
    settings.JINENG_VERIFY_NUMBER_RATE = "2/min"
    codes = [client.get(URL, {"number": cert.number, "name": "张小三"}, REMOTE_ADDR=f"10.0.1.{n}").status_code
             for n in range(3)]
    assert codes == [200, 200, 429]
    assert client.get(URL, {"number": "S000031000000240000001", "name": "张三"},
                      REMOTE_ADDR="10.0.1.9").status_code == 200


def test_counters_out_of_reach_refuse_rather_than_count_nothing(client, monkeypatch, cert):
    monkeypatch.setattr("jineng.certificates.throttles.hit_many", lambda keys: None)
    refused = client.get(URL, {"number": cert.number, "name": "张小三"})
    assert refused.status_code == 429 and "请求过于频繁" in refused.json()["detail"]


def test_public_page_answers_without_login_and_is_limited(client, settings, cert):
    page = client.get("/certificates/verify/", {"number": cert.number, "name": "张小三"})
    assert page.status_code == 200
    assert "张*三" in page.content.decode() and 'data-result="valid"' in page.content.decode()
    wrong = client.get("/certificates/verify/", {"number": cert.number, "name": "张三"})
    assert 'data-result="not_found"' in wrong.content.decode() and cert.body.name not in wrong.content.decode()
    assert client.get("/certificates/verify/", {"number": cert.number}).status_code == 400
    settings.JINENG_VERIFY_NUMBER_RATE = "1/min"
    cache.clear()
    counters.reset()
    client.get("/certificates/verify/", {"number": cert.number, "name": "张小三"})
    limited = client.get("/certificates/verify/", {"number": cert.number, "name": "张小三"})
    assert limited.status_code == 429 and "请求过于频繁" in limited.content.decode()


def test_garbage_input_never_fails(client):
    for number in ("x" * 500, "' OR 1=1 --", "\x00", "Ｓ" * 30):
        assert client.get(URL, {"number": number, "name": "张三"}).status_code == 200
