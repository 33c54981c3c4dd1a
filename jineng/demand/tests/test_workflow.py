from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from jineng.core.exceptions import DomainError, InvalidState
from jineng.demand.choices import ReportState
from jineng.demand.models import DemandLine, DemandReport
from jineng.demand.services import reports as services
from jineng.demand.tests import factories
from jineng.occupations.choices import SkillLevel

pytestmark = pytest.mark.django_db

LINE = dict(occupation="6-25-02-05", work_type="", level=SkillLevel.L3, headcount=4, urgency=3,
            vacancy_months=Decimal("2.5"), applicants_per_vacancy=Decimal("0.5"), offered_monthly_pay=Decimal("12000"),
            expected_hire_date=None, reason="新产线")


@pytest.fixture
def draft(open_campaign, chip_hr):
    report = services.demand_report_open(campaign=open_campaign, by=chip_hr)
    services.demand_line_add(report=report, by=chip_hr, **LINE)
    return report


def test_submit_return_resubmit_accept_records_who_when_and_why(draft, chip_hr, jxw_officer, city_officer):
    report = services.demand_report_submit(report=draft, by=chip_hr)
    first_at = report.first_submitted_at
    assert report.state == ReportState.SUBMITTED

    report = services.demand_report_return(report=report, by=jxw_officer, comment="月薪请按税前填写")
    assert (report.state, report.review_comment, report.reviewed_by) == (ReportState.RETURNED, "月薪请按税前填写", jxw_officer)

    line = report.lines.get()
    services.demand_line_update(line=line, by=chip_hr, **(LINE | {"offered_monthly_pay": Decimal("14000")}))
    report = services.demand_report_submit(report=report, by=chip_hr)
    assert report.state == ReportState.SUBMITTED and report.first_submitted_at == first_at

    report = services.demand_report_accept(report=report, by=city_officer)
    assert report.state == ReportState.ACCEPTED
    reasons = list(report.history.order_by("history_date", "history_id").values_list("history_change_reason", flat=True))
    assert reasons == ["新建需求填报", "提交", "退回：月薪请按税前填写", "重新提交", "采纳"]


def test_refuses_to_submit_an_empty_report(open_campaign, chip_hr):
    report = services.demand_report_open(campaign=open_campaign, by=chip_hr)

    with pytest.raises(DomainError, match="没有需求明细"):
        services.demand_report_submit(report=report, by=chip_hr)


def test_submits_only_within_the_campaign_dates(draft, chip_hr):
    campaign = draft.campaign
    with pytest.raises(DomainError, match="填报时间为"):
        services.demand_report_submit(report=draft, by=chip_hr, today=campaign.opens_on - timedelta(days=1))
    with pytest.raises(DomainError, match="截止"):
        services.demand_report_submit(report=draft, by=chip_hr, today=campaign.closes_on + timedelta(days=1))

    assert services.demand_report_submit(report=draft, by=chip_hr, today=campaign.closes_on).state == ReportState.SUBMITTED


def test_a_returned_report_may_be_resubmitted_after_the_closing_date(draft, chip_hr, jxw_officer):
    services.demand_report_submit(report=draft, by=chip_hr)
    services.demand_report_return(report=draft, by=jxw_officer, comment="补充原因")
    later = draft.campaign.closes_on + timedelta(days=5)

    assert services.demand_report_submit(report=draft, by=chip_hr, today=later).state == ReportState.SUBMITTED


def test_return_needs_a_comment(draft, chip_hr, jxw_officer):
    services.demand_report_submit(report=draft, by=chip_hr)

    with pytest.raises(DomainError, match="退回意见"):
        services.demand_report_return(report=draft, by=jxw_officer, comment="  ")


def test_only_the_industrys_department_or_the_office_reviews(draft, chip_hr, mzj_officer, rsj_officer, leader, care_hr):
    services.demand_report_submit(report=draft, by=chip_hr)

    for outsider in (mzj_officer, rsj_officer, leader, care_hr, chip_hr):
        with pytest.raises(DomainError, match="审核部门或专班办公室"):
            services.demand_report_accept(report=draft, by=outsider)
    assert DemandReport.objects.get(pk=draft.pk).state == ReportState.SUBMITTED


def test_drafts_and_accepted_reports_cannot_be_reviewed_or_edited(draft, chip_hr, city_officer):
    with pytest.raises(DomainError, match="只能审核已提交"):
        services.demand_report_accept(report=draft, by=city_officer)
    services.demand_report_submit(report=draft, by=chip_hr)
    services.demand_report_accept(report=draft, by=city_officer)

    with pytest.raises(DomainError, match="不能修改"):
        services.demand_line_add(report=draft, by=chip_hr, **(LINE | {"level": SkillLevel.L2}))
    with pytest.raises(DomainError, match="不能修改"):
        services.demand_line_remove(line=draft.lines.get(), by=chip_hr)


def test_other_enterprises_and_officers_cannot_edit(draft, care_hr, city_officer):
    for outsider in (care_hr, city_officer):
        with pytest.raises(DomainError, match="本单位"):
            services.demand_line_add(report=draft, by=outsider, **(LINE | {"level": SkillLevel.L2}))


def test_only_enterprises_in_the_campaigns_industries_open_reports(chip_hr, enterprise_hr):
    campaign = factories.campaign(industries=("ELDER",))

    with pytest.raises(DomainError, match="不在其中"):
        services.demand_report_open(campaign=campaign, by=chip_hr)
    with pytest.raises(DomainError, match="尚未登记"):
        services.demand_report_open(campaign=campaign, by=enterprise_hr)


def test_opening_twice_gives_the_same_report_and_closed_campaigns_refuse_new_ones(open_campaign, chip_hr, care_hr):
    assert services.demand_report_open(campaign=open_campaign, by=chip_hr) == services.demand_report_open(
        campaign=open_campaign, by=chip_hr)
    closed = factories.campaign(opens_on=timezone.localdate() - timedelta(days=30),
                                closes_on=timezone.localdate() - timedelta(days=1))

    with pytest.raises(DomainError, match="已于"):
        services.demand_report_open(campaign=closed, by=care_hr)


def test_line_rules_name_the_field(draft, chip_hr):
    with pytest.raises(DomainError) as error:
        services.demand_line_add(report=draft, by=chip_hr, **(LINE | {"occupation": "6-99-99-99", "headcount": 0}))
    assert "“职业编码”" in str(error.value) and "“需求人数”" in str(error.value)

    with pytest.raises(DomainError, match="职业、工种和技能等级都相同"):
        services.demand_line_add(report=draft, by=chip_hr, **LINE)


def test_database_refuses_negative_numbers_and_zero_headcount(draft):
    line = draft.lines.get()
    for field, value in (("headcount", 0), ("vacancy_months", Decimal("-1")), ("offered_monthly_pay", Decimal("-0.01"))):
        with pytest.raises(IntegrityError), transaction.atomic():
            DemandLine.objects.filter(pk=line.pk).update(**{field: value})


def test_database_refuses_a_second_line_with_the_same_key_even_without_work_type(draft):
    line = draft.lines.get()
    line.pk = None

    with pytest.raises(IntegrityError):
        line.save()


def test_reviewing_or_resubmitting_in_the_wrong_state_is_refused_as_such(draft, chip_hr, city_officer):
    with pytest.raises(InvalidState, match="只能审核已提交的填报"):
        services.demand_report_return(report=draft, by=city_officer, comment="请补充")
    accepted = services.demand_report_accept(report=services.demand_report_submit(report=draft, by=chip_hr),
                                             by=city_officer)

    with pytest.raises(InvalidState):
        services.demand_report_accept(report=accepted, by=city_officer)
    with pytest.raises(InvalidState):
        services.demand_report_submit(report=accepted, by=chip_hr)
    assert accepted.history.filter(state=ReportState.ACCEPTED).count() == 1


def test_api_answers_409_when_accepting_a_report_twice(client, draft, chip_hr, city_officer):
    services.demand_report_submit(report=draft, by=chip_hr)
    client.force_login(city_officer)

    first = client.post(f"/api/v1/demand/reports/{draft.pk}/accept/", {}, content_type="application/json")
    second = client.post(f"/api/v1/demand/reports/{draft.pk}/accept/", {}, content_type="application/json")

    assert first.status_code == 200 and first.json()["state"] == "accepted"
    assert (second.status_code, second.json()["code"]) == (409, "invalid_state")
