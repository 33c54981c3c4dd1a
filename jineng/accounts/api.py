from django.contrib.auth import authenticate
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from jineng.accounts.models import Organisation, User
from jineng.accounts.selectors import organisation_list


class OrganisationSerializer(serializers.ModelSerializer):
    district_code = serializers.CharField(source="district.code", default=None, read_only=True)

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
    token = serializers.CharField()


class TokenView(APIView):
    """Exchange a username and password for an API token (rate limited, lockout as for the login page)."""

    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request._request, **data.validated_data)
        if user is None:
            return Response({"detail": gettext("用户名或密码不正确")}, status=status.HTTP_400_BAD_REQUEST)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
