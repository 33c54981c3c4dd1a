"""Dated parameters and catalogue membership, as the engine needs them."""

from collections import defaultdict
from collections.abc import Iterable
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


def parameters_of(schemes: Iterable[Scheme]) -> dict[int, list[Parameter]]:
    """Every dated parameter of the schemes, by scheme id, in one query: the engine's ``parameters_in_force``
    then picks the values of any day (the same as ``parameters_on`` for that day, without a query per day)."""
    by_scheme: dict[int, list[Parameter]] = {scheme.pk: [] for scheme in schemes}
    for row in SubsidyParameter.objects.filter(scheme_id__in=list(by_scheme)).order_by("scheme_id", "key",
                                                                                        "valid_from"):
        by_scheme[row.scheme_id].append(as_parameter(row))
    return by_scheme


MembershipKey = tuple[int, int | None, int]  # occupation id, work type id (None: the occupation as a whole), year


def catalogue_memberships_many(keys: Iterable[MembershipKey]) -> dict[MembershipKey, tuple[Membership, ...]]:
    """``catalogue_memberships`` of many (occupation, work type, year) at once, in one query."""
    keys = set(keys)
    if not keys:
        return {}
    entries = (CatalogueEntry.objects.filter(version__state=CatalogueState.PUBLISHED,
                                             version__year__in={year for _, _, year in keys},
                                             occupation_id__in={occupation for occupation, _, _ in keys})
               .select_related("version").order_by("version__kind", "pk"))
    listed: dict[tuple[int, int], list] = defaultdict(list)
    for entry in entries:
        listed[entry.occupation_id, entry.version.year].append(entry)
    result = {}
    for occupation, work_type, year in keys:
        memberships = []
        for entry in listed.get((occupation, year), ()):
            if entry.work_type_id is not None and entry.work_type_id != work_type:
                continue
            listed_on = entry.effective_from or (timezone.localdate(entry.version.published_at)
                                                 if entry.version.published_at else None)
            memberships.append(Membership(entry.version.kind, entry.version.title, listed_on))
            if entry.version.kind == CatalogueKind.URGENT and entry.subsidy_uplift_pct:
                memberships.append(Membership(CatalogueKind.KEY_SUPPORT, f"{entry.version.title}·重点支持",
                                              listed_on))
        result[occupation, work_type, year] = tuple(memberships)
    return result


def catalogue_memberships(*, occupation, work_type=None, year: int) -> tuple[Membership, ...]:
    """Where the occupation is listed in the catalogues published for ``year``.

    An entry of the urgent catalogue flagged with an uplift counts as the key-support list too (the 17
    重点支持 occupations are picked from the urgent catalogue); the uplift itself comes from the parameters.
    """
    key = (occupation.pk, work_type.pk if work_type is not None else None, year)
    return catalogue_memberships_many([key])[key]
