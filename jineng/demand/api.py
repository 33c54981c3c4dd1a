"""REST API for demand reporting: campaigns, reports and their lines, upload, review, analysis and ranking."""
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from jineng.core.api import capability_required, date_field, id_field, query_int, transition_required
from jineng.core.spreadsheets import check_upload_size
from jineng.demand import permissions
from jineng.demand.choices import Urgency
from jineng.demand.forms import FilterForm
from jineng.demand.models import Campaign, DemandLine, DemandReport, DemandUpload, Employment
from jineng.demand.selectors import analysis
from jineng.demand.selectors import reports as selectors
from jineng.demand.selectors.employment import employment_list, enterprise_profile_of
from jineng.demand.selectors.ranking import ranking_for_year
from jineng.demand.selectors.reports import campaign_years
from jineng.demand.services import reports as services
from jineng.demand.services.employment import roster_import
from jineng.demand.services.upload import demand_upload_queue
from jineng.demand.workflows import DEMAND_REPORT_WORKFLOW
from jineng.occupations.choices import SkillLevel


class DemandCampaignSerializer(serializers.ModelSerializer):
    industries = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Campaign
        fields = ["id", "name", "year", "opens_on", "closes_on", "industries"]


class DemandLineSerializer(serializers.ModelSerializer):
    occupation = serializers.CharField(source="occupation.code", read_only=True)
    occupation_name = serializers.CharField(source="occupation.name", read_only=True)
    work_type = serializers.CharField(source="work_type.name", default="", read_only=True)

    class Meta:
        model = DemandLine
        fields = ["id", "occupation", "occupation_name", "work_type", "level", "headcount", "urgency", "vacancy_months",
                  "applicants_per_vacancy", "offered_monthly_pay", "expected_hire_date", "reason"]
        read_only_fields = fields


class DemandLineWriteSerializer(serializers.Serializer):
    occupation = serializers.CharField(max_length=10, help_text=gettext_lazy("职业编码，如 6-25-02-05"))
    work_type = serializers.CharField(max_length=80, allow_blank=True, required=False, default="")
    level = serializers.ChoiceField(choices=SkillLevel.choices, help_text=gettext_lazy("0 学徒工 … 3 三级/高级工 … 7 首席技师"))
    headcount = serializers.IntegerField(min_value=1, max_value=100_000)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    vacancy_months = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0)
    applicants_per_vacancy = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    offered_monthly_pay = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)
    expected_hire_date = date_field(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")


class DemandReportSerializer(serializers.ModelSerializer):
    campaign = serializers.CharField(source="campaign.name", read_only=True)
    campaign_id = serializers.IntegerField(read_only=True)
    enterprise = serializers.CharField(source="enterprise.name", read_only=True)
    district_code = serializers.CharField(source="district.code", read_only=True)
    industry_code = serializers.CharField(source="industry.code", read_only=True)

    class Meta:
        model = DemandReport
        fields = ["id", "campaign_id", "campaign", "enterprise", "district_code", "industry_code", "state", "note",
                  "first_submitted_at", "submitted_at", "reviewed_at", "review_comment"]
        read_only_fields = fields


class DemandOpenSerializer(serializers.Serializer):
    campaign = id_field()


class DemandNoteSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, max_length=2000)


class DemandReviewSerializer(serializers.Serializer):
    comment = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class DemandUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class DemandUploadJobSerializer(serializers.ModelSerializer):
    """An upload imported in the background: follow ``url`` until ``status`` is done, rejected or failed."""

    report = serializers.IntegerField(source="report_id", read_only=True)
    progress_percent = serializers.IntegerField(read_only=True)
    errors = serializers.ListField(child=serializers.CharField(), source="errors_shown", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = DemandUpload
        fields = ["id", "report", "file_name", "sha256", "status", "rows_total", "rows_done", "progress_percent",
                  "created_count", "updated_count", "unchanged_count", "errors", "created_at", "finished_at", "url"]
        read_only_fields = fields

    def get_url(self, upload) -> str:
        return reverse("demand-upload-detail", args=[upload.pk])


class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DemandCampaignSerializer
    queryset = Campaign.objects.none()

    def get_queryset(self):
        if not permissions.can_see_reports(self.request.user):
            return Campaign.objects.none()
        return selectors.campaign_list()


class DemandReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Enterprises open, fill in and submit their reports; the reviewing department returns or accepts them."""

    serializer_class = DemandReportSerializer
    filterset_fields = ["state", "campaign"]
    queryset = DemandReport.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DemandReport.objects.none()
        return selectors.demand_report_list(viewer=self.request.user)

    def get_object(self):
        return selectors.get_demand_report_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=DemandOpenSerializer, responses=DemandReportSerializer)
    @capability_required("demand.report")
    def create(self, request):
        data = DemandOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        campaign = Campaign.objects.filter(pk=data.validated_data["campaign"]).first()
        if campaign is None:
            raise Http404(_("填报批次不存在"))
        report = services.demand_report_open(campaign=campaign, by=request.user)
        return Response(DemandReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DemandNoteSerializer, responses=DemandReportSerializer)
    @capability_required("demand.report")
    def partial_update(self, request, pk=None):
        data = DemandNoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.demand_report_save(report=self.get_object(), by=request.user, **data.validated_data)
        return Response(DemandReportSerializer(report).data)

    @extend_schema(methods=["get"], responses=DemandLineSerializer(many=True))
    @extend_schema(methods=["post"], request=DemandLineWriteSerializer, responses=DemandLineSerializer)
    @action(detail=True, methods=["get", "post"])
    def lines(self, request, pk=None):
        report = self.get_object()
        if request.method == "GET":
            return Response(DemandLineSerializer(selectors.demand_line_list(report=report), many=True).data)
        data = DemandLineWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        line = services.demand_line_add(report=report, by=request.user, **data.validated_data)
        return Response(DemandLineSerializer(line).data, status=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": DemandUploadSerializer}, responses={202: DemandUploadJobSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    @capability_required("demand.report")
    def upload(self, request, pk=None):
        """Queue the file's import (all rows or none): 202 with the upload, to follow at its ``url``."""
        report = self.get_object()
        data = DemandUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        check_upload_size(upload.size)
        job = demand_upload_queue(report=report, content=upload.read(), file_name=upload.name, by=request.user)
        return Response(DemandUploadJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses=DemandReportSerializer)
    @action(detail=True, methods=["post"])
    @capability_required("demand.report")
    def submit(self, request, pk=None):
        report = services.demand_report_submit(report=self.get_object(), by=request.user)
        return Response(DemandReportSerializer(report).data)

    @extend_schema(request=DemandReviewSerializer, responses=DemandReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    @transition_required(DEMAND_REPORT_WORKFLOW, "return")
    def return_(self, request, pk=None):
        data = DemandReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.demand_report_return(report=self.get_object(), by=request.user, **data.validated_data)
        return Response(DemandReportSerializer(report).data)

    @extend_schema(request=DemandReviewSerializer, responses=DemandReportSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(DEMAND_REPORT_WORKFLOW, "accept")
    def accept(self, request, pk=None):
        data = DemandReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.demand_report_accept(report=self.get_object(), by=request.user, **data.validated_data)
        return Response(DemandReportSerializer(report).data)


class DemandLineViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One line of a report: read, replace (PUT) or delete, by the enterprise while the report is editable."""

    serializer_class = DemandLineSerializer
    queryset = DemandLine.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DemandLine.objects.none()
        return DemandLine.objects.visible_to(self.request.user).select_related(
            "occupation", "work_type", "report__campaign"
        ).order_by("pk")

    @extend_schema(request=DemandLineWriteSerializer, responses=DemandLineSerializer)
    def update(self, request, pk=None):
        data = DemandLineWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        line = services.demand_line_update(line=self.get_object(), by=request.user, **data.validated_data)
        return Response(DemandLineSerializer(line).data)

    def destroy(self, request, pk=None):
        services.demand_line_remove(line=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


_FILTER_PARAMETERS = [
    OpenApiParameter("campaign", int), OpenApiParameter("year", int), OpenApiParameter("industry", int),
    OpenApiParameter("district", int), OpenApiParameter("level", int), OpenApiParameter("occupation", str),
]


def _analysis_filters(request) -> analysis.DemandFilters:
    if not permissions.can_analyse(request.user):
        raise PermissionDenied(_("无权查看需求分析"))
    years = campaign_years()
    return FilterForm(request.query_params).filters(default_year=years[0] if years else None)


def _number(value):
    return None if value is None else float(value)


def _cell(value):
    return value if value is None or isinstance(value, str | int) else float(value)


class BreakdownView(APIView):
    """Demand grouped by ?dims=occupation&dims=level (any of campaign, occupation, level, industry, district)."""

    @extend_schema(parameters=[*_FILTER_PARAMETERS, OpenApiParameter("dims", str, many=True)], responses=dict)
    def get(self, request):
        filters = _analysis_filters(request)
        form = FilterForm(request.query_params)
        headers, rows = analysis.demand_breakdown(viewer=request.user, filters=filters, dimensions=form.dimensions())
        return Response({"headers": headers, "rows": [[_cell(c) for c in row.cells()] for row in rows]})


class DistrictDemandView(APIView):
    @extend_schema(parameters=_FILTER_PARAMETERS, responses=inline_serializer("DistrictDemand", {
        "code": serializers.CharField(), "name": serializers.CharField(), "headcount": serializers.IntegerField(),
        "enterprises": serializers.IntegerField(), "line_count": serializers.IntegerField()}, many=True))
    def get(self, request):
        rows = analysis.demand_by_district(viewer=request.user, filters=_analysis_filters(request))
        return Response([vars(row) for row in rows])


class ShortageView(APIView):
    """Shortage metrics per occupation; supply is not yet known (training and certificate data)."""

    @extend_schema(parameters=_FILTER_PARAMETERS, responses=dict)
    def get(self, request):
        table = analysis.shortage_metrics(viewer=request.user, filters=_analysis_filters(request))
        return Response({
            "previous": table.previous_label,
            "occupations": [
                {"code": r.code, "name": r.name, "headcount": r.headcount, "enterprises": r.enterprises,
                 "lines": r.line_count, "vacancy_months": _number(r.vacancy_months),
                 "applicants_per_vacancy": _number(r.applicants_per_vacancy), "pay_premium": _number(r.pay_premium),
                 "previous_headcount": r.previous_headcount, "growth": _number(r.growth), "supply": None}
                for r in table.rows
            ],
        })


class RankingView(APIView):
    """The catalogue ranking of a year (programme office and leadership)."""

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=dict)
    def get(self, request):
        if not permissions.can_see_ranking(request.user):
            raise PermissionDenied(_("无权查看需求排名"))
        years = campaign_years()
        year = query_int(request.query_params, "year") or (years[0] if years else 0)
        if year not in years:
            raise Http404(_("该年度没有填报批次"))
        ranking = ranking_for_year(viewer=request.user, year=year)
        return Response({
            "year": year,
            "weights": {key: float(value) for key, value in ranking.weights.as_dict().items()},
            "rows": [{"rank": r.rank, "previous_rank": r.previous_rank, "code": r.code, "name": r.name, "score": r.score,
                      "parts": vars(r.parts)} for r in ranking.rows],
        })


class EmploymentSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    resident_id_masked = serializers.CharField(source="person.resident_id_masked", read_only=True)
    source = serializers.CharField(read_only=True, help_text="roster / enrolment")

    class Meta:
        model = Employment
        fields = ["id", "person_name", "resident_id_masked", "start_date", "end_date", "source", "source_detail"]
        read_only_fields = fields


class RosterResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    sha256 = serializers.CharField()


class EmployeeListView(generics.ListAPIView):
    """The enterprise's own employment records (names and masked resident IDs only)."""

    serializer_class = EmploymentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Employment.objects.none()
        return employment_list(viewer=self.request.user, enterprise=_own_profile(self.request.user))


class RosterUploadView(APIView):
    """Upload the staff roster (.xlsx or UTF-8 .csv: 身份证号, 姓名, 入职日期, 离职日期): all rows or none."""

    parser_classes = [MultiPartParser]

    @extend_schema(request=DemandUploadSerializer, responses=RosterResultSerializer)
    def post(self, request):
        profile = _own_profile(request.user)
        data = DemandUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        check_upload_size(upload.size)
        result = roster_import(enterprise=profile, content=upload.read(), file_name=upload.name, by=request.user)
        return Response(RosterResultSerializer(result).data, status=status.HTTP_201_CREATED)


def _own_profile(user):
    profile = enterprise_profile_of(user)
    if profile is None:
        raise PermissionDenied(_("只有已登记企业信息的企业用户可以管理职工花名册"))
    return profile


class DemandUploadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Uploads of the reports the user may see, newest first: progress, counts and row errors."""

    serializer_class = DemandUploadJobSerializer
    queryset = DemandUpload.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DemandUpload.objects.none()
        return selectors.demand_upload_list(viewer=self.request.user)

    def get_object(self):
        return selectors.get_demand_upload_for_user(self.request.user, self.kwargs["pk"])


def register(router) -> None:
    router.register("demand/uploads", DemandUploadViewSet, basename="demand-upload")
    router.register("demand/campaigns", CampaignViewSet, basename="demand-campaign")
    router.register("demand/reports", DemandReportViewSet, basename="demand-report")
    router.register("demand/lines", DemandLineViewSet, basename="demand-line")


extra_urls = [
    path("demand/analysis/", BreakdownView.as_view(), name="api-demand-analysis"),
    path("demand/districts/", DistrictDemandView.as_view(), name="api-demand-districts"),
    path("demand/shortage/", ShortageView.as_view(), name="api-demand-shortage"),
    path("demand/ranking/", RankingView.as_view(), name="api-demand-ranking"),
    path("demand/employees/", EmployeeListView.as_view(), name="api-demand-employees"),
    path("demand/roster/", RosterUploadView.as_view(), name="api-demand-roster"),
]
