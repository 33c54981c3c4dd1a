from django.contrib.auth import authenticate
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema
from knox import views as knox_views
from knox.models import AuthToken
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from jineng.accounts.models import Organisation, User
from jineng.accounts.selectors import organisation_list


class OrganisationSerializer(serializers.ModelSerializer):
    district_code = serializers.CharField(source="district.code", default=None, allow_null=True, read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "kind", "name", "short_name", "name_en", "district_code", "is_member_unit"]


class UserSerializer(serializers.ModelSerializer):
    organisation = OrganisationSerializer(read_only=True)
    role = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "role", "organisation"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations: the programme office, city departments, district governments and others."""

    serializer_class = OrganisationSerializer
    filterset_fields = ["kind", "is_member_unit"]

    def get_queryset(self):
        return organisation_list()


class MeView(APIView):
    @extend_schema(responses=UserSerializer)
    def get(self, request):
        return Response(UserSerializer(request.user).data)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=gettext_lazy("放在请求头 Authorization: Token <token> 中；只在此时返回一次，平台只保存其摘要"))
    expiry = serializers.DateTimeField(help_text=gettext_lazy("令牌到期时间；到期后请重新申请"))


class TokenView(APIView):
    """Exchange a username and password for an API token that expires (rate limited, lockout as for the login page).

    Each call issues a new token; only its digest is stored, so the token is shown this once."""

    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request._request, **data.validated_data)
        if user is None:
            return Response({"detail": gettext("用户名或密码不正确")}, status=status.HTTP_400_BAD_REQUEST)
        instance, token = AuthToken.objects.create(user=user)
        return Response({"token": token, "expiry": instance.expiry})


@extend_schema(request=None, responses={204: None}, summary=gettext_lazy("注销本令牌"))
class LogoutView(knox_views.LogoutView):
    """Revoke the token this request carries."""


@extend_schema(request=None, responses={204: None}, summary=gettext_lazy("注销本用户的全部令牌"))
class LogoutAllView(knox_views.LogoutAllView):
    """Revoke every token of the user (a lost device, a leaked token)."""
