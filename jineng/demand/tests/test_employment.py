"""The staff roster: pure row checks, the all-or-nothing idempotent import, its page and API, employers named
on training records."""

import random
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jineng.core.exceptions import ImportRejected
from jineng.core.identifiers import resident_id_mask, synthetic_resident_id
from jineng.core.spreadsheets import new_workbook, read_xlsx_rows, workbook_add_table, workbook_bytes
from jineng.demand.engine import roster as engine
from jineng.demand.models import Employment
from jineng.demand.services.employment import (
    EmployerClaim,
    employments_from_enrolments,
    roster_import,
    roster_template_bytes,
)

TODAY = date(2025, 6, 30)
RNG = random.Random(42)
ALICE, BOB = synthetic_resident_id(rng=RNG), synthetic_resident_id(rng=RNG)


def _csv(*rows: str, header: str = "身份证号,姓名,入职日期,离职日期") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8-sig")


# The rows, pure ------------------------------------------------------------------------------------------


def test_engine_reads_rows_with_and_without_a_leaving_date():
    columns, problems = engine.roster_header(["身份证号", "姓名", "入职日期", "离职日期"])

    rows, errors = engine.roster_parse([[ALICE, "王芳", "2023-03-01", ""], [BOB, "李强", "2020/1/5", "20240131"]],
                                       columns, today=TODAY)

    assert problems == [] and errors == []
    assert [(r.name, r.start_date, r.end_date) for r in rows] == [
        ("王芳", date(2023, 3, 1), None), ("李强", date(2020, 1, 5), date(2024, 1, 31))]


def test_engine_names_row_and_column_and_never_repeats_a_full_resident_id():
    bad = ALICE[:17] + ("0" if ALICE[17] != "0" else "1")
    columns, _ = engine.roster_header(["身份证号", "姓名", "入职日期"])

    _, errors = engine.roster_parse([[bad, "王芳", "2023-03-01"], [BOB, "", "2023-13-01"]], columns, today=TODAY)

    assert errors[0].startswith("第 2 行“身份证号”：")
    assert "第 3 行“姓名”：必填" in errors
    assert any(e.startswith("第 3 行“入职日期”：") for e in errors)
    assert not any(bad in e or BOB in e for e in errors)


def test_engine_refuses_overlapping_periods_of_one_person_with_the_masked_number():
    columns, _ = engine.roster_header(["身份证号", "姓名", "入职日期", "离职日期"])

    rows, errors = engine.roster_parse([[ALICE, "王芳", "2020-01-01", "2022-12-31"], [ALICE, "王芳", "2022-06-01", ""]],
                                       columns, today=TODAY)

    assert len(rows) == 1
    assert errors == [f"第 3 行“入职日期”：与第 2 行是同一人（{resident_id_mask(ALICE)}）且在职期间重叠，请合并为一行"]


def test_engine_reports_a_missing_column_and_an_unknown_one():
    _, problems = engine.roster_header(["身份证号", "姓名", "工号"])

    assert "第 1 行第 3 列：未知的列“工号”，请使用下载的模板" in problems
    assert "第 1 行表头缺少列：入职日期，请使用下载的模板" in problems


def test_engine_refuses_leaving_before_joining_and_dates_after_today():
    columns, _ = engine.roster_header(["身份证号", "姓名", "入职日期", "离职日期"])

    _, errors = engine.roster_parse([[ALICE, "王芳", "2024-05-01", "2024-04-30"], [BOB, "李强", "2025-07-01", ""]],
                                    columns, today=TODAY)

    assert errors == ["第 2 行“离职日期”：离职日期 2024-04-30 早于入职日期 2024-05-01", "第 3 行“入职日期”：2025-07-01 晚于今天"]


# The import ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_writes_every_row_and_the_same_file_again_changes_nothing(chip_firm, chip_hr):
    content = _csv(f"{ALICE},王芳,2023-03-01,", f"{BOB},李强,2020-01-05,2024-01-31")

    first = roster_import(enterprise=chip_firm, content=content, file_name="花名册.csv", by=chip_hr, today=TODAY)
    again = roster_import(enterprise=chip_firm, content=content, file_name="花名册.csv", by=chip_hr, today=TODAY)

    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    record = Employment.objects.get(person__name="王芳")
    assert record.enterprise == chip_firm and record.end_date is None and record.source == "roster"
    assert record.history.get().history_user == chip_hr


@pytest.mark.django_db
def test_import_records_a_leaving_date_on_the_existing_period(chip_firm, chip_hr):
    roster_import(enterprise=chip_firm, content=_csv(f"{ALICE},王芳,2023-03-01,"), file_name="a.csv", by=chip_hr,
                  today=TODAY)

    result = roster_import(enterprise=chip_firm, content=_csv(f"{ALICE},王芳,2023-03-01,2025-05-31"),
                           file_name="b.csv", by=chip_hr, today=TODAY)

    assert (result.created, result.updated) == (0, 1)
    record = Employment.objects.get()
    assert record.end_date == date(2025, 5, 31)
    assert record.history.count() == 2


@pytest.mark.django_db
def test_import_with_one_bad_row_writes_nothing(chip_firm, chip_hr):
    content = _csv(f"{ALICE},王芳,2023-03-01,", f"{BOB[:-1]},李强,2020-01-05,")

    with pytest.raises(ImportRejected) as refused:
        roster_import(enterprise=chip_firm, content=content, file_name="花名册.csv", by=chip_hr, today=TODAY)

    assert refused.value.errors[0].startswith("第 3 行“身份证号”：")
    assert not Employment.objects.exists()


@pytest.mark.django_db
def test_import_reads_the_xlsx_template(chip_firm, chip_hr):
    workbook = new_workbook()
    workbook_add_table(workbook, title="职工花名册", headers=list(engine.COLUMNS),
                       rows=[[ALICE, "王芳", "2023-03-01", ""]])

    result = roster_import(enterprise=chip_firm, content=workbook_bytes(workbook), file_name="roster.xlsx",
                           by=chip_hr, today=TODAY)

    assert result.created == 1
    assert read_xlsx_rows(roster_template_bytes())[0] == list(engine.COLUMNS)


@pytest.mark.django_db
def test_import_refuses_other_file_kinds(chip_firm, chip_hr):
    with pytest.raises(ImportRejected, match=r"\.xlsx"):
        roster_import(enterprise=chip_firm, content=b"x", file_name="roster.txt", by=chip_hr)


# Employers named on training records ---------------------------------------------------------------------


@pytest.mark.django_db
def test_employer_on_a_training_record_adds_the_period_once_and_confirms_an_existing_one(chip_firm, care_home,
                                                                                       chip_hr):
    from jineng.core.people import person_register

    rng = random.Random(7)
    worker, other = (person_register(resident_id=synthetic_resident_id(rng=rng), name=name) for name in ("周工", "吴工"))
    roster_import(enterprise=care_home, content=_csv(f"{ALICE},王芳,2020-01-01,"), file_name="a.csv", by=chip_hr,
                  today=TODAY)
    covered = Employment.objects.get().person
    claims = [EmployerClaim(chip_firm.credit_code, worker.pk, date(2024, 3, 4), date(2024, 5, 2), "班级 A"),
              EmployerClaim(chip_firm.credit_code, worker.pk, date(2024, 3, 4), date(2024, 5, 2), "班级 A"),
              EmployerClaim(care_home.credit_code, covered.pk, date(2024, 3, 4), date(2024, 5, 2), "班级 A"),
              EmployerClaim("91310000MA1FL0000N", other.pk, date(2024, 3, 4), date(2024, 5, 2), "班级 A")]

    added = employments_from_enrolments(claims, by=None)

    assert added == 1
    record = Employment.objects.get(person=worker)
    assert (record.enterprise, record.start_date, record.end_date, record.source) == (
        chip_firm, date(2024, 3, 4), date(2024, 5, 2), "enrolment")
    assert Employment.objects.filter(person=covered).count() == 1
    assert not Employment.objects.filter(person=other).exists()


# The page and the API ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_roster_page_uploads_and_lists_masked_numbers_only(client, chip_hr):
    client.force_login(chip_hr)

    response = client.post(reverse("demand:employees"), {
        "file": SimpleUploadedFile("花名册.csv", _csv(f"{ALICE},王芳,2023-03-01,"), content_type="text/csv")},
        follow=True)

    page = response.content.decode()
    assert "新增 1 条" in page
    assert "王芳" in page and resident_id_mask(ALICE) in page
    assert ALICE not in page


@pytest.mark.django_db
def test_roster_page_lists_the_errors_and_imports_nothing(client, chip_hr):
    client.force_login(chip_hr)

    response = client.post(reverse("demand:employees"), {
        "file": SimpleUploadedFile("花名册.csv", _csv(f"{ALICE},王芳,2023-02-30,"), content_type="text/csv")})

    assert response.status_code == 400
    assert "第 2 行“入职日期”" in response.content.decode()
    assert not Employment.objects.exists()


@pytest.mark.django_db
def test_roster_page_shows_one_enterprise_nothing_of_another(client, chip_firm, care_hr, chip_hr):
    roster_import(enterprise=chip_firm, content=_csv(f"{ALICE},王芳,2023-03-01,"), file_name="a.csv", by=chip_hr,
                  today=TODAY)
    client.force_login(care_hr)

    page = client.get(reverse("demand:employees")).content.decode()

    assert "王芳" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["city_officer", "pudong_officer", None])
def test_roster_page_is_for_enterprises_only(client, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("demand:employees"))

    assert response.status_code in (302, 403) if persona is None else response.status_code == 403


@pytest.mark.django_db
def test_roster_api_imports_and_lists_the_enterprises_own_records(client, chip_hr, care_hr):
    client.force_login(chip_hr)

    created = client.post("/api/v1/demand/roster/", {
        "file": SimpleUploadedFile("roster.csv", _csv(f"{ALICE},王芳,2023-03-01,", f"{BOB},李强,2021-01-01,"))})
    listed = client.get("/api/v1/demand/employees/").json()
    client.force_login(care_hr)
    others = client.get("/api/v1/demand/employees/").json()

    assert created.status_code == 201 and created.json()["created"] == 2
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert {r["person_name"] for r in rows} == {"王芳", "李强"}
    assert all("*" in r["resident_id_masked"] for r in rows)
    assert (others["results"] if isinstance(others, dict) else others) == []


@pytest.mark.django_db
def test_roster_api_rejects_a_bad_file_with_the_row_errors(client, chip_hr):
    client.force_login(chip_hr)

    response = client.post("/api/v1/demand/roster/", {
        "file": SimpleUploadedFile("roster.csv", _csv(f"{ALICE},,2023-03-01,"))})

    assert response.status_code == 400
    assert "第 2 行“姓名”：必填" in response.json()["errors"]


@pytest.mark.django_db
def test_roster_api_refuses_government_users(client, city_officer):
    client.force_login(city_officer)

    response = client.post("/api/v1/demand/roster/", {"file": SimpleUploadedFile("r.csv", _csv())})

    assert response.status_code == 403
