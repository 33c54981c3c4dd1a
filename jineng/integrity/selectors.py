"""Reads of risk runs, findings (scoped to the viewer) and ratings, each explicitly ordered."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import Http404

from jineng.integrity import permissions
from jineng.integrity.models import InstitutionRating, RiskFinding, RiskRun
from jineng.subsidies.models import Claim
from jineng.training.models import CheckIn, Enrolment, TrainingClass


@dataclass(frozen=True)
class FindingFilters:
    rule: str = ""
    status: str = ""
    district_id: int | None = None
    institution_id: int | None = None


def risk_run_list(*, viewer):
    return RiskRun.objects.visible_to(viewer).select_related("started_by").order_by("-created_at", "-pk")


def get_risk_run_for_user(user, run_id: int) -> RiskRun:
    run = risk_run_list(viewer=user).filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run


def finding_list(*, viewer, filters: FindingFilters = FindingFilters()):
    findings = RiskFinding.objects.visible_to(viewer)
    if filters.rule:
        findings = findings.filter(rule=filters.rule)
    if filters.status:
        findings = findings.filter(status=filters.status)
    if filters.district_id:
        findings = findings.filter(district_id=filters.district_id)
    if filters.institution_id:
        findings = findings.filter(institution_id=filters.institution_id)
    return findings.select_related("institution", "district", "person").order_by("-score", "-pk")


def get_finding_for_user(user, finding_id: int) -> RiskFinding:
    finding = finding_list(viewer=user).select_related("reviewed_by", "first_run", "last_run") \
        .filter(pk=finding_id).first()
    if finding is None:
        raise Http404
    return finding


def finding_evidence(finding: RiskFinding) -> dict:
    """The records a finding's evidence names, loaded for display (people by masked number only)."""
    evidence = finding.evidence or {}
    claims = Claim.objects.filter(pk__in=evidence.get("claims", [])).select_related(
        "person", "district", "occupation", "work_type", "claimant_organisation",
        "enrolment__training_class__institution").order_by("submitted_at", "pk")
    check_ins = CheckIn.objects.filter(pk__in=evidence.get("check_ins", [])).select_related(
        "enrolment__person", "enrolment__training_class__institution", "site").order_by("checked_at", "pk")
    enrolments = Enrolment.objects.filter(pk__in=evidence.get("enrolments", [])).select_related(
        "person", "training_class__institution", "training_class__site").order_by("pk")
    classes = TrainingClass.objects.filter(pk__in=evidence.get("classes", [])).select_related(
        "institution", "site", "project__occupation").order_by("pk")
    return {"claims": list(claims), "check_ins": list(check_ins), "enrolments": list(enrolments),
            "classes": list(classes), "persons": evidence.get("persons", []), "metrics": evidence.get("metrics", {})}


def rating_years(*, viewer) -> list[int]:
    ratings = InstitutionRating.objects.all()
    if not permissions.can_supervise(viewer):
        ratings = ratings.filter(is_published=True)
    return list(ratings.order_by("-year").values_list("year", flat=True).distinct())


def rating_list(*, viewer, year: int, grade: str = "", district_id: int | None = None):
    """Published grades for everyone; drafts too for the supervising roles."""
    ratings = InstitutionRating.objects.filter(year=year)
    if not permissions.can_supervise(viewer):
        ratings = ratings.filter(is_published=True)
    if grade:
        ratings = ratings.filter(grade=grade)
    if district_id:
        ratings = ratings.filter(institution__district_id=district_id)
    return ratings.select_related("institution__district").order_by("-score", "institution__name", "pk")


def get_rating_for_user(user, rating_id: int) -> InstitutionRating:
    rating = InstitutionRating.objects.select_related("institution__district").filter(pk=rating_id).first()
    if rating is None or not (rating.is_published or permissions.can_supervise(user)):
        raise Http404
    return rating


@dataclass(frozen=True)
class PersonDossier:
    """Everything the viewer may see about one person: training records, subsidy claims, risk findings."""

    person: object
    enrolments: list
    claims: list
    findings: list


def person_dossier(*, viewer, person) -> PersonDossier:
    """A person's records within the viewer's scope (a district officer sees their district's); 404 when none."""
    if not permissions.can_supervise(viewer):
        raise Http404
    enrolments = Enrolment.objects.visible_to(viewer).filter(person=person).select_related(
        "training_class__institution__district", "training_class__project__occupation").order_by("-enrolled_date", "-pk")
    claims = Claim.objects.visible_to(viewer).filter(person=person).select_related(
        "scheme", "district", "occupation", "work_type", "claimant_organisation").order_by("-submitted_at", "-pk")
    findings = RiskFinding.objects.visible_to(viewer).annotate(evidence_text=Cast("evidence", TextField())).filter(
        Q(person=person) | _evidence_names(person)).select_related("institution", "district").order_by("-score", "-pk")
    dossier = PersonDossier(person, list(enrolments[:200]), list(claims[:200]), list(findings[:100]))
    if not (dossier.enrolments or dossier.claims or dossier.findings) and not permissions.sees_whole_city(viewer):
        raise Http404
    return dossier


def _evidence_names(person) -> Q:
    """Findings whose evidence lists the person ({"id": …, "masked": …}); JSON containment where supported."""
    if connection.features.supports_json_field_contains:
        return Q(evidence__persons__contains=[{"id": person.pk}])
    return Q(evidence_text__contains=f'{{"id": {person.pk}, "masked"')  # SQLite stores json.dumps text


def ratings_published_latest(*, institution_ids=None) -> dict[int, InstitutionRating]:
    """Each institution's latest published rating (public information), by institution id."""
    rows = InstitutionRating.objects.filter(is_published=True)
    if institution_ids is not None:
        rows = rows.filter(institution_id__in=list(institution_ids))
    latest: dict[int, InstitutionRating] = {}
    for rating in rows.order_by("institution_id", "-year"):
        latest.setdefault(rating.institution_id, rating)
    return latest
