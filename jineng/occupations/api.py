"""Public reference data: the 2022 occupation classification, work types, skill levels and industries;
and the catalogues — published versions readable by anyone, written by the programme office."""
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from jineng.core.api import (
    CapabilityRequired,
    capability_required,
    date_field,
    described_choice,
    id_field,
    query_int,
    year_field,
)
from jineng.occupations import services
from jineng.occupations.choices import HIGH_SKILLED, CatalogueKind, CatalogueState, SkillLevel
from jineng.occupations.models import CatalogueEntry, CatalogueVersion, Industry, Occupation, WorkType
from jineng.occupations.permissions import (
    can_manage_catalogues,
    can_see_unpublished_catalogues,
    get_catalogue_entry_for_user,
    get_catalogue_version_for_user,
)
from jineng.occupations.selectors import (
    catalogue_diff,
    catalogue_entries,
    catalogue_version_list,
    industry_list,
    occupation_get,
    occupation_search,
)


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


class WorkTypeWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=80)


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

    @extend_schema(request=WorkTypeWriteSerializer, responses=OccupationSerializer)
    @action(detail=True, methods=["post"], url_path="work-types",
            permission_classes=[IsAuthenticated, CapabilityRequired])
    @capability_required("occupations.manage_work_types", gettext_lazy("只有专班办公室可以维护工种"))
    def work_types(self, request, code=None):
        """Add a work type (工种) under the occupation (programme office)."""
        occupation = self.get_object()
        data = WorkTypeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.work_type_create(occupation=occupation, name=data.validated_data["name"], by=request.user)
        occupation = Occupation.objects.prefetch_related("work_types").get(pk=occupation.pk)
        return Response(OccupationSerializer(occupation).data, status=status.HTTP_201_CREATED)


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

    @extend_schema(responses=inline_serializer("SkillLevelItem", {
        "value": serializers.IntegerField(), "name": serializers.CharField(), "label": serializers.CharField(),
        "high_skill": serializers.BooleanField()}, many=True))
    def get(self, request):
        return Response([
            {"value": level.value, "name": level.name, "label": str(level.label), "high_skill": level in HIGH_SKILLED}
            for level in SkillLevel
        ])


# --- Catalogues -------------------------------------------------------------------------------------------


class PublicReadOfficeWrite(BasePermission):
    message = gettext_lazy("只有专班办公室可以维护目录")

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or can_manage_catalogues(request.user)


CatalogueKindOutput = described_choice(CatalogueKind)
CatalogueStateOutput = described_choice(CatalogueState)


class CatalogueEntrySerializer(serializers.ModelSerializer):
    occupation_code = serializers.SerializerMethodField()
    occupation_name = serializers.SerializerMethodField()
    work_type = serializers.SlugRelatedField(slug_field="name", read_only=True)
    industry = serializers.SlugRelatedField(slug_field="code", read_only=True)
    label = serializers.CharField(read_only=True)
    level_labels = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = CatalogueEntry
        fields = ["id", "key", "occupation_code", "occupation_name", "work_type", "name", "label", "levels",
                  "level_labels", "industry", "reason", "subsidy_uplift_pct", "residence_policy", "effective_from",
                  "effective_to", "order"]
        read_only_fields = fields

    def get_occupation_code(self, entry) -> str | None:
        return entry.occupation.code if entry.occupation else None

    def get_occupation_name(self, entry) -> str | None:
        return entry.occupation.name if entry.occupation else None


class CatalogueVersionSerializer(serializers.ModelSerializer):
    kind = CatalogueKindOutput(read_only=True)
    state = CatalogueStateOutput(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    entry_count = serializers.SerializerMethodField()

    class Meta:
        model = CatalogueVersion
        fields = ["id", "kind", "kind_label", "year", "number", "title", "state", "state_label", "published_at",
                  "entry_count"]
        read_only_fields = fields

    def get_entry_count(self, version) -> int:
        count = getattr(version, "entry_count", None)
        return version.entries.count() if count is None else count


class CatalogueDetailSerializer(CatalogueVersionSerializer):
    entries = serializers.SerializerMethodField()

    class Meta(CatalogueVersionSerializer.Meta):
        fields = [*CatalogueVersionSerializer.Meta.fields, "note", "superseded_at", "entries"]
        read_only_fields = fields

    @extend_schema(responses=CatalogueEntrySerializer(many=True))
    def get_entries(self, version) -> list[dict]:
        return CatalogueEntrySerializer(catalogue_entries(version), many=True).data


class CatalogueCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CatalogueKind.choices)
    year = year_field()
    copy_from = id_field(required=False, allow_null=True, help_text=gettext_lazy("复制其条目的版本 id"))
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class CatalogueEntryWriteSerializer(serializers.Serializer):
    """An occupation by its 2022 code (and a work type under it by name), or a named item."""

    occupation = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=20,
                                       help_text=gettext_lazy("职业编码，如 6-18-01-01"))
    work_type = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=80,
                                      help_text=gettext_lazy("工种名称"))
    name = serializers.CharField(required=False, allow_blank=True, default="", max_length=80)
    levels = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=5), required=False,
                                   default=list, max_length=5)
    industry = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=20,
                                     help_text=gettext_lazy("产业代码，如 IC"))
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    subsidy_uplift_pct = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    residence_policy = serializers.BooleanField(required=False, default=False)
    effective_from = date_field(required=False, allow_null=True)
    effective_to = date_field(required=False, allow_null=True)

    def validate(self, data: dict) -> dict:
        """Codes and names resolved to records; fields the client left out stay out (for PATCH)."""
        resolved = dict(data)
        if "occupation" in data:
            resolved["occupation"] = _occupation(data["occupation"])
        if data.get("work_type"):
            occupation = resolved.get("occupation") or getattr(self.instance, "occupation", None)
            resolved["work_type"] = _work_type(occupation, data["work_type"])
        elif "work_type" in data:
            resolved["work_type"] = None
        if "industry" in data:
            resolved["industry"] = _industry(data["industry"])
        return resolved


def _occupation(code: str | None) -> Occupation | None:
    if not code:
        return None
    occupation = occupation_get(code=code.strip())
    if occupation is None:
        raise ValidationError({"occupation": _("未找到职业编码“{code}”（2022 年版大典）").format(code=code)})
    return occupation


def _work_type(occupation: Occupation | None, name: str) -> WorkType:
    if occupation is None:
        raise ValidationError({"work_type": _("填写工种前请先指定职业")})
    work_type = WorkType.objects.filter(occupation=occupation, name=name.strip()).first()
    if work_type is None:
        raise ValidationError({"work_type": _("职业“{name}”下没有工种“{name2}”").format(name=occupation.name, name2=name)})
    return work_type


def _industry(code: str | None) -> Industry | None:
    if not code:
        return None
    industry = Industry.objects.filter(code=code.strip()).first()
    if industry is None:
        raise ValidationError({"industry": _("未找到产业代码“{code}”").format(code=code)})
    return industry


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000)


class CatalogueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published catalogues for everyone (?kind=urgent&year=2024); drafts and workflow for the programme office.

    The programme office and leadership may list other states with ?state=draft|review|superseded.
    """

    permission_classes = [PublicReadOfficeWrite]
    serializer_class = CatalogueVersionSerializer
    queryset = CatalogueVersion.objects.none()

    def get_serializer_class(self):
        return CatalogueDetailSerializer if self.action == "retrieve" else CatalogueVersionSerializer

    @extend_schema(parameters=[OpenApiParameter("kind", str, enum=CatalogueKind.values), OpenApiParameter("year", int),
                               OpenApiParameter("state", str, enum=CatalogueState.values)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        kind, state = params.get("kind", ""), params.get("state", "")
        if kind and kind not in CatalogueKind.values:
            raise ValidationError({"kind": _("目录类别应为 {items} 之一").format(items=_('、').join(CatalogueKind.values))})
        year = params.get("year", "")
        if year and not year.isdigit():
            raise ValidationError({"year": _("“{year}”不是年度").format(year=year)})
        versions = catalogue_version_list(kind=kind or None, year=int(year) if year else None)
        if state and state != CatalogueState.PUBLISHED and can_see_unpublished_catalogues(self.request.user):
            return versions.filter(state=state)
        return versions.filter(state=CatalogueState.PUBLISHED)

    def get_object(self):
        return get_catalogue_version_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=CatalogueCreateSerializer, responses={201: CatalogueDetailSerializer})
    def create(self, request):
        data = CatalogueCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        copy_id = fields.pop("copy_from", None)
        copy_from = get_catalogue_version_for_user(request.user, copy_id) if copy_id else None
        version = services.catalogue_version_create(by=request.user, copy_from=copy_from, **fields)
        return Response(CatalogueDetailSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CatalogueEntryWriteSerializer, responses={201: CatalogueEntrySerializer})
    @action(detail=True, methods=["post"])
    def entries(self, request, pk=None):
        version = self.get_object()
        data = CatalogueEntryWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.catalogue_entry_add(version=version, by=request.user, **data.validated_data)
        return Response(CatalogueEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CatalogueVersionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        version = services.catalogue_submit(version=self.get_object(), by=request.user)
        return Response(CatalogueVersionSerializer(version).data)

    @extend_schema(request=None, responses=CatalogueVersionSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        version = services.catalogue_publish(version=self.get_object(), by=request.user)
        return Response(CatalogueVersionSerializer(version).data)

    @extend_schema(request=ReturnSerializer, responses=CatalogueVersionSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        data = ReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.catalogue_return(version=self.get_object(), by=request.user,
                                            comment=data.validated_data["comment"])
        return Response(CatalogueVersionSerializer(version).data)

    @extend_schema(parameters=[OpenApiParameter("against", int, required=True, description=_("与之对比的原版本 id"))],
                   responses=dict)
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        """What this version added, removed and changed compared with ?against=<older version id>."""
        new = self.get_object()
        against = query_int(request.query_params, "against")
        if against is None:
            raise ValidationError({"against": _("请用 ?against=<版本 id> 指定对比的原版本")})
        old = get_catalogue_version_for_user(request.user, against)
        diff = catalogue_diff(old, new)
        entry = CatalogueEntrySerializer
        return Response({
            "old": CatalogueVersionSerializer(old).data,
            "new": CatalogueVersionSerializer(new).data,
            "added": entry(diff.added, many=True).data,
            "removed": entry(diff.removed, many=True).data,
            "changed": [
                {"key": change.new.key, "label": change.new.label, "fields": change.fields,
                 "old": entry(change.old).data, "new": entry(change.new).data}
                for change in diff.changed
            ],
            "unchanged": diff.unchanged,
        })


class CatalogueEntryViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin,
                            viewsets.GenericViewSet):
    """One entry: read it, or, while its version is a draft, change (PATCH) or remove it (programme office)."""

    permission_classes = [PublicReadOfficeWrite]
    serializer_class = CatalogueEntrySerializer
    queryset = CatalogueEntry.objects.none()
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_object(self):
        return get_catalogue_entry_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=CatalogueEntryWriteSerializer, responses=CatalogueEntrySerializer)
    def partial_update(self, request, pk=None):
        entry = self.get_object()
        data = CatalogueEntryWriteSerializer(entry, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        entry = services.catalogue_entry_update(entry=entry, by=request.user, **data.validated_data)
        return Response(CatalogueEntrySerializer(entry).data)

    def destroy(self, request, pk=None):
        services.catalogue_entry_remove(entry=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    router.register("occupations", OccupationViewSet, basename="occupation")
    router.register("industries", IndustryViewSet, basename="industry")
    router.register("catalogues", CatalogueViewSet, basename="catalogue")
    router.register("catalogue-entries", CatalogueEntryViewSet, basename="catalogue-entry")


extra_urls = [
    path("skill-levels/", SkillLevelView.as_view(), name="api-skill-levels"),
]
