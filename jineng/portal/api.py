"""REST API of the public site (no login): published articles, and the course search with each course's
estimated subsidy for the visitor's category."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from jineng.core.api import LimitOffsetPagination
from jineng.occupations.choices import CatalogueKind
from jineng.portal.choices import ArticleKind, CourseSort
from jineng.portal.models import Article, CourseEntry
from jineng.portal.selectors import courses as selectors
from jineng.portal.selectors.home import articles_published


class ArticleSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.display_name", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "kind", "title", "summary", "body", "organisation", "published_at", "url"]
        read_only_fields = fields

    def get_url(self, article) -> str:
        return f"/portal/articles/{article.pk}/"


class ArticleViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Published stories of skilled workers and news, newest first: ?kind=story|news."""

    permission_classes = [AllowAny]
    serializer_class = ArticleSerializer
    queryset = Article.objects.none()

    @extend_schema(parameters=[OpenApiParameter("kind", str, enum=ArticleKind.values)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Article.objects.none()
        return articles_published(kind=self.request.query_params.get("kind", ""))


class CourseQuery(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=60, trim_whitespace=True)
    category = serializers.ChoiceField(required=False, allow_blank=True, choices=selectors.subsidy_categories())
    district = serializers.IntegerField(required=False, min_value=1, max_value=10**18 - 1)
    level = serializers.IntegerField(required=False, min_value=0, max_value=7)
    catalogue = serializers.ChoiceField(required=False, allow_blank=True, choices=CatalogueKind.values)
    start_from = serializers.DateField(required=False)
    start_to = serializers.DateField(required=False)
    fee_min = serializers.DecimalField(required=False, max_digits=9, decimal_places=2, min_value=0)
    fee_max = serializers.DecimalField(required=False, max_digits=9, decimal_places=2, min_value=0)
    sort = serializers.ChoiceField(required=False, choices=CourseSort.values)

    def validate(self, attrs):
        for name in ("start_from", "start_to"):
            day = attrs.get(name)
            if day is not None and not 1950 <= day.year <= 2100:
                raise serializers.ValidationError({name: ["1950–2100"]})
        return attrs

    def filters(self) -> selectors.CourseFilters:
        data = self.validated_data
        return selectors.CourseFilters(
            q=data.get("q", ""), district_id=data.get("district"), level=data.get("level"),
            catalogue=data.get("catalogue", ""), start_from=data.get("start_from"), start_to=data.get("start_to"),
            fee_min=data.get("fee_min"), fee_max=data.get("fee_max"), sort=data.get("sort") or CourseSort.START)


class StepSerializer(serializers.Serializer):
    label = serializers.CharField()
    detail = serializers.CharField()
    value = serializers.CharField()
    parameter = serializers.CharField()


class EstimateSerializer(serializers.Serializer):
    category = serializers.CharField()
    kind = serializers.CharField(default="estimate")
    scheme = serializers.CharField()
    amount = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    net_fee = serializers.DecimalField(source="net", max_digits=9, decimal_places=2, allow_null=True)
    trace = StepSerializer(many=True)
    rule_versions = serializers.ListField(source="versions", child=serializers.CharField())
    reason = serializers.CharField()


class CourseSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.name", read_only=True)
    estimate = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = CourseEntry
        fields = ["project_id", "occupation_code", "occupation_name", "work_type_name", "institution_name",
                  "district", "level", "class_hours", "fee", "start_date", "open_classes", "grade",
                  "institution_status", "estimate", "url"]
        read_only_fields = fields

    def get_url(self, entry) -> str:
        return f"/portal/courses/{entry.project_id}/"

    def get_estimate(self, entry) -> dict | None:
        estimate = self.context.get("estimates", {}).get(entry.project_id)
        return EstimateSerializer(estimate).data if estimate is not None else None


class CoursePagination(LimitOffsetPagination):
    max_limit = 50  # each row carries a subsidy quote


class CourseViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Approved training courses: ?q= (Chinese substring or pinyin initials) &category= (the visitor's applicant
    category: each course then carries the estimated subsidy, with trace and rule versions, and the net fee)
    &district= &level= &catalogue= &start_from= &start_to= &fee_min= &fee_max= &sort=start|price|grade."""

    permission_classes = [AllowAny]
    serializer_class = CourseSerializer
    pagination_class = CoursePagination
    queryset = CourseEntry.objects.none()

    @extend_schema(parameters=[CourseQuery])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CourseEntry.objects.none()
        query = CourseQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        self._category = query.validated_data.get("category", "")
        return selectors.course_search(query.filters()).select_related("project__occupation", "project__work_type")

    def get_serializer(self, *args, **kwargs):
        if args and not getattr(self, "swagger_fake_view", False):
            rows = list(args[0])
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["estimates"] = selectors.course_estimates(rows, getattr(self, "_category", ""))
            return self.get_serializer_class()(rows, *args[1:], **kwargs)
        return super().get_serializer(*args, **kwargs)


def register(router) -> None:
    router.register("portal/articles", ArticleViewSet, basename="portal-article")
    router.register("portal/courses", CourseViewSet, basename="portal-course")
