"""What the register says about a certificate on a past day: from its status changes, so a lifted suspension
counts only while it lasted (the subsidy claim check asks on the claim date)."""

import importlib
from datetime import date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from jineng.certificates import selectors
from jineng.certificates.engine.timeline import Change, change_in_force, status_on
from jineng.certificates.models import Certificate, StatusChange
from jineng.certificates.services.imports import certificates_import
from jineng.certificates.services.status import certificate_reinstate, certificate_revoke, certificate_suspend
from jineng.certificates.tests import factories
from jineng.certificates.tests.test_import import _csv, _row

D1, D2, D3 = date(2024, 3, 1), date(2024, 4, 15), date(2024, 9, 1)
ISSUED = date(2024, 1, 10)


def test_timeline_suspension_lifted_then_revoked():
    changes = [Change(D3, "revoked", "冒名顶替", 3), Change(D1, "suspended", "核查", 1), Change(D2, "valid", "", 2)]
    assert status_on([], D1) == "valid"
    assert status_on(changes, date(2024, 2, 29)) == "valid"
    assert status_on(changes, D1) == "suspended"
    assert status_on(changes, date(2024, 4, 14)) == "suspended"
    assert status_on(changes, D2) == "valid"
    assert status_on(changes, date(2024, 8, 31)) == "valid"
    assert change_in_force(changes, D3) == Change(D3, "revoked", "冒名顶替", 3)
    assert status_on(changes, date(2030, 1, 1)) == "revoked"


def test_timeline_same_day_changes_the_last_recorded_wins():
    changes = [Change(D1, "valid", "", 8), Change(D1, "suspended", "核查", 7)]
    assert status_on(changes, D1) == "valid"
    assert status_on(changes, date(2024, 2, 1)) == "valid"
    # a later-recorded change dated before an earlier-recorded one takes its place in time
    backdated = [Change(D2, "suspended", "核查", 1), Change(D1, "revoked", "违规", 2)]
    assert status_on(backdated, D1) == "revoked" and status_on(backdated, D2) == "suspended"


@pytest.fixture
def clock(monkeypatch):
    """Set the day the services stamp on a change (Shanghai noon of ``day``)."""

    def on(day: date) -> None:
        moment = datetime.combine(day, time(12), tzinfo=ZoneInfo("Asia/Shanghai"))
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return on


def _state(certificate: Certificate, day: date) -> selectors.RegisterAnswer:
    return selectors.certificate_state_on(number=certificate.number, person_id=certificate.holder_id, day=day)


@pytest.mark.django_db
def test_state_on_follows_suspension_reinstatement_and_revocation(city_officer, clock):
    certificate = factories.certificate(issued_on=ISSUED)
    clock(D1)
    certificate_suspend(certificate=certificate, by=city_officer, reason="考试违纪核查中")
    clock(D2)
    certificate_reinstate(certificate=certificate, by=city_officer, reason="核查无误")
    assert _state(certificate, date(2024, 3, 20)) == selectors.RegisterAnswer("suspended", D1, "考试违纪核查中",
                                                                              ISSUED)
    clock(D3)
    certificate_revoke(certificate=certificate, by=city_officer, reason="冒名顶替")

    assert _state(certificate, date(2024, 1, 9)).state == selectors.NOT_YET
    assert _state(certificate, ISSUED).state == selectors.VALID
    assert _state(certificate, date(2024, 2, 29)).state == selectors.VALID
    assert _state(certificate, D1).state == selectors.SUSPENDED
    assert _state(certificate, date(2024, 4, 14)).state == selectors.SUSPENDED
    assert _state(certificate, D2).state == selectors.VALID  # the suspension was lifted that day
    assert _state(certificate, date(2024, 8, 31)).state == selectors.VALID
    assert _state(certificate, D3) == selectors.RegisterAnswer("revoked", D3, "冒名顶替", ISSUED)
    assert _state(certificate, date(2025, 6, 1)).state == selectors.REVOKED

    changes = list(StatusChange.objects.filter(certificate=certificate).order_by("pk"))
    assert [(c.status, c.effective_on, c.recorded_by_id) for c in changes] == [
        ("suspended", D1, city_officer.pk), ("valid", D2, city_officer.pk), ("revoked", D3, city_officer.pk)]
    assert all(c.history.count() == 1 for c in changes)  # audited


@pytest.mark.django_db
def test_a_refused_change_records_nothing(city_officer, clock):
    from jineng.core.exceptions import DomainError, InvalidState

    certificate = factories.certificate(issued_on=ISSUED)
    with pytest.raises(DomainError):
        certificate_suspend(certificate=certificate, by=city_officer, reason="")
    with pytest.raises(InvalidState):
        certificate_reinstate(certificate=certificate, by=city_officer)
    assert not StatusChange.objects.filter(certificate=certificate).exists()


@pytest.mark.django_db
def test_a_certificate_without_recorded_changes_answers_from_its_current_status():
    certificate = factories.certificate(issued_on=ISSUED, status="revoked", status_date=D3, status_reason="违规取得")
    assert _state(certificate, date(2024, 8, 31)).state == selectors.VALID
    assert _state(certificate, D3) == selectors.RegisterAnswer("revoked", D3, "违规取得", ISSUED)


@pytest.mark.django_db
def test_import_records_status_changes_reinstatements_and_corrections():
    b = factories.body()
    row = _row(b, 41, status="暂停", status_date="2024-08-01", reason="核查")
    certificates_import(content=_csv([row]), file_name="c.csv", today=date(2024, 8, 10))
    certificate = Certificate.objects.get(number=row[0])
    assert _state(certificate, date(2024, 7, 31)).state == selectors.VALID
    assert _state(certificate, date(2024, 8, 1)).state == selectors.SUSPENDED

    row[10], row[11] = "2024-08-05", "核查（更正）"  # the same suspension, its date corrected: no second change
    certificates_import(content=_csv([row]), file_name="c.csv", today=date(2024, 8, 20))
    assert _state(certificate, date(2024, 8, 3)).state == selectors.VALID
    assert _state(certificate, date(2024, 8, 5)) == selectors.RegisterAnswer("suspended", date(2024, 8, 5),
                                                                             "核查（更正）", date(2024, 6, 30))
    assert StatusChange.objects.filter(certificate=certificate).count() == 1

    row[9], row[10], row[11] = "有效", "", ""  # reinstated by file: in force from the day of the import
    certificates_import(content=_csv([row]), file_name="c.csv", today=date(2024, 9, 2))
    assert _state(certificate, date(2024, 9, 1)).state == selectors.SUSPENDED
    assert _state(certificate, date(2024, 9, 2)).state == selectors.VALID
    assert certificates_import(content=_csv([row]), file_name="c.csv", today=date(2024, 9, 3)).unchanged == 1
    assert [c.status for c in StatusChange.objects.filter(certificate=certificate).order_by("pk")] == [
        "suspended", "valid"]


@pytest.mark.django_db
def test_migration_backfills_changes_from_the_certificates_history(city_officer, clock):
    backfill = importlib.import_module("jineng.certificates.migrations.0002_status_changes").status_changes_backfill
    lifted = factories.certificate(issued_on=ISSUED)
    clock(D1)
    certificate_suspend(certificate=lifted, by=city_officer, reason="核查")
    clock(D2)
    certificate_reinstate(certificate=lifted, by=city_officer)
    untouched = factories.certificate(issued_on=ISSUED)
    written_around = factories.certificate(issued_on=ISSUED, status="revoked", status_date=D3, status_reason="违规")
    Certificate.history.filter(id=written_around.pk).delete()  # no history at all: its current status
    StatusChange.objects.all().delete()
    StatusChange.history.model.objects.all().delete()

    backfill(None, SimpleNamespace(connection=connection))

    rows = sorted(StatusChange.objects.values_list("certificate_id", "status", "effective_on", "reason"))
    assert rows == sorted([(lifted.pk, "suspended", D1, "核查"), (lifted.pk, "valid", D2, ""),
                           (written_around.pk, "revoked", D3, "违规")])
    assert StatusChange.history.model.objects.count() == 3
    assert _state(lifted, date(2024, 4, 1)).state == selectors.SUSPENDED
    assert _state(lifted, D2).state == selectors.VALID
    assert _state(untouched, D3).state == selectors.VALID
