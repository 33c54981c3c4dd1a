"""Finding a person by full resident ID: POST only, logged, scoped; the page shows masked numbers only."""

import pytest
from django.urls import reverse

from jineng.core.models import PersonalDataView
from jineng.training.tests import factories as tf

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee():
    """A trainee of a Pudong institution with their plain number."""
    who, number = tf.person_with_number()
    tf.enrolment(tf.training_class(tf.project(tf.institution(district="310115"))), who)
    return who, number


def test_officer_finds_a_person_by_number_and_sees_their_records(client, city_officer, trainee):
    who, number = trainee
    client.force_login(city_officer)

    response = client.post(reverse("integrity:person_search"), {"resident_id": number, "reason": "核实线索"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("integrity:person", args=[who.pk])
    page = response.content.decode()
    assert who.resident_id_masked in page and number not in page
    assert PersonalDataView.objects.filter(person=who, viewer=city_officer, reason__contains="核实线索").exists()


def test_a_wrong_check_character_is_refused_in_chinese(client, city_officer, trainee):
    _, number = trainee
    client.force_login(city_officer)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")

    response = client.post(reverse("integrity:person_search"), {"resident_id": wrong, "reason": "核实"})

    assert "校验位" in response.content.decode() and not PersonalDataView.objects.exists()


def test_an_unknown_number_says_so_and_logs_nothing(client, city_officer):
    client.force_login(city_officer)

    response = client.post(reverse("integrity:person_search"), {"resident_id": "11010519491231002X", "reason": "核实"})

    assert "没有这个身份证号" in response.content.decode() and not PersonalDataView.objects.exists()


def test_a_lookup_needs_a_reason(client, city_officer, trainee):
    client.force_login(city_officer)

    response = client.post(reverse("integrity:person_search"), {"resident_id": trainee[1], "reason": ""})

    assert response.status_code == 200 and not PersonalDataView.objects.exists()


@pytest.mark.parametrize(("persona", "expected"), [
    ("city_officer", 200), ("leader", 200), ("pudong_officer", 200), ("huangpu_officer", 404),
    ("rsj_officer", 403), ("enterprise_hr", 403),
])
def test_person_page_is_scoped_to_the_viewers_district(request, client, trainee, persona, expected):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("integrity:person", args=[trainee[0].pk]))

    assert response.status_code == expected
