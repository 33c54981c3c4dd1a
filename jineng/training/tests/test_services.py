from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from jineng.core.exceptions import DomainError
from jineng.core.models import District
from jineng.training.models import Enrolment
from jineng.training.services import records as services
from jineng.training.tests import factories

ZONE = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def inst(db):
    return factories.institution(district="310115")


def test_a_site_outside_the_district_is_refused_in_chinese(inst):
    user = factories.institution_user(inst)

    with pytest.raises(DomainError, match="不在浦东新区范围内"):
        services.site_add(by=user, institution=inst, name="外滩", address="中山东一路", lon=Decimal("121.49"),
                          lat=Decimal("31.24"))


def test_enrolment_add_respects_capacity_and_audits(inst):
    user = factories.institution_user(inst)
    klass = factories.training_class(factories.project(inst), capacity=1)
    _, first = factories.person_with_number()
    _, second = factories.person_with_number()

    enrolment = services.enrolment_add(by=user, klass=klass, resident_id=first, name="甲", enrolled_date=date(2024, 3, 1))
    with pytest.raises(DomainError, match="培训班已满"):
        services.enrolment_add(by=user, klass=klass, resident_id=second, name="乙", enrolled_date=date(2024, 3, 1))

    assert enrolment.history.get().history_user == user and Enrolment.objects.count() == 1


def test_another_institutions_user_cannot_write(inst):
    other_user = factories.institution_user(factories.institution())
    klass = factories.training_class(factories.project(inst))

    with pytest.raises(DomainError, match="只有本机构的用户"):
        services.class_update(by=other_user, klass=klass, start_date=klass.start_date, end_date=klass.end_date,
                              capacity=50, teachers="")


def test_capacity_cannot_drop_below_enrolments(inst):
    user = factories.institution_user(inst)
    klass = factories.training_class(factories.project(inst), capacity=5)
    factories.enrolment(klass)
    factories.enrolment(klass)

    with pytest.raises(DomainError, match="已有 2 人报名"):
        services.class_update(by=user, klass=klass, start_date=klass.start_date, end_date=klass.end_date,
                              capacity=1, teachers="")


def test_outcome_rules_are_checked(inst):
    user = factories.institution_user(inst)
    enrolment = factories.enrolment(factories.training_class(factories.project(inst)), completed=False)

    with pytest.raises(DomainError, match="只有考核合格"):
        services.enrolment_record_outcome(by=user, enrolment=enrolment, completed_date=date(2024, 5, 3),
                                          hours_attended=10, exam_result="failed", certificate_no="S1",
                                          certificate_date=date(2024, 5, 20))
    with pytest.raises(DomainError, match="未结业"):
        services.enrolment_record_outcome(by=user, enrolment=enrolment, completed_date=None, hours_attended=10,
                                          exam_result="passed")


def test_inspections_are_recorded_by_the_programme_office_only(inst, city_officer, pudong_officer):
    inspection = services.inspection_record(by=city_officer, institution=inst, inspected_date=date(2024, 5, 1),
                                            score=88)

    with pytest.raises(DomainError):
        services.inspection_record(by=pudong_officer, institution=inst, inspected_date=date(2024, 5, 1), score=88)
    assert inspection.inspector == city_officer


def test_institutions_are_registered_by_the_programme_office_with_a_valid_code(city_officer):
    with pytest.raises(DomainError, match="校验位"):
        services.institution_register(by=city_officer, credit_code="91310115MA1FL0000A", name="某学校",
                                      kind="private", district=District.objects.get(code="310115"))


def test_check_ins_and_surveys_are_kept_once(inst):
    klass = factories.training_class(factories.project(inst))
    enrolment = factories.enrolment(klass)
    at = datetime(2024, 3, 5, 9, tzinfo=ZONE)

    services.check_in_record(enrolment=enrolment, checked_at=at, site=klass.site, method="face", device_id="D1")
    services.check_in_record(enrolment=enrolment, checked_at=at, site=klass.site, method="face", device_id="D1")
    services.survey_record(enrolment=enrolment, satisfaction=4, answered_at=at)

    assert enrolment.check_ins.count() == 1 and enrolment.survey.satisfaction == 4
    with pytest.raises(DomainError):
        services.survey_record(enrolment=enrolment, satisfaction=6, answered_at=at)
