"""Public reference data: the 2022 occupation classification, work types, skill levels and industries."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from jineng.occupations.choices import HIGH_SKILLED, SkillLevel
from jineng.occupations.models import Industry, Occupation
from jineng.occupations.selectors import industry_list, occupation_search


class OccupationSerializer(serializers.ModelSerializer):
    work_types = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Occupation
        fields = ["code", "name", "marker", "major_code", "major_name", "middle_code", "middle_name",
                  "minor_code", "minor_name", "initials", "work_types"]


class IndustrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Industry
        fields = ["code", "name", "name_en", "kind", "aliases", "taxonomy"]


class OccupationViewSet(viewsets.ReadOnlyModelViewSet):
    """Search by code prefix, name or pinyin initials: ?q=6-18, ?q=车工, ?q=cg."""

    serializer_class = OccupationSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    queryset = Occupation.objects.none()

    @extend_schema(parameters=[OpenApiParameter("q", str), OpenApiParameter("major", str), OpenApiParameter("marker", str)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        return occupation_search(query=params.get("q", ""), major_code=params.get("major", ""),
                                 marker=params.get("marker", "")).distinct()


class IndustryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndustrySerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    queryset = Industry.objects.none()

    def get_queryset(self):
        return industry_list()


class SkillLevelView(APIView):
    """The eight-level ladder; `high_skill` marks 高级工 and above."""

    permission_classes = [AllowAny]

    @extend_schema(responses=dict)
    def get(self, request):
        return Response([
            {"value": level.value, "name": level.name, "label": str(level.label), "high_skill": level in HIGH_SKILLED}
            for level in SkillLevel
        ])
