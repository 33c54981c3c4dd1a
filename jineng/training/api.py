"""REST API of training: institutions, classes, enrolments (masked resident IDs only), imports.

Scoped as the pages are (``training.permissions``); a record outside the viewer's scope is a 404.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from jineng.core.exceptions import DomainError
from jineng.training import permissions, selectors
from jineng.training.models import Enrolment, Institution, TrainingClass, TrainingImport
from jineng.training.services.imports import training_import_queue

extra_urls: list = []


class InstitutionSerializer(serializers.ModelSerializer):
    district_code = serializers.CharField(source="district.code", read_only=True)
    site_count = serializers.IntegerField(read_only=True)
    class_count = serializers.IntegerField(read_only=True)
    enrolment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Institution
        fields = ["id", "credit_code", "name", "kind", "district_code", "status", "licence_no", "licence_valid_until",
                  "site_count", "class_count", "enrolment_count"]
        read_only_fields = fields


class TrainingClassSerializer(serializers.ModelSerializer):
    institution = serializers.CharField(source="institution.credit_code", read_only=True)
    occupation = serializers.CharField(source="project.occupation.code", read_only=True)
    level = serializers.IntegerField(source="project.level", read_only=True, allow_null=True)
    site = serializers.CharField(source="site.name", read_only=True)
    enrolment_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingClass
        fields = ["id", "institution", "code", "occupation", "level", "site", "start_date", "end_date", "capacity",
                  "teachers", "is_subsidised", "status", "enrolment_count"]
        read_only_fields = fields


class EnrolmentSerializer(serializers.ModelSerializer):
    """The person appears by name and masked number only."""

    class_id = serializers.IntegerField(source="training_class_id", read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)
    resident_id_masked = serializers.CharField(source="person.resident_id_masked", read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "class_id", "name", "resident_id_masked", "enrolled_date", "status", "completed_date",
                  "hours_attended", "exam_result", "exam_date", "certificate_no", "certificate_date"]
        read_only_fields = fields


class TrainingImportSerializer(serializers.ModelSerializer):
    progress_percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingImport
        fields = ["id", "file_name", "sha256", "status", "rows_total", "rows_done", "progress_percent",
                  "created_count", "updated_count", "unchanged_count", "errors", "created_at", "finished_at"]
        read_only_fields = fields


class TrainingUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=".csv（UTF-8）或 .xlsx，按中文表头，见 docs/training-import.md")


class InstitutionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InstitutionSerializer
    queryset = Institution.objects.none()
    filterset_fields = ["kind", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Institution.objects.none()
        return selectors.institution_list(viewer=self.request.user)


class TrainingClassViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TrainingClassSerializer
    queryset = TrainingClass.objects.none()
    filterset_fields = ["status", "institution"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TrainingClass.objects.none()
        return selectors.class_list(viewer=self.request.user)


class EnrolmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EnrolmentSerializer
    queryset = Enrolment.objects.none()
    filterset_fields = ["training_class", "status", "exam_result"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Enrolment.objects.none()
        scope = permissions.institution_scope(self.request.user, prefix="training_class__institution__")
        return Enrolment.objects.filter(scope).select_related("person").order_by("training_class_id", "pk")


class TrainingImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """POST a file: 202 with the import's id; GET the import to follow its progress and read its errors."""

    serializer_class = TrainingImportSerializer
    queryset = TrainingImport.objects.none()
    parser_classes = [MultiPartParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TrainingImport.objects.none()
        return selectors.import_list(viewer=self.request.user)

    def get_object(self):
        return permissions.get_import_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request={"multipart/form-data": TrainingUploadSerializer}, responses={202: TrainingImportSerializer})
    def create(self, request):
        if not permissions.can_run_training(request.user):
            raise PermissionDenied("只有培训机构用户可以导入培训记录")
        data = TrainingUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            record = training_import_queue(content=upload.read(), file_name=upload.name, by=request.user,
                                           institution=permissions.own_institution(request.user))
        except DomainError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return Response(TrainingImportSerializer(record).data, status=status.HTTP_202_ACCEPTED)


def register(router) -> None:
    router.register("training/institutions", InstitutionViewSet, basename="training-institution")
    router.register("training/classes", TrainingClassViewSet, basename="training-class")
    router.register("training/enrolments", EnrolmentViewSet, basename="training-enrolment")
    router.register("training/imports", TrainingImportViewSet, basename="training-import")
