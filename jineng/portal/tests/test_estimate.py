from datetime import date

import pytest
from django.test import Client

from jineng.portal.selectors.courses import course_estimate, course_get
from jineng.subsidies.selectors.parameters import scheme_get
from jineng.subsidies.services.quotes import claim_quote


@pytest.mark.parametrize(("category", "scheme"), [("employed", "sh_skill_upgrade"),
                                                  ("unemployed_hukou", "sh_skill_upgrade"),
                                                  ("insured_employee", "ui_skill_upgrade")])
def test_the_estimate_is_the_subsidy_engines_quote(courses, category, scheme):
    project = courses["lathe"]
    entry = course_get(project.pk)

    estimate = course_estimate(entry, category)

    quote = claim_quote(scheme=scheme_get(scheme), occupation=project.occupation, work_type=project.work_type,
                        level=project.level, applicant_category=category, certificate_date=date(2024, 3, 4))
    assert estimate.amount == quote.amount
    assert estimate.versions == quote.versions
    assert estimate.net == max(project.fee - quote.amount, 0)


def test_two_categories_give_two_different_estimates_on_the_page(courses):
    client = Client()
    employed = client.get("/api/v1/portal/courses/", {"q": "车工", "category": "employed"}).json()
    unemployed = client.get("/api/v1/portal/courses/", {"q": "车工", "category": "unemployed_hukou"}).json()

    assert employed["results"][0]["estimate"]["amount"] == "2000.00"  # 2500 × 80 %
    assert unemployed["results"][0]["estimate"]["amount"] == "2500.00"  # 2500 × 100 %
    assert employed["results"][0]["estimate"]["kind"] == "estimate"
    assert employed["results"][0]["estimate"]["rule_versions"]


def test_a_category_the_scheme_refuses_says_why(courses):
    entry = course_get(courses["care"].pk)

    estimate = course_estimate(entry, "ui_recipient")  # 四级 is covered by the UI scheme

    assert estimate.amount is not None
    assert course_estimate(entry, "nobody") is None


def test_a_suspended_institution_stays_visible_with_its_reason(courses, city_officer):
    from jineng.training.services.registry import institution_status_change

    institution_status_change(by=city_officer, institution=courses["pudong"], status="suspended", reason="违规招生")
    from jineng.portal.services.course_index import course_index_refresh

    course_index_refresh(institution_ids=[courses["pudong"].pk])

    page = Client().get(f"/portal/courses/{courses['lathe'].pk}/").content.decode()
    assert "暂停招生" in page and "违规招生" in page
