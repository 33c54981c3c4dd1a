import threading
from datetime import date

import pytest
from django.db import connection

from jineng.certificates.engine.numbers import number_parse
from jineng.certificates.models import Certificate
from jineng.certificates.services.issue import certificates_issue_for_results, counter_take
from jineng.certificates.services.status import certificate_reinstate, certificate_revoke, certificate_suspend
from jineng.certificates.tests import factories
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.training.tests.factories import person

pytestmark = pytest.mark.django_db


def test_issue_for_approved_results_numbers_each_and_is_idempotent():
    b = factories.body()
    results = factories.approved_results(b, [person(name="张小三"), person()], level=4)
    failed = factories.approved_results(b, [person()], passed=False)
    issued = certificates_issue_for_results([*results, *failed], issued_on=date(2024, 7, 1))
    assert len(issued) == 2
    first = number_parse(issued[0].number)
    assert (first.letter, first.city_serial, first.year, first.level_digit, first.serial) == (
        "S", b.city_serial, 2024, 2, 1)
    assert number_parse(issued[1].number).serial == 2
    assert issued[0].holder_name == "张小三" and issued[0].result == results[0]
    assert issued[0].history.count() == 1
    assert len({c.status_index for c in issued}) == 2
    assert certificates_issue_for_results(results) == []
    assert Certificate.objects.count() == 2


def test_employer_bodies_issue_y_numbers():
    b = factories.body(kind="employer")
    [certificate] = certificates_issue_for_results(factories.approved_results(b, [person()], level=5))
    assert certificate.number.startswith("Y0000")
    assert certificate.number[15] == "1"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers; the race needs PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # later tests keep the reference data
def test_counter_hands_out_each_value_once_under_concurrency():
    taken, errors = [], []

    def take():
        try:
            for _ in range(20):
                taken.append(counter_take("race"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(taken) == list(range(1, 81))


def test_status_workflow_office_and_own_body(city_officer):
    b = factories.body()
    staff = factories.body_user(b)
    other = factories.body_user(factories.body())
    cert = factories.certificate(b=b)
    with pytest.raises(DomainError):
        certificate_suspend(certificate=cert, by=staff, reason="")
    with pytest.raises(NotAllowed):
        certificate_suspend(certificate=cert, by=other, reason="核查")
    certificate_suspend(certificate=cert, by=staff, reason="考试违纪核查中")
    cert.refresh_from_db()
    assert (cert.status, cert.status_reason) == ("suspended", "考试违纪核查中")
    assert cert.status_date is not None
    certificate_reinstate(certificate=cert, by=city_officer, reason="核查无误")
    certificate_revoke(certificate=cert, by=city_officer, reason="冒名顶替")
    cert.refresh_from_db()
    assert cert.status == "revoked"
    with pytest.raises(InvalidState):
        certificate_reinstate(certificate=cert, by=city_officer)
    assert [h.status for h in cert.history.order_by("history_id")] == ["valid", "suspended", "valid", "revoked"]


def test_high_skill_metric_counts_levels_three_to_one_by_body_district_and_month():
    from decimal import Decimal

    from jineng.core.metrics import metric_compute

    pudong, huangpu = factories.body(district="310115"), factories.body(district="310101")
    factories.certificate(b=pudong, level=3, issued_on=date(2024, 3, 1))
    factories.certificate(b=pudong, level=5, issued_on=date(2024, 3, 1))  # 二级 and above only: 高级工 = L3
    factories.certificate(b=huangpu, level=5 - 0, issued_on=date(2024, 5, 2))
    factories.certificate(b=huangpu, level=2, issued_on=date(2024, 5, 2))  # 四级: not high-skill
    factories.certificate(b=huangpu, level=4, issued_on=date(2024, 5, 2), status="revoked",
                          status_date=date(2024, 6, 1), status_reason="x")
    factories.certificate(b=pudong, level=4, issued_on=date(2023, 12, 31))
    march = metric_compute("certificates.high_skill_certificates", year=2024, month=3)
    may = metric_compute("certificates.high_skill_certificates", year=2024, month=5)
    assert march.city == Decimal(2) and march.by_district == {"310115": Decimal(2)}
    assert may.by_district == {"310115": Decimal(2), "310101": Decimal(1)}


def test_the_approval_callback_takes_result_ids():
    from jineng.certificates.services.issue import certificates_issue_on_approval

    b = factories.body()
    results = factories.approved_results(b, [person(), person()])
    issued = certificates_issue_on_approval([r.pk for r in results], None)
    assert [c.result_id for c in issued] == [r.pk for r in results]
