"""Every download is logged (who, when, which version) and counted in the office's report."""

import pytest
from django.urls import reverse

from jineng.library.models import DocumentDownload
from jineng.library.tests import factories

pytestmark = pytest.mark.django_db


def test_each_download_is_logged_with_user_and_version(bodies, city_officer, client):
    document = factories.document(by=city_officer, access="bodies")
    version = document.versions.get()
    user = factories.staff(bodies[0])
    client.force_login(user)

    response = client.get(reverse("library:download", args=[version.pk]))
    api = client.get(f"/api/v1/library/versions/{version.pk}/download/")

    assert response.status_code == 200 and b"".join(response.streaming_content) == b"hello"
    assert api.status_code == 200
    logged = list(DocumentDownload.objects.values_list("user", "organisation", "version", "document"))
    assert logged == [(user.pk, user.organisation_id, version.pk, document.pk)] * 2


def test_visitors_downloads_are_logged_without_user(city_officer, client):
    version = factories.document(by=city_officer).versions.get()

    client.get(reverse("library:download", args=[version.pk]))

    assert DocumentDownload.objects.get().user is None


def test_the_report_counts_downloads_per_document(city_officer, leader, pudong_officer, client):
    first, second = factories.document(by=city_officer, title="甲"), factories.document(by=city_officer, title="乙")
    for version in [first.versions.get()] * 3 + [second.versions.get()]:
        client.get(reverse("library:download", args=[version.pk]))
    client.force_login(leader)

    page = client.get(reverse("library:downloads"))
    api = client.get("/api/v1/library/downloads/", {"start": "2000-01-01"})
    bad = client.get("/api/v1/library/downloads/", {"start": "not-a-date"})
    export = client.get(reverse("library:downloads_export"), {"start": "2000-01-01"})
    client.force_login(pudong_officer)

    assert page.status_code == 200 and export.status_code == 200 and export.content[:2] == b"PK"
    assert [(row["title"], row["downloads"]) for row in api.json()] == [("甲", 3), ("乙", 1)]
    assert bad.status_code == 400
    assert client.get(reverse("library:downloads")).status_code == 403
