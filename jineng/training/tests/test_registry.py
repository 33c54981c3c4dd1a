"""The programme office registers institutions with their login organisation and suspends or revokes them."""

import random
from datetime import date

import pytest

from jineng.accounts.models import Organisation
from jineng.core.exceptions import DomainError
from jineng.core.identifiers import synthetic_uscc
from jineng.core.models import District
from jineng.training.models import Institution, TrainingImport
from jineng.training.services import records
from jineng.training.services.imports import training_import_queue, training_import_run
from jineng.training.services.registry import institution_register_with_login, institution_status_change
from jineng.training.tests import factories
from jineng.training.tests.test_import import csv_bytes, numbers, row

pytestmark = pytest.mark.django_db

CODE = synthetic_uscc(rng=random.Random(20241124), region="310104")


def _register(by, **changes):
    fields = {"credit_code": CODE, "name": "上海徐汇登记测试职业技能培训学校", "kind": "private",
              "district": District.objects.get(code="310104"), "licence_no": "教民131010470001",
              "licence_valid_until": date(2029, 6, 30)} | changes
    return institution_register_with_login(by=by, **fields)


def test_registration_creates_the_login_organisation_and_audits(city_officer):
    institution = _register(city_officer)

    organisation = institution.organisation
    assert organisation.kind == "training_institution" and organisation.district.code == "310104"
    assert organisation.name == institution.name
    assert institution.history.first().history_user == city_officer
    assert organisation.history.first().history_change_reason == "登记培训机构时开设登录机构"


def test_a_staff_account_of_the_new_organisation_runs_the_institution(city_officer):
    from jineng.training import permissions

    institution = _register(city_officer)
    staff = factories.institution_user(institution)

    assert permissions.own_institution(staff) == institution and permissions.can_manage(staff, institution)


def test_a_duplicate_credit_code_is_refused_in_chinese(city_officer):
    _register(city_officer)

    with pytest.raises(DomainError, match="已登记为“上海徐汇登记测试职业技能培训学校”，不能重复登记"):
        _register(city_officer, name="另一个名字")
    assert Institution.objects.filter(credit_code=CODE).count() == 1
    assert not Organisation.objects.filter(name="另一个名字").exists()


def test_a_wrong_check_character_is_refused(city_officer):
    wrong = CODE[:17] + ("0" if CODE[17] != "0" else "1")

    with pytest.raises(DomainError, match="校验位错误"):
        _register(city_officer, credit_code=wrong)


@pytest.mark.parametrize("persona", ["pudong_officer", "leader", "enterprise_hr"])
def test_only_the_programme_office_registers(persona, request):
    with pytest.raises(DomainError, match="只有专班办公室"):
        _register(request.getfixturevalue(persona))


def test_a_status_change_needs_a_reason_and_is_audited(city_officer):
    institution = factories.institution()

    with pytest.raises(DomainError, match="变更原因"):
        institution_status_change(by=city_officer, institution=institution, status="suspended", reason=" ")
    institution_status_change(by=city_officer, institution=institution, status="suspended", reason="检查不合格")

    institution.refresh_from_db()
    assert institution.status == "suspended"
    assert institution.history.first().history_change_reason == "机构状态改为暂停招生：检查不合格"


def test_a_revoked_institution_stays_revoked(city_officer):
    institution = factories.institution()
    institution_status_change(by=city_officer, institution=institution, status="revoked", reason="注销")

    with pytest.raises(DomainError, match="已注销，不能恢复"):
        institution_status_change(by=city_officer, institution=institution, status="active", reason="恢复")


def test_district_officers_cannot_change_the_status(pudong_officer):
    with pytest.raises(DomainError):
        institution_status_change(by=pudong_officer, institution=factories.institution(), status="suspended",
                                  reason="x")


@pytest.mark.parametrize("status", ["suspended", "revoked"])
def test_a_suspended_or_revoked_institution_cannot_open_classes(status, city_officer):
    institution = factories.institution()
    user = factories.institution_user(institution)
    project, site = factories.project(institution), factories.site(institution)
    institution_status_change(by=city_officer, institution=institution, status=status, reason="测试")

    with pytest.raises(DomainError, match="不能开班"):
        records.class_open(by=user, project=project, code="BJ-NEW", site=site, start_date=date(2025, 3, 1),
                           end_date=date(2025, 4, 1), capacity=20)


def test_a_suspended_institution_cannot_import(city_officer):
    institution = factories.institution()
    user = factories.institution_user(institution)
    klass = factories.training_class(factories.project(institution, code="4-10-01-05", level=3))
    content = csv_bytes([row(klass, n) for n in numbers(2, seed=91)])
    institution_status_change(by=city_officer, institution=institution, status="suspended", reason="测试")
    institution.refresh_from_db()

    with pytest.raises(DomainError, match="不能导入培训记录"):
        training_import_queue(content=content, file_name="r.csv", by=user, institution=institution)
    record = training_import_run(content=content, file_name="r.csv", by=user, institution=institution)

    assert record.status == "rejected" and "暂停招生" in record.errors_shown[0]
    assert not klass.enrolments.exists()
    assert TrainingImport.objects.filter(status="done").count() == 0


def test_the_registration_page_shows_the_chinese_error_and_keeps_nothing(client, city_officer):
    client.force_login(city_officer)
    district = District.objects.get(code="310104")
    data = {"credit_code": CODE[:17] + ("0" if CODE[17] != "0" else "1"), "name": "某学校", "kind": "private",
            "district": district.pk}

    response = client.post("/training/institutions/new/", data)

    assert response.status_code == 400 and "校验位错误" in response.content.decode()
    assert not Institution.objects.filter(name="某学校").exists()


def test_the_registration_page_registers_and_redirects(client, city_officer):
    client.force_login(city_officer)
    district = District.objects.get(code="310104")

    response = client.post("/training/institutions/new/", {"credit_code": CODE, "name": "某学校", "kind": "public",
                                                            "district": district.pk})

    institution = Institution.objects.get(credit_code=CODE)
    assert response.status_code == 302 and response.url == f"/training/institutions/{institution.pk}/"
    assert institution.organisation.name == "某学校"


@pytest.mark.parametrize(("persona", "status"), [
    ("city_officer", 200), ("leader", 403), ("pudong_officer", 403), ("enterprise_hr", 403),
])
def test_the_registration_page_is_for_the_programme_office(client, persona, status, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get("/training/institutions/new/").status_code == status


def test_the_status_form_changes_the_status_and_shows_on_the_page(client, city_officer):
    institution = factories.institution()
    client.force_login(city_officer)

    client.post(f"/training/institutions/{institution.pk}/status/", {"status": "suspended", "reason": "整改"})
    page = client.get(f"/training/institutions/{institution.pk}/").content.decode()

    institution.refresh_from_db()
    assert institution.status == "suspended" and "status-form" in page and "暂停招生" in page


def test_an_institution_user_cannot_post_the_status_form(client):
    institution = factories.institution()
    client.force_login(factories.institution_user(institution))

    response = client.post(f"/training/institutions/{institution.pk}/status/", {"status": "suspended", "reason": "x"})

    institution.refresh_from_db()
    assert response.status_code == 403 and institution.status == "active"


def test_a_suspended_institution_cannot_enrol_new_trainees(city_officer):
    institution = factories.institution()
    user = factories.institution_user(institution)
    klass = factories.training_class(factories.project(institution))
    _, number = factories.person_with_number()
    institution_status_change(by=city_officer, institution=institution, status="suspended", reason="测试")
    klass.institution.refresh_from_db()

    with pytest.raises(DomainError, match="不能招收学员"):
        records.enrolment_add(by=user, klass=klass, resident_id=number, name="某人", enrolled_date=date(2024, 3, 1))
