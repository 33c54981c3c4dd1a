"""REST API of evaluation: bodies, sessions, results (masked IDs), inspections, anomalies; the result upload and
the session workflow. Scoped as the pages are; a record outside the viewer's scope is a 404."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from jineng.core.capabilities import user_can
from jineng.evaluation.models import (
    AnomalyFinding,
    EvaluationBody,
    EvaluationResult,
    EvaluationSession,
    Inspection,
)
from jineng.evaluation.services import imports as import_services
from jineng.evaluation.services import results as result_services

extra_urls: list = []


class CanSee(BasePermission):
    message = gettext_lazy("您的角色无权查看技能评价记录")

    def has_permission(self, request, view) -> bool:
        return user_can(request.user, "evaluation.see")


class CanSupervise(CanSee):
    def has_permission(self, request, view) -> bool:
        return user_can(request.user, "evaluation.supervise")


class BodySerializer(serializers.ModelSerializer):
    district_code = serializers.CharField(source="district.code", read_only=True)

    class Meta:
        model = EvaluationBody
        fields = ["id", "credit_code", "name", "kind", "certificate_letter", "ministry_code", "city_serial",
                  "district_code", "status", "status_reason", "published_on"]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    occupation = serializers.CharField(source="occupation.code", read_only=True, allow_null=True)
    site = serializers.CharField(source="site.name", read_only=True)

    class Meta:
        model = EvaluationSession
        fields = ["id", "body", "code", "occupation", "work_type", "special_item", "level", "site", "exam_date",
                  "period", "status", "invigilators"]
        read_only_fields = fields


class ResultSerializer(serializers.ModelSerializer):
    """The candidate appears by name and masked number only."""

    name = serializers.CharField(source="person.name", read_only=True)
    resident_id_masked = serializers.CharField(source="person.resident_id_masked", read_only=True)

    class Meta:
        model = EvaluationResult
        fields = ["id", "session", "name", "resident_id_masked", "theory_score", "practical_score",
                  "comprehensive_score", "passed", "status", "approved_at", "sampled"]
        read_only_fields = fields


class InspectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Inspection
        fields = ["id", "body", "year", "level", "mode", "planned_on", "done_on", "status", "score", "outcome",
                  "summary"]
        read_only_fields = fields


class AnomalySerializer(serializers.ModelSerializer):
    class Meta:
        model = AnomalyFinding
        fields = ["id", "rule", "score", "summary", "body", "district", "session", "status", "review_note"]
        read_only_fields = fields


class ResultUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=gettext_lazy(".csv（UTF-8）或 .xlsx，表头：身份证号、姓名、理论成绩、实操成绩、综合评审成绩"))


class ActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["hold", "cancel", "approve", "submit", "district_approve",
                                              "district_return"])
    comment = serializers.CharField(required=False, allow_blank=True, max_length=300)


class ImportOutcomeSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class _Scoped(viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanSee]
    related: tuple[str, ...] = ()

    def get_queryset(self):
        model = self.serializer_class.Meta.model
        if getattr(self, "swagger_fake_view", False):
            return model.objects.none()
        return model.objects.visible_to(self.request.user).select_related(*self.related).order_by("-pk")


class BodyViewSet(_Scoped):
    serializer_class = BodySerializer
    queryset = EvaluationBody.objects.none()
    related = ("district",)
    filterset_fields = ["kind", "status"]


class SessionViewSet(_Scoped):
    serializer_class = SessionSerializer
    queryset = EvaluationSession.objects.none()
    related = ("occupation", "site")
    filterset_fields = ["status", "body"]

    @extend_schema(request={"multipart/form-data": ResultUploadSerializer}, responses={200: ImportOutcomeSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def results(self, request, pk=None):
        """Upload the session's results: all-or-nothing (400 with ``errors``), idempotent."""
        session = self.get_object()
        data = ResultUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        outcome = import_services.results_import(by=request.user, session=session, content=upload.read(),
                                                 file_name=upload.name)
        return Response({"created": outcome.created, "updated": outcome.updated, "unchanged": outcome.unchanged})

    @extend_schema(request=ActionSerializer, responses={200: SessionSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Take a workflow transition: 403 without the capability, 409 from the wrong state."""
        session = self.get_object()
        data = ActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = result_services.session_transition(by=request.user, session=session,
                                                      action=data.validated_data["action"],
                                                      comment=data.validated_data.get("comment", ""))
        return Response(SessionSerializer(session).data, status=status.HTTP_200_OK)


class ResultViewSet(_Scoped):
    serializer_class = ResultSerializer
    queryset = EvaluationResult.objects.none()
    related = ("person",)
    filterset_fields = ["status", "session", "passed"]


class InspectionViewSet(_Scoped):
    serializer_class = InspectionSerializer
    queryset = Inspection.objects.none()
    filterset_fields = ["year", "status", "body"]


class AnomalyViewSet(_Scoped):
    permission_classes = [CanSupervise]
    serializer_class = AnomalySerializer
    queryset = AnomalyFinding.objects.none()
    filterset_fields = ["rule", "status"]


def register(router) -> None:
    router.register("evaluation/bodies", BodyViewSet, basename="evaluation-body")
    router.register("evaluation/sessions", SessionViewSet, basename="evaluation-session")
    router.register("evaluation/results", ResultViewSet, basename="evaluation-result")
    router.register("evaluation/inspections", InspectionViewSet, basename="evaluation-inspection")
    router.register("evaluation/anomalies", AnomalyViewSet, basename="evaluation-anomaly")
