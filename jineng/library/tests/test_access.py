"""Access levels: who sees which document (404 when out of scope), anonymous visitors included."""

import pytest
from django.urls import reverse

from jineng.library.models import LibraryDocument
from jineng.library.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(city_officer, bodies):
    a, b, c = bodies
    return {
        "public": factories.document(by=city_officer, title="公开标准"),
        "bodies": factories.document(by=city_officer, access="bodies", title="机构级方案"),
        "restricted_a": factories.document(by=city_officer, access="restricted", shared_with=[a, c], title="甲题库"),
        "restricted_b": factories.document(by=city_officer, access="restricted", shared_with=[b], title="乙题库"),
        "draft_a": factories.document(by=city_officer, state="draft", owner=a, shared_with=[a], title="甲草稿"),
        "withdrawn": factories.document(by=city_officer, state="withdrawn", title="已撤回标准"),
    }


def _visible(user, documents) -> set[str]:
    ids = set(LibraryDocument.objects.visible_to(user).values_list("pk", flat=True))
    return {name for name, doc in documents.items() if doc.pk in ids}


def test_visitors_without_login_see_published_public_documents_only(documents):
    from django.contrib.auth.models import AnonymousUser

    assert _visible(AnonymousUser(), documents) == {"public"}


def test_body_staff_see_public_bodies_level_restricted_naming_them_and_their_own(documents, bodies):
    a, b, _c = bodies

    assert _visible(factories.staff(a), documents) == {"public", "bodies", "restricted_a", "draft_a"}
    assert _visible(factories.staff(b), documents) == {"public", "bodies", "restricted_b"}


def test_districts_read_the_bodies_level_but_not_restricted(documents, pudong_officer, enterprise_hr):
    assert _visible(pudong_officer, documents) == {"public", "bodies"}
    assert _visible(enterprise_hr, documents) == {"public"}


def test_the_office_sees_everything(documents, city_officer):
    assert _visible(city_officer, documents) == set(documents)


def test_a_restricted_document_of_another_body_is_404_on_page_download_and_api(documents, bodies, client):
    client.force_login(factories.staff(bodies[1]))
    doc = documents["restricted_a"]
    version = doc.versions.get()

    assert client.get(reverse("library:document", args=[doc.pk])).status_code == 404
    assert client.get(reverse("library:download", args=[version.pk])).status_code == 404
    assert client.get(f"/api/v1/library/documents/{doc.pk}/").status_code == 404
    assert client.get(f"/api/v1/library/versions/{version.pk}/download/").status_code == 404
    assert client.get(reverse("library:document", args=[documents["restricted_b"].pk])).status_code == 200


def test_anonymous_search_lists_public_documents(documents, client):
    page = client.get(reverse("library:documents"), {"q": "标准"})
    api = client.get("/api/v1/library/documents/")

    assert page.status_code == 200
    assert "公开标准" in page.content.decode() and "已撤回标准" not in page.content.decode()
    assert [row["title"] for row in api.json()["results"]] == ["公开标准"]


def test_search_by_occupation_code(city_officer, client):
    from jineng.occupations.models import Occupation

    doc = factories.document(by=city_officer, title="某规范")
    doc.occupation = Occupation.objects.get(code="6-18-01-01")
    doc.save()
    factories.document(by=city_officer, title="另一规范")

    response = client.get("/api/v1/library/documents/", {"occupation": "6-18-01-01"})

    assert [row["title"] for row in response.json()["results"]] == ["某规范"]
