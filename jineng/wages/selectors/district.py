"""The skilled workforce by district × occupation × level (item 41) from the certificate register and the districts'
surveys, and the service windows."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet

from jineng.certificates.selectors import holders_by_district
from jineng.core.models import District
from jineng.occupations.choices import HIGH_SKILLED, SkillLevel
from jineng.occupations.models import Occupation
from jineng.wages.models import DistrictSurvey, DistrictSurveyCount, ServiceWindow
from jineng.wages.permissions import survey_district_ids


@dataclass(frozen=True)
class DistrictFigure:
    district: District
    skilled: int
    high_skilled: int
    surveyed: bool  # the district uploaded its survey for the year
    counted: bool = False  # the register or the survey holds someone there

    @property
    def high_skilled_share(self) -> float | None:
        return round(self.high_skilled * 100 / self.skilled, 1) if self.skilled else None


@dataclass(frozen=True)
class WorkforceCell:
    """One district × occupation × level: holders in the certificate register, the district's survey count, and
    the figure shown — the larger of the two, since a survey counts the register's holders too and adds those the
    register does not hold (older certificates, other issuers)."""

    district: District
    occupation: Occupation
    level: int
    register: int
    survey: int | None

    @property
    def workers(self) -> int:
        return max(self.register, self.survey or 0)

    @property
    def level_label(self) -> str:
        return SkillLevel(self.level).label


def skilled_workforce_cells(*, viewer, year: int, district_id: int | None = None) -> list[WorkforceCell]:
    """Every cell the viewer may see, from the register on 31 December of the year and the surveys of the year."""
    visible = survey_district_ids(viewer)
    if district_id:
        visible = [district_id] if visible is None or district_id in visible else []
    surveys = DistrictSurveyCount.objects.filter(survey__year=year)
    if visible is not None:
        surveys = surveys.filter(survey__district_id__in=visible)
    cells: dict[tuple[int, int, int], list] = {}
    for row in holders_by_district(on=date(year, 12, 31), district_ids=visible):
        cells[(row.district_id, row.occupation_id, row.level)] = [row.holders, None]
    for district, occupation, level, workers in surveys.values_list(
            "survey__district_id", "occupation_id", "level", "workers"):
        cells.setdefault((district, occupation, level), [0, None])[1] = workers
    districts = District.objects.in_bulk({key[0] for key in cells})
    occupations = Occupation.objects.in_bulk({key[1] for key in cells})
    found = [WorkforceCell(districts[d], occupations[o], level, register, survey)
             for (d, o, level), (register, survey) in cells.items()]
    return sorted(found, key=lambda c: (c.district.code, c.occupation.code, c.level))


def district_figures(*, viewer, year: int) -> list[DistrictFigure]:
    high = {int(v) for v in HIGH_SKILLED}
    surveyed = set(DistrictSurvey.objects.visible_to(viewer).filter(year=year).values_list("district_id", flat=True))
    totals: dict[int, list[int]] = {}
    for cell in skilled_workforce_cells(viewer=viewer, year=year):
        total = totals.setdefault(cell.district.pk, [0, 0])
        total[0] += cell.workers
        total[1] += cell.workers if cell.level in high else 0
    figures = []
    for district in District.objects.order_by("code"):
        skilled, high_skilled = totals.get(district.pk, (0, 0))
        figures.append(DistrictFigure(district=district, skilled=skilled, high_skilled=high_skilled,
                                      surveyed=district.pk in surveyed, counted=district.pk in totals))
    return figures


def surveys_count(*, year: int) -> int:
    return DistrictSurvey.objects.filter(year=year).aggregate(n=Count("pk"))["n"]


def windows(*, viewer, district_id: int | None = None) -> QuerySet[ServiceWindow]:
    found = ServiceWindow.objects.visible_to(viewer).select_related("district")
    if district_id:
        found = found.filter(district_id=district_id)
    return found.order_by("district__code", "name")
