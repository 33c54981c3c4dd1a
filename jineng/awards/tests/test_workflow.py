"""The application path: draft, submission before the deadline, screening by the 主管部门, review without conflicts,
ranking, publicity with objections, the award and its funding."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from jineng.accounts.models import Organisation
from jineng.awards.choices import ApplicationState, CallStatus, ObjectionStatus
from jineng.awards.models import Call
from jineng.awards.services import applications, funding, publicity, reviews
from jineng.awards.tests import factories as f
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(city_officer, pudong_officer, jiaowei_officer):
    employer = f.org("上海甲精密制造有限公司")
    other = f.org("上海乙电气有限公司")
    expert_org = f.org("上海示例技能评价中心（测试）", kind="evaluation_institution")
    w = {"office": city_officer, "pudong": pudong_officer, "jiaowei": jiaowei_officer,
         "unit": Organisation.objects.get(name="浦东新区人民政府"),
         "applicant": f.user("ent-a", employer), "other_applicant": f.user("ent-b", other)}
    w["reviewers"] = [f.reviewer(city_officer, f"expert{i}", expert_org) for i in range(1, 4)]
    w["conflicted"] = f.reviewer(city_officer, "expert-own", employer)
    w["call"] = f.call(city_officer, quota=2)
    return w


def test_the_call_takes_the_amount_and_rules_in_force_on_its_opening_day(world):
    call = world["call"]

    assert (call.amount, call.matching_min, call.funding_months) == (D("100000.00"), D("100000.00"), 36)
    assert call.rule_set.code == "master_studio"


def test_an_ineligible_application_shows_its_reasons_and_cannot_be_submitted(world):
    app = f.application(world["call"], world["applicant"], world["unit"], leader_honours=[],
                        matching_declared=D("80000"))

    assert not app.eligible
    with pytest.raises(DomainError) as refused:
        applications.application_submit(application=app, by=world["applicant"])

    assert "全国技术能手" in str(refused.value) and "100000.00" in str(refused.value)


def test_a_studio_funded_in_an_earlier_round_cannot_apply_again(world):
    office = world["office"]
    old = Call.objects.create(kind="master_studio", year=2022, title="2022 工作室", quota=30, amount=D(1),
                              matching_min=D(1), rule_set=world["call"].rule_set, opens_on=date(2022, 5, 1),
                              deadline=timezone.now(), created_by=office)
    from jineng.awards.models import Application

    Application.objects.create(number="X-1", call=old, employer=world["applicant"].organisation,
                               screening_unit=world["unit"], district=world["unit"].district, title="数控工作室",
                               leader_name="张师傅", state=ApplicationState.AWARDED, created_by=office)

    app = f.application(world["call"], world["applicant"], world["unit"], title="数控工作室")

    assert not app.eligible
    assert [r["code"] for r in app.eligibility if not r["ok"]] == ["not_funded_before"]


def test_submission_after_the_deadline_is_409(world):
    app = f.application(world["call"], world["applicant"], world["unit"])
    Call.objects.filter(pk=world["call"].pk).update(deadline=timezone.now() - timedelta(minutes=1))
    app.refresh_from_db()

    with pytest.raises(InvalidState):
        applications.application_submit(application=app, by=world["applicant"])
    with pytest.raises(InvalidState):
        f.application(app.call, world["other_applicant"], world["unit"])


def test_required_attachments_must_be_uploaded_before_submission(world):
    call = f.call(world["office"], attachments=["application_form"], title="附件测试")
    app = f.application(call, world["applicant"], world["unit"])

    with pytest.raises(DomainError):
        applications.application_submit(application=app, by=world["applicant"])
    with pytest.raises(DomainError):
        applications.attachment_add(application=app, by=world["applicant"], kind="application_form",
                                    upload=f.upload("evil.exe"))
    applications.attachment_add(application=app, by=world["applicant"], kind="application_form", upload=f.upload())
    applications.application_submit(application=app, by=world["applicant"])

    assert app.state == ApplicationState.SUBMITTED


def test_only_the_chosen_screening_unit_screens_and_a_return_goes_back_to_draft(world):
    app = f.application(world["call"], world["applicant"], world["unit"])
    applications.application_submit(application=app, by=world["applicant"])

    with pytest.raises(NotAllowed):
        applications.application_screen(application=app, by=world["jiaowei"])
    with pytest.raises(NotAllowed):
        applications.application_submit(application=app, by=world["other_applicant"])
    applications.application_return(application=app, by=world["pudong"], comment="请补充配套资金证明")

    assert (app.state, app.review_comment) == (ApplicationState.DRAFT, "请补充配套资金证明")
    with pytest.raises(InvalidState):
        applications.application_screen(application=app, by=world["pudong"])


def test_a_reviewer_of_the_applicants_own_organisation_is_refused(world):
    app = f.application(world["call"], world["applicant"], world["unit"])
    applications.application_submit(application=app, by=world["applicant"])
    applications.application_screen(application=app, by=world["pudong"])

    with pytest.raises(DomainError):
        reviews.reviewers_assign(application=app, reviewers=[world["conflicted"]], by=world["office"])
    reviews.reviewers_assign(application=app, reviewers=world["reviewers"][:2], by=world["office"])
    with pytest.raises(DomainError):  # fewer than three reviewers
        reviews.review_start(application=app, by=world["office"])


def test_an_unassigned_reviewer_cannot_score(world, city_officer):
    app = f.application(world["call"], world["applicant"], world["unit"])
    rev = world["reviewers"]
    app = f.through_review(app, world["applicant"], world["pudong"], world["office"], rev[:3],
                           [f.flat(world["call"], 80)] * 3)
    outsider = f.reviewer(city_officer, "expert9", f.org("某评价机构", kind="evaluation_institution"))

    with pytest.raises(NotAllowed):
        reviews.scores_submit(application=app, by=outsider.user, scores=f.flat(world["call"], 90))
    with pytest.raises(DomainError):
        reviews.scores_submit(application=app, by=rev[0].user, scores=f.flat(world["call"], 101))


def test_ranking_publicity_objections_and_awards(world):
    call, office = world["call"], world["office"]
    scored = []
    for i, (name, value) in enumerate((("a", 90), ("b", 80), ("c", 70))):
        applicant = world["applicant"] if i == 0 else f.user(f"ent-{name}{i}", f.org(f"上海{name}有限公司{i}"))
        app = f.application(call, applicant, world["unit"])
        scored.append(f.through_review(app, applicant, world["pudong"], office, world["reviewers"],
                                       [f.flat(call, value)] * 3))

    publicity.call_rank_and_publicise(call=call, by=office, start=timezone.localdate(), days=5)
    for app in scored:
        app.refresh_from_db()

    assert [(a.rank, a.state) for a in scored] == [(1, "publicity"), (2, "publicity"), (3, "not_awarded")]
    with pytest.raises(InvalidState):  # publicity still running
        publicity.award_grant(application=scored[0], by=office)

    objection = publicity.objection_lodge(application=scored[1], by=world["other_applicant"], text="业绩材料不实")
    with pytest.raises(InvalidState):  # not in publicity
        publicity.objection_lodge(application=scored[2], by=world["other_applicant"], text="x")
    publicity.objection_handle(objection=objection, by=office, upheld=True, note="经核实材料不实")
    scored[1].refresh_from_db()

    assert (objection.status, scored[1].state) == (ObjectionStatus.UPHELD, ApplicationState.NOT_AWARDED)

    Call.objects.filter(pk=call.pk).update(publicity_end=timezone.localdate() - timedelta(days=1))
    award = publicity.award_grant(application=scored[0], by=office)
    call.refresh_from_db()

    assert (award.amount, award.period_end - award.period_start > timedelta(days=1000)) == (D("100000.00"), True)
    assert call.status == CallStatus.DECIDED


def test_funding_tracking_and_final_recovery(world):
    call, office = world["call"], world["office"]
    app = f.through_review(f.application(call, world["applicant"], world["unit"]), world["applicant"],
                           world["pudong"], office, world["reviewers"], [f.flat(call, 85)] * 3)
    f.publicise_and_award(call, office)
    award = app.__class__.objects.get(pk=app.pk).award
    start = award.period_start

    matching = funding.matching_add(award=award, by=world["applicant"], amount="100000", recorded_on=start,
                                    evidence="银行回单 2024-001")
    funding.matching_verify(matching=matching, by=office)
    funding.spending_add(award=award, by=world["applicant"], category="equipment", source="grant", amount="60000",
                         spent_on=start + timedelta(days=30))
    funding.spending_add(award=award, by=world["applicant"], category="other", source="grant", amount="5000",
                         spent_on=start + timedelta(days=40))
    with pytest.raises(NotAllowed):
        funding.spending_add(award=award, by=world["other_applicant"], category="equipment", source="grant",
                             amount="1", spent_on=start)
    with pytest.raises(DomainError):
        funding.spending_add(award=award, by=world["applicant"], category="equipment", source="grant",
                             amount="-1", spent_on=start)
    with pytest.raises(InvalidState):
        funding.assessment_record(award=award, by=office, kind="final", result="pass", assessed_on=start)
    mid = funding.assessment_record(award=award, by=office, kind="mid_term", result="pass",
                                    assessed_on=start + timedelta(days=500))
    final = funding.assessment_record(award=award, by=office, kind="final", result="pass",
                                      assessed_on=award.period_end)

    assert (mid.recovery, final.recovery) == (D("5000.00"), D("40000.00"))  # misused; then + unspent 35,000
    assert funding.award_position(award).matching_shortfall == D("0.00")
    with pytest.raises(InvalidState):
        funding.spending_add(award=award, by=world["applicant"], category="equipment", source="grant",
                             amount="1", spent_on=start)
