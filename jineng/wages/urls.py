from django.urls import path

from jineng.wages.views import district, soe, survey, tables

app_name = "wages"
urlpatterns = [
    path("", tables.levels, name="levels"),
    path("occupations/<str:code>/", tables.occupation, name="occupation"),
    path("versions/<int:version_id>/download.<str:kind>", tables.download, name="download"),
    path("template.xlsx", tables.template_download, name="template"),
    path("versions/", tables.versions, name="versions"),
    path("rounds/<int:round_id>/compute/", tables.compute, name="compute"),
    path("versions/<int:version_id>/", tables.version, name="version"),
    path("versions/<int:version_id>/<str:step>/", tables.version_step, name="version_step"),
    path("uploads/", survey.uploads, name="uploads"),
    path("soe/", soe.commitments, name="soe"),
    path("soe/report/", soe.my_report, name="my_soe_report"),
    path("workforce/", district.workforce, name="workforce"),
    path("workforce/export.xlsx", district.workforce_export, name="workforce_export"),
    path("windows/", district.service_windows, name="windows"),
    path("windows/<int:window_id>/", district.service_window, name="window"),
]
