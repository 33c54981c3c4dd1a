"""The course search index: one ``CourseEntry`` per approved project, rebuilt set-based (the whole table, or one
institution's rows after a write to it). The full-text side follows by itself: on SQLite, triggers copy
``search_text`` into the FTS5 table (migration 0002); on PostgreSQL the pg_trgm index is an ordinary index."""

from django.db import connection, transaction
from django.utils import timezone

from jineng.integrity.engine.rating import UNRATED
from jineng.integrity.selectors import ratings_published_latest
from jineng.occupations.reference import pinyin_initials
from jineng.occupations.selectors.catalogues import catalogue_kinds_by_occupation, catalogue_version_list
from jineng.portal.models import CourseEntry
from jineng.training.selectors import public_projects

GRADE_RANK = {"A": 1, "B": 2, "C": 3, "D": 4}


def catalogue_year() -> int:
    """The year of the newest published catalogue (the current year when none is published)."""
    latest = catalogue_version_list(published_only=True).first()
    return latest.year if latest else timezone.localdate().year


def _search_text(project, institution_initials: str) -> str:
    occupation, work_type, institution = project.occupation, project.work_type, project.institution
    parts = [occupation.name, occupation.code, occupation.initials, institution.name, institution_initials]
    if work_type is not None:
        parts += [work_type.name, work_type.initials]
    return " ".join(part for part in parts if part).lower()


def _entries(projects) -> list[CourseEntry]:
    projects = list(projects)
    kinds = catalogue_kinds_by_occupation(year=catalogue_year())
    ratings = ratings_published_latest(institution_ids={p.institution_id for p in projects})
    initials: dict[int, str] = {}
    entries = []
    for project in projects:
        institution = project.institution
        if institution.pk not in initials:
            initials[institution.pk] = pinyin_initials(institution.name)
        rating = ratings.get(institution.pk)
        grade = rating.grade if rating is not None else ""
        entries.append(CourseEntry(
            project_id=project.pk, institution_id=institution.pk, district_id=institution.district_id,
            occupation_code=project.occupation.code, occupation_name=project.occupation.name,
            work_type_name=project.work_type.name if project.work_type_id else "",
            institution_name=institution.name, level=project.level, class_hours=project.class_hours,
            fee=project.fee, start_date=project.next_start, open_classes=project.open_count,
            catalogues=" " + " ".join(sorted(kinds.get(project.occupation_id, ()))) + " ",
            grade=grade, grade_rank=GRADE_RANK.get(grade, 9 if grade in ("", UNRATED) else 8),
            institution_status=institution.status, search_text=_search_text(project, initials[institution.pk])))
    return entries


def course_index_rebuild() -> int:
    """Every approved project, in one transaction; returns the number of entries."""
    entries = _entries(public_projects())
    with transaction.atomic():
        CourseEntry.objects.all().delete()
        CourseEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def course_index_refresh(*, institution_ids) -> int:
    """The entries of these institutions only (after a write to their projects, classes, status or rating)."""
    ids = sorted(set(institution_ids))
    if not ids:
        return 0
    entries = _entries(public_projects(institution_ids=ids))
    with transaction.atomic():
        CourseEntry.objects.filter(institution_id__in=ids).delete()
        CourseEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def fts_available() -> bool:
    return connection.vendor == "sqlite"
