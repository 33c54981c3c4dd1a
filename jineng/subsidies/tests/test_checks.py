"""Every automatic check and duplicate rule, through claim_submit on real records."""

from datetime import date
from decimal import Decimal

import pytest

from jineng.core.exceptions import DomainError
from jineng.occupations.choices import CatalogueKind
from jineng.subsidies.choices import ClaimStatus
from jineng.subsidies.models import Claim
from jineng.subsidies.services import claims as claim_services
from jineng.subsidies.tests import factories
from jineng.training.tests import factories as training

pytestmark = pytest.mark.django_db


def test_passes_a_first_claim_into_review_with_its_amount_and_checks():
    claim = factories.submitted(factories.certified())

    assert claim.status == ClaimStatus.IN_REVIEW
    assert claim.amount == Decimal("2000.00")
    assert all(check["passed"] for check in claim.trace["checks"])
    assert claim.number.startswith("BT2025-15-")


def test_rejects_claim_for_same_occupation_work_type_and_level_twice_across_schemes():
    first = factories.certified()
    factories.submitted(first)
    again = factories.certified(who=first.person)

    claim = factories.submitted(again, category="insured_employee", scheme_code="ui_skill_upgrade")

    assert claim.status == ClaimStatus.CHECK_FAILED
    assert "同一职业（工种）同一等级只能享受一次" in claim.check_failures[0]
    assert claim.amount == 0


def test_refusal_names_the_year_not_another_claimants_claim_number():
    first = factories.certified()
    prior = factories.submitted(first)

    claim = factories.submitted(factories.certified(who=first.person))

    assert prior.number not in claim.check_failures[0]
    assert f"{prior.period_year} 年度" in claim.check_failures[0]


def test_rejects_lower_level_after_a_higher_one_of_the_same_occupation():
    higher = factories.certified(level=4)
    factories.submitted(higher)
    lower = factories.certified(level=3, who=higher.person)

    claim = factories.submitted(lower)

    assert claim.status == ClaimStatus.CHECK_FAILED
    assert any("不再补贴较低" in reason for reason in claim.check_failures)


def test_accepts_the_same_level_of_a_different_work_type_of_the_same_occupation():
    first = factories.certified(work_type="普通车工")
    factories.submitted(first)
    other = factories.certified(work_type="数控车工", who=first.person)

    assert factories.submitted(other).status == ClaimStatus.IN_REVIEW


def test_rejects_claim_beyond_the_yearly_cap_in_force_on_the_certificate_date():
    first = factories.certified(code="6-18-01-01", certificate_date=date(2025, 2, 1))
    factories.submitted(first, category="insured_employee", scheme_code="ui_skill_upgrade")
    second = factories.certified(code="6-18-01-02", who=first.person, certificate_date=date(2025, 3, 1))

    claim = factories.submitted(second, category="insured_employee", scheme_code="ui_skill_upgrade")

    assert claim.status == ClaimStatus.CHECK_FAILED
    assert any("每人每年最多 1 次" in reason for reason in claim.check_failures)


def test_allows_two_more_claims_a_year_for_urgent_catalogue_occupations_from_2025():
    factories.catalogue(CatalogueKind.URGENT, codes=("6-18-01-02",))
    first = factories.certified(code="6-18-01-01", certificate_date=date(2025, 2, 1))
    factories.submitted(first, category="insured_employee", scheme_code="ui_skill_upgrade")
    urgent = factories.certified(code="6-18-01-02", who=first.person, certificate_date=date(2025, 3, 1))

    claim = factories.submitted(urgent, category="insured_employee", scheme_code="ui_skill_upgrade")

    assert claim.status == ClaimStatus.IN_REVIEW


def test_allowed_three_claims_a_year_until_end_of_2024():
    first = factories.certified(code="6-18-01-01", certificate_date=date(2024, 2, 1))
    factories.submitted(first, category="insured_employee", scheme_code="ui_skill_upgrade",
                        submitted_at=factories.shanghai(date(2024, 3, 1)))
    second = factories.certified(code="6-18-01-02", who=first.person, certificate_date=date(2024, 3, 1))

    claim = factories.submitted(second, category="insured_employee", scheme_code="ui_skill_upgrade",
                                submitted_at=factories.shanghai(date(2024, 4, 1)))

    assert claim.status == ClaimStatus.IN_REVIEW


def test_rejects_skill_claim_on_a_course_already_funded_by_enterprise_training(enterprise_hr):
    enrolment = factories.certified()
    factories.employ(enterprise_hr.organisation, enrolment)
    claim_services.claim_submit(by=enterprise_hr, scheme=factories.scheme("ent_training"), enrolment=enrolment,
                                applicant_category="employed", submitted_at=factories.shanghai(date(2025, 3, 2)))

    claim = factories.submitted(enrolment)

    assert claim.status == ClaimStatus.CHECK_FAILED
    assert any("不得就同一培训重复享受" in reason for reason in claim.check_failures)


def test_rejects_claim_submitted_after_the_deadline_of_twelve_months():
    enrolment = factories.certified(certificate_date=date(2024, 1, 15))

    claim = factories.submitted(enrolment, submitted_at=factories.shanghai(date(2025, 1, 16)))

    assert claim.status == ClaimStatus.CHECK_FAILED
    assert any("2025-01-15 前" in reason for reason in claim.check_failures)


def test_accepts_claim_submitted_on_the_last_day_of_the_deadline():
    enrolment = factories.certified(certificate_date=date(2024, 1, 15))

    assert factories.submitted(enrolment, submitted_at=factories.shanghai(date(2025, 1, 15))).status == ClaimStatus.IN_REVIEW


def test_rejects_special_competence_certificate_issued_before_its_catalogue_item_was_published():
    factories.catalogue(CatalogueKind.SPECIAL, codes=("4-04-05-05",), published_on=date(2025, 3, 10))
    enrolment = factories.certified(code="4-04-05-05", level=None, certificate_date=date(2025, 3, 1))

    claim = factories.submitted(enrolment)

    assert claim.status == ClaimStatus.CHECK_FAILED
    assert any("早于该专项职业能力项目列入目录" in reason for reason in claim.check_failures)


def test_rejects_a_second_claim_of_a_vocational_school_graduate():
    first = factories.certified(code="6-18-01-01")
    factories.submitted(first, category="vocational_graduate")
    second = factories.certified(code="6-18-01-02", who=first.person)

    claim = factories.submitted(second, category="vocational_graduate")

    assert claim.status == ClaimStatus.CHECK_FAILED
    assert any("只能享受一次" in reason for reason in claim.check_failures)


def test_withdrawn_claim_frees_its_place_for_a_new_claim():
    enrolment = factories.certified()
    first = factories.submitted(enrolment)
    claim_services.claim_withdraw(claim=first, by=factories.institution_user_for(enrolment))

    assert factories.submitted(enrolment).status == ClaimStatus.IN_REVIEW


def test_turns_a_race_past_the_checks_into_the_chinese_duplicate_message(monkeypatch):
    enrolment = factories.certified()
    factories.submitted(enrolment)
    other_record = factories.certified(who=enrolment.person)
    monkeypatch.setattr(claim_services, "claim_checks", lambda facts, parameters: ())

    with pytest.raises(DomainError, match="不能重复申请"):
        factories.submitted(other_record)

    assert Claim.objects.filter(person=enrolment.person, status__in=[ClaimStatus.IN_REVIEW]).count() == 1


def test_institution_cannot_claim_for_another_institutions_trainee():
    enrolment = factories.certified()
    stranger = training.institution_user(training.institution())

    with pytest.raises(claim_services.NotAllowed):
        factories.submitted(enrolment, by=stranger)


def test_refuses_enrolment_without_certificate_for_a_certificate_scheme():
    klass = training.training_class(training.project(training.institution(), code="6-18-01-01"))
    failed = training.enrolment(klass, passed=False)

    with pytest.raises(DomainError, match="没有合格证书"):
        factories.submitted(failed)
