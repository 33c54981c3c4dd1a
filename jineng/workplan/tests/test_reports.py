from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.workplan.choices import ReportState
from jineng.workplan.models import MonthlyReport, Task
from jineng.workplan.services import reports as services

pytestmark = pytest.mark.django_db


def _task(plan, number):
    return Task.objects.get(plan=plan, number=number)


def _filled(plan, month, user, number=2):
    task = _task(plan, number)
    report = services.report_open(task=task, period=month, by=user)
    values = {i.pk: "1000" for i in task.indicators.filter(kind="quantity")}
    return services.report_save(report=report, by=user, progress_status="on_track", narrative="按计划推进", values=values)


def test_department_drafts_submits_and_office_accepts(open_plan, this_month, rsj_officer, city_officer):
    report = _filled(open_plan, this_month, rsj_officer)

    report = services.report_submit(report=report, by=rsj_officer)
    assert report.state == ReportState.SUBMITTED
    assert report.first_submitted_at is not None

    report = services.report_accept(report=report, by=city_officer, comment="同意")
    assert report.state == ReportState.ACCEPTED
    assert report.reviewed_by == city_officer


def test_returned_report_is_edited_and_resubmitted_keeping_first_submission(open_plan, this_month, rsj_officer, city_officer):
    report = services.report_submit(report=_filled(open_plan, this_month, rsj_officer), by=rsj_officer)
    first = report.first_submitted_at

    report = services.report_return(report=report, by=city_officer, comment="请补充区级数据")
    assert report.state == ReportState.RETURNED
    report = services.report_save(report=report, by=rsj_officer, progress_status="at_risk", narrative="已补充", values={})
    report = services.report_submit(report=report, by=rsj_officer)

    assert report.state == ReportState.SUBMITTED
    assert report.first_submitted_at == first
    reasons = list(report.history.values_list("history_change_reason", flat=True))
    assert "重新报送" in reasons and any(r.startswith("退回") for r in reasons)


def test_return_requires_a_comment(open_plan, this_month, rsj_officer, city_officer):
    report = services.report_submit(report=_filled(open_plan, this_month, rsj_officer), by=rsj_officer)

    with pytest.raises(DomainError, match="退回意见"):
        services.report_return(report=report, by=city_officer, comment="  ")


def test_rejects_review_by_anyone_but_the_programme_office(open_plan, this_month, rsj_officer, leader):
    report = services.report_submit(report=_filled(open_plan, this_month, rsj_officer), by=rsj_officer)

    with pytest.raises(DomainError, match="专班办公室"):
        services.report_accept(report=report, by=leader)
    with pytest.raises(DomainError, match="专班办公室"):
        services.report_accept(report=report, by=rsj_officer)


def test_rejects_submission_without_narrative_or_values(open_plan, this_month, rsj_officer):
    report = services.report_open(task=_task(open_plan, 2), period=this_month, by=rsj_officer)

    with pytest.raises(DomainError, match="进展情况") as error:
        services.report_submit(report=report, by=rsj_officer)
    assert "累计完成值" in str(error.value)


def test_rejects_negative_and_non_numeric_values(open_plan, this_month, rsj_officer):
    task = _task(open_plan, 2)
    report = services.report_open(task=task, period=this_month, by=rsj_officer)
    indicator = task.indicators.filter(kind="quantity").first()

    with pytest.raises(DomainError, match="不能为负数"):
        services.report_save(report=report, by=rsj_officer, progress_status="on_track", values={indicator.pk: "-5"})
    with pytest.raises(DomainError, match="不是数字"):
        services.report_save(report=report, by=rsj_officer, progress_status="on_track", values={indicator.pk: "abc"})
    assert not report.values.exists()


def test_rejects_a_unit_that_does_not_lead_the_task(open_plan, this_month, jiaowei_officer):
    with pytest.raises(DomainError, match="不是该任务的责任单位"):
        services.report_open(task=_task(open_plan, 2), period=this_month, by=jiaowei_officer)


def test_district_reports_only_its_split_indicators(open_plan, this_month, pudong_officer, city_officer):
    from jineng.workplan.services.targets import district_targets_set

    task = _task(open_plan, 2)
    indicator = task.indicators.get(ordinal=1)
    district_targets_set(indicator=indicator, values={"310115": Decimal(90000)}, by=city_officer)

    report = services.report_open(task=task, period=this_month, by=pudong_officer)
    services.report_save(report=report, by=pudong_officer, progress_status="on_track", narrative="浦东推进",
                         values={indicator.pk: "5000"})

    other = task.indicators.get(ordinal=2)
    with pytest.raises(DomainError, match="填报范围"):
        services.report_save(report=report, by=pudong_officer, progress_status="on_track", values={other.pk: "1"})


def test_period_locks_after_deadline_until_office_reopens(plan, rsj_officer, city_officer):
    task = _task(plan, 2)
    period = date(2024, 11, 1)

    with pytest.raises(DomainError, match="已截止"):
        services.report_open(task=task, period=period, by=rsj_officer)

    services.period_reopen(plan=plan, organisation=rsj_officer.organisation, period=period,
                           until_at=timezone.now() + timedelta(days=3), reason="系统故障补报", by=city_officer)
    report = services.report_open(task=task, period=period, by=rsj_officer)
    assert report.state == ReportState.DRAFT


def test_reopening_is_for_one_unit_only(plan, rsj_officer, city_officer, pudong_officer):
    period = date(2024, 11, 1)
    services.period_reopen(plan=plan, organisation=pudong_officer.organisation, period=period,
                           until_at=timezone.now() + timedelta(days=3), reason="补报", by=city_officer)

    with pytest.raises(DomainError, match="已截止"):
        services.report_open(task=_task(plan, 2), period=period, by=rsj_officer)


def test_rejects_future_months(open_plan, rsj_officer, this_month):
    if this_month.month == 12:
        pytest.skip("no later month in this plan year")
    future = this_month.replace(month=this_month.month + 1)

    with pytest.raises(DomainError, match="尚未开始"):
        services.report_open(task=_task(open_plan, 2), period=future, by=rsj_officer)


def test_accepted_report_can_no_longer_be_edited(open_plan, this_month, rsj_officer, city_officer):
    report = services.report_submit(report=_filled(open_plan, this_month, rsj_officer), by=rsj_officer)
    services.report_accept(report=report, by=city_officer)

    with pytest.raises(DomainError, match="不能修改"):
        services.report_save(report=MonthlyReport.objects.get(pk=report.pk), by=rsj_officer, progress_status="done")


def test_attachment_type_and_size_are_checked(open_plan, this_month, rsj_officer, settings):
    report = _filled(open_plan, this_month, rsj_officer)
    settings.JINENG_MAX_UPLOAD_BYTES = 100

    with pytest.raises(DomainError, match="类型不支持"):
        services.report_attachment_add(report=report, upload=SimpleUploadedFile("x.exe", b"MZ"), by=rsj_officer)
    with pytest.raises(DomainError, match="过大"):
        services.report_attachment_add(report=report, upload=SimpleUploadedFile("big.pdf", b"x" * 200), by=rsj_officer)
    attachment = services.report_attachment_add(report=report, upload=SimpleUploadedFile("ok.pdf", b"%PDF"), by=rsj_officer)
    assert attachment.size == 4


def test_reviewing_a_report_that_is_not_submitted_is_a_wrong_state(open_plan, this_month, rsj_officer, city_officer):
    draft = _filled(open_plan, this_month, rsj_officer)

    with pytest.raises(InvalidState, match="只能审核已报送的报告"):
        services.report_accept(report=draft, by=city_officer)
    accepted = services.report_accept(report=services.report_submit(report=draft, by=rsj_officer), by=city_officer)
    with pytest.raises(InvalidState):
        services.report_return(report=accepted, by=city_officer, comment="再改")
    with pytest.raises(InvalidState):
        services.report_submit(report=accepted, by=rsj_officer)

    assert MonthlyReport.objects.get(pk=draft.pk).state == ReportState.ACCEPTED


def test_another_unit_cannot_submit_the_report(open_plan, this_month, rsj_officer, jiaowei_officer):
    draft = _filled(open_plan, this_month, rsj_officer)

    with pytest.raises(NotAllowed, match="本单位"):
        services.report_submit(report=draft, by=jiaowei_officer)


def test_the_review_partial_offers_the_office_accept_and_return_only_while_submitted(
        client, open_plan, this_month, rsj_officer, city_officer):
    from django.urls import reverse

    report = services.report_submit(report=_filled(open_plan, this_month, rsj_officer), by=rsj_officer)
    client.force_login(city_officer)
    page = client.get(reverse("workplan:report", args=[report.pk]))
    client.force_login(rsj_officer)
    own = client.get(reverse("workplan:report", args=[report.pk]))

    assert [a.name for a in page.context["review"].actions] == ["accept", "return"]
    assert own.context["review"].actions == []
    assert [e.target_label for e in own.context["review"].history] == ["草稿", "已报送"]
