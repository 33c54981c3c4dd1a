"""The REST API under /api/v1/, its OpenAPI schema and browsable docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from jineng.accounts.api import LogoutAllView, LogoutView, MeView, OrganisationViewSet, TokenView
from jineng.core.api import Router
from jineng.demand import api as demand_api
from jineng.integrity import api as integrity_api
from jineng.occupations import api as occupations_api
from jineng.subsidies import api as subsidies_api
from jineng.training import api as training_api
from jineng.workplan import api as workplan_api

router = Router()
router.register("organisations", OrganisationViewSet, basename="organisation")
occupations_api.register(router)
demand_api.register(router)
workplan_api.register(router)
training_api.register(router)
subsidies_api.register(router)
integrity_api.register(router)

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/me/", MeView.as_view(), name="api-me"),
    path("api/v1/", include(occupations_api.extra_urls)),
    path("api/v1/", include(demand_api.extra_urls)),
    path("api/v1/auth/token/", TokenView.as_view(), name="api-token"),
    path("api/v1/auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("api/v1/auth/logout-all/", LogoutAllView.as_view(), name="api-logout-all"),
    path("api/v1/", include(workplan_api.extra_urls)),
    path("api/v1/", include(training_api.extra_urls)),
    path("api/v1/", include(subsidies_api.extra_urls)),
    path("api/v1/", include(integrity_api.extra_urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
