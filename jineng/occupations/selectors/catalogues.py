"""Reads of the catalogues: versions, entries, the differences between two versions, what was in force when."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from jineng.occupations.choices import CATALOGUE_TARGETS, PUBLIC_STATES, CatalogueKind, CatalogueState
from jineng.occupations.models import CatalogueEntry, CatalogueVersion

# Fields compared by the diff; occupation, work type and name make up the entry's key, and order is layout.
DIFF_FIELDS = (
    "levels", "industry", "reason", "subsidy_uplift_pct", "residence_policy", "effective_from", "effective_to",
)  # fmt: skip


def catalogue_version_list(
    *, kind: str | None = None, year: int | None = None, published_only: bool = False
) -> QuerySet[CatalogueVersion]:
    """Versions with their entry count, newest year first; ``published_only`` keeps the one in force per year."""
    versions = CatalogueVersion.objects.annotate(entry_count=Count("entries"))
    if kind:
        versions = versions.filter(kind=kind)
    if year:
        versions = versions.filter(year=year)
    if published_only:
        versions = versions.filter(state=CatalogueState.PUBLISHED)
    return versions.order_by("-year", "kind", "-number")


def catalogue_published(*, kind: str, year: int) -> CatalogueVersion | None:
    return CatalogueVersion.objects.filter(kind=kind, year=year, state=CatalogueState.PUBLISHED).first()


def catalogue_version_previous(version: CatalogueVersion, *, public_only: bool) -> CatalogueVersion | None:
    """What to compare a version with: the one it was copied from, else the one numbered before it."""
    candidates = CatalogueVersion.objects.filter(kind=version.kind).exclude(pk=version.pk)
    if public_only:
        candidates = candidates.filter(state__in=PUBLIC_STATES)
    if version.copied_from_id and candidates.filter(pk=version.copied_from_id).exists():
        return version.copied_from
    earlier = Q(year=version.year, number__lt=version.number) | Q(year__lt=version.year)
    return candidates.filter(earlier).order_by("-year", "-number").first()


def catalogue_entries(version: CatalogueVersion) -> QuerySet[CatalogueEntry]:
    return version.entries.select_related("occupation", "work_type", "industry").order_by("order", "pk")


class EntryChange(NamedTuple):
    old: CatalogueEntry
    new: CatalogueEntry
    fields: list[str]


@dataclass(frozen=True)
class CatalogueDiff:
    added: list[CatalogueEntry]
    removed: list[CatalogueEntry]
    changed: list[EntryChange]
    unchanged: int = 0
    field_labels: dict[str, str] = field(default_factory=dict)


def catalogue_diff(old: CatalogueVersion, new: CatalogueVersion) -> CatalogueDiff:
    """Entries matched by key: added to ``new``, removed from ``old``, and changed with the fields that differ."""
    before = {entry.key: entry for entry in catalogue_entries(old)}
    after = {entry.key: entry for entry in catalogue_entries(new)}
    changed = []
    for key in before.keys() & after.keys():
        fields = [name for name in DIFF_FIELDS if _value(before[key], name) != _value(after[key], name)]
        if fields:
            changed.append(EntryChange(before[key], after[key], fields))
    return CatalogueDiff(
        added=[entry for key, entry in after.items() if key not in before],
        removed=[entry for key, entry in before.items() if key not in after],
        changed=sorted(changed, key=lambda change: (change.new.order, change.new.pk)),
        unchanged=len(before.keys() & after.keys()) - len(changed),
        field_labels={name: str(CatalogueEntry._meta.get_field(name).verbose_name) for name in DIFF_FIELDS},
    )


def _value(entry: CatalogueEntry, name: str):
    return getattr(entry, CatalogueEntry._meta.get_field(name).attname)


def catalogue_in_force(*, kind: str, at: datetime, year: int | None = None) -> CatalogueVersion | None:
    """The version that was the published one at ``at``: the last published by then (it may be superseded since).

    Without ``year``, a year's catalogue stays in force into the next year until that year's is published.
    """
    versions = CatalogueVersion.objects.filter(kind=kind, state__in=PUBLIC_STATES, published_at__lte=at)
    versions = versions.filter(year=year) if year else versions.filter(year__lte=timezone.localtime(at).year)
    return versions.order_by("-year", "-published_at").first()


def catalogue_occupation_codes(*, kind: str, on: date) -> set[str]:
    """Occupation codes listed, and effective, on ``on`` in the catalogue in force that day."""
    end_of_day = datetime.combine(on + timedelta(days=1), time.min, tzinfo=timezone.get_default_timezone())
    version = catalogue_in_force(kind=kind, at=end_of_day - timedelta(microseconds=1))
    if version is None:
        return set()
    entries = version.entries.filter(occupation__isnull=False).exclude(effective_from__gt=on).exclude(effective_to__lt=on)
    return set(entries.values_list("occupation__code", flat=True))


def catalogue_counts(*, year: int) -> dict[str, int]:
    """Entries of the published version of each kind for the year (0 where none is published)."""
    counts = dict.fromkeys(CatalogueKind.values, 0)
    for version in catalogue_version_list(year=year, published_only=True):
        counts[version.kind] = version.entry_count
    return counts


def catalogue_entry_count_at(*, kind: str, year: int, month: int) -> int:
    """Entries of the year's catalogue in force at the end of the month (0 before the first publication)."""
    next_month = date(year + month // 12, month % 12 + 1, 1)
    end = datetime.combine(next_month, time.min, tzinfo=timezone.get_default_timezone()) - timedelta(microseconds=1)
    version = catalogue_in_force(kind=kind, at=end, year=year)
    return version.entries.count() if version else 0


@dataclass(frozen=True)
class CatalogueSummary:
    year: int
    kind: str
    kind_label: str
    version: CatalogueVersion | None
    entry_count: int
    target: int | None

    @property
    def reached(self) -> bool:
        return self.target is not None and self.entry_count >= self.target


def catalogue_summaries() -> list[CatalogueSummary]:
    """For each year with a published catalogue, each kind with a target or a published version: that
    version and its entry count against the target (a kind with a target but nothing published shows 0)."""
    published = {(v.year, v.kind): v for v in catalogue_version_list(published_only=True)}
    years = sorted({year for year, _ in published}, reverse=True)
    return [
        CatalogueSummary(
            year=year, kind=kind.value, kind_label=str(kind.label), version=published.get((year, kind.value)),
            entry_count=published[(year, kind.value)].entry_count if (year, kind.value) in published else 0,
            target=CATALOGUE_TARGETS[kind],
        )
        for year in years
        for kind in CatalogueKind
        if CATALOGUE_TARGETS[kind] is not None or (year, kind.value) in published
    ]


def catalogue_kinds_by_occupation(*, year: int) -> dict[int, set[str]]:
    """The kinds of the catalogues published for ``year`` that list each occupation (an urgent entry with an
    uplift counts as the key-support list too, as for the subsidy rules)."""
    kinds: dict[int, set[str]] = {}
    rows = (CatalogueEntry.objects.filter(version__state=CatalogueState.PUBLISHED, version__year=year,
                                          occupation__isnull=False)
            .values_list("occupation_id", "version__kind", "subsidy_uplift_pct").order_by("pk"))
    for occupation_id, kind, uplift in rows:
        kinds.setdefault(occupation_id, set()).add(kind)
        if kind == CatalogueKind.URGENT and uplift:
            kinds[occupation_id].add(CatalogueKind.KEY_SUPPORT)
    return kinds
