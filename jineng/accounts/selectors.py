from django.db.models import QuerySet

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation


def organisation_list(*, kinds: list[str] | None = None) -> QuerySet[Organisation]:
    queryset = Organisation.objects.filter(is_active=True).select_related("district")
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    return queryset.order_by("kind", "district__code", "name")


def department_list() -> QuerySet[Organisation]:
    return organisation_list(kinds=[OrganisationKind.PROGRAMME_OFFICE, OrganisationKind.DEPARTMENT])


def district_government_list() -> QuerySet[Organisation]:
    return organisation_list(kinds=[OrganisationKind.DISTRICT])


def organisation_match_index() -> dict[str, Organisation]:
    """Every name and alias an organisation is written as in a plan -> the organisation."""
    index: dict[str, Organisation] = {}
    for organisation in organisation_list():
        for name in [organisation.name, organisation.short_name, *organisation.aliases]:
            if name:
                index[name] = organisation
    return index
