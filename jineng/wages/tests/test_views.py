import json

import pytest
from django.urls import reverse

from jineng.wages.services.tables import table_version_compute, table_version_publish, table_version_submit
from jineng.wages.services.uploads import wage_upload_import
from jineng.wages.tests.factories import enterprise, enterprise_user, pay_csv, pay_row, survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(city_officer):
    survey = survey_round()
    for index in range(4):
        rows = [pay_row(pay=100000 + 1000 * index + i) for i in range(4)]
        rows += [pay_row(level="二级/技师", pay=150000 + 500 * index + i) for i in range(3)]
        wage_upload_import(survey_round=survey, enterprise=enterprise(), by=None, file_name="p.csv",
                           content=pay_csv(rows))
    version = table_version_compute(survey_round=survey, by=city_officer)
    return table_version_publish(version=table_version_submit(version=version, by=city_officer), by=city_officer)


def test_anyone_looks_up_an_occupation_by_pinyin_and_sees_the_chart(client, published):
    lookup = client.get(reverse("wages:levels"), {"q": "6-18-01"})
    detail = client.get(reverse("wages:occupation", args=["6-18-01-01"]))
    missing = client.get(reverse("wages:occupation", args=["9-99"]))

    assert lookup.status_code == 200 and "6-18-01-01" in lookup.content.decode()
    assert detail.status_code == 200 and b"wage-chart" in detail.content
    assert missing.status_code == 404


def test_downloads_carry_the_methodology_version(client, published):
    body = client.get(reverse("wages:download", args=[published.pk, "json"]))
    sheet = client.get(reverse("wages:download", args=[published.pk, "csv"]))
    wrong = client.get(reverse("wages:download", args=[published.pk, "exe"]))

    assert json.loads(body.content)["methodology_version"] == published.methodology_version
    assert published.methodology_version in sheet.content.decode("utf-8-sig")
    assert wrong.status_code == 404


def test_draft_versions_are_hidden_from_the_public(client, published, city_officer):
    draft = table_version_compute(survey_round=published.round, by=city_officer)

    assert client.get(reverse("wages:download", args=[draft.pk, "xlsx"])).status_code == 404
    assert client.get(f"/api/v1/wages/versions/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/wages/versions/{published.pk}/cells/").status_code == 200


def test_enterprise_uploads_through_the_page_and_sees_row_errors(client):
    profile = enterprise()
    survey_round()
    client.force_login(enterprise_user(profile))
    bad = pay_csv([pay_row(), pay_row(技能等级="七级")])

    refused = client.post(reverse("wages:uploads"), {"file": _file(bad)})
    accepted = client.post(reverse("wages:uploads"), {"file": _file(pay_csv([pay_row()]))})

    assert refused.status_code == 400 and "第 3 行“技能等级”" in refused.content.decode()
    assert accepted.status_code == 302


def test_api_upload_by_an_enterprise(client):
    profile = enterprise()
    survey_round()
    client.force_login(enterprise_user(profile))

    answer = client.post("/api/v1/wages/uploads/", {"file": _file(pay_csv([pay_row()]))})

    assert answer.status_code == 201 and answer.json()["rows"] == 1


def _file(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("pay.csv", content, content_type="text/csv")
