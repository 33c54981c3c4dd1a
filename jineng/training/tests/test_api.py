import logging
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jineng.training.models import TrainingImport
from jineng.training.tests import factories
from jineng.training.tests.test_import import csv_bytes, numbers, row


@pytest.fixture
def setup(db):
    inst = factories.institution()
    user = factories.institution_user(inst)
    klass = factories.training_class(factories.project(inst, code="4-10-01-05", level=3), start=date(2024, 3, 4))
    trainee, number = factories.person_with_number()
    factories.enrolment(klass, trainee)
    return {"inst": inst, "user": user, "klass": klass, "number": number}


def test_enrolments_carry_only_the_masked_number(setup, client, city_officer):
    client.force_login(city_officer)

    response = client.get("/api/v1/training/enrolments/")

    body = response.content.decode()
    assert response.status_code == 200 and setup["number"] not in body
    assert setup["number"][:6] + "********" + setup["number"][14:] in body


def test_upload_returns_202_and_the_import_can_be_followed(setup, client, caplog, django_capture_on_commit_callbacks):
    client.force_login(setup["user"])
    ids = numbers(2, seed=5)
    upload = SimpleUploadedFile("records.csv", csv_bytes([row(setup["klass"], n) for n in ids]))

    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/training/imports/", {"file": upload})
    status = client.get(f"/api/v1/training/imports/{response.json()['id']}/").json()

    assert response.status_code == 202
    assert status["status"] == "done" and status["created_count"] == 2
    assert all(n not in caplog.text for n in ids)


def test_upload_is_refused_to_supervisors(setup, client, pudong_officer):
    client.force_login(pudong_officer)

    response = client.post("/api/v1/training/imports/", {"file": SimpleUploadedFile("r.csv", b"x")})

    assert response.status_code == 403 and not TrainingImport.objects.exists()


def test_another_institutions_import_is_a_404(setup, client):
    other = factories.institution()
    record = TrainingImport.objects.create(institution=other, file_name="x.csv", sha256="0" * 64)
    client.force_login(setup["user"])

    assert client.get(f"/api/v1/training/imports/{record.pk}/").status_code == 404


def test_classes_list_in_scope(setup, client):
    client.force_login(setup["user"])

    data = client.get("/api/v1/training/classes/").json()

    results = data["results"] if isinstance(data, dict) else data
    assert [c["code"] for c in results] == [setup["klass"].code]
