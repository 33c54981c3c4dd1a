"""REST API of item 26: appointments of 特级技师 / 首席技师 and overseas certificate recognitions (people appear by
name and masked ID only; typed resident IDs travel in the request body)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from jineng.core.api import date_field, described_choice, query_int
from jineng.core.identifiers import InvalidIdentifier, resident_id_parse
from jineng.core.messages import message_text
from jineng.occupations.selectors import occupation_by_code
from jineng.recognition import selectors, services
from jineng.recognition.choices import APPOINTED_LEVELS, CERTIFICATE_LEVELS, RecognitionState
from jineng.recognition.models import OverseasRecognition, TechnicianAppointment
from jineng.recognition.permissions import (
    can_see,
    get_appointment_for_user,
    get_recognition_for_user,
)

AppointedLevelField = described_choice([(level.value, level.label) for level in APPOINTED_LEVELS], kind="integer")
CertificateLevelField = described_choice([(level.value, level.label) for level in CERTIFICATE_LEVELS],
                                          kind="integer")
StateField = described_choice(RecognitionState.choices)


class _PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    resident_id_masked = serializers.CharField(source="person.resident_id_masked", read_only=True)
    occupation_code = serializers.CharField(source="occupation.code", read_only=True)


class AppointmentSerializer(_PersonSerializer):
    enterprise = serializers.CharField(source="enterprise.name", read_only=True)
    district_code = serializers.CharField(source="district.code", read_only=True)
    level = AppointedLevelField(read_only=True)

    class Meta:
        model = TechnicianAppointment
        fields = ["id", "enterprise", "district_code", "name", "resident_id_masked", "occupation_code", "level",
                  "appointed_on", "term_years", "term_ends_on", "document_number"]
        read_only_fields = fields


class RecognitionSerializer(_PersonSerializer):
    district_code = serializers.CharField(source="district.code", read_only=True, allow_null=True, default=None)
    level = CertificateLevelField(read_only=True)
    state = StateField(read_only=True)

    class Meta:
        model = OverseasRecognition
        fields = ["id", "name", "resident_id_masked", "country", "issuing_body", "certificate_title",
                  "certificate_number", "issued_on", "occupation_code", "level", "state", "district_code",
                  "submitted_at", "decided_on", "decision_reason"]
        read_only_fields = fields


class _PersonInput(serializers.Serializer):
    resident_id = serializers.CharField(max_length=18, write_only=True)
    name = serializers.CharField(max_length=40)
    occupation_code = serializers.CharField(max_length=10)

    def validate_resident_id(self, value: str) -> str:
        try:
            return resident_id_parse(value).number
        except InvalidIdentifier as exc:
            raise serializers.ValidationError(message_text(exc.message)) from exc

    def validate(self, data: dict) -> dict:
        occupation = occupation_by_code(data.pop("occupation_code"))
        if occupation is None:
            raise serializers.ValidationError({"occupation_code": _("没有该职业编码")})
        data["occupation"] = occupation
        return data


class AppointmentInput(_PersonInput):
    level = AppointedLevelField()
    appointed_on = date_field()
    term_years = serializers.IntegerField(min_value=1, max_value=10)
    document_number = serializers.CharField(max_length=60)


class RecognitionInput(_PersonInput):
    country = serializers.CharField(max_length=60)
    issuing_body = serializers.CharField(max_length=120)
    certificate_title = serializers.CharField(max_length=160)
    certificate_number = serializers.CharField(max_length=60)
    issued_on = date_field(required=False, allow_null=True)
    level = CertificateLevelField()


class DecisionInput(serializers.Serializer):
    comment = serializers.CharField(max_length=1000, required=False, allow_blank=True)


def _require_see(user) -> None:
    if not can_see(user):
        raise PermissionDenied(_("您的角色无权查看特级技师、首席技师和境外证书认可"))


class AppointmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Appointments the viewer may see (?level=6|7&year=); enterprises POST their own."""

    serializer_class = AppointmentSerializer
    queryset = TechnicianAppointment.objects.none()

    @extend_schema(parameters=[OpenApiParameter("level", int, enum=[6, 7]), OpenApiParameter("year", int),
                               OpenApiParameter("q", str)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TechnicianAppointment.objects.none()
        _require_see(self.request.user)
        params = self.request.query_params
        level, year = query_int(params, "level"), query_int(params, "year")
        return selectors.appointment_list(viewer=self.request.user, q=params.get("q", "")[:80],
                                          level=level if level in (6, 7) else None,
                                          year=year if year is not None and 2000 <= year <= 2100 else None)

    def get_object(self):
        _require_see(self.request.user)
        return get_appointment_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=AppointmentInput, responses={201: AppointmentSerializer})
    def create(self, request):
        data = AppointmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = services.appointment_record(by=request.user, **data.validated_data)
        return Response(AppointmentSerializer(appointment).data, status=status.HTTP_201_CREATED)


class RecognitionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Overseas certificate recognitions the viewer may see (?state=); submit with POST; the office decides."""

    serializer_class = RecognitionSerializer
    queryset = OverseasRecognition.objects.none()

    @extend_schema(parameters=[OpenApiParameter("state", str, enum=RecognitionState.values),
                               OpenApiParameter("q", str)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return OverseasRecognition.objects.none()
        _require_see(self.request.user)
        params = self.request.query_params
        state = params.get("state", "")
        return selectors.recognition_list(viewer=self.request.user, q=params.get("q", "")[:80],
                                          state=state if state in RecognitionState.values else "")

    def get_object(self):
        _require_see(self.request.user)
        return get_recognition_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=RecognitionInput, responses={201: RecognitionSerializer})
    def create(self, request):
        data = RecognitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        recognition = services.overseas_submit(by=request.user, **data.validated_data)
        return Response(RecognitionSerializer(recognition).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, decision: str) -> Response:
        recognition = self.get_object()
        data = DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        recognition = services.overseas_decide(recognition=recognition, action=decision, by=request.user,
                                               comment=data.validated_data.get("comment", ""))
        return Response(RecognitionSerializer(recognition).data)

    @extend_schema(request=DecisionInput, responses=RecognitionSerializer)
    @action(detail=True, methods=["post"])
    def recognise(self, request, pk=None):
        return self._decide(request, "recognise")

    @extend_schema(request=DecisionInput, responses=RecognitionSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._decide(request, "refuse")


extra_urls: list = []


def register(router) -> None:
    router.register("recognition/appointments", AppointmentViewSet, basename="recognition-appointment")
    router.register("recognition/overseas", RecognitionViewSet, basename="recognition-overseas")
