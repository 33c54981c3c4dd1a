"""Reads of item 26, scoped by ``permissions``; ``recognised_level`` is what the subsidy and catalogue rules read."""

from datetime import date

from django.db.models import Count, Max, Q, QuerySet

from jineng.occupations.choices import SkillLevel
from jineng.recognition.choices import RecognitionState
from jineng.recognition.models import OverseasRecognition, TechnicianAppointment


def recognised_level(person, occupation, on_date: date) -> SkillLevel | None:
    """The highest level at which a recognised overseas certificate of ``person`` counts for ``occupation`` on
    ``on_date`` (decided on or before that day), or None. ``person`` and ``occupation`` may be records or ids."""
    top = (OverseasRecognition.objects
           .filter(person_id=getattr(person, "pk", person), occupation_id=getattr(occupation, "pk", occupation),
                   state=RecognitionState.RECOGNISED, decided_on__lte=on_date)
           .aggregate(top=Max("level"))["top"])
    return SkillLevel(top) if top is not None else None


def recognised_certificate(*, number: str, person, occupation, on_date: date) -> OverseasRecognition | None:
    """The recognised overseas certificate ``number`` of ``person`` mapped to ``occupation``, decided on or before
    ``on_date``: it counts for the subsidy rules as a certificate of its mapped level (item 26)."""
    return (OverseasRecognition.objects
            .filter(certificate_number=(number or "").strip(), person_id=getattr(person, "pk", person),
                    occupation_id=getattr(occupation, "pk", occupation), state=RecognitionState.RECOGNISED,
                    decided_on__lte=on_date)
            .order_by("-level").first())


def recognised_levels(person_ids, on_date: date) -> dict[tuple[int, int], SkillLevel]:
    """``recognised_level`` for many people at once (set-based rules): (person id, occupation id) -> level."""
    rows = (OverseasRecognition.objects
            .filter(person_id__in=list(person_ids), state=RecognitionState.RECOGNISED, decided_on__lte=on_date)
            .values("person_id", "occupation_id").annotate(top=Max("level")).order_by())
    return {(row["person_id"], row["occupation_id"]): SkillLevel(row["top"]) for row in rows}


def appointment_list(*, viewer, q: str = "", level: int | None = None, year: int | None = None,
                     district_id: int | None = None) -> QuerySet[TechnicianAppointment]:
    rows = TechnicianAppointment.objects.visible_to(viewer).select_related("enterprise", "district", "person",
                                                                           "occupation")
    if q:
        rows = rows.filter(Q(person__name__icontains=q) | Q(enterprise__name__icontains=q)
                           | Q(occupation__name__icontains=q) | Q(occupation__code__startswith=q))
    if level is not None:
        rows = rows.filter(level=level)
    if year is not None:
        rows = rows.filter(appointed_on__year=year)
    if district_id is not None:
        rows = rows.filter(district_id=district_id)
    return rows.order_by("-appointed_on", "-pk")


def appointment_counts(*, viewer) -> dict[str, list]:
    rows = TechnicianAppointment.objects.visible_to(viewer)
    return {
        "by_level": list(rows.values("level").annotate(n=Count("pk")).order_by("-level")),
        "by_district": list(rows.values("district__name").annotate(n=Count("pk")).order_by("-n", "district__name")),
    }


def recognition_list(*, viewer, q: str = "", state: str = "", country: str = "") -> QuerySet[OverseasRecognition]:
    rows = OverseasRecognition.objects.visible_to(viewer).select_related("person", "occupation", "organisation",
                                                                         "district")
    if q:
        rows = rows.filter(Q(person__name__icontains=q) | Q(certificate_title__icontains=q)
                           | Q(certificate_number=q) | Q(issuing_body__icontains=q) | Q(occupation__name__icontains=q))
    if state:
        rows = rows.filter(state=state)
    if country:
        rows = rows.filter(country=country)
    return rows.order_by("-submitted_at", "-pk")
