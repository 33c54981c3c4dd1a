import io
import logging
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jineng.core.models import PersonalDataView
from jineng.core.spreadsheets import read_xlsx_rows
from jineng.training.models import Enrolment, Site, TrainingClass, TrainingImport
from jineng.training.tests import factories
from jineng.training.tests.test_import import csv_bytes, numbers, row


@pytest.fixture
def setup(db):
    inst = factories.institution(district="310115")
    user = factories.institution_user(inst)
    klass = factories.training_class(factories.project(inst, code="4-10-01-05", level=3), capacity=10,
                                     start=date(2024, 3, 4))
    trainee, number = factories.person_with_number()
    enrolment = factories.enrolment(klass, trainee)
    return {"inst": inst, "user": user, "klass": klass, "enrolment": enrolment, "number": number}


def _text(response) -> str:
    return response.content.decode()


def test_pages_render_for_the_institution_user(setup, client):
    client.force_login(setup["user"])
    klass, inst = setup["klass"], setup["inst"]

    for url, expected in [
        ("/training/", inst.name),
        (f"/training/institutions/{inst.pk}/", "sites-map"),
        ("/training/classes/", klass.code),
        (f"/training/classes/{klass.pk}/", setup["enrolment"].person.resident_id_masked),
        (f"/training/enrolments/{setup['enrolment'].pk}/", "登记结业和考核结果"),
        ("/training/imports/", "上传培训记录"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in _text(response), url


def test_pages_and_exports_never_show_the_plain_number(setup, client, city_officer):
    client.force_login(city_officer)
    klass, number = setup["klass"], setup["number"]

    pages = [client.get(url) for url in (f"/training/classes/{klass.pk}/", f"/training/enrolments/{setup['enrolment'].pk}/",
                                         "/api/v1/training/enrolments/")]
    exports = [client.get(url) for url in ("/training/classes/enrolments.xlsx", f"/training/classes/{klass.pk}/enrolments.xlsx")]

    assert all(number not in _text(page) for page in pages)
    for export in exports:
        cells = [cell for r in read_xlsx_rows(export.content) for cell in r]
        assert number not in cells and setup["enrolment"].person.resident_id_masked in cells


def test_reveal_shows_the_number_once_and_logs_the_view(setup, client, pudong_officer):
    client.force_login(pudong_officer)
    url = f"/training/enrolments/{setup['enrolment'].pk}/reveal/"

    response = client.post(url, {"reason": "核查补贴申请"})

    assert response.status_code == 200 and setup["number"] in _text(response)
    assert PersonalDataView.objects.get().viewer == pudong_officer
    assert setup["number"] not in response.get("Location", "")
    assert setup["number"] not in _text(client.get(f"/training/enrolments/{setup['enrolment'].pk}/"))


def test_reveal_is_refused_without_the_capability(setup, client, leader):
    client.force_login(leader)

    response = client.post(f"/training/enrolments/{setup['enrolment'].pk}/reveal/", {"reason": "看看"})

    assert response.status_code == 403 and not PersonalDataView.objects.exists()


def test_reveal_is_refused_to_the_institution_user(setup, client):
    client.force_login(setup["user"])

    response = client.post(f"/training/enrolments/{setup['enrolment'].pk}/reveal/", {"reason": "看看"})

    assert response.status_code == 403 and setup["number"] not in _text(response)


def test_reveal_needs_a_reason(setup, client, city_officer):
    client.force_login(city_officer)

    response = client.post(f"/training/enrolments/{setup['enrolment'].pk}/reveal/", {"reason": ""})

    assert response.status_code == 400 and not PersonalDataView.objects.exists()


def test_upload_page_imports_in_the_background_and_shows_the_result(setup, client, caplog,
                                                                   django_capture_on_commit_callbacks):
    client.force_login(setup["user"])
    klass = setup["klass"]
    ids = numbers(3, seed=7)
    content = csv_bytes([row(klass, n) for n in ids])

    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/training/imports/", {"file": io_file(content, "records.csv")})
    response = client.get(response["Location"])

    record = TrainingImport.objects.get()
    assert record.status == "done" and record.created_count == 3 and record.payload == ""
    assert "新增 3" in _text(response)
    assert all(n not in caplog.text for n in ids)


def test_upload_page_lists_errors_by_row_and_column(setup, client, django_capture_on_commit_callbacks):
    client.force_login(setup["user"])
    content = csv_bytes([row(setup["klass"], "31011519800101123")])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/training/imports/", {"file": io_file(content, "bad.csv")})
    response = client.get(response["Location"])

    assert "第 2 行“身份证号”" in _text(response)
    assert Enrolment.objects.count() == 1


def test_progress_fragment_asks_the_page_to_refresh_when_finished(setup, client):
    client.force_login(setup["user"])
    record = TrainingImport.objects.create(institution=setup["inst"], file_name="x.csv", sha256="0" * 64,
                                           status="done")

    response = client.get(f"/training/imports/{record.pk}/progress/", HTTP_HX_REQUEST="true")

    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def test_template_download_has_the_headers(setup, client):
    client.force_login(setup["user"])

    response = client.get("/training/imports/template.xlsx")

    assert read_xlsx_rows(response.content)[0][:3] == ["机构统一社会信用代码", "班级编号", "身份证号"]


def test_institution_user_adds_a_site_inside_the_district(setup, client):
    client.force_login(setup["user"])
    inst = setup["inst"]

    outside = client.post(f"/training/institutions/{inst.pk}/sites/",
                          {"name": "外区", "address": "黄浦路1号", "lon": "121.48", "lat": "31.23"})
    inside = client.post(f"/training/institutions/{inst.pk}/sites/",
                         {"name": "张江", "address": "张江路1号", "lon": "121.60", "lat": "31.20"})

    assert outside.status_code == 400 and "不在浦东新区范围内" in _text(outside)
    assert inside.status_code == 302 and Site.objects.filter(name="张江").exists()


def test_institution_user_adds_a_project_and_opens_a_class(setup, client):
    client.force_login(setup["user"])
    inst = setup["inst"]

    client.post(f"/training/institutions/{inst.pk}/projects/", {
        "occupation": "4-10-01-06", "level": "2", "class_hours": "80", "fee": "1800", "approved_date": "2024-01-02"})
    project = inst.projects.get(occupation__code="4-10-01-06")
    response = client.post(f"/training/institutions/{inst.pk}/classes/", {
        "code": "NEW-1", "project": project.pk, "site": setup["klass"].site_id, "start_date": "2024-05-06",
        "end_date": "2024-06-30", "capacity": "25", "teachers": "李老师", "is_subsidised": "on"})

    klass = TrainingClass.objects.get(code="NEW-1")
    assert response.status_code == 302 and klass.history.first().history_user == setup["user"]


def test_district_officer_cannot_post_forms(setup, client, pudong_officer):
    client.force_login(pudong_officer)

    response = client.post(f"/training/institutions/{setup['inst'].pk}/sites/",
                           {"name": "张江", "address": "张江路1号", "lon": "121.60", "lat": "31.20"})

    assert response.status_code == 403 and not Site.objects.filter(name="张江").exists()


def test_institution_user_records_an_outcome(setup, client):
    client.force_login(setup["user"])
    enrolment = factories.enrolment(setup["klass"], completed=False)

    response = client.post(f"/training/enrolments/{enrolment.pk}/", {
        "completed_date": "2024-05-03", "hours_attended": "118", "exam_result": "passed",
        "certificate_no": "S1234", "certificate_date": "2024-05-20"})

    enrolment.refresh_from_db()
    assert response.status_code == 302 and enrolment.status == "completed" and enrolment.exam_result == "passed"
    assert enrolment.history.first().history_change_reason == "登记结业和考核结果"


def test_class_status_moves_forward_only(setup, client):
    client.force_login(setup["user"])
    klass = setup["klass"]

    client.post(f"/training/classes/{klass.pk}/status/", {"status": "completed"})
    client.post(f"/training/classes/{klass.pk}/status/", {"status": "running"})

    klass.refresh_from_db()
    assert klass.status == "completed"


def test_class_export_lists_classes(setup, client, city_officer):
    client.force_login(city_officer)

    response = client.get("/training/classes/export.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 3).value == setup["klass"].code


def test_site_coordinates_are_stored_as_decimals(setup):
    assert isinstance(Site.objects.first().lon, Decimal)


def io_file(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
