"""REST API of the resource library: search and read what the viewer may (visitors: published public documents),
upload documents and versions, the publication workflow, downloads (logged) and the download report."""

from django.http import FileResponse, Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from jineng.core.api import date_field, described_choice, query_int
from jineng.evaluation.models import EvaluationBody
from jineng.library import selectors, services
from jineng.library.choices import AccessLevel, DocumentKind, DocumentState
from jineng.library.models import DocumentVersion, LibraryDocument
from jineng.library.permissions import (
    can_contribute,
    can_see_downloads,
    get_document_for_user,
    get_version_for_user,
)
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Occupation, WorkType

KindField = described_choice(DocumentKind.choices)
AccessField = described_choice(AccessLevel.choices)
StateField = described_choice(DocumentState.choices)
LevelField = described_choice(SkillLevel.choices, kind="integer")


class ReadAnyoneWriteSignedIn(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or bool(request.user and request.user.is_authenticated)


class VersionSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentVersion
        fields = ["id", "number", "original_name", "size", "sha256", "note", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, version) -> str:
        return f"/api/v1/library/versions/{version.pk}/download/"


class DocumentSerializer(serializers.ModelSerializer):
    occupation_code = serializers.CharField(source="occupation.code", read_only=True, allow_null=True, default=None)
    work_type = serializers.CharField(source="work_type.name", read_only=True, allow_null=True, default=None)
    owner_body = serializers.CharField(source="owner_body.credit_code", read_only=True, allow_null=True,
                                       default=None)
    shared_with = serializers.SlugRelatedField(many=True, read_only=True, slug_field="credit_code")
    kind = KindField(read_only=True)
    access = AccessField(read_only=True)
    state = StateField(read_only=True)
    level = LevelField(read_only=True, allow_null=True)

    class Meta:
        model = LibraryDocument
        fields = ["id", "title", "kind", "access", "state", "occupation_code", "work_type", "special_item", "level",
                  "description", "owner_body", "shared_with", "published_at", "withdrawn_at"]
        read_only_fields = fields


class DocumentDetailSerializer(DocumentSerializer):
    versions = VersionSerializer(many=True, read_only=True)

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "review_comment", "versions"]
        read_only_fields = fields


class DocumentCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=160)
    kind = KindField()
    access = AccessField()
    occupation_code = serializers.CharField(max_length=10, required=False, allow_blank=True)
    work_type = serializers.CharField(max_length=80, required=False, allow_blank=True)
    special_item = serializers.CharField(max_length=80, required=False, allow_blank=True)
    level = LevelField(required=False, allow_null=True)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    shared_with = serializers.ListField(child=serializers.CharField(max_length=18), required=False, max_length=100,
                                        help_text=_("共享机构的统一社会信用代码"))
    file = serializers.FileField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate(self, data: dict) -> dict:
        code, name = data.pop("occupation_code", ""), data.get("work_type", "")
        occupation = Occupation.objects.filter(code=code, classification="2022").first() if code else None
        if code and occupation is None:
            raise serializers.ValidationError({"occupation_code": _("没有该职业编码")})
        data["occupation"] = occupation
        data["work_type"] = WorkType.objects.filter(occupation=occupation, name=name).first() if name else None
        if name and data["work_type"] is None:
            raise serializers.ValidationError({"work_type": _("该职业下没有此工种")})
        codes = list(dict.fromkeys(data.get("shared_with", [])))
        bodies = list(EvaluationBody.objects.filter(credit_code__in=codes))
        if len(bodies) != len(codes):
            raise serializers.ValidationError({"shared_with": _("有共享机构的统一社会信用代码不存在")})
        data["shared_with"] = bodies
        data["upload"] = data.pop("file")
        return data


class VersionUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=1000, required=False, allow_blank=True)


def _transition(action_name: str):
    @extend_schema(request=CommentSerializer, responses=DocumentSerializer)
    def handler(self, request, pk=None):
        data = CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.document_transition(document=self.get_object(), action=action_name, by=request.user,
                                                comment=data.validated_data.get("comment", ""))
        return Response(DocumentSerializer(document).data)

    handler.__name__ = action_name.replace("return", "return_")
    return action(detail=True, methods=["post"], url_path=action_name, parser_classes=[JSONParser, MultiPartParser])(
        handler)


class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Documents the viewer may read: ?q=&kind=&access=&state=&occupation=&body= (a body's id)."""

    permission_classes = [ReadAnyoneWriteSignedIn]
    serializer_class = DocumentSerializer
    queryset = LibraryDocument.objects.none()
    parser_classes = [MultiPartParser, JSONParser]

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    @extend_schema(parameters=[OpenApiParameter("q", str), OpenApiParameter("occupation", str),
                               OpenApiParameter("kind", str, enum=DocumentKind.values),
                               OpenApiParameter("access", str, enum=AccessLevel.values),
                               OpenApiParameter("state", str, enum=DocumentState.values),
                               OpenApiParameter("body", int)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LibraryDocument.objects.none()
        params = self.request.query_params
        return selectors.document_list(
            viewer=self.request.user, q=params.get("q", "")[:80], occupation=params.get("occupation", "")[:80],
            kind=params.get("kind", "") if params.get("kind") in DocumentKind.values else "",
            access=params.get("access", "") if params.get("access") in AccessLevel.values else "",
            state=params.get("state", "") if params.get("state") in DocumentState.values else "",
            body_id=query_int(params, "body")).prefetch_related("shared_with")

    def get_object(self):
        return get_document_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request={"multipart/form-data": DocumentCreateSerializer}, responses={201: DocumentDetailSerializer})
    def create(self, request):
        data = DocumentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.document_create(by=request.user, **data.validated_data)
        return Response(DocumentDetailSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": VersionUploadSerializer}, responses={201: VersionSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def versions(self, request, pk=None):
        document = self.get_object()
        if not can_contribute(request.user, document):
            raise PermissionDenied(_("只有资料的提供机构或专班办公室可以提交或修改资料"))
        data = VersionUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.version_add(document=document, by=request.user,
                                       upload=data.validated_data["file"], note=data.validated_data.get("note", ""))
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    submit = _transition("submit")
    publish = _transition("publish")
    return_ = _transition("return")
    withdraw = _transition("withdraw")
    revise = _transition("revise")


class VersionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [AllowAny]
    serializer_class = VersionSerializer
    queryset = DocumentVersion.objects.none()

    def get_object(self):
        return get_version_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The version's file; every download is logged (who, when, which version)."""
        version = self.get_object()
        try:
            handle = version.file.open("rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404(_("文件不存在")) from exc
        services.download_record(version=version, user=request.user)
        return FileResponse(handle, as_attachment=True, filename=version.original_name)


class DownloadCountSerializer(serializers.Serializer):
    document_id = serializers.IntegerField()
    title = serializers.CharField(source="document__title")
    kind = serializers.CharField(source="document__kind")
    access = serializers.CharField(source="document__access")
    downloads = serializers.IntegerField()
    signed_in = serializers.IntegerField()
    organisations = serializers.IntegerField()
    last_at = serializers.DateTimeField()


class PeriodSerializer(serializers.Serializer):
    start = date_field(required=False)
    end = date_field(required=False)


class DownloadReportView(APIView):
    """Downloads per document (?start=&end=, dates), most downloaded first: the programme office and leadership."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[PeriodSerializer], responses=DownloadCountSerializer(many=True))
    def get(self, request):
        if not can_see_downloads(request.user):
            raise PermissionDenied(_("只有专班办公室和领导可以查看下载统计"))
        period = PeriodSerializer(data=request.query_params)
        period.is_valid(raise_exception=True)
        rows = selectors.download_counts(viewer=request.user, **period.validated_data)[:500]
        return Response(DownloadCountSerializer(rows, many=True).data)


extra_urls = [path("library/downloads/", DownloadReportView.as_view(), name="api-library-downloads")]


def register(router) -> None:
    router.register("library/documents", DocumentViewSet, basename="library-document")
    router.register("library/versions", VersionViewSet, basename="library-version")
