"""The public API of service points, mounted under ``/api/v1/portal/`` (``ApiRoutes(prefix="portal")``):

- ``GET service-points/``: every public point (``id``, ``kind``, ``name``, ``lng``, ``lat``, plus ``district``
  and ``address``), optionally filtered by kind, district, occupation and level (the last two: training sites);
- ``GET nearby/?lng=&lat=&mode=walk|bike&minutes=5..30``: the points of that same list within reach, nearest
  first, with the method (straight-line distance × detour factor ÷ speed, an estimate with its band).

Both anonymous. Bad coordinates, modes or minutes are a 400, never a 500.
"""

import math

from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from jineng.servicepoints import selectors
from jineng.servicepoints.choices import Mode, PointKind
from jineng.servicepoints.selectors import PointFilters

LEVELS = [(str(level), str(level)) for level in range(1, 6)]


class FilterQuery(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PointKind.choices, required=False, allow_blank=True,
                                   help_text=gettext_lazy("服务类型"))
    district = serializers.RegexField(r"^[0-9]{6}$", required=False, allow_blank=True,
                                      help_text=gettext_lazy("区划代码"))
    occupation = serializers.RegexField(r"^[0-9A-Za-z.\-]{1,20}$", required=False, allow_blank=True,
                                        help_text=gettext_lazy("职业编码（仅培训机构教学点）"))
    level = serializers.ChoiceField(choices=LEVELS, required=False, allow_blank=True,
                                    help_text=gettext_lazy("等级 1–5（仅培训机构教学点）"))

    def filters(self) -> PointFilters:
        data = self.validated_data
        return PointFilters(kind=data.get("kind", ""), district=data.get("district", ""),
                            occupation=data.get("occupation", ""),
                            level=int(data["level"]) if data.get("level") else None)


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise serializers.ValidationError(_("请填写有效的数字"))
    return value


class NearbyQuery(FilterQuery):
    lng = serializers.FloatField(min_value=-180, max_value=180, validators=[_finite],
                                 help_text=gettext_lazy("经度（GCJ-02）"))
    lat = serializers.FloatField(min_value=-85, max_value=85, validators=[_finite],
                                 help_text=gettext_lazy("纬度（GCJ-02）"))
    mode = serializers.ChoiceField(choices=Mode.choices, default=Mode.WALK, help_text=gettext_lazy("步行或骑行"))
    minutes = serializers.IntegerField(min_value=5, max_value=30, default=15, help_text=gettext_lazy("分钟（5–30）"))


class PointSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.ChoiceField(choices=PointKind.choices)
    name = serializers.CharField()
    lng = serializers.FloatField()
    lat = serializers.FloatField()
    district = serializers.CharField()
    address = serializers.CharField(allow_blank=True)


class PointListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = PointSerializer(many=True)


class MethodSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(choices=Mode.choices)
    speed_kmh = serializers.FloatField()
    detour_factor = serializers.FloatField()
    kind = serializers.ChoiceField(choices=[("estimate", "estimate")])
    formula = serializers.CharField()
    detour_band = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)
    valid_from = serializers.DateField()
    source = serializers.CharField()
    minutes = serializers.IntegerField()
    radius_m = serializers.IntegerField()


class ServiceSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.ChoiceField(choices=PointKind.choices)
    name = serializers.CharField()
    lng = serializers.FloatField()
    lat = serializers.FloatField()
    distance_m = serializers.IntegerField()
    minutes = serializers.FloatField()
    minutes_band = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


class NearbySerializer(serializers.Serializer):
    method = MethodSerializer()
    services = ServiceSerializer(many=True)


def _query(serializer_class, request):
    query = serializer_class(data={key: value[:40] for key, value in request.query_params.items()})
    query.is_valid(raise_exception=True)
    return query


class ServicePointsView(APIView):
    """Every public service point: the register's and those the other modules hold."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(parameters=[FilterQuery], responses=PointListSerializer,
                   summary=gettext_lazy("公开服务网点列表"))
    def get(self, request):
        points = selectors.public_points(filters=_query(FilterQuery, request).filters())
        results = [{"id": p.id, "kind": p.kind, "name": p.name, "lng": p.lng, "lat": p.lat, "district": p.district,
                    "address": p.address} for p in points]
        return Response({"count": len(results), "results": results})


def nearby_answer(found: selectors.Nearby) -> dict:
    p = found.parameters
    return {
        "method": {"mode": p.mode, "speed_kmh": p.speed_kmh, "detour_factor": p.detour_factor, "kind": "estimate",
                   "formula": "minutes = distance_m × detour_factor ÷ (speed_kmh × 1000 ÷ 60)",
                   "detour_band": [p.detour_low, p.detour_high], "valid_from": p.valid_from.isoformat(),
                   "source": p.source, "minutes": found.minutes, "radius_m": round(found.radius_m)},
        "services": [{"id": r.place.id, "kind": r.place.kind, "name": r.place.name, "lng": r.place.lng,
                      "lat": r.place.lat, "distance_m": round(r.distance_m), "minutes": round(r.minutes, 1),
                      "minutes_band": [round(r.minutes_low, 1), round(r.minutes_high, 1)]}
                     for r in found.services],
    }


class NearbyView(APIView):
    """The public services within N minutes' walk or ride of a point, nearest first (an estimate)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(parameters=[NearbyQuery], responses=NearbySerializer,
                   summary=gettext_lazy("15 分钟服务圈：附近的服务（估算）"))
    def get(self, request):
        query = _query(NearbyQuery, request)
        data = query.validated_data
        found = selectors.nearby(lng=data["lng"], lat=data["lat"], mode=data["mode"], minutes=data["minutes"],
                                 filters=query.filters())
        return Response(nearby_answer(found))


extra_urls = [
    path("service-points/", ServicePointsView.as_view(), name="api-portal-service-points"),
    path("nearby/", NearbyView.as_view(), name="api-portal-nearby"),
]


def register(router) -> None:
    """No viewsets: the two doors above are plain views."""


