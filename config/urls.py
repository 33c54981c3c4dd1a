from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from jineng.core.health import health
from jineng.portal.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("health/", health, name="health"),
    path("accounts/", include("jineng.accounts.urls")),
    path("desk/", include("jineng.workplan.urls")),
    path("occupations/", include("jineng.occupations.urls")),
    path("demand/", include("jineng.demand.urls")),
    path("forecasting/", include("jineng.forecasting.urls")),
    path("training/", include("jineng.training.urls")),
    path("subsidies/", include("jineng.subsidies.urls")),
    path("integrity/", include("jineng.integrity.urls")),
    path("evaluation/", include("jineng.evaluation.urls")),
    path("library/", include("jineng.library.urls")),
    path("recognition/", include("jineng.recognition.urls")),
    path("wages/", include("jineng.wages.urls")),
    path("", include("jineng.certificates.urls")),
    path("awards/", include("jineng.awards.urls")),
    path("competitions/", include("jineng.competitions.urls")),
    path("portal/", include("jineng.portal.urls")),
    path("servicepoints/", include("jineng.servicepoints.urls")),
    path("workers/", include("jineng.workers.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("config.api")),
]

if settings.JINENG_OIDC_ENABLED:  # workers sign in through OpenID Connect (docs/workers.md)
    urlpatterns += [path("oidc/", include("mozilla_django_oidc.urls"))]
if settings.JINENG_OIDC_LOCAL_PROVIDER:  # the local identity provider standing in for 一网通办
    urlpatterns += [path("idp/", include("jineng.workers.idp.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "jineng.core.views.page_not_found"
handler500 = "jineng.core.views.server_error"
