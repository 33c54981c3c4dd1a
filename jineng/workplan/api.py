"""REST API for the work plan: plans, tasks, indicators, monthly reports, the desk and the scorecard."""
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from jineng.accounts import permissions
from jineng.core.api import id_field, query_int, transition_required
from jineng.workplan.choices import ProgressStatus
from jineng.workplan.models import Indicator, MonthlyReport, Plan, Task
from jineng.workplan.selectors import desk as desk_selectors
from jineng.workplan.selectors import reports as report_selectors
from jineng.workplan.selectors.scorecard import scorecard_build
from jineng.workplan.services import reports as report_services
from jineng.workplan.services import targets as target_services
from jineng.workplan.workflows import REPORT_WORKFLOW


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["id", "year", "title", "report_due_day", "rag_green_ratio", "rag_amber_ratio", "score_progress_weight"]


class IndicatorSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "code", "kind", "label", "unit", "annual_target", "source_text", "pace_profile", "source", "metric_key"]


class TaskSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.name")
    lead_units = serializers.SerializerMethodField()
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = ["id", "number", "category", "content", "lead_text", "lead_units", "designation_pending", "indicators"]

    def get_lead_units(self, task) -> list[str]:
        return [unit.organisation.name for unit in task.task_units.all() if unit.role == "lead"]


class IndicatorValueSerializer(serializers.Serializer):
    indicator = id_field(source="indicator_id")
    value = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class ReportSerializer(serializers.ModelSerializer):
    task_number = serializers.IntegerField(source="task.number", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    period = serializers.CharField(source="period_label", read_only=True)
    values = IndicatorValueSerializer(many=True, read_only=True)

    class Meta:
        model = MonthlyReport
        fields = [
            "id", "task_number", "organisation", "period", "state", "progress_status", "narrative", "problems",
            "next_steps", "first_submitted_at", "submitted_at", "reviewed_at", "review_comment", "values",
        ]
        read_only_fields = fields


class ReportOpenSerializer(serializers.Serializer):
    task_number = serializers.IntegerField(min_value=1, max_value=1_000_000)
    period = serializers.RegexField(r"^\d{4}-\d{2}$", help_text="YYYY-MM")


class ReportWriteSerializer(serializers.Serializer):
    progress_status = serializers.ChoiceField(choices=ProgressStatus.choices)
    narrative = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)
    problems = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)
    next_steps = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)
    values = IndicatorValueSerializer(many=True, required=False, default=list)


class ReviewSerializer(serializers.Serializer):
    comment = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer
    lookup_field = "year"
    lookup_value_regex = "[0-9]{4}"

    def get_queryset(self):
        if not permissions.user_can(self.request.user, permissions.USE_DESK):
            return Plan.objects.none()
        return Plan.objects.order_by("-year")


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    """The plan's tasks the viewer may see, with lead units and indicators."""

    serializer_class = TaskSerializer
    lookup_field = "number"
    lookup_value_regex = "[0-9]{1,9}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Task.objects.none()
        plan = report_selectors.plan_get(year=query_int(self.request.query_params, "year"))
        return report_selectors.task_list(viewer=self.request.user, plan=plan).prefetch_related(
            "indicators", "task_units__organisation"
        )


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Monthly reports: open a draft, save, submit; the programme office returns or accepts."""

    serializer_class = ReportSerializer
    filterset_fields = ["state"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return MonthlyReport.objects.none()
        plan = report_selectors.plan_get(year=query_int(self.request.query_params, "year"))
        return report_selectors.report_list(viewer=self.request.user, plan=plan).prefetch_related("values")

    def get_object(self):
        return report_selectors.get_report_for_user(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(request=ReportOpenSerializer, responses=ReportSerializer)
    def create(self, request):
        data = ReportOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = report_selectors.plan_get(year=int(data.validated_data["period"][:4]))
        task = report_selectors.get_task_for_user(request.user, plan=plan, number=data.validated_data["task_number"])
        period = report_services.parse_period(data.validated_data["period"])
        report = report_services.report_open(task=task, period=period, by=request.user)
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReportWriteSerializer, responses=ReportSerializer)
    def update(self, request, pk=None):
        report = self.get_object()
        data = ReportWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        values = {item["indicator_id"]: item["value"] for item in fields.pop("values")}
        report = report_services.report_save(report=report, by=request.user, values=values, **fields)
        return Response(ReportSerializer(report).data)

    @extend_schema(request=None, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(REPORT_WORKFLOW, "submit")
    def submit(self, request, pk=None):
        report = report_services.report_submit(report=self.get_object(), by=request.user)
        return Response(ReportSerializer(report).data)

    @extend_schema(request=ReviewSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    @transition_required(REPORT_WORKFLOW, "return")
    def return_(self, request, pk=None):
        comment = ReviewSerializer(data=request.data)
        comment.is_valid(raise_exception=True)
        report = report_services.report_return(report=self.get_object(), by=request.user, **comment.validated_data)
        return Response(ReportSerializer(report).data)

    @extend_schema(request=ReviewSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(REPORT_WORKFLOW, "accept")
    def accept(self, request, pk=None):
        comment = ReviewSerializer(data=request.data)
        comment.is_valid(raise_exception=True)
        report = report_services.report_accept(report=self.get_object(), by=request.user, **comment.validated_data)
        return Response(ReportSerializer(report).data)


class DistrictTargetWriteSerializer(serializers.Serializer):
    district_code = serializers.RegexField(r"^\d{6}$")
    value = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Indicator.objects.none()
        plan = report_selectors.plan_get(year=query_int(self.request.query_params, "year"))
        tasks = report_selectors.task_list(viewer=self.request.user, plan=plan)
        return Indicator.objects.filter(task__in=tasks).select_related("task").order_by("task__number", "ordinal")

    @extend_schema(request=DistrictTargetWriteSerializer(many=True), responses=None)
    @action(detail=True, methods=["put"], url_path="district-targets")
    def district_targets(self, request, pk=None):
        """Replace the indicator's split among districts (programme office)."""
        if not permissions.user_can(request.user, permissions.MANAGE_PLAN):
            raise PermissionDenied(_("只有专班办公室可以分解目标"))
        data = DistrictTargetWriteSerializer(data=request.data, many=True)
        data.is_valid(raise_exception=True)
        values = {item["district_code"]: item["value"] for item in data.validated_data}
        target_services.district_targets_set(indicator=self.get_object(), values=values, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeskView(APIView):
    """The supervision desk at a month: tasks with status, indicators against pace and timeliness."""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int), OpenApiParameter("month", int), OpenApiParameter("department", int),
            OpenApiParameter("category", int), OpenApiParameter("status", str), OpenApiParameter("rag", str),
            OpenApiParameter("district", int),
        ],
        responses=dict,
    )
    def get(self, request):
        if not permissions.user_can(request.user, permissions.USE_DESK):
            raise PermissionDenied(_("无权查看督办台"))
        plan = report_selectors.plan_get(year=query_int(request.query_params, "year"))
        month = _month(request.query_params, plan)
        filters = desk_selectors.DeskFilters(
            department_id=query_int(request.query_params, "department"),
            category_id=query_int(request.query_params, "category"),
            status=request.query_params.get("status", ""),
            rag=request.query_params.get("rag", ""),
            district_id=query_int(request.query_params, "district"),
        )
        desk = desk_selectors.desk_build(viewer=request.user, plan=plan, month=month, filters=filters)
        return Response(desk_json(desk))


def _month(params, plan) -> int:
    month = query_int(params, "month") or desk_selectors.latest_month(plan)
    if not 1 <= month <= 12:
        raise ValidationError({"month": _("月份须在 1 到 12 之间")})
    return month


def desk_json(desk) -> dict:
    return {
        "year": desk.plan.year,
        "month": desk.month,
        "district": desk.district.code if desk.district else None,
        "headline": desk.headline,
        "tasks": [
            {
                "number": row.task.number,
                "category": row.task.category.name,
                "lead_units": [o.name for o in row.leads],
                "status": row.status,
                "rag": row.rag,
                "timeliness": vars(row.timeliness),
                "indicators": [
                    {
                        "code": i.indicator.code, "label": i.indicator.label, "unit": i.indicator.unit,
                        "kind": i.indicator.kind, "target": _num(i.target), "expected": _num(i.expected),
                        "actual": _num(i.actual), "computed": _num(i.computed), "rag": i.rag,
                        "projected": _num(i.projected), "discrepancy": i.discrepancy,
                    }
                    for i in row.indicators
                ],
            }
            for row in desk.rows
        ],
    }


def _num(value):
    return None if value is None else float(value)


class ScorecardView(APIView):
    """The district scorecard at a month (a district officer sees only their own row)."""

    @extend_schema(parameters=[OpenApiParameter("year", int), OpenApiParameter("month", int)], responses=dict)
    def get(self, request):
        if not permissions.user_can(request.user, permissions.USE_DESK):
            raise PermissionDenied(_("无权查看区考核"))
        plan = report_selectors.plan_get(year=query_int(request.query_params, "year"))
        month = _month(request.query_params, plan)
        rows = scorecard_build(viewer=request.user, plan=plan, month=month)
        return Response(
            {
                "year": plan.year,
                "month": month,
                "districts": [
                    {
                        "rank": row.rank, "code": row.district.code, "name": row.district.name, "score": _num(row.score),
                        "progress": _num(row.progress), "target_share": _num(row.target_share),
                        "timely_share": _num(row.timely_share), "reports_due": row.reports_due,
                        "on_time": row.on_time, "late": row.late, "missing": row.missing,
                    }
                    for row in rows
                ],
            }
        )


def register(router) -> None:
    router.register("plans", PlanViewSet, basename="plan")
    router.register("tasks", TaskViewSet, basename="task")
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("reports", ReportViewSet, basename="report")


extra_urls = [
    path("desk/", DeskView.as_view(), name="api-desk"),
    path("scorecard/", ScorecardView.as_view(), name="api-scorecard"),
]
