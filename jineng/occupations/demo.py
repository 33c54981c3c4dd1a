"""Demo catalogues for 2024, read from jineng/occupations/data/demo/, written through the catalogue services.

The urgent catalogue is published twice — 90 entries in March, 100 in September, with occupations added,
removed and re-levelled — so that the diff has something to show; a new-skill catalogue of 30 projects and a
special-competence catalogue of 20 items are published in between, and a 2025 urgent draft is copied from
2024. Each catalogue is built only if its kind and year have no version yet, so a second run changes nothing.
The services stamp "now"; the demo then dates each step back into 2024, as the work-plan demo does.
"""

import csv
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction

from jineng.occupations import services
from jineng.occupations.choices import CatalogueKind, SkillLevel
from jineng.occupations.models import CatalogueEntry, CatalogueVersion, Industry, Occupation
from jineng.occupations.selectors import catalogue_counts, catalogue_entries, catalogue_published

DATA = Path(__file__).resolve().parent / "data" / "demo"
SHANGHAI = ZoneInfo("Asia/Shanghai")
KEY_SUPPORT_UPLIFT = Decimal("30.00")
LEVELS = {"五级": SkillLevel.L5, "四级": SkillLevel.L4, "三级": SkillLevel.L3, "二级": SkillLevel.L2, "一级": SkillLevel.L1}


@dataclass(frozen=True)
class CatalogueDemoResult:
    published: dict[str, int]  # kind -> entries in the year's published version
    versions_created: int

    def labelled(self) -> dict[str, int]:
        counts = {f"{CatalogueKind(kind).label}条目": n for kind, n in self.published.items() if n}
        return counts | {"本次新建目录版本": self.versions_created}


def _at(month: int, day: int, year: int = 2024) -> datetime:
    return datetime(year, month, day, 10, 0, tzinfo=SHANGHAI)


def catalogue_demo_seed(*, by, year: int = 2024) -> CatalogueDemoResult:
    """``by`` must be a programme-office user (the services check it)."""
    before = CatalogueVersion.objects.count()
    with transaction.atomic():
        if not _exists(CatalogueKind.URGENT, year):
            _urgent(by, year)
        if not _exists(CatalogueKind.NEW_SKILL, year):
            _named(by, year, CatalogueKind.NEW_SKILL, "catalogue-new-skill-2024.csv", _at(3, 1, year), _at(4, 10, year))
        if not _exists(CatalogueKind.SPECIAL, year):
            _named(by, year, CatalogueKind.SPECIAL, "catalogue-special-2024.csv", _at(5, 6, year), _at(6, 18, year))
        published = catalogue_published(kind=CatalogueKind.URGENT, year=year)
        if published and not _exists(CatalogueKind.URGENT, year + 1):
            draft = services.catalogue_version_create(kind=CatalogueKind.URGENT, year=year + 1, by=by, copy_from=published,
                                                      note="以上年度目录为基础，待各区、各部门需求填报后调整")
            _backdate(draft, created=_at(11, 15, year))
    return CatalogueDemoResult(published=catalogue_counts(year=year),
                               versions_created=CatalogueVersion.objects.count() - before)


def _exists(kind: str, year: int) -> bool:
    return CatalogueVersion.objects.filter(kind=kind, year=year).exists()


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA / filename).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _levels(text: str) -> list[int]:
    return [LEVELS[part] for part in text.split("|") if part]


def _urgent(by, year: int) -> None:
    rows = _rows("catalogue-urgent-2024.csv")
    occupations = {o.code: o for o in Occupation.objects.filter(classification="2022", code__in=[r["code"] for r in rows])}
    industries = {i.code: i for i in Industry.objects.all()}

    march = services.catalogue_version_create(kind=CatalogueKind.URGENT, year=year, by=by,
                                              note="依据 2023 年第四季度企业需求填报和重点产业调研确定")
    for row in rows:
        if row["in_march"] == "1":
            services.catalogue_entry_add(
                version=march, by=by, occupation=occupations[row["code"]], industry=industries[row["industry"]],
                levels=_levels(row["levels"]), reason=row["reason"], **_key_support(row["key_support"] == "1"),
            )
    _publish(march, by, created=_at(2, 20, year), submitted=_at(3, 8, year), published=_at(3, 15, year))

    september = services.catalogue_version_create(kind=CatalogueKind.URGENT, year=year, by=by, copy_from=march,
                                                  note="根据上半年需求填报结果调整：新增 15 项，调出 5 项")
    _september_changes(september, rows, occupations, industries, by)
    _publish(september, by, created=_at(8, 12, year), submitted=_at(9, 5, year), published=_at(9, 20, year))


def _key_support(flag: bool) -> dict:
    return {"subsidy_uplift_pct": KEY_SUPPORT_UPLIFT if flag else None, "residence_policy": flag}


def _september_changes(version: CatalogueVersion, rows, occupations, industries, by) -> None:
    entries = {entry.occupation.code: entry for entry in catalogue_entries(version)}
    for row in rows:
        entry = entries.get(row["code"])
        if row["in_september"] == "0":
            services.catalogue_entry_remove(entry=entry, by=by)
        elif entry is None:
            services.catalogue_entry_add(
                version=version, by=by, occupation=occupations[row["code"]], industry=industries[row["industry"]],
                levels=_levels(row["september_levels"] or row["levels"]), reason=row["reason"],
                **_key_support(row["key_support"] == "1"),
            )
        elif row["september_levels"] or row["september_key_support"]:
            changes = {"levels": _levels(row["september_levels"])} if row["september_levels"] else {}
            if row["september_key_support"]:
                changes |= _key_support(row["september_key_support"] == "1")
            services.catalogue_entry_update(entry=entry, by=by, **changes)


def _named(by, year: int, kind: str, filename: str, created: datetime, published: datetime) -> None:
    rows = _rows(filename)
    occupations = {o.code: o for o in Occupation.objects.filter(classification="2022", code__in=[r["code"] for r in rows])}
    industries = {i.code: i for i in Industry.objects.all()}
    version = services.catalogue_version_create(kind=kind, year=year, by=by)
    for row in rows:
        services.catalogue_entry_add(
            version=version, by=by, name=row["name"], occupation=occupations.get(row["code"]),
            industry=industries[row["industry"]], levels=_levels(row.get("levels", "")), reason=row["reason"],
        )
    _publish(version, by, created=created, submitted=published - timedelta(days=14), published=published)


def _publish(version: CatalogueVersion, by, *, created: datetime, submitted: datetime, published: datetime) -> None:
    services.catalogue_submit(version=version, by=by)
    services.catalogue_publish(version=version, by=by)
    _backdate(version, created=created, submitted=submitted, published=published)


def _backdate(version: CatalogueVersion, *, created: datetime, submitted: datetime | None = None,
              published: datetime | None = None) -> None:
    """Date the version, its history and its entries' history as if each step had happened then."""
    CatalogueVersion.objects.filter(pk=version.pk).update(created_at=created, submitted_at=submitted,
                                                          published_at=published)
    history = CatalogueVersion.history.filter(id=version.pk)
    history.update(created_at=created)
    history.filter(history_type="+").update(history_date=created)
    if submitted:
        history.filter(submitted_at__isnull=False).update(submitted_at=submitted)
        history.filter(history_change_reason="提交审核").update(history_date=submitted)
    if published:
        history.filter(published_at__isnull=False).update(published_at=published)
        history.filter(history_change_reason="发布").update(history_date=published)
        superseded = CatalogueVersion.objects.filter(kind=version.kind, year=version.year, superseded_at__isnull=False,
                                                     published_at__lt=published)
        superseded.update(superseded_at=published)
        CatalogueVersion.history.filter(id__in=superseded.values("pk"), superseded_at__isnull=False).update(
            superseded_at=published, history_date=published
        )
    entry_history = CatalogueEntry.history.filter(version_id=version.pk)
    entry_history.filter(history_change_reason__startswith="复制自").update(history_date=created)
    entry_history.exclude(history_change_reason__startswith="复制自").update(history_date=created + timedelta(days=3))
