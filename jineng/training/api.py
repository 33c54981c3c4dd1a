"""REST API of training: institutions, classes, enrolments (masked resident IDs only), imports.

Scoped as the pages are (``training.permissions``); a record outside the viewer's scope is a 404.
"""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from jineng.core.api import id_field
from jineng.training import permissions, selectors
from jineng.training.choices import CheckInMethod
from jineng.training.models import Enrolment, Institution, SurveyResponse, TrainingClass, TrainingImport
from jineng.training.services.checkins import check_ins_receive
from jineng.training.services.imports import training_import_queue
from jineng.training.services.surveys import survey_submit

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
    errors = serializers.ListField(child=serializers.CharField(), source="errors_shown", read_only=True)

    class Meta:
        model = TrainingImport
        fields = ["id", "file_name", "sha256", "status", "rows_total", "rows_done", "progress_percent",
                  "created_count", "updated_count", "unchanged_count", "errors", "created_at", "finished_at"]
        read_only_fields = fields


class TrainingUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=gettext_lazy(".csv（UTF-8）或 .xlsx，按中文表头，见 docs/training-import.md"))


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
        return Enrolment.objects.visible_to(self.request.user).select_related("person").order_by("training_class_id", "pk")


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
            raise PermissionDenied(_("只有培训机构用户可以导入培训记录"))
        data = TrainingUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        record = training_import_queue(content=upload.read(), file_name=upload.name, by=request.user,
                                       institution=permissions.own_institution(request.user))
        return Response(TrainingImportSerializer(record).data, status=status.HTTP_202_ACCEPTED)


def register(router) -> None:
    router.register("training/institutions", InstitutionViewSet, basename="training-institution")
    router.register("training/classes", TrainingClassViewSet, basename="training-class")
    router.register("training/enrolments", EnrolmentViewSet, basename="training-enrolment")
    router.register("training/imports", TrainingImportViewSet, basename="training-import")
    _register_devices(router)


# Attendance devices and trainee surveys ------------------------------------------------------------------


class CheckInItemSerializer(serializers.Serializer):
    """One check-in as a device sends it (for the schema; the batch is validated by the service)."""

    class_code = serializers.CharField()
    resident_id = serializers.CharField(help_text=gettext_lazy("18 位身份证号，仅用于查找学员，不会出现在响应中"))
    checked_at = serializers.DateTimeField(help_text=gettext_lazy("带时区的 ISO 8601 时间，如 2024-03-05T09:00:00+08:00"))
    site = serializers.CharField(help_text=gettext_lazy("本机构教学点的名称或编号"))
    method = serializers.ChoiceField(choices=CheckInMethod.choices)
    device_id = serializers.CharField(required=False, allow_blank=True)
    lon = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    lat = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)


class CheckInResultSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    class_code = serializers.CharField()
    name = serializers.CharField()
    resident_id_masked = serializers.CharField()
    checked_at = serializers.DateTimeField()
    created = serializers.BooleanField()


class CheckInBatchResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    items = CheckInResultSerializer(many=True)


class CheckInViewSet(viewsets.ViewSet):
    """POST a JSON list of up to 1,000 check-ins: all written or none (400 with errors by index and field)."""

    parser_classes = [JSONParser]

    @extend_schema(request=CheckInItemSerializer(many=True), responses={201: CheckInBatchResultSerializer,
                                                                       200: CheckInBatchResultSerializer})
    def create(self, request):
        institution = permissions.own_institution(request.user) if permissions.can_run_training(request.user) else None
        if institution is None:
            raise PermissionDenied(_("只有培训机构用户可以上传签到"))
        outcome = check_ins_receive(institution=institution, items=request.data)
        data = CheckInBatchResultSerializer(outcome).data
        return Response(data, status=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK)


class SurveyAnswerSerializer(serializers.Serializer):
    enrolment = id_field(help_text=gettext_lazy("培训记录编号（本机构已结业的学员）"))
    satisfaction = serializers.IntegerField(min_value=1, max_value=5)


class SurveyResponseSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveyResponse
        fields = ["enrolment", "satisfaction", "answered_at"]
        read_only_fields = fields


class SurveyViewSet(viewsets.ViewSet):
    """POST one trainee's satisfaction (1–5). The first answer stands: the same answer again is 200, another 409."""

    parser_classes = [JSONParser]

    @extend_schema(request=SurveyAnswerSerializer, responses={201: SurveyResponseSerializer,
                                                              200: SurveyResponseSerializer})
    def create(self, request):
        if not permissions.can_run_training(request.user):
            raise PermissionDenied(_("只有培训机构用户可以提交学员评价"))
        answer = SurveyAnswerSerializer(data=request.data)
        answer.is_valid(raise_exception=True)
        enrolment = permissions.get_enrolment_for_user(request.user, answer.validated_data["enrolment"])
        response, created = survey_submit(enrolment=enrolment, satisfaction=answer.validated_data["satisfaction"])
        return Response(SurveyResponseSerializer(response).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _register_devices(router) -> None:
    router.register("training/check-ins", CheckInViewSet, basename="training-check-in")
    router.register("training/surveys", SurveyViewSet, basename="training-survey")
