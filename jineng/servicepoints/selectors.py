"""Reads of service points: the register (scoped), the one public list merged from every module, the nearby
services of a point, and the planner's grid.

The public list is the register's active points plus what the other modules already hold, read through their
own selectors: training sites (``training.selectors.public_sites``), evaluation test sites
(``evaluation.selectors.public_test_sites``) and competition venues (``competitions.selectors.calendar_events``).
``nearby`` answers from exactly this list (a bounding box in SQL first, then exact distances in the engine).
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.db.models import Min, Q, QuerySet

from jineng.competitions.selectors import calendar_events
from jineng.core.audit import AuditEntry, audit_trail
from jineng.core.models import District
from jineng.evaluation.selectors import public_test_sites
from jineng.servicepoints.choices import PointKind
from jineng.servicepoints.engine.reach import (
    Place,
    Reached,
    ReachParameters,
    bounding_box,
    reach_m,
    reachable,
)
from jineng.servicepoints.models import ServicePoint
from jineng.servicepoints.parameters import reach_parameters
from jineng.training.selectors import public_site_occupations, public_sites

KIND_ORDER = {kind: index for index, kind in enumerate(PointKind.values)}


@dataclass(frozen=True)
class PublicPoint:
    id: str
    kind: str
    name: str
    lng: float
    lat: float
    district: str  # code
    address: str = ""
    hours: str = ""

    def place(self) -> Place:
        return Place(id=self.id, kind=self.kind, name=self.name, lng=self.lng, lat=self.lat)


@dataclass(frozen=True)
class PointFilters:
    kind: str = ""
    district: str = ""  # code
    occupation: str = ""  # code; training sites only
    level: int | None = None  # training sites only

    @property
    def training_only(self) -> bool:
        return bool(self.occupation) or self.level is not None


Box = tuple[float, float, float, float]


# The register ---------------------------------------------------------------------------------------------------


def point_list(*, viewer, kind: str = "", district: str = "", query: str = "") -> QuerySet[ServicePoint]:
    rows = ServicePoint.objects.visible_to(viewer).select_related("district")
    if kind:
        rows = rows.filter(kind=kind)
    if district:
        rows = rows.filter(district__code=district)
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(address__icontains=query))
    return rows.order_by("district__code", "kind", "name", "pk")


def point_for_user(*, viewer, point_id: int) -> ServicePoint:
    return ServicePoint.objects.select_related("district").get_visible(viewer, point_id)


def point_audit(*, point: ServicePoint) -> list[AuditEntry]:
    return audit_trail(point, limit=30)


# The public list ------------------------------------------------------------------------------------------------


def _in_box(rows: QuerySet, box: Box | None) -> QuerySet:
    if box is None:
        return rows
    min_lng, min_lat, max_lng, max_lat = (Decimal(repr(value)) for value in box)
    six = Decimal("0.000001")
    return rows.filter(lon__gte=min_lng.quantize(six, ROUND_FLOOR), lon__lte=max_lng.quantize(six, ROUND_CEILING),
                       lat__gte=min_lat.quantize(six, ROUND_FLOOR), lat__lte=max_lat.quantize(six, ROUND_CEILING))


def _in_district(rows: QuerySet, code: str) -> QuerySet:
    return rows.filter(district__code=code) if code else rows


def _wanted(filters: PointFilters, kind: str) -> bool:
    return filters.kind in ("", kind) and (not filters.training_only or kind == PointKind.TRAINING)


def _register_points(filters: PointFilters, box: Box | None) -> list[PublicPoint]:
    rows = _in_district(_in_box(ServicePoint.objects.filter(is_active=True), box), filters.district)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    return [PublicPoint(id=f"sp-{row['pk']}", kind=row["kind"], name=row["name"], lng=float(row["lon"]),
                        lat=float(row["lat"]), district=row["district__code"], address=row["address"],
                        hours=row["hours"])
            for row in rows.values("pk", "kind", "name", "lon", "lat", "district__code", "address", "hours")]


def _site_points(rows: QuerySet, *, prefix: str, kind: str, owner: str) -> list[PublicPoint]:
    return [PublicPoint(id=f"{prefix}-{row['pk']}", kind=kind, name=f"{row[owner]}·{row['name']}",
                        lng=float(row["lon"]), lat=float(row["lat"]), district=row["district__code"],
                        address=row["address"])
            for row in rows.values("pk", "name", owner, "lon", "lat", "district__code", "address")]


def _venue_points(filters: PointFilters, box: Box | None) -> list[PublicPoint]:
    """Competition venues: one point per venue of the published calendar (the first event's id)."""
    rows = (_in_district(_in_box(calendar_events(), box), filters.district).order_by()
            .values("venue", "lon", "lat", "district__code").annotate(first=Min("pk")))
    return [PublicPoint(id=f"cv-{row['first']}", kind=PointKind.VENUE, name=row["venue"], lng=float(row["lon"]),
                        lat=float(row["lat"]), district=row["district__code"]) for row in rows]


def public_points(*, filters: PointFilters = PointFilters(), box: Box | None = None) -> list[PublicPoint]:
    """Every point anyone may see, ordered by kind then id: the register's active points and the other modules'
    public sites; ``box`` (min_lng, min_lat, max_lng, max_lat) keeps those inside it (in SQL). Occupation and
    level select training sites only."""
    points: list[PublicPoint] = []
    if not filters.training_only:
        points += _register_points(filters, box)
    if _wanted(filters, PointKind.TRAINING):
        sites = public_sites(occupation=filters.occupation, level=filters.level)
        points += _site_points(_in_district(_in_box(sites, box), filters.district), prefix="ts",
                               kind=PointKind.TRAINING, owner="institution__name")
    if _wanted(filters, PointKind.TEST_SITE):
        points += _site_points(_in_district(_in_box(public_test_sites(), box), filters.district), prefix="ev",
                               kind=PointKind.TEST_SITE, owner="body__name")
    if _wanted(filters, PointKind.VENUE):
        points += _venue_points(filters, box)
    points.sort(key=lambda point: (KIND_ORDER.get(point.kind, 99), point.id.split("-")[0],
                                   int(point.id.split("-")[1])))
    return points


def public_point(point_id: str) -> PublicPoint | None:
    """One public point by its public id (``sp-12``, ``ts-3``, …), or ``None``."""
    return next((point for point in public_points() if point.id == point_id), None)


def occupation_choices() -> list[tuple[str, str]]:
    return list(public_site_occupations())


# Nearby ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nearby:
    parameters: ReachParameters
    minutes: int
    radius_m: float
    radius_low_m: float  # with the high detour factor
    radius_high_m: float  # with the low detour factor
    services: list[Reached]


def nearby(*, lng: float, lat: float, mode: str, minutes: int, filters: PointFilters = PointFilters()) -> Nearby:
    """The public points within ``minutes`` of (lng, lat) by ``mode``, nearest first."""
    parameters = reach_parameters(mode)
    radius = reach_m(minutes, parameters)
    candidates = public_points(filters=filters, box=bounding_box(lng, lat, radius))
    return Nearby(parameters=parameters, minutes=minutes, radius_m=radius,
                  radius_low_m=reach_m(minutes, parameters, detour=parameters.detour_high),
                  radius_high_m=reach_m(minutes, parameters, detour=parameters.detour_low),
                  services=reachable(lng, lat, (point.place() for point in candidates), parameters, minutes))


def districts_list() -> QuerySet[District]:
    return District.objects.defer("geometry").order_by("code")


def district_shapes() -> dict:
    """The 16 districts as one GeoJSON FeatureCollection (GCJ-02), for the maps."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": d.code, "name": d.name}, "geometry": d.geometry}
        for d in District.objects.order_by("code")]}

