"""Overseas certificates: submitted, decided by the office with reasons and date; ``recognised_level``."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.occupations.choices import SkillLevel
from jineng.recognition import services
from jineng.recognition.models import OverseasRecognition
from jineng.recognition.selectors import recognised_level, recognised_levels

pytestmark = pytest.mark.django_db


def _submit(by, lathe, *, number: str = "IHK-1", level: int = 3):
    return services.overseas_submit(by=by, resident_id="110101198001010010", name="张三", country="德国",
                                    issuing_body="德国工商会（IHK）", certificate_title="机电一体化工", level=level,
                                    certificate_number=number, occupation=lathe)


def test_the_office_recognises_with_reasons_and_the_level_counts_from_that_day(pudong_enterprise, city_officer,
                                                                               lathe):
    recognition = _submit(pudong_enterprise, lathe)
    today = timezone.localdate()

    assert recognised_level(recognition.person, lathe, today) is None
    services.overseas_decide(recognition=recognition, action="recognise", by=city_officer, comment="法定资格证书")
    recognition.refresh_from_db()

    assert recognition.state == "recognised" and recognition.decided_on == today
    assert recognition.decision_reason == "法定资格证书" and recognition.decided_by == city_officer
    assert recognition.district.code == "310115"
    assert recognised_level(recognition.person, lathe, today) == SkillLevel.L3
    assert recognised_level(recognition.person.pk, lathe.pk, today - timedelta(days=1)) is None


def test_the_highest_recognised_level_wins_and_refused_ones_do_not_count(pudong_enterprise, city_officer, lathe):
    first, second, third = (_submit(pudong_enterprise, lathe, number=n, level=lv)
                            for n, lv in (("A", 3), ("B", 4), ("C", 5)))
    services.overseas_decide(recognition=first, action="recognise", by=city_officer, comment="认可")
    services.overseas_decide(recognition=second, action="recognise", by=city_officer, comment="认可")
    services.overseas_decide(recognition=third, action="refuse", by=city_officer, comment="非考核证书")

    assert recognised_level(first.person, lathe, date(2100, 1, 1)) == SkillLevel.L2
    assert recognised_levels([first.person_id], date(2100, 1, 1)) == {(first.person_id, lathe.pk): SkillLevel.L2}


def test_decisions_need_the_office_a_reason_and_a_pending_request(pudong_enterprise, pudong_officer, city_officer,
                                                                  lathe):
    recognition = _submit(pudong_enterprise, lathe)

    with pytest.raises(NotAllowed):
        services.overseas_decide(recognition=recognition, action="recognise", by=pudong_officer, comment="x")
    with pytest.raises(DomainError, match="理由"):
        services.overseas_decide(recognition=recognition, action="recognise", by=city_officer, comment="")
    services.overseas_decide(recognition=recognition, action="refuse", by=city_officer, comment="不符")
    with pytest.raises(InvalidState):
        services.overseas_decide(recognition=recognition, action="recognise", by=city_officer, comment="x")


def test_scoping_and_api_answers(pudong_enterprise, huangpu_enterprise, pudong_officer, city_officer, lathe,
                                 client):
    own = _submit(pudong_enterprise, lathe)
    other = _submit(huangpu_enterprise, lathe, number="X")
    client.force_login(pudong_officer)

    listed = client.get("/api/v1/recognition/overseas/").json()["results"]
    hidden = client.get(f"/api/v1/recognition/overseas/{other.pk}/")
    refused = client.post(f"/api/v1/recognition/overseas/{own.pk}/recognise/", {"comment": "x"},
                          content_type="application/json")
    client.force_login(city_officer)
    decided = client.post(f"/api/v1/recognition/overseas/{own.pk}/recognise/", {"comment": "认可"},
                          content_type="application/json")
    again = client.post(f"/api/v1/recognition/overseas/{own.pk}/refuse/", {"comment": "x"},
                        content_type="application/json")

    assert [row["id"] for row in listed] == [own.pk] and "110101198001010010" not in str(listed)
    assert hidden.status_code == 404 and refused.status_code == 403
    assert decided.status_code == 200 and decided.json()["state"] == "recognised"
    assert again.status_code == 409


def test_pages_submit_and_decide(pudong_officer, city_officer, client):
    client.force_login(pudong_officer)
    created = client.post(reverse("recognition:overseas_new"), {
        "resident_id": "110101198001010010", "name": "张三", "country": "日本", "issuing_body": "中央职业能力开发协会",
        "certificate_title": "技能检定一级", "certificate_number": "J-1", "occupation": "6-18-01-01", "level": "4"})
    recognition = OverseasRecognition.objects.get()
    client.force_login(city_officer)
    client.post(reverse("recognition:overseas_refuse", args=[recognition.pk]), {"comment": "培训证明"})
    detail = client.get(reverse("recognition:overseas_detail", args=[recognition.pk]))

    assert created.status_code == 302 and recognition.district.code == "310115"
    assert "培训证明" in detail.content.decode()
    recognition.refresh_from_db()
    assert recognition.state == "refused"
