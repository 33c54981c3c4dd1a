"""REST API of the subsidies module: the quote, claims with review actions, payment batches and payments.

Every person appears by name and masked resident ID only. Claims are role-scoped like the pages; a claim
the user may not see is 404, an action the user may not take is 403, a business refusal is 400.
"""
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from jineng.core.api import date_field, id_field, transition_required, year_field
from jineng.occupations.models import WorkType
from jineng.occupations.selectors import occupation_by_code
from jineng.subsidies import permissions
from jineng.subsidies.choices import ApplicantCategory
from jineng.subsidies.models import Claim, Payment, PaymentBatch, Scheme
from jineng.subsidies.selectors import claims as selectors
from jineng.subsidies.services import claims as claim_services
from jineng.subsidies.services import payments as payment_services
from jineng.subsidies.services.quotes import claim_quote
from jineng.subsidies.workflows import BATCH_WORKFLOW, CLAIM_WORKFLOW, PAYMENT_WORKFLOW


def _scheme(code: str) -> Scheme:
    scheme = Scheme.objects.filter(code=code).first()
    if scheme is None:
        raise ValidationError({"scheme": _("没有这个补贴项目")})
    return scheme


class QuoteInSerializer(serializers.Serializer):
    scheme = serializers.CharField(max_length=40, help_text=gettext_lazy("补贴项目代码，如 sh_skill_upgrade"))
    occupation = serializers.CharField(required=False, allow_blank=True, default="", max_length=20,
                                       help_text=gettext_lazy("职业编码，如 6-25-04-05"))
    work_type = serializers.CharField(required=False, allow_blank=True, default="", max_length=80)
    level = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=5,
                                     help_text=gettext_lazy("1 五级/初级工 … 5 一级/高级技师；空 = 不分等级"))
    applicant_category = serializers.ChoiceField(choices=ApplicantCategory.choices, required=False, allow_blank=True,
                                                 default="")
    certificate_date = date_field(required=False, allow_null=True, default=None)
    class_hours = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                           max_value=10_000)
    period_year = year_field(required=False, allow_null=True, default=None)


class StepSerializer(serializers.Serializer):
    label = serializers.CharField()
    detail = serializers.CharField()
    value = serializers.CharField()
    parameter = serializers.CharField()
    source = serializers.CharField()


class QuoteOutSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    trace = StepSerializer(many=True)
    versions = serializers.ListField(child=serializers.CharField())


class QuoteView(APIView):
    @extend_schema(request=QuoteInSerializer, responses=QuoteOutSerializer, summary=_("补贴测算：金额与计算过程"))
    def post(self, request):
        data = QuoteInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        occupation = None
        if values["occupation"]:
            occupation = occupation_by_code(values["occupation"])
            if occupation is None:
                raise ValidationError({"occupation": _("没有这个职业编码")})
        work_type = None
        if values["work_type"] and occupation is not None:
            work_type = WorkType.objects.filter(occupation=occupation, name=values["work_type"]).first()
        result = claim_quote(
            scheme=_scheme(values["scheme"]), occupation=occupation, work_type=work_type, level=values["level"],
            applicant_category=values["applicant_category"], certificate_date=values["certificate_date"],
            class_hours=values["class_hours"], period_year=values["period_year"])
        return Response(result.as_dict())


class ClaimSerializer(serializers.ModelSerializer):
    scheme = serializers.CharField(source="scheme.code", read_only=True)
    scheme_name = serializers.CharField(source="scheme.name", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True)
    resident_id_masked = serializers.CharField(source="person.resident_id_masked", read_only=True)
    district = serializers.CharField(source="district.code", read_only=True)
    occupation = serializers.CharField(source="occupation.code", read_only=True)
    occupation_name = serializers.CharField(source="occupation.name", read_only=True)
    work_type = serializers.CharField(source="work_type.name", default="", read_only=True)
    claimant = serializers.CharField(source="claimant_organisation.name", default="", read_only=True)
    status = serializers.CharField(read_only=True, help_text="check_failed / in_review / approved / rejected / "
                                   "batched / paid / payment_failed / withdrawn")
    checks = serializers.JSONField(source="trace.checks", default=list, read_only=True)
    steps = serializers.JSONField(source="trace.trace", default=list, read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "number", "scheme", "scheme_name", "claimant_kind", "claimant", "person_name",
                  "resident_id_masked", "district", "applicant_category", "occupation", "occupation_name", "work_type",
                  "level", "certificate_no", "certificate_date", "period_year", "amount", "status", "check_failures",
                  "checks", "steps", "submitted_at", "decided_at", "decision_note"]
        read_only_fields = fields


class ClaimCreateSerializer(serializers.Serializer):
    scheme = serializers.CharField(max_length=40)
    applicant_category = serializers.ChoiceField(choices=ApplicantCategory.choices, default="employed")
    enrolment = id_field(required=False, allow_null=True, default=None)
    apprenticeship = id_field(required=False, allow_null=True, default=None)
    period_year = year_field(required=False, allow_null=True, default=None)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ClaimSerializer
    filterset_fields = ["status", "period_year"]
    queryset = Claim.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Claim.objects.none()
        return selectors.claim_list(viewer=self.request.user)

    def get_object(self):
        return selectors.get_claim_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(request=ClaimCreateSerializer, responses=ClaimSerializer)
    def create(self, request):
        if not permissions.can_submit(request.user):
            raise PermissionDenied(_("只有培训机构和企业可以提交补贴申请"))
        data = ClaimCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        # Only the claimant's own trainees or employees: another institution's record is "not found".
        enrolment = (selectors.claimant_enrolments(viewer=request.user).filter(pk=values["enrolment"]).first()
                     if values["enrolment"] else None)
        apprenticeship = (selectors.claimant_apprenticeships(viewer=request.user).filter(pk=values["apprenticeship"])
                          .first() if values["apprenticeship"] else None)
        if values["enrolment"] and enrolment is None or values["apprenticeship"] and apprenticeship is None:
            raise Http404(_("培训记录或学徒不存在"))
        claim = claim_services.claim_submit(
            by=request.user, scheme=_scheme(values["scheme"]), applicant_category=values["applicant_category"],
            enrolment=enrolment, apprenticeship=apprenticeship, period_year=values["period_year"])
        return Response(ClaimSerializer(claim).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(CLAIM_WORKFLOW, "approve")
    def approve(self, request, pk=None):
        note = ReasonSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        claim = claim_services.claim_approve(claim=self.get_object(), by=request.user,
                                                             note=note.validated_data["reason"])
        return Response(ClaimSerializer(claim).data)

    @extend_schema(request=ReasonSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(CLAIM_WORKFLOW, "reject")
    def reject(self, request, pk=None):
        reason = ReasonSerializer(data=request.data)
        reason.is_valid(raise_exception=True)
        claim = claim_services.claim_reject(claim=self.get_object(), by=request.user,
                                                            reason=reason.validated_data["reason"])
        return Response(ClaimSerializer(claim).data)

    @extend_schema(request=ReasonSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(CLAIM_WORKFLOW, "withdraw")
    def withdraw(self, request, pk=None):
        reason = ReasonSerializer(data=request.data)
        reason.is_valid(raise_exception=True)
        claim = claim_services.claim_withdraw(claim=self.get_object(), by=request.user,
                                                              reason=reason.validated_data["reason"])
        return Response(ClaimSerializer(claim).data)


class PaymentSerializer(serializers.ModelSerializer):
    claim = serializers.CharField(source="claim.number", read_only=True)
    batch = serializers.CharField(source="batch.number", read_only=True)
    person_name = serializers.CharField(source="claim.person.name", read_only=True)
    resident_id_masked = serializers.CharField(source="claim.person.resident_id_masked", read_only=True)
    status = serializers.CharField(read_only=True, help_text="pending / paid / failed")

    class Meta:
        model = Payment
        fields = ["id", "claim", "batch", "person_name", "resident_id_masked", "amount", "status", "paid_at",
                  "bank_reference", "failure_reason"]
        read_only_fields = fields


class BatchSerializer(serializers.ModelSerializer):
    payment_count = serializers.IntegerField(read_only=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    status = serializers.CharField(read_only=True, help_text="draft / sent / settled")

    class Meta:
        model = PaymentBatch
        fields = ["id", "number", "status", "created_at", "sent_at", "settled_at", "payment_count", "total"]
        read_only_fields = fields


class BatchCreateSerializer(serializers.Serializer):
    claims = serializers.ListField(child=id_field(), required=False, allow_null=True, default=None, max_length=10_000)
    scheme = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    limit = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=10_000)


class PayInSerializer(serializers.Serializer):
    reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)


class FailInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class _PayerOnly:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not permissions.can_pay(request.user):
            raise PermissionDenied(_("只有专班办公室可以办理拨付"))


class BatchViewSet(_PayerOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = BatchSerializer
    queryset = PaymentBatch.objects.none()

    def get_queryset(self):
        return selectors.batch_list()

    @extend_schema(request=BatchCreateSerializer, responses=BatchSerializer)
    def create(self, request):
        data = BatchCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        scheme = _scheme(values["scheme"]) if values["scheme"] else None
        batch = payment_services.payment_batch_create(
            by=request.user, claim_ids=values["claims"], scheme=scheme, limit=values["limit"])
        return Response(BatchSerializer(selectors.get_batch(batch.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=BatchSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(BATCH_WORKFLOW, "send")
    def send(self, request, pk=None):
        batch = payment_services.payment_batch_send(batch=self.get_object(), by=request.user)
        return Response(BatchSerializer(selectors.get_batch(batch.pk)).data)

    @extend_schema(responses=PaymentSerializer(many=True))
    @action(detail=True, methods=["get"])
    def payments(self, request, pk=None):
        return Response(PaymentSerializer(selectors.batch_payments(self.get_object()), many=True).data)


class PaymentViewSet(_PayerOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PaymentSerializer
    filterset_fields = ["status", "batch"]
    queryset = Payment.objects.none()

    def get_queryset(self):
        return Payment.objects.select_related("claim", "claim__person", "batch").order_by("-pk")

    @extend_schema(request=PayInSerializer, responses=PaymentSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(PAYMENT_WORKFLOW, "pay")
    def pay(self, request, pk=None):
        data = PayInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payment = payment_services.payment_mark_paid(
            payment=self.get_object(), by=request.user, reference=data.validated_data["reference"])
        return Response(PaymentSerializer(payment).data)

    @extend_schema(request=FailInSerializer, responses=PaymentSerializer)
    @action(detail=True, methods=["post"])
    @transition_required(PAYMENT_WORKFLOW, "fail")
    def fail(self, request, pk=None):
        data = FailInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payment = payment_services.payment_mark_failed(
            payment=self.get_object(), by=request.user, reason=data.validated_data["reason"])
        return Response(PaymentSerializer(payment).data)


extra_urls = [path("subsidies/quote/", QuoteView.as_view(), name="api-subsidy-quote")]


def register(router) -> None:
    router.register("subsidies/claims", ClaimViewSet, basename="subsidy-claim")
    router.register("subsidies/batches", BatchViewSet, basename="subsidy-batch")
    router.register("subsidies/payments", PaymentViewSet, basename="subsidy-payment")
