"""Enterprises record their own appointments of 特级技师 / 首席技师; districts see their district's; IDs masked."""

from datetime import date

import pytest
from django.urls import reverse

from jineng.core.exceptions import DomainError, NotAllowed
from jineng.recognition import services
from jineng.recognition.models import TechnicianAppointment

pytestmark = pytest.mark.django_db
ID_A = "310115199001011230"


def _record(user, lathe, **overrides):
    from jineng.core.engine.identifiers import resident_id_check_char

    fields = {"resident_id": ID_A[:17] + resident_id_check_char(ID_A[:17]), "name": "王建国", "occupation": lathe,
              "level": 7, "appointed_on": date(2024, 3, 1), "term_years": 3, "document_number": "沪装〔2024〕3号"}
    return services.appointment_record(by=user, **(fields | overrides))


def test_an_enterprise_records_its_own_appointment_with_its_district(pudong_enterprise, lathe):
    appointment = _record(pudong_enterprise, lathe)

    assert appointment.enterprise == pudong_enterprise.organisation
    assert appointment.district.code == "310115" and appointment.term_ends_on == date(2027, 3, 1)


def test_only_special_and_chief_and_only_enterprises(pudong_enterprise, city_officer, lathe):
    with pytest.raises(DomainError, match="特级技师或首席技师"):
        _record(pudong_enterprise, lathe, level=5)
    with pytest.raises(NotAllowed):
        _record(city_officer, lathe)
    _record(pudong_enterprise, lathe)
    with pytest.raises(DomainError, match="已登记"):
        _record(pudong_enterprise, lathe)


def test_scoping_enterprise_district_office(pudong_enterprise, huangpu_enterprise, pudong_officer, huangpu_officer,
                                            city_officer, lathe, client):
    own = _record(pudong_enterprise, lathe)
    other = _record(huangpu_enterprise, lathe, resident_id="110101198001010010")

    def seen(user):
        return set(TechnicianAppointment.objects.visible_to(user).values_list("pk", flat=True))

    assert seen(pudong_enterprise) == {own.pk} and seen(huangpu_enterprise) == {other.pk}
    assert seen(pudong_officer) == {own.pk} and seen(city_officer) == {own.pk, other.pk}
    client.force_login(pudong_enterprise)
    assert client.get(f"/api/v1/recognition/appointments/{other.pk}/").status_code == 404
    page = client.get(reverse("recognition:appointments")).content.decode()
    assert "王建国" in page and own.person.resident_id_masked in page and own.person.resident_id_masked != ID_A


def test_the_page_and_api_record_an_appointment(pudong_enterprise, client):
    client.force_login(pudong_enterprise)

    page = client.post(reverse("recognition:appointments"), {
        "resident_id": "110101198001010010", "name": "李海峰", "occupation": "6-18-01-01", "level": "6",
        "appointed_on": "2024-05-06", "term_years": "5", "document_number": "文号1"})
    api = client.post("/api/v1/recognition/appointments/", {
        "resident_id": "11010119800101001X", "name": "李海峰", "occupation_code": "6-18-01-01", "level": 7,
        "appointed_on": "2024-05-06", "term_years": 99, "document_number": "文号2"}, content_type="application/json")

    assert page.status_code == 302 and TechnicianAppointment.objects.count() == 1
    assert api.status_code == 400 and set(api.json()) >= {"resident_id", "term_years"}


@pytest.mark.parametrize("query", ["year=0", "year=99999999999", "level=abc", "year=-1", "page=99999"])
def test_odd_filters_never_break_the_list(pudong_enterprise, client, query):
    client.force_login(pudong_enterprise)

    assert client.get(reverse("recognition:appointments") + "?" + query).status_code == 200
    assert client.get("/api/v1/recognition/appointments/?" + query).status_code in (200, 400)
