"""REST API for wages: published tables and the lookup (public), enterprise uploads and SOE reports, the SOE
commitments, the district survey and the service windows."""

from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from jineng.accounts.permissions import user_district_id
from jineng.core.api import query_int, year_field
from jineng.core.capabilities import user_can
from jineng.core.models import District
from jineng.core.spreadsheets import check_upload_size
from jineng.wages.choices import Dimension
from jineng.wages.models import ServiceWindow, SoeReport, TableCell, TableVersion, WageUpload
from jineng.wages.selectors import tables as table_selectors
from jineng.wages.selectors.district import district_figures, windows
from jineng.wages.selectors.soe import soe_commitments
from jineng.wages.services.common import enterprise_of
from jineng.wages.services.district import district_survey_import
from jineng.wages.services.soe import REPORT_FIELDS, soe_report_submit
from jineng.wages.services.uploads import round_open_latest, wage_upload_import

QUERY_MAX = 40


class WageTableVersionSerializer(serializers.ModelSerializer):
    data_year = serializers.IntegerField(source="round.data_year", read_only=True)
    publication_year = serializers.IntegerField(source="round.publication_year", read_only=True)

    class Meta:
        model = TableVersion
        fields = ["id", "data_year", "publication_year", "number", "state", "methodology_version", "thresholds",
                  "n_enterprises", "n_workers", "computed_at", "published_at"]
        read_only_fields = fields


class CellSerializer(serializers.ModelSerializer):
    occupation_code = serializers.CharField(source="occupation.code", read_only=True, default=None)
    industry_code = serializers.CharField(source="industry.code", read_only=True, default=None)

    class Meta:
        model = TableCell
        fields = ["dimension", "occupation_code", "level", "industry_code", "n_enterprises", "n_workers", "p10",
                  "p25", "p50", "p75", "p90", "mean", "suppressed", "reason"]
        read_only_fields = fields


class TableVersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Published and superseded versions for everyone; drafts and versions under review for the office."""

    serializer_class = WageTableVersionSerializer
    permission_classes = [AllowAny]
    queryset = TableVersion.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TableVersion.objects.none()
        return table_selectors.version_list(viewer=self.request.user)

    @extend_schema(parameters=[OpenApiParameter("dimension", str, enum=Dimension.values)],
                   responses=CellSerializer(many=True))
    @action(detail=True, methods=["get"])
    def cells(self, request, pk=None):
        version = self.get_object()
        dimension = request.query_params.get("dimension", "")
        if dimension and dimension not in Dimension.values:
            raise serializers.ValidationError({"dimension": _("未知的口径")})
        cells = table_selectors.cells_of(version, dimension=dimension or None)
        page = self.paginate_queryset(cells)
        return self.get_paginated_response(CellSerializer(page, many=True).data)


class LookupView(APIView):
    """Occupations by code prefix, name or pinyin initials, with their cells in the version in force."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[OpenApiParameter("q", str, required=True)], responses=dict)
    def get(self, request):
        version = table_selectors.version_in_force()
        if version is None:
            raise Http404(_("还没有发布的工资价位"))
        query = request.query_params.get("q", "").strip()[:QUERY_MAX]
        found = table_selectors.occupation_tables(version, query=query)
        return Response({"version": version.pk, "methodology_version": version.methodology_version,
                         "occupations": [{"code": t.occupation.code, "name": t.occupation.name,
                                          "cells": CellSerializer(t.rows, many=True).data} for t in found]})


class WageUploadSerializer(serializers.ModelSerializer):
    data_year = serializers.IntegerField(source="round.data_year", read_only=True)
    credit_code = serializers.CharField(source="enterprise.credit_code", read_only=True)

    class Meta:
        model = WageUpload
        fields = ["id", "data_year", "credit_code", "file_name", "rows", "uploaded_at"]
        read_only_fields = fields


class FileSerializer(serializers.Serializer):
    file = serializers.FileField()


class WageUploadViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """An enterprise's pay file for the open round (multipart ``file``); lists are scoped by role."""

    serializer_class = WageUploadSerializer
    queryset = WageUpload.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WageUpload.objects.none()
        return (WageUpload.objects.visible_to(self.request.user).select_related("round", "enterprise")
                .order_by("-round__data_year", "pk"))

    @extend_schema(request=FileSerializer, responses=WageUploadSerializer)
    def create(self, request):
        if not user_can(request.user, "wages.upload_wages"):
            raise PermissionDenied(_("只有企业用户可以填报工资调查"))
        data = FileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        check_upload_size(upload.size)
        summary = wage_upload_import(survey_round=round_open_latest(), enterprise=enterprise_of(request.user),
                                     content=upload.read(), file_name=upload.name, by=request.user)
        return Response(WageUploadSerializer(summary.upload).data,
                        status=status.HTTP_201_CREATED if summary.changed else status.HTTP_200_OK)

    def get_parsers(self):
        return [MultiPartParser()] if getattr(self, "action", None) == "create" else super().get_parsers()


class SoeReportSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    skilled_workers = serializers.IntegerField(min_value=0, max_value=10_000_000)
    high_skilled_workers = serializers.IntegerField(min_value=0, max_value=10_000_000)
    new_high_skilled = serializers.IntegerField(min_value=0, max_value=10_000_000)
    managers = serializers.IntegerField(min_value=0, max_value=10_000_000)
    credit_code = serializers.CharField(source="enterprise.credit_code", read_only=True)

    class Meta:
        model = SoeReport
        fields = ["id", "credit_code", "year", *REPORT_FIELDS, "submitted_at"]
        read_only_fields = ["id", "credit_code", "submitted_at"]


class SoeReportViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = SoeReportSerializer
    queryset = SoeReport.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SoeReport.objects.none()
        return SoeReport.objects.visible_to(self.request.user).select_related("enterprise").order_by("-year", "pk")

    def create(self, request):
        if not user_can(request.user, "wages.report_soe"):
            raise PermissionDenied(_("只有国有企业用户可以填报国企年度报告"))
        data = SoeReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        year = values.pop("year")
        report = soe_report_submit(enterprise=enterprise_of(request.user), year=year, values=values, by=request.user)
        return Response(SoeReportSerializer(report).data, status=status.HTTP_201_CREATED)


def _year(request, default: int) -> int:
    year = query_int(request.query_params, "year")
    if year is not None and not 2000 <= year <= 2100:
        raise serializers.ValidationError({"year": _("年度应在 2000–2100 之间")})
    return year or default


def _number(value):
    return None if value is None else str(value)


class CommitmentsView(APIView):
    """Items 12 and 34 for a year: per group and enterprise, with those falling short."""

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=dict)
    def get(self, request):
        if not user_can(request.user, "wages.see_soe"):
            raise PermissionDenied(_("无权查看国企承诺"))
        facts = soe_commitments(year=_year(request, timezone.localdate().year))
        return Response({
            "year": facts.year, "reports": facts.reports,
            "item12": [{"group": s.group, "skilled": s.skilled, "new_high_skilled": s.new_high_skilled,
                        "share": _number(s.share), "city_share": _number(s.city_share), "meets": s.meets}
                       for s in facts.shares],
            "item34_groups": [{"name": g.name, "high_skilled_growth": _number(g.high_skilled_growth),
                               "manager_growth": _number(g.manager_growth), "meets": g.meets}
                              for g in facts.growth_groups],
            "item34_enterprises": [{"name": g.name, "high_skilled_growth": _number(g.high_skilled_growth),
                                    "manager_growth": _number(g.manager_growth), "meets": g.meets}
                                   for g in facts.growth_enterprises],
        })


class WorkforceView(APIView):
    """Skilled and high-skilled workers by district (the districts a user may see)."""

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=dict)
    def get(self, request):
        if not user_can(request.user, "wages.see_district_survey"):
            raise PermissionDenied(_("无权查看各区技能人才调查"))
        year = _year(request, timezone.localdate().year)
        return Response({"year": year, "districts": [
            {"code": f.district.code, "name": f.district.name, "surveyed": f.surveyed, "skilled": f.skilled,
             "high_skilled": f.high_skilled} for f in district_figures(viewer=request.user, year=year)]})


class DistrictSurveyUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    year = year_field()
    district = serializers.CharField(max_length=6, required=False,
                                     help_text="GB/T 2260 code; a district officer's own district by default")


class DistrictSurveyUploadView(APIView):
    """A district's skilled-workforce survey (multipart ``file``: 职业编码, 技能等级, 人数); replaces the year's."""

    parser_classes = [MultiPartParser]

    @extend_schema(request=DistrictSurveyUploadSerializer, responses=dict)
    def post(self, request):
        if not user_can(request.user, "wages.upload_district_survey"):
            raise PermissionDenied(_("只能填报本区的技能人才调查"))
        data = DistrictSurveyUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        code = data.validated_data.get("district") or ""
        district = (District.objects.filter(code=code).first() if code
                    else District.objects.filter(pk=user_district_id(request.user)).first())
        if district is None:
            raise serializers.ValidationError({"district": _("请填写区划代码")})
        upload = data.validated_data["file"]
        check_upload_size(upload.size)
        survey = district_survey_import(district=district, year=data.validated_data["year"], content=upload.read(),
                                        file_name=upload.name, by=request.user)
        return Response({"district": district.code, "year": survey.year, "rows": survey.counts.count()},
                        status=status.HTTP_201_CREATED)


class WindowSerializer(serializers.ModelSerializer):
    district_code = serializers.CharField(source="district.code", read_only=True)

    class Meta:
        model = ServiceWindow
        fields = ["id", "district_code", "name", "address", "lon", "lat", "hours", "phone", "is_active"]
        read_only_fields = fields


class ServiceWindowViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = WindowSerializer
    permission_classes = [AllowAny]
    queryset = ServiceWindow.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ServiceWindow.objects.none()
        return windows(viewer=self.request.user)


def register(router) -> None:
    router.register("wages/versions", TableVersionViewSet, basename="wages-version")
    router.register("wages/uploads", WageUploadViewSet, basename="wages-upload")
    router.register("wages/soe-reports", SoeReportViewSet, basename="wages-soe-report")
    router.register("wages/windows", ServiceWindowViewSet, basename="wages-window")


extra_urls = [
    path("wages/lookup/", LookupView.as_view(), name="api-wages-lookup"),
    path("wages/commitments/", CommitmentsView.as_view(), name="api-wages-commitments"),
    path("wages/workforce/", WorkforceView.as_view(), name="api-wages-workforce"),
    path("wages/workforce/upload/", DistrictSurveyUploadView.as_view(), name="api-wages-workforce-upload"),
]
