"""The REST API under /api/v1/, its OpenAPI schema and browsable docs.

Each app registers its own routes (``jineng.core.modules.register_api`` in its ``AppConfig.ready``); the
accounts routes (organisations, the current user, tokens) are the platform's own.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from jineng.accounts.api import LogoutAllView, LogoutView, MeView, OrganisationViewSet, TokenView
from jineng.core.api import Router
from jineng.core.modules import api_register_all

router = Router()
router.register("organisations", OrganisationViewSet, basename="organisation")
app_urls = api_register_all(router)


def _literal(pattern) -> bool:
    """A route without converters or regular expressions, matching one path only."""
    route = str(pattern.pattern)
    if "<" in route or "(" in route or "^" in route:
        return False
    return all(_literal(p) for p in getattr(pattern, "url_patterns", []))


# Django tries patterns in order and the router's are hundreds of regular expressions: the apps' literal routes
# (public verification among them) go first, so resolving them does not walk the router (about 0.3 ms a request).
# A literal route cannot take another's path: api_register_all refuses duplicates, and none is a router path.
urlpatterns = [
    path("api/v1/", include([p for p in app_urls if _literal(p)])),
    path("api/v1/", include(router.urls)),
    path("api/v1/me/", MeView.as_view(), name="api-me"),
    path("api/v1/auth/token/", TokenView.as_view(), name="api-token"),
    path("api/v1/auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("api/v1/auth/logout-all/", LogoutAllView.as_view(), name="api-logout-all"),
    path("api/v1/", include([p for p in app_urls if not _literal(p)])),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
