"""Compute a year's institution ratings from outcomes (set-based inputs, pure engine) and publish them."""
from datetime import date, datetime, time
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from jineng.core.exceptions import DomainError, NotAllowed
from jineng.integrity import permissions
from jineng.integrity.choices import FindingStatus
from jineng.integrity.engine.rating import InstitutionYear, Rating, rate_year
from jineng.integrity.models import InstitutionRating, RiskFinding
from jineng.training.models import Enrolment, Inspection

_FIELDS = ["trainees", "completion_rate", "pass_rate", "satisfaction", "survey_response_rate", "inspection_score",
           "confirmed_findings", "score", "grade", "components", "is_published", "published_at"]


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise DomainError(_("年度不正确"))


def rating_inputs(*, year: int) -> list[InstitutionYear]:
    """A year's outcomes per institution: trainees of classes ending in the year, in three queries."""
    outcomes = (
        Enrolment.objects.filter(training_class__end_date__year=year)
        .values("training_class__institution_id")
        .annotate(trainees=Count("id"), completed=Count("id", filter=Q(status="completed")),
                  examined=Count("id", filter=Q(exam_result__in=["passed", "failed", "absent"])),
                  passed=Count("id", filter=Q(exam_result="passed")),
                  responses=Count("survey"), satisfaction_sum=Sum("survey__satisfaction"))
        .order_by("training_class__institution_id")
    )
    inspections = dict(Inspection.objects.filter(inspected_date__year=year).values("institution_id")
                       .annotate(mean=Avg("score")).order_by().values_list("institution_id", "mean"))
    # Findings are confirmed after the conduct they concern: those confirmed from the year on count against it.
    since = datetime.combine(date(year, 1, 1), time.min, tzinfo=timezone.get_default_timezone())
    findings = dict(RiskFinding.objects.filter(status=FindingStatus.CONFIRMED, institution__isnull=False,
                                               reviewed_at__gte=since)
                    .values("institution_id").annotate(n=Count("id")).order_by()
                    .values_list("institution_id", "n"))
    return [
        InstitutionYear(
            institution_id=row["training_class__institution_id"], trainees=row["trainees"],
            completed=row["completed"], examined=row["examined"], passed=row["passed"],
            survey_responses=row["responses"], satisfaction_sum=row["satisfaction_sum"] or 0,
            inspection_score=_float(inspections.get(row["training_class__institution_id"])),
            confirmed_findings=findings.get(row["training_class__institution_id"], 0),
        )
        for row in outcomes
    ]


def _float(value) -> float | None:
    return None if value is None else float(value)


def _dec(value: float | None, places: str = "0.0001") -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal(places))


def _values(rating: Rating) -> dict:
    return {
        "trainees": rating.trainees, "completion_rate": _dec(rating.completion_rate),
        "pass_rate": _dec(rating.pass_rate), "satisfaction": _dec(rating.satisfaction),
        "survey_response_rate": _dec(rating.survey_response_rate),
        "inspection_score": _dec(rating.inspection_score, "0.01"), "confirmed_findings": rating.confirmed_findings,
        "score": _dec(rating.score, "0.01"), "grade": rating.grade, "components": rating.components,
        "is_published": False, "published_at": None,
    }


@transaction.atomic
def rating_compute(*, year: int, by) -> list[InstitutionRating]:
    """Rate every institution with trainees in the year; a recomputed year is a draft until published again."""
    if by is not None and not permissions.can_manage(by):
        raise NotAllowed(_("只有专班办公室可以计算机构等级"))
    _check_year(year)
    ratings = rate_year(rating_inputs(year=year))
    existing = {r.institution_id: r for r in InstitutionRating.objects.filter(year=year)}
    fresh, changed = [], []
    for rating in ratings:
        row = existing.get(rating.institution_id)
        if row is None:
            fresh.append(InstitutionRating(institution_id=rating.institution_id, year=year, **_values(rating)))
            continue
        for name, value in _values(rating).items():
            setattr(row, name, value)
        row.computed_at = timezone.now()
        changed.append(row)
    reason = _("计算 {year} 年度机构质量诚信等级").format(year=year)
    if fresh:
        bulk_create_with_history(fresh, InstitutionRating, batch_size=500, default_user=by,
                                 default_change_reason=reason)
    if changed:
        bulk_update_with_history(changed, InstitutionRating, [*_FIELDS, "computed_at"], batch_size=500,
                                 default_user=by, default_change_reason=reason)
    return list(InstitutionRating.objects.filter(year=year).order_by("-score", "institution_id"))


@transaction.atomic
def rating_publish(*, year: int, by) -> int:
    if not permissions.can_manage(by):
        raise NotAllowed(_("只有专班办公室可以公布机构等级"))
    _check_year(year)
    rows = list(InstitutionRating.objects.select_for_update().filter(year=year, is_published=False))
    if not rows and not InstitutionRating.objects.filter(year=year).exists():
        raise DomainError(_("{year} 年度尚未计算机构等级").format(year=year))
    now = timezone.now()
    for row in rows:
        row.is_published, row.published_at = True, now
    if rows:
        bulk_update_with_history(rows, InstitutionRating, ["is_published", "published_at"], batch_size=500,
                                 default_user=by, default_change_reason=_("公布 {year} 年度机构质量诚信等级").format(year=year))
    return len(rows)
