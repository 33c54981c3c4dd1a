"""The programme office designates the districts a task's "有关区政府" stands for; they then lead it and owe reports."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.accounts import permissions
from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation
from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError
from jineng.workplan.choices import LeadRole
from jineng.workplan.models import MonthlyReport, Task, TaskUnit
from jineng.workplan.services.plan_import import DESIGNATED_DISTRICTS


def designated_districts(*, task: Task) -> list[Organisation]:
    units = TaskUnit.objects.filter(task=task, role=LeadRole.LEAD, via=DESIGNATED_DISTRICTS)
    return [unit.organisation for unit in units.select_related("organisation").order_by("organisation__name")]


def task_districts_designate(*, task: Task, organisation_ids: set[int], by, reason: str = "") -> tuple[int, int]:
    """Make exactly these district governments the task's designated leads; returns (added, removed).

    A district that has already reported on the task stays designated: its reports would lose their duty.
    """
    if not permissions.user_can(by, permissions.MANAGE_PLAN):
        raise DomainError(_("只有专班办公室可以指定有关区"))
    if not task.designation_pending:
        raise DomainError(_("任务 %(number)s 的牵头单位不含“%(keyword)s”，无需指定")
                          % {"number": task.number, "keyword": DESIGNATED_DISTRICTS})
    governments = Organisation.objects.filter(kind=OrganisationKind.DISTRICT, pk__in=organisation_ids)
    if len(governments) != len(organisation_ids):
        raise DomainError(_("只能指定区人民政府"))
    reason = reason or gettext_noop("指定有关区")
    with transaction.atomic():
        current = {u.organisation_id: u for u in TaskUnit.objects.select_for_update().filter(
            task=task, role=LeadRole.LEAD, via=DESIGNATED_DISTRICTS).select_related("organisation")}
        leaving = [unit for org_id, unit in current.items() if org_id not in organisation_ids]
        reported = {org_id for org_id in MonthlyReport.objects.filter(
            task=task, organisation_id__in=[u.organisation_id for u in leaving]).values_list("organisation_id", flat=True)}
        if reported:
            names = _("、").join(u.organisation.name for u in leaving if u.organisation_id in reported)
            raise DomainError(_("%(names)s已报送过该任务的月度报告，不能取消指定") % {"names": names})
        for unit in leaving:
            unit._history_user, unit._change_reason = by, reason
            unit.delete()
        added = 0
        for government in governments:
            if government.pk not in current:
                unit = TaskUnit(task=task, organisation=government, role=LeadRole.LEAD, via=DESIGNATED_DISTRICTS)
                save_audited(unit, by=by, reason=reason)
                added += 1
    return added, len(leaving)
