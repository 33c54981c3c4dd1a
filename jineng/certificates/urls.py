from django.urls import path, re_path

from jineng.certificates import views

app_name = "certificates"

urlpatterns = [
    path("certificates/", views.register, name="register"),
    path("certificates/<int:pk>/", views.detail, name="detail"),
    path("certificates/<int:pk>/status/<slug:action>/", views.status_change, name="status_change"),
    path("certificates/<int:pk>/credential.jwt", views.credential, name="credential"),
    path("certificates/status/<slug:purpose>/<int:number>", views.status_list, name="status_list"),
    path("certificates/import/", views.import_page, name="import"),
    path("certificates/import/template/", views.template_download, name="template"),
    path("certificates/verify/", views.verify_page, name="verify"),
    re_path(r"^v/(?P<payload>[A-Za-z0-9_\-]{1,2000}\.[A-Za-z0-9_\-]{1,2000}\.[A-Za-z0-9_\-]{1,200})$",
            views.link_page, name="link"),
    re_path(r"^v/(?P<payload>[A-Za-z0-9_\-]{1,2000}\.[A-Za-z0-9_\-]{1,2000}\.[A-Za-z0-9_\-]{1,200})/status\.json$",
            views.link_status, name="link_status"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
]
