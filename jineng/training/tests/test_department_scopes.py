"""City departments read, and only read, the training records of the plan tasks they lead (department-scopes.csv)."""

from datetime import date

import pytest
from django.http import Http404

from jineng.accounts.models import Organisation, User
from jineng.core.models import District
from jineng.occupations.models import Industry, Occupation
from jineng.training import permissions, selectors
from jineng.training.models import Apprenticeship
from jineng.training.tests import factories


def _officer(organisation_name: str) -> User:
    return User.objects.create_user(username=f"dept-{organisation_name}",
                                    organisation=Organisation.objects.get(name=organisation_name))


@pytest.fixture
def world(db):
    college = factories.institution(kind="college")
    private = factories.institution(kind="private")
    elder = Industry.objects.get(code="ELDER")
    return {
        "college_class": factories.training_class(factories.project(college)),
        "private_class": factories.training_class(factories.project(private)),
        "elder_class": factories.training_class(factories.project(private, code="4-10-01-05", industry=elder)),
        "college": college, "private": private,
    }


def test_the_education_commission_reads_the_classes_of_vocational_colleges_task_9(world, jiaowei_officer):
    classes = set(selectors.class_list(viewer=jiaowei_officer))

    assert world["college_class"] in classes
    assert world["private_class"] not in classes
    assert permissions.get_class_for_user(jiaowei_officer, world["college_class"].pk) == world["college_class"]
    with pytest.raises(Http404):
        permissions.get_class_for_user(jiaowei_officer, world["private_class"].pk)


def test_civil_affairs_reads_elderly_care_training_task_17_and_nothing_else(world):
    minzheng = _officer("市民政局")

    assert set(selectors.class_list(viewer=minzheng)) == {world["elder_class"]}
    assert set(selectors.institution_list(viewer=minzheng)) == {world["private"]}
    enrolment = factories.enrolment(world["elder_class"])
    assert permissions.get_enrolment_for_user(minzheng, enrolment.pk) == enrolment


def test_a_department_reads_but_never_manages_nor_sees_another_institutions_imports(world, jiaowei_officer):
    assert not permissions.can_manage(jiaowei_officer, world["college"])
    assert not permissions.can_run_training(jiaowei_officer)
    assert not permissions.can_register_institutions(jiaowei_officer)
    college_import = factories.training_import(world["college"]) if hasattr(factories, "training_import") else None
    assert list(selectors.import_list(viewer=jiaowei_officer)) == []
    assert college_import is None or not permissions.can_manage(jiaowei_officer, college_import.institution)


def test_a_department_without_such_a_task_sees_no_training(world, rsj_officer):
    assert list(selectors.class_list(viewer=rsj_officer)) == []
    assert not permissions.can_see_training(rsj_officer)


@pytest.mark.parametrize(("path", "status"), [
    ("/training/classes/{college_class}/", 200),
    ("/training/classes/{private_class}/", 404),
    ("/training/institutions/{college}/", 200),
    ("/training/institutions/{private}/", 404),
    ("/training/", 200),
    ("/training/classes/", 200),
])
def test_the_pages_follow_the_departments_scope(world, client, jiaowei_officer, path, status):
    client.force_login(jiaowei_officer)
    ids = {name: getattr(value, "pk", None) for name, value in world.items()}

    assert client.get(path.format(**ids)).status_code == status


def test_the_finance_bureau_reads_every_apprenticeship_task_16(db):
    enterprise = Organisation.objects.create(name="上海学徒企业有限公司", kind="enterprise")
    apprentice = Apprenticeship.objects.create(
        enterprise=enterprise, person=factories.person(), occupation=Occupation.objects.get(code="6-18-01-01"),
        target_level=3, district=District.objects.get(code="310115"), start_date=date(2024, 9, 1),
        end_date=date(2026, 8, 31))

    assert list(selectors.apprenticeship_list(viewer=_officer("市财政局"))) == [apprentice]
    assert list(selectors.apprenticeship_list(viewer=_officer("市民政局"))) == []
