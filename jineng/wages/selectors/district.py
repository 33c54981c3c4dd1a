"""The skilled workforce by district × occupation × level (item 41), and the service windows."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from jineng.core.models import District
from jineng.occupations.choices import HIGH_SKILLED
from jineng.wages.models import DistrictSurvey, DistrictSurveyCount, ServiceWindow


@dataclass(frozen=True)
class DistrictFigure:
    district: District
    skilled: int
    high_skilled: int
    surveyed: bool

    @property
    def high_skilled_share(self) -> float | None:
        return round(self.high_skilled * 100 / self.skilled, 1) if self.skilled else None


def skilled_workforce_counts_from_surveys(*, year: int, district_ids=None) -> QuerySet:
    """Headcounts by district, occupation and level from the districts' survey uploads only.

    The certificate register (``jineng.certificates``) is not in this code yet; when it is, its holders by
    district add to these counts for what the surveys do not hold.
    """
    counts = DistrictSurveyCount.objects.filter(survey__year=year)
    if district_ids is not None:
        counts = counts.filter(survey__district_id__in=district_ids)
    return counts


def district_figures(*, viewer, year: int) -> list[DistrictFigure]:
    visible = DistrictSurvey.objects.visible_to(viewer).filter(year=year).values_list("district_id", flat=True)
    totals = {row["survey__district_id"]: row for row in (
        skilled_workforce_counts_from_surveys(year=year, district_ids=visible)
        .values("survey__district_id")
        .annotate(skilled=Sum("workers"), high=Sum("workers", filter=Q(level__in=[int(v) for v in HIGH_SKILLED])))
        .order_by())}
    figures = []
    for district in District.objects.order_by("code"):
        row = totals.get(district.pk)
        figures.append(DistrictFigure(district=district, skilled=(row or {}).get("skilled") or 0,
                                      high_skilled=(row or {}).get("high") or 0, surveyed=row is not None))
    return figures


def district_detail_rows(*, viewer, year: int, district_id: int | None = None) -> QuerySet:
    """Per district × occupation × level, for the table and the .xlsx."""
    visible = DistrictSurvey.objects.visible_to(viewer).filter(year=year)
    if district_id:
        visible = visible.filter(district_id=district_id)
    return (skilled_workforce_counts_from_surveys(year=year, district_ids=visible.values_list("district_id", flat=True))
            .select_related("survey__district", "occupation")
            .order_by("survey__district__code", "occupation__code", "level"))


def surveys_count(*, year: int) -> int:
    return DistrictSurvey.objects.filter(year=year).aggregate(n=Count("pk"))["n"]


def windows(*, viewer, district_id: int | None = None) -> QuerySet[ServiceWindow]:
    found = ServiceWindow.objects.visible_to(viewer).select_related("district")
    if district_id:
        found = found.filter(district_id=district_id)
    return found.order_by("district__code", "name")
