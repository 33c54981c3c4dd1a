"""Public answers travel gzip-compressed when the client accepts it, and arrive intact."""

import gzip
import random
from decimal import Decimal

import pytest
from django.test import Client

from jineng.core.models import District
from jineng.servicepoints.models import ServicePoint

URL = "/api/v1/portal/service-points/"


@pytest.fixture
def many_points(db):
    pudong = District.objects.get(code="310115")
    rng = random.Random(5)
    ServicePoint.objects.bulk_create([
        ServicePoint(name=f"测试就业服务站{n}", kind="station", district=pudong, address=f"测试路{n}号",
                     lon=Decimal(f"{rng.uniform(121.50, 121.80):.6f}"), lat=Decimal(f"{rng.uniform(31.05, 31.30):.6f}"),
                     hours="周一至周五 9:00–17:00", is_synthetic=True)
        for n in range(1500)])


def test_the_service_points_list_comes_gzip_encoded_and_intact(many_points):
    plain = Client().get(URL)
    packed = Client().get(URL, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 4
    assert gzip.decompress(packed.content) == plain.content
    assert len(plain.json()["results"]) == 1500


def test_without_accept_encoding_the_answer_is_plain(many_points):
    answer = Client().get(URL)

    assert not answer.has_header("Content-Encoding")
    assert "Accept-Encoding" in answer["Vary"]


def test_a_public_page_comes_gzip_encoded(db):
    page = Client().get("/", HTTP_ACCEPT_ENCODING="gzip")

    assert page["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(page.content)


def test_each_compressed_answer_is_padded_against_breach(many_points):
    lengths = {len(Client().get(URL, HTTP_ACCEPT_ENCODING="gzip").content) for _ in range(8)}

    assert len(lengths) > 1  # random padding: the length of the same answer varies


def test_already_compressed_formats_pass_unchanged(rf):
    from django.http import HttpResponse

    from jineng.core.middleware import TextGZipMiddleware

    sheet = HttpResponse(b"PK" + b"\0" * 5000, content_type="application/vnd.openxmlformats-officedocument"
                                                            ".spreadsheetml.sheet")
    answer = TextGZipMiddleware(lambda request: sheet)(rf.get("/", HTTP_ACCEPT_ENCODING="gzip"))

    assert not answer.has_header("Content-Encoding")
    assert len(answer.content) == 5002
