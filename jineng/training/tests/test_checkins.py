"""The check-in API for attendance devices: validated item by item, all-or-nothing, idempotent, masked."""

from datetime import date

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from jineng.training.models import CheckIn
from jineng.training.services.checkins import BatchRejected, check_ins_receive
from jineng.training.tests import factories

URL = "/api/v1/training/check-ins/"


@pytest.fixture
def setup(db):
    inst = factories.institution(district="310115")
    user = factories.institution_user(inst)
    klass = factories.training_class(factories.project(inst, code="4-10-01-05", level=3), start=date(2024, 3, 4),
                                     days=30)
    trainee, number = factories.person_with_number()
    enrolment = factories.enrolment(klass, trainee, completed=False)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return {"inst": inst, "user": user, "klass": klass, "enrolment": enrolment, "number": number, "api": api}


def _item(setup, **changes) -> dict:
    site = setup["klass"].site
    return {"class_code": setup["klass"].code, "resident_id": setup["number"],
            "checked_at": "2024-03-05T08:55:00+08:00", "site": site.name, "method": "face", "device_id": "GATE-7",
            "lon": str(site.lon), "lat": str(site.lat)} | changes


def test_a_batch_is_written_and_answered_with_masked_numbers_only(setup):
    batch = [_item(setup), _item(setup, checked_at="2024-03-06T09:01:00+08:00", site=setup["klass"].site.pk,
                                 lon=None, lat=None, method="qr")]

    response = setup["api"].post(URL, batch, format="json")

    body = response.content.decode()
    assert response.status_code == 201 and response.json()["created"] == 2
    assert setup["number"] not in body
    assert response.json()["items"][0]["resident_id_masked"] == setup["enrolment"].person.resident_id_masked
    assert setup["enrolment"].check_ins.count() == 2


def test_resending_the_same_batch_creates_nothing(setup):
    batch = [_item(setup), _item(setup, checked_at="2024-03-06T09:01:00+08:00")]
    setup["api"].post(URL, batch, format="json")

    again = setup["api"].post(URL, batch, format="json")

    assert again.status_code == 200 and again.json() | {"items": None} == {"created": 0, "unchanged": 2, "items": None}
    assert CheckIn.objects.count() == 2


def test_the_same_moment_in_another_offset_is_the_same_check_in(setup):
    setup["api"].post(URL, [_item(setup)], format="json")

    again = setup["api"].post(URL, [_item(setup, checked_at="2024-03-05T00:55:00+00:00")], format="json")

    assert again.json()["created"] == 0 and CheckIn.objects.count() == 1


def test_one_bad_item_rejects_the_whole_batch_with_errors_by_index_and_field(setup):
    batch = [_item(setup), _item(setup, checked_at="2024-05-01T09:00:00+08:00", method="fingerprint")]

    response = setup["api"].post(URL, batch, format="json")

    errors = response.json()["errors"]
    assert response.status_code == 400 and not CheckIn.objects.exists()
    assert {(e["index"], e["field"]) for e in errors} == {(1, "checked_at"), (1, "method")}
    assert "不在培训班日期" in errors[0]["message"] + errors[1]["message"]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"checked_at": "2024-03-05T08:55:00"}, "checked_at", "带时区"),
    ({"checked_at": "2024-03-02T23:00:00+08:00"}, "checked_at", "前后一天"),
    ({"checked_at": "0001-01-01T00:00:00+08:00"}, "checked_at", "2000 年至 2100 年"),
    ({"checked_at": "9999-12-31T23:59:59-08:00"}, "checked_at", "2000 年至 2100 年"),
    ({"checked_at": "2024-02-30T09:00:00+08:00"}, "checked_at", "ISO 8601"),
    ({"lon": "NaN"}, "lon", "数字"),
    ({"lat": "Infinity"}, "lon", "数字"),
    ({"class_code": "NO-SUCH"}, "class_code", "本机构没有编号"),
    ({"site": "别人的教学点"}, "site", "本机构教学点"),
    ({"lon": "121.49", "lat": "31.24"}, "lon", "不在教学点所在的浦东新区范围内"),
    ({"lon": "abc"}, "lon", "数字"),
    ({"method": ""}, "method", "签到方式"),
    ({"resident_id": ""}, "resident_id", "缺少身份证号"),
])
def test_each_field_is_checked_with_a_chinese_message(setup, changes, field, message):
    response = setup["api"].post(URL, [_item(setup, **changes)], format="json")

    [error] = response.json()["errors"]
    assert response.status_code == 400 and error["index"] == 0 and error["field"] == field
    assert message in error["message"]


def test_a_day_before_the_start_is_within_the_slack(setup):
    response = setup["api"].post(URL, [_item(setup, checked_at="2024-03-03T18:00:00+08:00")], format="json")

    assert response.status_code == 201


def test_a_person_not_in_the_class_is_refused_without_echoing_the_number(setup):
    _, stranger = factories.person_with_number()

    response = setup["api"].post(URL, [_item(setup, resident_id=stranger)], format="json")

    body = response.content.decode()
    assert response.status_code == 400 and "未在培训班" in body
    assert stranger not in body and stranger[:6] + "********" + stranger[14:] in body


def test_a_wrong_check_character_is_reported_without_the_number(setup):
    number = setup["number"]
    wrong = number[:17] + ("0" if number[17] != "0" else "1")

    response = setup["api"].post(URL, [_item(setup, resident_id=wrong)], format="json")

    assert response.status_code == 400 and "校验位错误" in response.content.decode()
    assert wrong not in response.content.decode()


def test_another_institutions_class_and_trainee_are_out_of_reach(setup):
    other = factories.institution(district="310115")
    other_class = factories.training_class(factories.project(other), start=date(2024, 3, 4))
    trainee, number = factories.person_with_number()
    factories.enrolment(other_class, trainee, completed=False)

    response = setup["api"].post(URL, [_item(setup, class_code=other_class.code, resident_id=number,
                                             site=other_class.site.name)], format="json")

    assert response.status_code == 400 and not CheckIn.objects.exists()
    assert {e["field"] for e in response.json()["errors"]} == {"class_code", "site"}


def test_more_than_a_thousand_items_are_refused(setup):
    response = setup["api"].post(URL, [_item(setup)] * 1001, format="json")

    assert response.status_code == 400 and "最多提交 1000 条" in response.json()["errors"][0]["message"]


def test_a_non_list_body_is_refused(setup):
    response = setup["api"].post(URL, {"class_code": "x"}, format="json")

    assert response.status_code == 400 and "JSON 数组" in response.json()["errors"][0]["message"]


def test_supervisors_cannot_send_check_ins(setup, pudong_officer):
    api = APIClient()
    api.force_authenticate(pudong_officer)

    assert api.post(URL, [_item(setup)], format="json").status_code == 403


def test_anonymous_devices_get_401(setup):
    assert APIClient().post(URL, [_item(setup)], format="json").status_code == 401


def test_a_thousand_check_ins_are_written_in_one_batch(setup):
    people = [factories.person_with_number() for _ in range(40)]
    for trainee, _ in people:
        factories.enrolment(setup["klass"], trainee, completed=False)
    batch = [_item(setup, resident_id=number, checked_at=f"2024-03-{5 + day:02d}T09:00:00+08:00")
             for _, number in people for day in range(25)]

    outcome = check_ins_receive(institution=setup["inst"], items=batch)

    assert len(batch) == 1000 and outcome.created == 1000 and CheckIn.objects.count() == 1000


def test_the_service_raises_batch_rejected_with_every_error(setup):
    with pytest.raises(BatchRejected) as caught:
        check_ins_receive(institution=setup["inst"], items=[_item(setup, method="x"), "not an object"])

    assert [(e["index"], e["field"]) for e in caught.value.errors] == [(0, "method"), (1, "")]


def test_the_enrolment_page_lists_the_check_ins(setup, client):
    setup["api"].post(URL, [_item(setup)], format="json")
    client.force_login(setup["user"])

    page = client.get(f"/training/enrolments/{setup['enrolment'].pk}/").content.decode()

    assert "GATE-7" in page and "2024-03-05 08:55" in page
