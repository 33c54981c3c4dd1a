"""REST API of calls and awards: calls, applications with their workflow actions and the reviewer's scores, and
the public publicity lists. Role-scoped like the pages: another organisation's application is 404, an action the
user may not take 403, a wrong state or a passed deadline 409, a business refusal 400."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from jineng.accounts.models import Organisation
from jineng.awards import permissions, selectors
from jineng.awards.choices import Honour
from jineng.awards.models import Application, Call
from jineng.awards.reasons import reason_text
from jineng.awards.services import applications as app_services
from jineng.awards.services import reviews as review_services
from jineng.core.api import id_field, query_int, year_field
from jineng.core.capabilities import user_can


class CallSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    kind = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    rule_set = serializers.CharField(source="rule_set.__str__", read_only=True)

    class Meta:
        model = Call
        fields = ["id", "kind", "kind_label", "year", "title", "quota", "amount", "matching_min", "funding_months",
                  "opens_on", "deadline", "required_attachments", "status", "status_label", "publicity_start",
                  "publicity_end", "rule_set"]


class ApplicationSerializer(serializers.ModelSerializer):
    call = serializers.IntegerField(source="call_id", read_only=True)
    employer = serializers.CharField(source="employer.name", read_only=True)
    screening_unit = serializers.CharField(source="screening_unit.name", read_only=True)
    district = serializers.CharField(source="district.code", read_only=True)
    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = ["id", "number", "call", "title", "employer", "screening_unit", "district", "leader_name",
                  "leader_level", "leader_honours", "matching_declared", "state", "state_label", "eligible",
                  "reasons", "submitted_at", "screened_at", "review_comment", "total", "rank"]

    def get_reasons(self, application) -> list[dict]:
        return [{"code": r["code"], "ok": r["ok"], "text": reason_text(r)} for r in application.eligibility]


class ApplicationCreateSerializer(serializers.Serializer):
    call = id_field()
    title = serializers.CharField(max_length=120)
    screening_unit = id_field(help_text=gettext_lazy("主管部门（市级部门或区政府）的机构 id"))
    leader_name = serializers.CharField(max_length=40)
    leader_level = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True, default=None)
    leader_honours = serializers.ListField(child=serializers.ChoiceField(choices=Honour.choices), required=False,
                                           default=list, max_length=4)
    leader_funded_chief_year = year_field(required=False, allow_null=True, default=None)
    leader_still_employed = serializers.BooleanField(required=False, default=True)
    matching_declared = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    summary = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ScoresSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0,
                                                                  max_value=100), allow_empty=False)


class CallViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CallSerializer
    queryset = Call.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Call.objects.none()
        return selectors.call_list(viewer=self.request.user, year=query_int(self.request.query_params, "year"))

    def get_object(self):
        return selectors.get_call_for_user(self.request.user, self.kwargs["pk"])


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ApplicationSerializer
    queryset = Application.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        if not permissions.can_see_applications(self.request.user):
            raise PermissionDenied(gettext_lazy("您的角色无权查看申报"))
        return selectors.application_list(viewer=self.request.user,
                                          call_id=query_int(self.request.query_params, "call"))

    def get_object(self):
        return selectors.get_application_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=ApplicationCreateSerializer, responses=ApplicationSerializer)
    def create(self, request):
        if not permissions.can_apply(request.user):
            raise PermissionDenied(gettext_lazy("只有企业或机构可以申报"))
        data = ApplicationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        call = selectors.get_call_for_user(request.user, values.pop("call"))
        unit = Organisation.objects.filter(pk=values.pop("screening_unit")).first()
        application = app_services.application_create(call=call, by=request.user, screening_unit=unit, **values)
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    def _act(self, request, service):
        comment = CommentSerializer(data=request.data)
        comment.is_valid(raise_exception=True)
        application = service(self.get_object(), request.user, comment.validated_data["comment"])
        return Response(ApplicationSerializer(application).data)

    @extend_schema(request=CommentSerializer, responses=ApplicationSerializer, summary=gettext_lazy("申报单位提交"))
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, lambda a, user, c: app_services.application_submit(application=a, by=user))

    @extend_schema(request=CommentSerializer, responses=ApplicationSerializer, summary=gettext_lazy("主管部门审核推荐"))
    @action(detail=True, methods=["post"])
    def screen(self, request, pk=None):
        return self._act(request, lambda a, user, c: app_services.application_screen(application=a, by=user,
                                                                                      comment=c))

    @extend_schema(request=CommentSerializer, responses=ApplicationSerializer, summary=gettext_lazy("主管部门退回修改"))
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._act(request, lambda a, user, c: app_services.application_return(application=a, by=user,
                                                                                      comment=c))

    @extend_schema(request=ScoresSerializer, responses=ApplicationSerializer, summary=gettext_lazy("评审专家评分"))
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        application = self.get_object()
        if not user_can(request.user, "awards.score", application):
            raise PermissionDenied(gettext_lazy("该申报未分配给您评审，或您须回避"))
        data = ScoresSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review_services.scores_submit(application=application, by=request.user, scores=data.validated_data["scores"])
        return Response(ApplicationSerializer(application).data)


class PublicEntrySerializer(serializers.ModelSerializer):
    employer = serializers.CharField(source="employer.name", read_only=True)
    district = serializers.CharField(source="district.name", read_only=True)
    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = Application
        fields = ["id", "number", "title", "leader_name", "employer", "district", "rank", "state", "state_label"]


class PublicityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Publicity lists, without login: calls in publicity or decided, each with its list."""

    permission_classes = [AllowAny]
    serializer_class = CallSerializer
    queryset = Call.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Call.objects.none()
        return selectors.publicity_calls().select_related("rule_set")

    def get_object(self):
        return selectors.get_public_call(self.kwargs["pk"])

    @extend_schema(responses=PublicEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def entries(self, request, pk=None):
        call = self.get_object()
        page = self.paginate_queryset(selectors.publicity_entries(call))
        return self.get_paginated_response(PublicEntrySerializer(page, many=True).data)


def register(router) -> None:
    router.register("awards/calls", CallViewSet, basename="award-call")
    router.register("awards/applications", ApplicationViewSet, basename="award-application")
    router.register("awards/publicity", PublicityViewSet, basename="award-publicity")


extra_urls: list = []
