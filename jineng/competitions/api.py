"""REST API of competitions: the public calendar; events (scoped) with marks entry and the event workflow;
registrations (employers register employees); results. Scoped as the pages are; outside the scope is a 404."""

from decimal import Decimal

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from jineng.competitions import selectors
from jineng.competitions.choices import AspectKind, Tier
from jineng.competitions.models import Event, Registration, Result
from jineng.competitions.permissions import is_judge
from jineng.competitions.services import marking, plans, registrations, results
from jineng.core.api import date_field, described_choice, id_field
from jineng.core.capabilities import user_can
from jineng.core.exceptions import DomainError, NotAllowed, RecordNotFound
from jineng.core.models import District
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Industry, Occupation

extra_urls: list = []



# The certificate levels 五级…一级 an event may award, documented as described integers (not a second enum
# beside the model field's full ladder).
LevelAwardedField = described_choice([(v, str(label)) for v, label in SkillLevel.choices if 1 <= v <= 5],
                                     kind="integer")

class CanSeeEvents(BasePermission):
    message = gettext_lazy("您的角色无权查看赛项")

    def has_permission(self, request, view) -> bool:
        return user_can(request.user, "competitions.see") or is_judge(request.user)


class CanSeeRegistrations(BasePermission):
    message = gettext_lazy("您的角色无权查看竞赛报名")

    def has_permission(self, request, view) -> bool:
        return (user_can(request.user, "competitions.see") or is_judge(request.user)
                or user_can(request.user, "competitions.register_employees"))


class CompetitionCalendarSerializer(serializers.ModelSerializer):
    district_code = serializers.CharField(source="district.code", read_only=True)
    occupation = serializers.CharField(source="occupation.code", read_only=True)
    industry = serializers.CharField(source="industry.code", read_only=True, allow_null=True)

    class Meta:
        model = Event
        fields = ["id", "code", "title", "tier", "occupation", "industry", "level_awarded", "district_code", "venue",
                  "lon", "lat", "start_date", "end_date", "capacity", "registration_opens", "registration_closes",
                  "status"]
        read_only_fields = fields


class CompetitionEventSerializer(CompetitionCalendarSerializer):
    class Meta(CompetitionCalendarSerializer.Meta):
        fields = [*CompetitionCalendarSerializer.Meta.fields, "signed_off_at", "publicity_from", "objection_closes"]
        read_only_fields = fields


class CompetitionRegistrationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    resident_id_masked = serializers.CharField(source="person.resident_id_masked", read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "event", "name", "resident_id_masked", "employer", "status", "registered_on"]
        read_only_fields = fields


class CompetitionRegisterSerializer(serializers.Serializer):
    event = id_field()
    name = serializers.CharField(max_length=40)
    resident_id = serializers.CharField(max_length=18, min_length=15)


class CompetitionResultSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="registration.person.name", read_only=True)
    certificate_number = serializers.CharField(source="certificate.number", read_only=True, allow_null=True)

    class Meta:
        model = Result
        fields = ["id", "event", "registration", "name", "raw", "standardised", "rank", "percentile", "outcome",
                  "level_granted", "rule_version", "certificate_number", "withheld"]
        read_only_fields = fields


class CompetitionMarkSerializer(serializers.Serializer):
    registration = id_field()
    aspect = id_field()
    value = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, min_value=0)
    scores = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=3), required=False,
                                   max_length=3)


class CompetitionMarkOutcomeSerializer(serializers.Serializer):
    registration = serializers.IntegerField()
    aspect = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=6, decimal_places=2)


class CompetitionAspectSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=8)
    name = serializers.CharField(max_length=80)
    kind = serializers.ChoiceField(choices=AspectKind.choices)
    max_mark = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=Decimal("0.01"))


class CompetitionEventCreateSerializer(serializers.Serializer):
    event_code = serializers.CharField(max_length=20, help_text=gettext_lazy("赛项编号"))
    title = serializers.CharField(max_length=120)
    tier = serializers.ChoiceField(choices=Tier.choices)
    occupation = serializers.CharField(max_length=10, help_text=gettext_lazy("职业编码（2022 版）"))
    industry = serializers.CharField(max_length=12, required=False, allow_blank=True)
    level_awarded = LevelAwardedField()
    district = serializers.CharField(max_length=6)
    venue = serializers.CharField(max_length=120)
    lon = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-180, max_value=180)
    lat = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    start_date = date_field()
    end_date = date_field()
    capacity = serializers.IntegerField(min_value=1, max_value=100000)
    registration_opens = date_field()
    registration_closes = date_field()
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    aspects = CompetitionAspectSerializer(many=True, min_length=1, max_length=50)


class CompetitionEventUpdateSerializer(serializers.Serializer):
    """What an edit may change (every field optional; the event code stays)."""

    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False,
                                    help_text=gettext_lazy("计划年度"))
    title = serializers.CharField(max_length=120, required=False)
    tier = serializers.ChoiceField(choices=Tier.choices, required=False)
    occupation = serializers.CharField(max_length=10, required=False, help_text=gettext_lazy("职业编码（2022 版）"))
    industry = serializers.CharField(max_length=12, required=False, allow_blank=True)
    level_awarded = LevelAwardedField(required=False)
    district = serializers.CharField(max_length=6, required=False)
    venue = serializers.CharField(max_length=120, required=False)
    lon = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-180, max_value=180, required=False)
    lat = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False)
    start_date = date_field(required=False)
    end_date = date_field(required=False)
    capacity = serializers.IntegerField(min_value=1, max_value=100000, required=False)
    registration_opens = date_field(required=False)
    registration_closes = date_field(required=False)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class CompetitionActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["sign_off", "publish", "finalise", "cancel"])
    comment = serializers.CharField(required=False, allow_blank=True, max_length=300)


class CalendarViewSet(viewsets.ReadOnlyModelViewSet):
    """The public calendar (no login): events not cancelled, soonest first."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = CompetitionCalendarSerializer
    queryset = Event.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Event.objects.none()
        return selectors.calendar_events()


class EventViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanSeeEvents]
    serializer_class = CompetitionEventSerializer
    queryset = Event.objects.none()
    filterset_fields = ["status", "tier"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Event.objects.none()
        return Event.objects.visible_to(self.request.user).select_related("district", "occupation",
                                                                          "industry").order_by("start_date", "pk")

    @extend_schema(request=CompetitionEventCreateSerializer, responses={201: CompetitionEventSerializer})
    def create(self, request, *args, **kwargs):
        """A district plans an event in its district (the office anywhere): venue inside the district, window
        closing before the start, a marking scheme of at least one aspect."""
        data = CompetitionEventCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        occupation = Occupation.objects.filter(code=v["occupation"]).first()
        district = District.objects.filter(code=v["district"]).first()
        industry = Industry.objects.filter(code=v["industry"]).first() if v.get("industry") else None
        if occupation is None or district is None or (v.get("industry") and industry is None):
            raise DomainError(gettext_lazy("职业、区或产业代码不存在"))
        if not request.user.organisation_id:
            raise NotAllowed(gettext_lazy("您无权安排赛项"))
        event = plans.event_create(
            by=request.user, plan=plans.plan_for_year(v["start_date"].year), code=v["event_code"], title=v["title"],
            tier=v["tier"], occupation=occupation, industry=industry, district=district,
            organiser=request.user.organisation, venue=v["venue"], lon=v["lon"], lat=v["lat"],
            start_date=v["start_date"], end_date=v["end_date"], capacity=v["capacity"],
            registration_opens=v["registration_opens"], registration_closes=v["registration_closes"],
            level_awarded=int(v["level_awarded"]), description=v.get("description", ""),
            aspects=[(a["code"], a["name"], a["kind"], a["max_mark"]) for a in v["aspects"]])
        return Response(CompetitionEventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CompetitionEventUpdateSerializer, responses={200: CompetitionEventSerializer})
    def partial_update(self, request, *args, **kwargs):
        """Edit a planned event (the office anywhere, a district in its district): only the fields sent change;
        each refusal names its field; audited."""
        event = self.get_object()
        data = CompetitionEventUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        changes = {name: v.pop(name) for name in ("title", "tier", "venue", "start_date", "end_date", "capacity",
                                                  "registration_opens", "registration_closes", "description")
                   if name in v}
        if "level_awarded" in v:
            changes["level_awarded"] = int(v.pop("level_awarded"))
        if "year" in v:
            changes["plan"] = plans.plan_for_year(v.pop("year"))
        lookups = (("occupation", Occupation, "occupation"), ("district", District, "district"),
                   ("industry", Industry, "industry"))
        for name, model, field in lookups:
            if name not in v:
                continue
            code = v.pop(name)
            found = model.objects.filter(code=code).order_by("pk").first() if code else None
            if code and found is None:
                raise DomainError(gettext_lazy("“%(field)s”：代码 %(code)s 不存在") % {
                    "field": Event._meta.get_field(field).verbose_name, "code": code})
            changes[field] = found
        event = plans.event_update(by=request.user, event=event, lon=v.get("lon"), lat=v.get("lat"), **changes)
        return Response(CompetitionEventSerializer(event).data)

    @extend_schema(request=CompetitionMarkSerializer, responses={200: CompetitionMarkOutcomeSerializer})
    @action(detail=True, methods=["post"])
    def marks(self, request, pk=None):
        """A judge enters one aspect's mark: a measured ``value`` or three judges' ``scores`` (0–3)."""
        event = self.get_object()
        if not user_can(request.user, "competitions.judge", event):
            raise NotAllowed(gettext_lazy("您不是该赛项的裁判"))
        data = CompetitionMarkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = event.registrations.filter(pk=data.validated_data["registration"]).first()
        aspect = event.aspects.filter(pk=data.validated_data["aspect"]).first()
        if registration is None or aspect is None:
            raise RecordNotFound(gettext_lazy("选手或评分项不属于该赛项"))
        mark = marking.mark_enter(by=request.user, registration=registration, aspect=aspect,
                                  value=data.validated_data.get("value"), scores=data.validated_data.get("scores"))
        return Response({"registration": registration.pk, "aspect": aspect.pk, "value": mark.value})

    @extend_schema(request=CompetitionActionSerializer, responses={200: CompetitionEventSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Sign off, publish the results, finalise (certificates) or cancel: 403 / 409 as the workflow says."""
        event = self.get_object()
        if not user_can(request.user, "competitions.run", event):
            raise NotAllowed(gettext_lazy("您无权办理该赛项"))
        data = CompetitionActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        name = data.validated_data["action"]
        if name == "sign_off":
            marking.event_sign_off(by=request.user, event=event)
        elif name == "publish":
            results.results_publish(by=request.user, event=event)
        elif name == "finalise":
            results.event_finalise(by=request.user, event=event)
        else:
            plans.event_cancel(by=request.user, event=event, reason=data.validated_data.get("comment", ""))
        event.refresh_from_db()
        return Response(CompetitionEventSerializer(event).data)


class RegistrationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanSeeRegistrations]
    serializer_class = CompetitionRegistrationSerializer
    queryset = Registration.objects.none()
    filterset_fields = ["event", "status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Registration.objects.none()
        return Registration.objects.visible_to(self.request.user).select_related("person").order_by("-pk")

    @extend_schema(request=CompetitionRegisterSerializer, responses={201: CompetitionRegistrationSerializer})
    def create(self, request, *args, **kwargs):
        """An employer registers an employee (the resident ID travels in the body only): 409 outside the window."""
        data = CompetitionRegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = selectors.calendar_events().filter(pk=data.validated_data["event"]).first()
        if event is None:
            raise RecordNotFound(gettext_lazy("赛项不存在"))
        registration = registrations.registration_by_employer(
            by=request.user, event=event, resident_id=data.validated_data["resident_id"],
            name=data.validated_data["name"])
        return Response(CompetitionRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)


class ResultViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanSeeRegistrations]
    serializer_class = CompetitionResultSerializer
    queryset = Result.objects.none()
    filterset_fields = ["event", "outcome"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Result.objects.none()
        return (Result.objects.visible_to(self.request.user).select_related("registration__person", "certificate")
                .order_by("event_id", "rank", "pk"))


def register(router) -> None:
    router.register("competitions/calendar", CalendarViewSet, basename="competitions-calendar")
    router.register("competitions/events", EventViewSet, basename="competitions-event")
    router.register("competitions/registrations", RegistrationViewSet, basename="competitions-registration")
    router.register("competitions/results", ResultViewSet, basename="competitions-result")
