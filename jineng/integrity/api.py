"""REST API: risk findings with their review, risk runs, and institution ratings (published ones are public)."""
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from jineng.core.api import query_int, transition_required
from jineng.integrity import permissions, selectors
from jineng.integrity.choices import FindingStatus
from jineng.integrity.models import InstitutionRating, RiskFinding, RiskRun
from jineng.integrity.services import findings as finding_services
from jineng.integrity.services import runs as run_services
from jineng.integrity.workflows import FINDING_WORKFLOW


class RiskFindingSerializer(serializers.ModelSerializer):
    rule_label = serializers.CharField(source="get_rule_display", read_only=True)
    institution_name = serializers.CharField(source="institution.name", default=None, allow_null=True, read_only=True)
    district_code = serializers.CharField(source="district.code", default=None, allow_null=True, read_only=True)
    person_masked = serializers.CharField(source="person.resident_id_masked", default=None, allow_null=True,
                                          read_only=True)

    class Meta:
        model = RiskFinding
        fields = ["id", "rule", "rule_label", "fingerprint", "score", "summary", "institution", "institution_name",
                  "district_code", "person", "person_masked", "status", "review_note", "reviewed_at",
                  "first_run", "last_run"]
        read_only_fields = fields


class RiskFindingDetailSerializer(RiskFindingSerializer):
    class Meta(RiskFindingSerializer.Meta):
        fields = [*RiskFindingSerializer.Meta.fields, "evidence"]
        read_only_fields = fields


class FindingReviewSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=FindingStatus.choices)
    note = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")


class RiskRunSerializer(serializers.ModelSerializer):
    progress_percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = RiskRun
        fields = ["id", "status", "created_at", "started_at", "finished_at", "rules_done", "rules_total",
                  "progress_percent", "counts", "error"]
        read_only_fields = fields


class InstitutionRatingSerializer(serializers.ModelSerializer):
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    district_code = serializers.CharField(source="institution.district.code", read_only=True)

    class Meta:
        model = InstitutionRating
        fields = ["id", "institution", "institution_name", "district_code", "year", "grade", "score", "trainees",
                  "completion_rate", "pass_rate", "satisfaction", "survey_response_rate", "inspection_score",
                  "confirmed_findings", "components", "is_published", "published_at"]
        read_only_fields = fields


@extend_schema(parameters=[OpenApiParameter("rule", str), OpenApiParameter("status", str),
                           OpenApiParameter("district", int), OpenApiParameter("institution", int)])
class RiskFindingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Risk findings ordered by score; the programme office sees all, a district officer their district."""

    queryset = RiskFinding.objects.none()
    filter_backends: list = []

    def get_serializer_class(self):
        return RiskFindingDetailSerializer if self.action == "retrieve" else RiskFindingSerializer

    def get_queryset(self):
        if not permissions.can_supervise(self.request.user):
            raise PermissionDenied(_("您的角色无权查看风险线索"))
        params = self.request.query_params
        return selectors.finding_list(viewer=self.request.user, filters=selectors.FindingFilters(
            rule=params.get("rule", ""), status=params.get("status", ""),
            district_id=query_int(params, "district"), institution_id=query_int(params, "institution")))

    @extend_schema(request=FindingReviewSerializer, responses=RiskFindingDetailSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(FINDING_WORKFLOW, "confirm")  # confirm, dismiss and reopen: one capability
    def review(self, request, pk=None):
        finding = self.get_object()
        data = FindingReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        finding = finding_services.finding_review(finding=finding, by=request.user, **data.validated_data)
        return Response(RiskFindingDetailSerializer(finding).data)


class RiskRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """City-wide risk runs: POST starts one (programme office), GET shows progress and counts per rule."""

    serializer_class = RiskRunSerializer
    queryset = RiskRun.objects.none()
    filter_backends: list = []

    def get_queryset(self):
        if not permissions.can_supervise(self.request.user):
            raise PermissionDenied(_("您的角色无权查看风险核查"))
        return selectors.risk_run_list(viewer=self.request.user)

    @extend_schema(request=None, responses={202: RiskRunSerializer})
    def create(self, request):
        run = run_services.risk_run_start(by=request.user)
        return Response(RiskRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(parameters=[OpenApiParameter("year", int), OpenApiParameter("grade", str)])
class InstitutionRatingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published grades are public; the supervising roles also see unpublished drafts."""

    serializer_class = InstitutionRatingSerializer
    queryset = InstitutionRating.objects.none()
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        years = selectors.rating_years(viewer=self.request.user)
        year = query_int(self.request.query_params, "year") or (years[0] if years else None)
        if self.action == "retrieve":
            return self._all()
        if year is None:
            return InstitutionRating.objects.none()
        return selectors.rating_list(viewer=self.request.user, year=year,
                                     grade=self.request.query_params.get("grade", ""))

    def _all(self):
        ratings = InstitutionRating.objects.select_related("institution__district").order_by("pk")
        if not permissions.can_supervise(self.request.user):
            ratings = ratings.filter(is_published=True)
        return ratings

    def get_object(self):
        return selectors.get_rating_for_user(self.request.user, int(self.kwargs["pk"]))


def register(router) -> None:
    router.register("integrity/findings", RiskFindingViewSet, basename="integrity-finding")
    router.register("integrity/runs", RiskRunViewSet, basename="integrity-run")
    router.register("integrity/ratings", InstitutionRatingViewSet, basename="integrity-rating")


extra_urls: list = []
