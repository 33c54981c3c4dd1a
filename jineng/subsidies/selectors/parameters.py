"""Dated parameters and catalogue membership, as the engine needs them."""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from jineng.occupations.choices import CatalogueKind, CatalogueState
from jineng.occupations.models import CatalogueEntry
from jineng.subsidies.engine import Membership, Parameter, parameters_in_force
from jineng.subsidies.models import Scheme, SubsidyParameter


def scheme_list(*, active_only: bool = True):
    schemes = Scheme.objects.all()
    if active_only:
        schemes = schemes.filter(is_active=True)
    return schemes.order_by("family", "code")


def scheme_get(code: str) -> Scheme | None:
    return Scheme.objects.filter(code=code).first()


def parameter_rows(*, scheme: Scheme | None = None):
    rows = SubsidyParameter.objects.select_related("scheme")
    if scheme is not None:
        rows = rows.filter(scheme=scheme)
    return rows.order_by("scheme__family", "scheme__code", "key", "-valid_from")


def as_parameter(row: SubsidyParameter) -> Parameter:
    return Parameter(key=row.key, value=row.value, valid_from=row.valid_from, valid_to=row.valid_to, id=row.pk,
                     source=row.source)


def parameters_on(scheme: Scheme, day: date) -> dict[str, Parameter]:
    """The scheme's parameters in force on ``day`` (of two rows for a key, the later valid_from)."""
    rows = SubsidyParameter.objects.filter(scheme=scheme, valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    return parameters_in_force([as_parameter(row) for row in rows], on=day)


def catalogue_memberships(*, occupation, work_type=None, year: int) -> tuple[Membership, ...]:
    """Where the occupation is listed in the catalogues published for ``year``.

    An entry of the urgent catalogue flagged with an uplift counts as the key-support list too (the 17
    重点支持 occupations are picked from the urgent catalogue); the uplift itself comes from the parameters.
    """
    entries = (CatalogueEntry.objects.filter(version__state=CatalogueState.PUBLISHED, version__year=year,
                                             occupation=occupation)
               .filter(Q(work_type__isnull=True) | Q(work_type=work_type))
               .select_related("version").order_by("version__kind", "pk"))
    memberships = []
    for entry in entries:
        listed_on = entry.effective_from or (timezone.localdate(entry.version.published_at)
                                             if entry.version.published_at else None)
        memberships.append(Membership(entry.version.kind, entry.version.title, listed_on))
        if entry.version.kind == CatalogueKind.URGENT and entry.subsidy_uplift_pct:
            memberships.append(Membership(CatalogueKind.KEY_SUPPORT, f"{entry.version.title}·重点支持", listed_on))
    return tuple(memberships)
