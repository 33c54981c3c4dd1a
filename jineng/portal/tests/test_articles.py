import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.portal.engine.richtext import body_clean
from jineng.portal.services.articles import article_create, article_transition

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_the_sanitiser_strips_script_and_event_handlers():
    cleaned = body_clean('<p onclick="x()">好<script>alert(1)</script></p><a href="javascript:x">链接</a>'
                         '<img src=x onerror=alert(1)><style>p{}</style>')
    assert "script" not in cleaned and "onclick" not in cleaned and "javascript" not in cleaned
    assert "onerror" not in cleaned and "<img" not in cleaned and "<style" not in cleaned
    assert "<p>好</p>" in cleaned


def _draft(by, **kwargs):
    fields = {"kind": "story", "title": "一位车工的故事", "summary": "摘要", "body": "<p>正文</p><script>x</script>"}
    return article_create(by=by, **{**fields, **kwargs})


def test_a_district_writes_and_the_office_publishes(pudong_officer, city_officer):
    article = _draft(pudong_officer)
    assert "<script>" not in article.body

    article_transition(article=article, action="submit", by=pudong_officer)
    with pytest.raises(NotAllowed):
        article_transition(article=article, action="publish", by=pudong_officer)
    published = article_transition(article=article, action="publish", by=city_officer)

    assert published.state == "published" and published.published_by == city_officer
    assert Client().get(f"/portal/articles/{article.pk}/").status_code == 200
    assert published.history.count() == 3


def test_a_step_from_the_wrong_state_is_409(pudong_officer, city_officer):
    article = _draft(pudong_officer)

    with pytest.raises(InvalidState):
        article_transition(article=article, action="publish", by=city_officer)

    client = Client()
    client.force_login(city_officer)
    response = client.post(f"/portal/desk/{article.pk}/withdraw/", {"comment": "过时"})
    assert response.status_code == 302  # the page shows the refusal as a message
    assert client.get(f"/portal/articles/{article.pk}/").status_code == 404


def test_returning_needs_a_comment_and_goes_back_to_draft(pudong_officer, city_officer):
    article = article_transition(article=_draft(pudong_officer), action="submit", by=pudong_officer)

    with pytest.raises(DomainError):
        article_transition(article=article, action="return", by=city_officer)
    returned = article_transition(article=article, action="return", by=city_officer, comment="请补充图片")

    assert returned.state == "draft" and returned.review_comment == "请补充图片"


def test_another_district_cannot_see_a_draft(pudong_officer, huangpu_officer):
    article = _draft(pudong_officer)
    client = Client()
    client.force_login(huangpu_officer)

    assert client.get(f"/portal/desk/{article.pk}/").status_code == 404


def test_an_image_must_be_a_real_image(pudong_officer):
    with pytest.raises(DomainError):
        _draft(pudong_officer, image=SimpleUploadedFile("a.png", b"<svg onload=alert(1)>"))
    article = _draft(pudong_officer, image=SimpleUploadedFile("a.png", PNG))

    client = Client()
    client.force_login(pudong_officer)
    response = client.get(f"/portal/articles/{article.pk}/image/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_an_oversized_image_is_refused(pudong_officer):
    with pytest.raises(DomainError):
        _draft(pudong_officer, image=SimpleUploadedFile("big.png", PNG + b"\x00" * (3 * 1024 * 1024)))
