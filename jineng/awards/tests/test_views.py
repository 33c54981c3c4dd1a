"""Pages and API: each role's doors, 403 / 404 / 409, the public publicity list and objections."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from jineng.accounts.models import Organisation
from jineng.awards.choices import ApplicationState
from jineng.awards.models import Call
from jineng.awards.services import applications
from jineng.awards.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(city_officer, pudong_officer):
    unit = Organisation.objects.get(name="浦东新区人民政府")
    call = f.call(city_officer, quota=1)
    applicant = f.user("ent-v", f.org("上海视图测试有限公司"))
    stranger = f.user("ent-w", f.org("上海另一测试有限公司", district="310101"))
    experts = [f.reviewer(city_officer, f"v{i}", f.org("评价机构丙", kind="evaluation_institution"))
               for i in range(3)]
    return {"call": call, "unit": unit, "applicant": applicant, "stranger": stranger, "experts": experts}


def test_an_employer_applies_from_the_page_and_sees_the_reasons(client, setup):
    client.force_login(setup["applicant"])

    response = client.post(reverse("awards:application_new", args=[setup["call"].pk]), {
        "title": "数控技能大师工作室", "screening_unit": setup["unit"].pk, "leader_name": "李师傅", "leader_level": "5",
        "matching_declared": "50000"})
    page = client.get(response["Location"])

    assert response.status_code == 302
    assert "配套资金须不低于 100000.00 元，当前承诺 50000.00 元" in page.content.decode()


def test_another_organisations_application_is_404_and_a_wrong_role_403(client, setup, jiaowei_officer):
    app = f.application(setup["call"], setup["applicant"], setup["unit"])

    client.force_login(setup["stranger"])
    assert client.get(reverse("awards:application", args=[app.pk])).status_code == 404
    assert client.get(f"/api/v1/awards/applications/{app.pk}/").status_code == 404
    client.force_login(jiaowei_officer)
    assert client.post(f"/api/v1/awards/applications/{app.pk}/screen/").status_code == 404
    assert client.get(reverse("awards:call_new")).status_code == 403


def test_submitting_after_the_deadline_answers_409(client, setup):
    app = f.application(setup["call"], setup["applicant"], setup["unit"])
    Call.objects.filter(pk=setup["call"].pk).update(deadline=timezone.now() - timedelta(hours=1))
    client.force_login(setup["applicant"])

    response = client.post(f"/api/v1/awards/applications/{app.pk}/submit/")

    assert response.status_code == 409
    assert "截止" in response.json()["detail"]


def test_the_screening_unit_screens_through_the_api_and_a_second_screen_is_409(client, setup, pudong_officer):
    app = f.application(setup["call"], setup["applicant"], setup["unit"])
    applications.application_submit(application=app, by=setup["applicant"])
    client.force_login(pudong_officer)

    first = client.post(f"/api/v1/awards/applications/{app.pk}/screen/", {"comment": "同意推荐"})
    second = client.post(f"/api/v1/awards/applications/{app.pk}/screen/", {"comment": "同意推荐"})

    assert (first.status_code, first.json()["state"], second.status_code) == (200, "screened", 409)


def test_reviewers_score_through_the_api_within_range_only(client, setup, pudong_officer, city_officer):
    app = f.application(setup["call"], setup["applicant"], setup["unit"])
    f.through_review(app, setup["applicant"], pudong_officer, city_officer, setup["experts"],
                     [f.flat(setup["call"], 70)] * 3)
    client.force_login(setup["experts"][0].user)

    bad = client.post(f"/api/v1/awards/applications/{app.pk}/score/", {"scores": {"achievement": 101}},
                      content_type="application/json")
    good = client.post(f"/api/v1/awards/applications/{app.pk}/score/", {"scores": f.flat(setup["call"], 90)},
                       content_type="application/json")
    client.force_login(setup["applicant"])
    own = client.post(f"/api/v1/awards/applications/{app.pk}/score/", {"scores": f.flat(setup["call"], 100)},
                      content_type="application/json")

    assert (bad.status_code, good.status_code, own.status_code) == (400, 200, 403)


def test_the_public_reads_the_publicity_list_and_a_logged_in_user_objects(client, setup, pudong_officer,
                                                                          city_officer):
    app = f.application(setup["call"], setup["applicant"], setup["unit"], title="公示测试工作室")
    f.through_review(app, setup["applicant"], pudong_officer, city_officer, setup["experts"],
                     [f.flat(setup["call"], 88)] * 3)
    from jineng.awards.services import publicity

    publicity.call_rank_and_publicise(call=setup["call"], by=city_officer, start=timezone.localdate(), days=5)

    public = client.get(reverse("awards:publicity_call", args=[setup["call"].pk]))
    api = client.get(f"/api/v1/awards/publicity/{setup['call'].pk}/entries/")
    hidden = client.get(reverse("awards:application", args=[app.pk]))
    client.force_login(setup["stranger"])
    objected = client.post(reverse("awards:publicity_object", args=[app.pk]), {"text": "带徒人数不实"})

    assert "公示测试工作室" in public.content.decode()
    assert api.json()["results"][0]["title"] == "公示测试工作室"
    assert hidden.status_code == 302  # to the login page
    assert objected.status_code == 302 and app.objections.count() == 1
    app.refresh_from_db()
    assert app.state == ApplicationState.PUBLICITY


def test_bad_ids_and_amounts_never_give_500(client, setup, city_officer):
    client.force_login(city_officer)

    assert client.get("/awards/applications/99999999999999/").status_code == 404
    assert client.get("/api/v1/awards/applications/?call=abc").status_code == 400
    assert client.get(reverse("awards:calls") + "?year=abc&kind=x").status_code == 200
    assert client.post(reverse("awards:call_publicise", args=[setup["call"].pk]), {"days": "999"}).status_code == 302
    assert D(setup["call"].amount) == D("100000")


def test_the_pages_speak_english_from_the_apps_own_catalogue(client, setup, settings):
    app = f.application(setup["call"], setup["applicant"], setup["unit"], matching_declared=D("50000"))
    client.force_login(setup["applicant"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("awards:application", args=[app.pk])).content.decode()

    assert "Eligibility check" in page
    assert "Matching funds must be at least 100000.00 yuan; 50000.00 yuan committed" in page


def test_an_employer_creates_an_application_through_the_api(client, setup):
    client.force_login(setup["applicant"])
    body = {"call": setup["call"].pk, "title": "API 工作室", "screening_unit": setup["unit"].pk, "leader_name": "王师傅",
            "leader_level": 5, "leader_honours": ["上海市杰出技术能手"], "matching_declared": "100000"}

    created = client.post("/api/v1/awards/applications/", body, content_type="application/json")
    wrong_unit = client.post("/api/v1/awards/applications/", body | {"screening_unit": setup["applicant"].organisation_id},
                             content_type="application/json")

    assert created.status_code == 201 and created.json()["eligible"] is True
    assert [r["ok"] for r in created.json()["reasons"]] == [True, True, True]
    assert wrong_unit.status_code == 400
