"""The local identity provider's endpoints: django-oauth-toolkit's authorization code flow with OpenID Connect
(discovery, key set, userinfo), plus its own resident sign-in. Mounted under /idp/ only when
``JINENG_OIDC_LOCAL_PROVIDER`` is on."""

from django.urls import path, re_path
from oauth2_provider import views as oauth2_views

from jineng.workers.idp import views

app_name = "oauth2_provider"  # django-oauth-toolkit reverses its own endpoints in this namespace

urlpatterns = [
    path("login/", views.login, name="login"),
    path("authorize/", views.ResidentAuthorizationView.as_view(), name="authorize"),
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    re_path(r"^\.well-known/openid-configuration$", oauth2_views.ConnectDiscoveryInfoView.as_view(),
            name="oidc-connect-discovery-info"),
    path(".well-known/jwks.json", oauth2_views.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", oauth2_views.UserInfoView.as_view(), name="user-info"),
]
