"""Task 37's "有关区政府": the office designates the districts on the task page; they then lead it and report."""

from pathlib import Path

import pytest

from jineng.core.exceptions import DomainError
from jineng.workplan.models import MonthlyReport, Task, TaskUnit
from jineng.workplan.selectors.desk import visible_task_ids
from jineng.workplan.selectors.obligations import obligation_pairs, unit_must_report
from jineng.workplan.services.designation import task_districts_designate
from jineng.workplan.services.plan_import import plan_import_file

pytestmark = pytest.mark.django_db
PLAN_TXT = Path(__file__).resolve().parent / "fixtures" / "plan-2024.txt"


@pytest.fixture
def task_37(plan) -> Task:
    return Task.objects.get(plan=plan, number=37)


def _designate_on_page(client, task, *governments, reason="按产业布局指定"):
    ids = [str(g.organisation_id) for g in governments]
    return client.post(f"/desk/tasks/{task.number}/?year=2024&month=3",
                       {"designate": "1", "districts": ids, "reason": reason})


def test_before_designation_nobody_owes_task_37(task_37):
    assert not [pair for pair in obligation_pairs(plan=task_37.plan) if pair[0] == task_37.pk]


def test_office_designates_on_the_task_page_and_the_districts_then_owe_reports(
    client, task_37, city_officer, pudong_officer, huangpu_officer
):
    client.force_login(city_officer)

    response = _designate_on_page(client, task_37, pudong_officer)

    assert response.status_code == 302
    assert (task_37.pk, pudong_officer.organisation_id) in obligation_pairs(plan=task_37.plan)
    assert unit_must_report(organisation_id=pudong_officer.organisation_id, task=task_37)
    assert not unit_must_report(organisation_id=huangpu_officer.organisation_id, task=task_37)
    assert task_37.pk in visible_task_ids(viewer=pudong_officer, plan=task_37.plan)
    assert task_37.pk not in visible_task_ids(viewer=huangpu_officer, plan=task_37.plan)
    unit = TaskUnit.objects.get(task=task_37, organisation=pudong_officer.organisation)
    entry = unit.history.get()
    assert entry.history_user == city_officer and entry.history_change_reason == "按产业布局指定"
    page = client.get(f"/desk/tasks/{task_37.number}/?year=2024&month=3").content.decode()
    assert "按产业布局指定" in page and pudong_officer.organisation.display_name in page
    client.force_login(pudong_officer)
    assert client.get(f"/desk/tasks/{task_37.number}/?year=2024&month=3").status_code == 200


def test_only_the_office_designates(client, task_37, pudong_officer, rsj_officer):
    client.force_login(rsj_officer)

    response = _designate_on_page(client, task_37, pudong_officer)

    assert response.status_code in (403, 404)
    assert not TaskUnit.objects.filter(task=task_37).exists()
    with pytest.raises(DomainError):
        task_districts_designate(task=task_37, organisation_ids={pudong_officer.organisation_id}, by=rsj_officer)


def test_only_district_governments_and_only_on_a_pending_task(task_37, city_officer, rsj_officer, plan):
    with pytest.raises(DomainError, match="区人民政府"):
        task_districts_designate(task=task_37, organisation_ids={rsj_officer.organisation_id}, by=city_officer)
    with pytest.raises(DomainError, match="无需指定"):
        task_districts_designate(task=Task.objects.get(plan=plan, number=2), organisation_ids=set(), by=city_officer)


def test_designation_survives_a_re_import_and_can_be_withdrawn_until_reported(
    task_37, city_officer, pudong_officer, huangpu_officer
):
    both = {pudong_officer.organisation_id, huangpu_officer.organisation_id}
    task_districts_designate(task=task_37, organisation_ids=both, by=city_officer)

    plan_import_file(path=PLAN_TXT, year=2024, by=None)

    assert set(TaskUnit.objects.filter(task=task_37).values_list("organisation_id", flat=True)) == both
    MonthlyReport.objects.create(task=task_37, organisation=pudong_officer.organisation,
                                 period="2024-03-01", created_by=pudong_officer)
    with pytest.raises(DomainError, match="已报送"):
        task_districts_designate(task=task_37, organisation_ids=set(), by=city_officer)
    added, removed = task_districts_designate(
        task=task_37, organisation_ids={pudong_officer.organisation_id}, by=city_officer, reason="黄浦不涉及"
    )
    assert (added, removed) == (0, 1)
    removal = TaskUnit.history.filter(organisation_id=huangpu_officer.organisation_id, history_type="-").get()
    assert removal.history_user == city_officer and removal.history_change_reason == "黄浦不涉及"
