"""REST API of the certificate register: public verification and keys, the register for office, districts and
bodies, status changes, the bulk upload, the verifiable-credential export and the status lists."""

from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from jineng.certificates import permissions as perms
from jineng.certificates import selectors
from jineng.certificates.choices import CertificateStatus
from jineng.certificates.models import Certificate
from jineng.certificates.services import signing
from jineng.certificates.services import status as status_services
from jineng.certificates.services.imports import certificates_import
from jineng.certificates.throttles import VerifyThrottle
from jineng.core.capabilities import user_can


class VerifyAnswerSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=["valid", "suspended", "revoked", "not_found"])
    number = serializers.CharField(allow_null=True)
    holder = serializers.CharField(allow_null=True, help_text=gettext_lazy("持证人姓名（部分隐去，如 张*三）"))
    occupation = serializers.CharField(allow_null=True)
    level = serializers.CharField(allow_null=True)
    body = serializers.CharField(allow_null=True)
    issued_on = serializers.DateField(allow_null=True)
    status_date = serializers.DateField(allow_null=True)
    status_reason = serializers.CharField(allow_null=True)


_COMPACT_JSON = {"ensure_ascii": False, "separators": (",", ":")}  # as DRF's JSONRenderer writes


class JSONOnly(BaseContentNegotiation):
    """JSON whatever the client asks for: no Accept header to parse on the busiest public read."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class VerifyView(APIView):
    """Anyone may verify a certificate with its number and the holder's full name.

    The busiest public read, kept lean: no authentication, JSON only, one write counting both rate limits, one
    indexed statement, and the answer written as a plain JSON response (the same bytes DRF's renderer writes,
    without its rendering pass; errors and 429 still go through the API's error handler).
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [VerifyThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes: list = []
    content_negotiation_class = JSONOnly

    @extend_schema(
        parameters=[OpenApiParameter("number", str, required=True, description=gettext_lazy("22 位证书编号")),
                    OpenApiParameter("name", str, required=True, description=gettext_lazy("持证人姓名"))],
        responses=VerifyAnswerSerializer, summary=gettext_lazy("证书核验（公开）"))
    def get(self, request):
        number = str(request.query_params.get("number", ""))[:64]
        name = str(request.query_params.get("name", ""))[:64]
        if not number.strip() or not name.strip():
            raise ValidationError({"detail": _("请同时填写证书编号和持证人姓名")})
        return JsonResponse(selectors.certificate_verify(number=number, name=name), json_dumps_params=_COMPACT_JSON)

    @property
    def default_response_headers(self):
        return {}  # one renderer (nothing to vary on) and GET only (no Allow to list)


class KeysView(APIView):
    """The public keys (JWKS) that verify signed links and credentials, retired ones included."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses={200: dict}, summary=gettext_lazy("证书签名公钥（JWKS）"))
    def get(self, request):
        signing.key_current()
        response = Response(signing.jwks())
        response["Cache-Control"] = "public, max-age=300"
        return response


class CertificateSerializer(serializers.ModelSerializer):
    holder_name = serializers.CharField()
    holder_resident_id = serializers.CharField(source="holder.resident_id_masked")
    occupation = serializers.CharField(source="item_label")
    level_label = serializers.CharField(source="get_level_display", allow_null=True)
    body = serializers.CharField(source="body.name")
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Certificate
        fields = ["id", "number", "holder_name", "holder_resident_id", "occupation", "level", "level_label", "body",
                  "issued_on", "status", "status_label", "status_date", "status_reason", "source"]


class StatusChangeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CertificateSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Certificate.objects.none()
        if not user_can(self.request.user, "certificates.see"):
            self.permission_denied(self.request, message=_("您无权查看证书登记簿"))
        rows = (Certificate.objects.visible_to(self.request.user)
                .select_related("holder", "occupation", "work_type", "body").order_by("-issued_on", "-pk"))
        status = self.request.query_params.get("status")
        if status in CertificateStatus.values:
            rows = rows.filter(status=status)
        number = self.request.query_params.get("number")
        if number:
            rows = rows.filter(number__startswith="".join(ch for ch in str(number).upper() if ch.isascii() and ch.isalnum())[:22])
        return rows

    def _change(self, request, pk, call):
        certificate = self.get_object()
        if not perms.can_change_status(request.user, certificate):
            self.permission_denied(request, message=_("您无权变更该证书的状态"))
        data = StatusChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = call(certificate=certificate, by=request.user, reason=data.validated_data["reason"])
        return Response(CertificateSerializer(changed).data)

    @extend_schema(request=StatusChangeSerializer, responses=CertificateSerializer, summary=gettext_lazy("暂停证书"))
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        return self._change(request, pk, status_services.certificate_suspend)

    @extend_schema(request=StatusChangeSerializer, responses=CertificateSerializer, summary=gettext_lazy("恢复证书"))
    @action(detail=True, methods=["post"])
    def reinstate(self, request, pk=None):
        return self._change(request, pk, status_services.certificate_reinstate)

    @extend_schema(request=StatusChangeSerializer, responses=CertificateSerializer, summary=gettext_lazy("撤销证书"))
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        return self._change(request, pk, status_services.certificate_revoke)

    @extend_schema(request={"multipart/form-data": UploadSerializer}, responses={200: dict},
                   summary=gettext_lazy("批量导入证书（全部成功或全部不写入）"))
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser], url_path="upload")
    def upload(self, request):
        if not perms.user_can(request.user, "certificates.import"):
            self.permission_denied(request, message=_("您无权导入证书"))
        data = UploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        counts = certificates_import(content=upload.read(), file_name=upload.name, by=request.user)
        return Response(counts.as_dict())


extra_urls = [
    path("certificates/verify/", VerifyView.as_view(), name="api-certificate-verify"),
    path("certificates/keys/", KeysView.as_view(), name="api-certificate-keys"),
]


def register(router) -> None:
    router.register("certificates/register", CertificateViewSet, basename="certificate")
