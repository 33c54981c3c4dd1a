"""Uploading, versions and the publication workflow: 403 for the wrong user, 409 for the wrong state."""

import pytest
from django.urls import reverse

from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.library import services
from jineng.library.tests import factories

pytestmark = pytest.mark.django_db


def test_a_body_uploads_submits_and_the_office_publishes(bodies, city_officer):
    a = bodies[0]
    user = factories.staff(a)

    document = services.document_create(by=user, title="养老护理员评价方案", kind="scheme", access="restricted",
                                        upload=factories.upload("方案.pdf", b"%PDF-1.4 scheme"),
                                        shared_with=[bodies[2]])
    services.version_add(document=document, by=user, upload=factories.upload("方案v2.pdf", b"%PDF-1.4 v2"))
    services.document_submit(document=document, by=user)
    services.document_publish(document=document, by=city_officer, comment="同意")
    document.refresh_from_db()

    assert document.owner_body == a and set(document.shared_with.all()) == {a, bodies[2]}
    assert list(document.versions.order_by("number").values_list("number", "size")) == [(1, 15), (2, 11)]
    assert document.versions.get(number=2).sha256 == __import__("hashlib").sha256(b"%PDF-1.4 v2").hexdigest()
    assert document.state == "published" and document.published_by == city_officer


def test_a_body_may_not_publish_and_the_office_may_not_publish_a_draft(bodies, city_officer):
    document = factories.document(by=city_officer, state="draft", owner=bodies[0])

    with pytest.raises(NotAllowed):
        services.document_transition(document=document, action="publish", by=factories.staff(bodies[0]))
    with pytest.raises(InvalidState):
        services.document_publish(document=document, by=city_officer)


def test_another_body_may_not_submit_or_add_versions(bodies, city_officer):
    document = factories.document(by=city_officer, state="draft", owner=bodies[0])
    other = factories.staff(bodies[1])

    with pytest.raises(NotAllowed):
        services.document_transition(document=document, action="submit", by=other)
    with pytest.raises(NotAllowed):
        services.version_add(document=document, by=other, upload=factories.upload())


def test_a_published_document_takes_no_new_version_until_withdrawn_and_revised(city_officer):
    document = factories.document(by=city_officer)

    with pytest.raises(InvalidState):
        services.version_add(document=document, by=city_officer, upload=factories.upload())
    with pytest.raises(DomainError, match="撤回须填写原因"):
        services.document_withdraw(document=document, by=city_officer, comment="")
    services.document_withdraw(document=document, by=city_officer, comment="标准更新")
    services.document_revise(document=document, by=city_officer)
    version = services.version_add(document=document, by=city_officer, upload=factories.upload())

    assert version.number == 2


def test_restricted_without_bodies_and_bad_files_are_refused(city_officer, settings):
    settings.JINENG_MAX_UPLOAD_BYTES = 10

    with pytest.raises(DomainError, match="至少指定"):
        services.document_create(by=city_officer, title="t", kind="standard", access="restricted",
                                 upload=factories.upload())
    with pytest.raises(DomainError, match="类型不支持"):
        services.document_create(by=city_officer, title="t", kind="standard", access="public",
                                 upload=factories.upload("x.exe", b"MZ"))
    with pytest.raises(DomainError, match="文件过大"):
        services.document_create(by=city_officer, title="t", kind="standard", access="public",
                                 upload=factories.upload("x.pdf", b"%PDF" * 10))
    with pytest.raises(DomainError, match="DOCX"):
        services.document_create(by=city_officer, title="t", kind="standard", access="public",
                                 upload=factories.upload("x.docx", b"not a zip"))


def test_pages_answer_403_for_wrong_user_and_409_state_as_a_message(bodies, city_officer, client):
    document = factories.document(by=city_officer, state="draft", owner=bodies[0])
    client.force_login(factories.staff(bodies[0]))

    refused = client.post(reverse("library:document_publish", args=[document.pk]))
    client.force_login(city_officer)
    conflict = client.post(f"/api/v1/library/documents/{document.pk}/publish/")
    submitted = client.post(f"/api/v1/library/documents/{document.pk}/submit/")
    returned = client.post(f"/api/v1/library/documents/{document.pk}/return/", {"comment": "请补充评分细则"},
                           content_type="application/json")

    assert refused.status_code == 403
    assert conflict.status_code == 409
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    assert returned.json()["state"] == "draft"


def test_upload_page_and_api_create_a_draft(bodies, client):
    client.force_login(factories.staff(bodies[0]))

    page = client.post(reverse("library:document_new"), {
        "title": "车工教学资料", "kind": "material", "access": "bodies", "occupation": "6-18-01-01",
        "file": factories.upload("资料.txt", "讲义".encode())})
    api = client.post("/api/v1/library/documents/", {
        "title": "焊工题库", "kind": "question_bank", "access": "restricted", "occupation_code": "6-18-02-04",
        "file": factories.upload("题库.csv", b"q,a"), "shared_with": [bodies[1].credit_code]})

    assert page.status_code == 302
    assert api.status_code == 201, api.json()
    assert api.json()["shared_with"] and api.json()["state"] == "draft"


def test_an_oversize_upload_on_the_page_is_a_form_error_and_nothing_is_stored(city_officer, client, settings):
    settings.JINENG_MAX_UPLOAD_BYTES = 100
    client.force_login(city_officer)

    response = client.post(reverse("library:document_new"), {
        "title": "大文件", "kind": "standard", "access": "public", "file": factories.upload("big.pdf", b"x" * 5000)})

    assert response.status_code == 200 and "文件过大" in response.content.decode()
    from jineng.library.models import LibraryDocument

    assert not LibraryDocument.objects.exists()
