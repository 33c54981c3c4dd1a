"""How far one gets in N minutes, and how many minutes a service is away: an estimate, stated as such.

    minutes = straight-line distance × detour factor ÷ speed

The straight-line distance is the great-circle (haversine) distance on the mean Earth sphere between two
GCJ-02 points (GCJ-02 shifts points by a few hundred metres against WGS-84 but almost uniformly within a city,
so distances between two GCJ-02 points are right to a few metres). The detour factor stands in for the street
network; its low and high values give the error band. The values and their sources are dated parameters
(``servicepoints/data/reach-parameters.csv``, docs/servicepoints.md), passed in, never typed in here.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)


@dataclass(frozen=True)
class ReachParameters:
    """One mode's speed and detour factor, valid from a date, with where the values come from."""

    mode: str
    speed_kmh: float
    detour_factor: float
    detour_low: float
    detour_high: float
    valid_from: date
    source: str
    confidence: str = ""  # high / medium / low: how well the sources pin the value down (docs/servicepoints.md)

    @property
    def metres_per_minute(self) -> float:
        return self.speed_kmh * 1000 / 60


@dataclass(frozen=True)
class Place:
    id: str
    kind: str
    name: str
    lng: float
    lat: float


@dataclass(frozen=True)
class Reached:
    place: Place
    distance_m: float  # straight line
    minutes: float  # with the detour factor
    minutes_low: float  # with the low detour factor
    minutes_high: float  # with the high detour factor


def distance_m(lng1: float, lat1: float, lng2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lng2 - lng1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def reach_m(minutes: float, parameters: ReachParameters, *, detour: float | None = None) -> float:
    """The straight-line radius reached in ``minutes``: the path (speed × time) shortened by the detour."""
    return minutes * parameters.metres_per_minute / (detour or parameters.detour_factor)


def minutes_for(distance: float, parameters: ReachParameters, *, detour: float | None = None) -> float:
    """Minutes to a place ``distance`` metres away in a straight line."""
    return distance * (detour or parameters.detour_factor) / parameters.metres_per_minute


def bounding_box(lng: float, lat: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lng, min_lat, max_lng, max_lat) holding every point within ``radius_m`` (great circle) of the origin.

    Exact on the sphere (the widest longitude of a spherical cap), so the box may prefilter in SQL without
    losing a point the exact distance would keep; near a pole it spans every longitude.
    """
    delta = radius_m / EARTH_RADIUS_M
    dlat = math.degrees(delta)
    ratio = math.sin(delta) / max(math.cos(math.radians(lat)), 1e-12)
    dlng = 180.0 if ratio >= 1 or lat + dlat >= 90 or lat - dlat <= -90 else math.degrees(math.asin(ratio))
    margin = 1e-6  # coordinates are stored with six decimals
    return lng - dlng - margin, lat - dlat - margin, lng + dlng + margin, lat + dlat + margin


def reachable(lng: float, lat: float, places: Iterable[Place], parameters: ReachParameters,
              minutes: float) -> list[Reached]:
    """The places within ``minutes`` of the origin, nearest first (ties by id)."""
    radius = reach_m(minutes, parameters)
    found = []
    for place in places:
        distance = distance_m(lng, lat, place.lng, place.lat)
        if distance <= radius:
            found.append(Reached(
                place=place, distance_m=distance, minutes=minutes_for(distance, parameters),
                minutes_low=minutes_for(distance, parameters, detour=parameters.detour_low),
                minutes_high=minutes_for(distance, parameters, detour=parameters.detour_high)))
    found.sort(key=lambda reached: (reached.distance_m, reached.place.id))
    return found
