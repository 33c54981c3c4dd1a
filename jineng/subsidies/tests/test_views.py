"""Pages, exports and the API as users meet them: quote with trace, forms, masking everywhere."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jineng.subsidies.choices import ClaimStatus
from jineng.subsidies.models import Claim, Payment
from jineng.subsidies.services import claims as claim_services
from jineng.subsidies.services import payments as payment_services
from jineng.subsidies.tests import factories
from jineng.training.tests import factories as training

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_claim(city_officer):
    who, number = training.person_with_number(name="王测试")
    enrolment = factories.certified(who=who)
    claim = factories.submitted(enrolment)
    claim_services.claim_approve(claim=claim, by=city_officer)
    batch = payment_services.payment_batch_create(by=city_officer)
    payment_services.payment_batch_send(batch=batch, by=city_officer)
    payment_services.payment_mark_paid(payment=Payment.objects.get(claim=claim), by=city_officer, reference="R1")
    return claim, number, batch


def _text(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(io.BytesIO(response.content)).active
        return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    return response.content.decode()


def test_no_page_export_or_api_response_shows_a_plain_resident_id(client, city_officer, paid_claim):
    claim, number, batch = paid_claim
    client.force_login(city_officer)
    urls = [reverse("subsidies:claims"), reverse("subsidies:claims_export"), reverse("subsidies:claim", args=[claim.pk]),
            reverse("subsidies:batch", args=[batch.pk]), reverse("subsidies:batch_export", args=[batch.pk]),
            reverse("subsidies:summary"), "/api/v1/subsidies/claims/", f"/api/v1/subsidies/claims/{claim.pk}/",
            f"/api/v1/subsidies/batches/{batch.pk}/payments/", "/api/v1/subsidies/payments/"]

    for url in urls:
        text = _text(client.get(url))
        assert number not in text, url
        if url != reverse("subsidies:summary"):
            assert claim.person.resident_id_masked in text, url


def test_institution_sees_its_trainees_masked_on_the_submission_page(client):
    who, number = training.person_with_number()
    enrolment = factories.certified(who=who)
    client.force_login(factories.institution_user_for(enrolment))

    text = client.get(reverse("subsidies:claim_new")).content.decode()

    assert who.resident_id_masked in text
    assert number not in text


def test_quote_page_shows_amount_and_trace(client, city_officer):
    factories.catalogue()
    client.force_login(city_officer)

    response = client.get(reverse("subsidies:quote"), {
        "scheme": "sh_skill_upgrade", "occupation": "6-18-01-01 车工", "level": "3", "applicant_category": "employed",
        "certificate_date": "2025-03-01"}, headers={"HX-Request": "true"})

    text = response.content.decode()
    assert "2600.00" in text
    assert "uplift.key_support@2024-12-01" in text
    assert "个人比例" in text


def test_quote_page_explains_a_case_the_rules_do_not_cover(client, city_officer):
    client.force_login(city_officer)

    response = client.get(reverse("subsidies:quote"), {"scheme": "ui_skill_upgrade", "level": "5",
                                                       "applicant_category": "insured_employee"})

    assert "没有“一级/高级技师”证书的补贴标准" in response.content.decode()


def test_api_quote_returns_amount_and_trace(client, leader):
    factories.catalogue()
    client.force_login(leader)

    response = client.post("/api/v1/subsidies/quote/", {
        "scheme": "sh_skill_upgrade", "occupation": "6-18-01-01", "level": 3, "applicant_category": "unemployed_hukou",
        "certificate_date": "2025-03-01"}, content_type="application/json")

    body = response.json()
    assert response.status_code == 200
    assert body["amount"] == "3250.00"
    assert [step["label"] for step in body["trace"]] == ["补贴标准", "目录上浮", "个人比例", "计算", "取整"]
    assert any(v.startswith("uplift.key_support@2024-12-01") for v in body["versions"])


def test_api_quote_refuses_an_unknown_occupation(client, leader):
    client.force_login(leader)

    response = client.post("/api/v1/subsidies/quote/", {"scheme": "sh_skill_upgrade", "occupation": "9-99-99-99"},
                           content_type="application/json")

    assert response.status_code == 400


def test_api_quote_needs_a_login(client):
    assert client.post("/api/v1/subsidies/quote/", {}, content_type="application/json").status_code == 401


def test_institution_submits_a_claim_from_the_page(client):
    enrolment = factories.certified(certificate_date=timezone.localdate())
    client.force_login(factories.institution_user_for(enrolment))

    response = client.post(reverse("subsidies:claim_new"), {"enrolment": enrolment.pk, "scheme": "sh_skill_upgrade",
                                                            "applicant_category": "employed"})

    claim = Claim.objects.get(enrolment=enrolment)
    assert response.status_code == 302
    assert claim.status == ClaimStatus.IN_REVIEW
    assert claim.claimant_kind == "institution"


def test_enterprise_claims_an_apprentice_from_the_page(client, enterprise_hr):
    apprentice = factories.apprenticeship(enterprise_hr.organisation)
    client.force_login(enterprise_hr)

    client.post(reverse("subsidies:claim_new"), {"apprenticeship": apprentice.pk, "period_year": 2025})

    assert Claim.objects.get(apprenticeship=apprentice).amount == 5000


def test_reviewer_rejects_from_the_queue_with_a_reason(client, pudong_officer):
    claim = factories.submitted(factories.certified())
    client.force_login(pudong_officer)

    client.post(reverse("subsidies:claim_reject", args=[claim.pk]), {"reason": "证书查询不到", "next": "review"})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED


def test_reject_without_reason_leaves_the_claim_in_review(client, pudong_officer):
    claim = factories.submitted(factories.certified())
    client.force_login(pudong_officer)

    client.post(reverse("subsidies:claim_reject", args=[claim.pk]), {"reason": ""})

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW


def test_claim_page_shows_checks_trace_and_audit_trail(client, city_officer):
    claim = factories.submitted(factories.certified())
    client.force_login(city_officer)

    text = client.get(reverse("subsidies:claim", args=[claim.pk])).content.decode()

    assert "同一职业（工种）同一等级只享受一次" in text
    assert "standard.level.3@2019-01-01" in text
    assert "提交补贴申请" in text


def test_programme_office_pays_a_whole_batch_from_the_page(client, city_officer):
    claim = factories.submitted(factories.certified())
    claim_services.claim_approve(claim=claim, by=city_officer)
    client.force_login(city_officer)

    client.post(reverse("subsidies:batches"), {})
    batch = Payment.objects.get(claim=claim).batch
    client.post(reverse("subsidies:batch_send", args=[batch.pk]))
    client.post(reverse("subsidies:batch_paid", args=[batch.pk]))

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID


def test_programme_office_adds_a_dated_parameter_value_from_the_page(client, city_officer):
    client.force_login(city_officer)

    client.post(reverse("subsidies:parameters"), {"scheme": "sh_skill_upgrade", "key": "uplift.urgent", "value": "0.20",
                                                  "valid_from": "2026-01-01", "source": "测试通知"})

    assert factories.scheme().parameters.filter(key="uplift.urgent", valid_from=date(2026, 1, 1)).exists()


def test_summary_shows_amounts_paid_by_scheme_and_district(client, city_officer, paid_claim):
    client.force_login(city_officer)

    text = client.get(reverse("subsidies:summary")).content.decode()

    assert "上海市职业技能提升补贴" in text
    assert "2,000.00" in text


def test_a_refused_claim_says_its_trace_is_for_reference_only(client, city_officer):
    first = factories.certified()
    factories.submitted(first)
    refused = factories.submitted(factories.certified(who=first.person))
    client.force_login(city_officer)

    page = client.get(reverse("subsidies:claim", args=[refused.pk])).content.decode()

    assert refused.status == ClaimStatus.CHECK_FAILED and "仅供参考" in page


def test_claim_page_offers_each_role_its_moves_through_the_review_partial(client, pudong_officer):
    claim = factories.submitted(factories.certified())  # institution in 浦东
    claimant = factories.institution_user_for(claim.enrolment)

    client.force_login(pudong_officer)
    reviewer = client.get(reverse("subsidies:claim", args=[claim.pk])).context["review"]
    client.force_login(claimant)
    own = client.get(reverse("subsidies:claim", args=[claim.pk])).context["review"]
    client.post(reverse("subsidies:claim_withdraw", args=[claim.pk]), {"comment": "信息有误，撤回重报"})

    assert [(a.name, a.url) for a in reviewer.actions] == [
        ("approve", reverse("subsidies:claim_approve", args=[claim.pk])),
        ("reject", reverse("subsidies:claim_reject", args=[claim.pk]))]
    assert [a.name for a in own.actions] == ["withdraw"]
    claim.refresh_from_db()
    assert (claim.status, claim.decision_note) == (ClaimStatus.WITHDRAWN, "信息有误，撤回重报")
