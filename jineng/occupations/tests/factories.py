"""Catalogue versions built through the services, for tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

from jineng.occupations import services
from jineng.occupations.choices import CatalogueKind, SkillLevel
from jineng.occupations.models import CatalogueVersion, Occupation

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATHE, MILLING, WELDING, ELDER_CARE = "6-18-01-01", "6-18-01-02", "6-18-02-04", "4-10-01-05"


def occupation(code: str) -> Occupation:
    return Occupation.objects.get(classification="2022", code=code)


def draft_with(by, codes=(LATHE, MILLING), *, kind=CatalogueKind.URGENT, year=2024, copy_from=None) -> CatalogueVersion:
    version = services.catalogue_version_create(kind=kind, year=year, by=by, copy_from=copy_from)
    for code in codes:
        services.catalogue_entry_add(version=version, by=by, occupation=occupation(code),
                                     levels=[SkillLevel.L3, SkillLevel.L2], reason="企业需求缺口大")
    return version


def published_with(by, codes=(LATHE, MILLING), *, published_at: datetime | None = None, **kwargs) -> CatalogueVersion:
    version = draft_with(by, codes, **kwargs)
    services.catalogue_submit(version=version, by=by)
    version = services.catalogue_publish(version=version, by=by)
    if published_at is not None:
        CatalogueVersion.objects.filter(pk=version.pk).update(published_at=published_at)
        version.refresh_from_db()
    return version
