from datetime import date, timedelta
from decimal import Decimal

from jineng.accounts.models import Organisation
from jineng.core.metrics import metric_compute
from jineng.core.models import District
from jineng.occupations.models import Industry
from jineng.training.models import Apprenticeship
from jineng.training.tests import factories


def test_training_metrics_count_by_the_institutions_district_to_the_months_end(db):
    elder = Industry.objects.get(code="ELDER")
    pudong = factories.institution(district="310115")
    huangpu = factories.institution(district="310101")
    levelled = factories.training_class(factories.project(pudong, level=3, industry=elder), start=date(2024, 3, 4))
    unlevelled = factories.training_class(factories.project(huangpu, level=None), start=date(2024, 5, 6))
    not_subsidised = factories.training_class(factories.project(huangpu, code="4-10-01-06", level=1),
                                              start=date(2024, 3, 4))
    not_subsidised.is_subsidised = False
    not_subsidised.save()
    for _ in range(3):
        factories.enrolment(levelled, certificate_date=date(2024, 6, 1))  # enrolled 2024-02-26
    factories.enrolment(unlevelled)  # enrolled 2024-04-29
    factories.enrolment(not_subsidised)

    march = metric_compute("training.subsidised_person_times", year=2024, month=3)
    december = metric_compute("training.subsidised_person_times", year=2024, month=12)

    assert march.city == Decimal(3) and march.by_district == {"310115": Decimal(3)}
    assert december.by_district == {"310115": Decimal(3), "310101": Decimal(1)}
    assert metric_compute("training.new_skill_person_times", year=2024, month=12).city == Decimal(3)
    assert metric_compute("training.life_service_person_times", year=2024, month=12).city == Decimal(3)
    assert metric_compute("training.subsidised_person_times", year=2025, month=12).city == Decimal(0)


def test_apprentices_running_in_the_year_count_by_their_district(db):
    enterprise = Organisation.objects.create(name="学徒企业", kind="enterprise")
    minhang = District.objects.get(code="310112")
    for n, start in enumerate([date(2023, 3, 1), date(2024, 9, 1), date(2025, 2, 1)]):
        Apprenticeship.objects.create(enterprise=enterprise, person=factories.person(), occupation_id=factories.project(
            factories.institution()).occupation_id, target_level=3, district=minhang, start_date=start,
            end_date=start + timedelta(days=365 + n))

    value = metric_compute("training.apprentices", year=2024, month=12)

    assert value.city == Decimal(2) and value.by_district == {"310112": Decimal(2)}
