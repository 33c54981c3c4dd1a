"""Reads of institutions, classes, enrolments and imports, scoped to the viewer (see ``permissions``)."""

from dataclasses import dataclass

from django.db.models import Avg, Count, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from jineng.core.audit import AuditEntry, audit_trail
from jineng.training.models import (
    Apprenticeship,
    Enrolment,
    Inspection,
    Institution,
    Site,
    TrainingClass,
    TrainingImport,
    TrainingProject,
)


@dataclass(frozen=True)
class InstitutionFilters:
    district_id: int | None = None
    kind: str = ""
    status: str = ""
    q: str = ""


@dataclass(frozen=True)
class ClassFilters:
    class_id: int | None = None
    institution_id: int | None = None
    district_id: int | None = None
    status: str = ""
    year: int | None = None
    q: str = ""


def institution_list(*, viewer, filters: InstitutionFilters = InstitutionFilters()) -> QuerySet[Institution]:
    institutions = Institution.objects.visible_to(viewer).select_related("district")
    if filters.district_id:
        institutions = institutions.filter(district_id=filters.district_id)
    if filters.kind:
        institutions = institutions.filter(kind=filters.kind)
    if filters.status:
        institutions = institutions.filter(status=filters.status)
    if filters.q:
        institutions = institutions.filter(Q(name__icontains=filters.q) | Q(credit_code__icontains=filters.q))
    # Subqueries, not joins: joining sites, classes and enrolments at once multiplies the rows counted.
    return institutions.annotate(
        site_count=_count(Site.objects.filter(institution=OuterRef("pk"))),
        class_count=_count(TrainingClass.objects.filter(institution=OuterRef("pk"))),
        enrolment_count=_count(Enrolment.objects.filter(training_class__institution=OuterRef("pk"))),
    ).order_by("district__code", "name", "pk")


def _count(rows: QuerySet):
    counted = rows.order_by().values(_key=Value(1)).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def institution_counts(*, viewer) -> dict[str, int]:
    institutions = Institution.objects.visible_to(viewer)
    classes = TrainingClass.objects.visible_to(viewer)
    return {
        "institutions": institutions.count(),
        "classes": classes.count(),
        "enrolments": Enrolment.objects.filter(training_class__in=classes).count(),
    }


def site_list(*, institution: Institution) -> QuerySet[Site]:
    return institution.sites.select_related("district").order_by("name", "pk")


def public_sites(*, occupation: str = "", level: int | None = None) -> QuerySet[Site]:
    """Teaching sites anyone may see on the public map: in use, of an institution in good standing; with
    ``occupation`` (code) and/or ``level``, only the sites of institutions with such an approved project."""
    from jineng.training.choices import InstitutionStatus, ProjectStatus

    rows = Site.objects.filter(is_active=True, institution__status=InstitutionStatus.ACTIVE)
    if occupation or level is not None:
        projects = TrainingProject.objects.filter(status=ProjectStatus.APPROVED)
        if occupation:
            projects = projects.filter(occupation__code=occupation)
        if level is not None:
            projects = projects.filter(level=level)
        rows = rows.filter(institution_id__in=projects.values("institution_id"))
    return rows.order_by("pk")


def public_site_occupations() -> QuerySet:
    """The occupations (code, name) taught under an approved project at some public site, by code."""
    from jineng.training.choices import ProjectStatus

    return (TrainingProject.objects.filter(status=ProjectStatus.APPROVED,
                                           institution_id__in=public_sites().values("institution_id"))
            .values_list("occupation__code", "occupation__name").distinct().order_by("occupation__code"))


def project_list(*, institution: Institution) -> QuerySet[TrainingProject]:
    return (institution.projects.select_related("occupation", "work_type", "industry")
            .annotate(class_count=Count("classes")).order_by("occupation__code", "level", "pk"))


def inspection_list(*, institution: Institution) -> QuerySet[Inspection]:
    return institution.inspections.select_related("inspector").order_by("-inspected_date", "-pk")


def class_list(*, viewer, filters: ClassFilters = ClassFilters()) -> QuerySet[TrainingClass]:
    classes = TrainingClass.objects.visible_to(viewer)
    if filters.class_id:
        classes = classes.filter(pk=filters.class_id)
    if filters.institution_id:
        classes = classes.filter(institution_id=filters.institution_id)
    if filters.district_id:
        classes = classes.filter(institution__district_id=filters.district_id)
    if filters.status:
        classes = classes.filter(status=filters.status)
    if filters.year:
        classes = classes.filter(start_date__year=filters.year)
    if filters.q:
        classes = classes.filter(Q(code__icontains=filters.q) | Q(project__occupation__name__icontains=filters.q)
                                 | Q(institution__name__icontains=filters.q))
    return (classes.select_related("institution__district", "project__occupation", "site")
            .annotate(enrolment_count=Count("enrolments", distinct=True),
                      passed_count=Count("enrolments", filter=Q(enrolments__exam_result="passed"), distinct=True))
            .order_by("-start_date", "institution__name", "code", "pk"))


def enrolment_list(*, klass: TrainingClass) -> QuerySet[Enrolment]:
    return (klass.enrolments.select_related("person").annotate(check_in_count=Count("check_ins"))
            .order_by("person__name", "pk"))


def enrolment_export_rows(*, viewer, filters: ClassFilters = ClassFilters()):
    """Rows of every enrolment the viewer may see: the resident ID is masked."""
    enrolments = (Enrolment.objects.filter(training_class__in=class_list(viewer=viewer, filters=filters).values("pk"))
                  .select_related("person", "training_class__institution", "training_class__project__occupation")
                  .order_by("training_class__institution__name", "training_class__code", "person__name", "pk"))
    for e in enrolments.iterator(chunk_size=2000):
        klass = e.training_class
        yield [klass.institution.name, klass.code, klass.project.occupation.code, klass.project.occupation.name,
               e.person.name, e.person.resident_id_masked, e.enrolled_date, e.get_status_display(),
               e.completed_date or "", e.hours_attended, e.get_exam_result_display() if e.exam_result else "",
               e.certificate_no, e.certificate_date or ""]


def import_list(*, viewer) -> QuerySet[TrainingImport]:
    return (TrainingImport.objects.visible_to(viewer).select_related("institution", "created_by")
            .defer("payload").order_by("-created_at", "-pk"))


def institution_audit(*, institution: Institution) -> list[AuditEntry]:
    return audit_trail(institution, limit=30)


def map_data(*, institution: Institution) -> dict:
    """The institution's district polygon and its sites, for the small Leaflet map."""
    district = institution.district
    return {
        "shapes": {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": district.code, "name": district.name},
             "geometry": district.geometry}]},
        "sites": [{"name": s.name, "address": s.address, "lon": float(s.lon), "lat": float(s.lat)}
                  for s in site_list(institution=institution)],
    }


# Surveys and new-type apprentices ------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveySummary:
    completed: int
    responses: int
    mean: float | None

    @property
    def response_rate(self) -> float | None:
        return self.responses / self.completed if self.completed else None


def class_survey_summary(*, klass: TrainingClass) -> SurveySummary:
    """Of the class's completed trainees, how many answered the survey, and their mean satisfaction."""
    row = klass.enrolments.filter(status="completed").aggregate(
        completed=Count("pk"), responses=Count("survey"), mean=Avg("survey__satisfaction"))
    return SurveySummary(completed=row["completed"], responses=row["responses"],
                         mean=float(row["mean"]) if row["mean"] is not None else None)


@dataclass(frozen=True)
class ApprenticeFilters:
    district_id: int | None = None
    occupation: str = ""
    q: str = ""


def apprenticeship_list(*, viewer, filters: ApprenticeFilters = ApprenticeFilters()):
    rows = Apprenticeship.objects.visible_to(viewer)
    if filters.district_id:
        rows = rows.filter(district_id=filters.district_id)
    if filters.occupation:
        rows = rows.filter(Q(occupation__code__startswith=filters.occupation)
                           | Q(occupation__name__icontains=filters.occupation))
    if filters.q:
        rows = rows.filter(Q(person__name__icontains=filters.q) | Q(enterprise__name__icontains=filters.q))
    return (rows.select_related("enterprise", "person", "occupation", "district", "institution")
            .order_by("-start_date", "enterprise__name", "person__name", "pk"))


def apprenticeship_counts(*, rows) -> dict[str, list[dict]]:
    """Counts of the listed apprentices by district and by occupation (largest first)."""
    base = rows.order_by()
    return {
        "by_district": list(base.values("district__code", "district__name").annotate(n=Count("pk"))
                            .order_by("district__code")),
        "by_occupation": list(base.values("occupation__code", "occupation__name").annotate(n=Count("pk"))
                              .order_by("-n", "occupation__code")[:20]),
    }


# ---------------------------------------------------------------- public reads (the portal's course search)

OPEN_CLASS_STATES = ("planned", "running")


def public_projects(*, institution_ids: list[int] | None = None) -> QuerySet[TrainingProject]:
    """Approved projects with what a visitor may see of them: institution, occupation, the next open class's
    start date and the number of open classes (recruiting or running). Not scoped: this is public information."""
    open_classes = Q(classes__status__in=OPEN_CLASS_STATES)
    rows = TrainingProject.objects.filter(status="approved")
    if institution_ids is not None:
        rows = rows.filter(institution_id__in=institution_ids)
    return (rows.select_related("institution__district", "occupation", "work_type")
            .annotate(next_start=Min("classes__start_date", filter=open_classes),
                      open_count=Count("classes", filter=open_classes))
            .order_by("pk"))


def public_open_classes(*, project_id: int) -> QuerySet[TrainingClass]:
    """A project's classes that are recruiting or running, soonest first, with their site."""
    return (TrainingClass.objects.filter(project_id=project_id, status__in=OPEN_CLASS_STATES)
            .select_related("site__district").order_by("start_date", "code", "pk"))


def institution_status_notes(*, institution_ids) -> dict[int, tuple[str, object]]:
    """For institutions not active: the reason and the date of their last status change (from the audit trail)."""
    history = Institution.history.model
    notes: dict[int, tuple[str, object]] = {}
    rows = (history.objects.filter(id__in=list(institution_ids)).exclude(status="active")
            .order_by("id", "history_date").values("id", "status", "history_date", "history_change_reason"))
    previous: dict[int, str] = {}
    for row in rows:
        if previous.get(row["id"]) != row["status"]:
            notes[row["id"]] = (row["history_change_reason"] or "", row["history_date"])
        previous[row["id"]] = row["status"]
    return notes


def person_enrolments(*, person_id: int | None) -> QuerySet[Enrolment]:
    """One person's own training records, newest first (a worker's page; the caller has checked who asks)."""
    if not person_id:
        return Enrolment.objects.none()
    return (Enrolment.objects.filter(person_id=person_id)
            .select_related("training_class", "training_class__institution", "training_class__project__occupation",
                            "training_class__project__work_type")
            .order_by("-enrolled_date", "-pk"))
