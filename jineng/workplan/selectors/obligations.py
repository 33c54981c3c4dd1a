"""Who must report on which task: the lead units, and each district with a share of the task's targets."""

from django.db.models import QuerySet

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation
from jineng.workplan.choices import LeadRole, TargetKind
from jineng.workplan.models import DistrictTarget, Indicator, Plan, Task, TaskUnit


def obligation_pairs(*, plan: Plan) -> set[tuple[int, int]]:
    """Every (task_id, organisation_id) that owes a monthly report, in three queries."""
    leads = TaskUnit.objects.filter(task__plan=plan, role=LeadRole.LEAD).values_list("task_id", "organisation_id")
    district_org = dict(
        Organisation.objects.filter(kind=OrganisationKind.DISTRICT).values_list("district_id", "id")
    )
    shares = (DistrictTarget.objects.filter(indicator__task__plan=plan)
              .values_list("indicator__task_id", "district_id").distinct())
    return obligations_from(leads=leads, shares=shares, district_org=district_org)


def obligations_from(*, leads, shares, district_org: dict[int, int]) -> set[tuple[int, int]]:
    """The owing pairs from rows already read: (task, lead organisation) pairs, (task, district) pairs of the
    districts holding a share of the task's targets, and each district's government (district id → organisation id).
    """
    pairs = set(leads)
    for task_id, district_id in shares:
        if district_id in district_org:
            pairs.add((task_id, district_org[district_id]))
    return pairs


def unit_must_report(*, organisation_id: int | None, task: Task) -> bool:
    if organisation_id is None:
        return False
    if TaskUnit.objects.filter(task=task, organisation_id=organisation_id, role=LeadRole.LEAD).exists():
        return True
    return DistrictTarget.objects.filter(
        indicator__task=task, district__organisation__id=organisation_id
    ).exists()


def reportable_indicators(*, task: Task, organisation: Organisation) -> QuerySet[Indicator]:
    """A district reports its own share of split indicators; a department reports city totals."""
    indicators = Indicator.objects.filter(task=task, kind=TargetKind.QUANTITY).order_by("ordinal")
    if organisation.kind == OrganisationKind.DISTRICT:
        return indicators.filter(district_targets__district_id=organisation.district_id)
    return indicators
