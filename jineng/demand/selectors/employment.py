"""Reads of employment records: an enterprise's own staff, and the record that covers a period."""

from datetime import date

from django.db.models import Q, QuerySet

from jineng.demand.models import Employment, EnterpriseProfile


def covers(start: date, end: date | None, period_start: date, period_end: date) -> bool:
    """Employed from ``start`` to ``end`` (open: still employed) for the whole of the period."""
    return start <= period_start and (end is None or end >= period_end)


def employment_covering(*, enterprise_id: int, person_id: int, start_date: date, end_date: date) -> Employment | None:
    """The enterprise's record of the person that spans the period, the longest-standing first."""
    return (Employment.objects.filter(enterprise_id=enterprise_id, person_id=person_id, start_date__lte=start_date)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=end_date))
            .order_by("start_date", "pk").first())


def enterprise_profile_of(user) -> EnterpriseProfile | None:
    """The enterprise profile of an enterprise user's organisation (None for anyone else)."""
    organisation_id = getattr(user, "organisation_id", None)
    if not organisation_id or getattr(user.organisation, "kind", "") != "enterprise":
        return None
    return EnterpriseProfile.objects.filter(organisation_id=organisation_id).first()


def employee_person_ids(*, organisation_id: int | None) -> QuerySet:
    """Ids of everyone the enterprise (by its organisation) has a record of, for filtering other records."""
    return Employment.objects.filter(enterprise__organisation_id=organisation_id).values("person_id")


def employment_list(*, viewer, enterprise: EnterpriseProfile, query: str = "") -> QuerySet:
    records = Employment.objects.visible_to(viewer).filter(enterprise=enterprise).select_related("person")
    if query:
        records = records.filter(person__name__icontains=query)
    return records.order_by("person__name", "person_id", "-start_date")
