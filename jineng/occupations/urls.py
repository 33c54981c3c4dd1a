from django.urls import path

from jineng.occupations.views import catalogues, classification

app_name = "occupations"
urlpatterns = [
    path("", classification.occupation_list, name="list"),
    path("catalogues/", catalogues.catalogue_list, name="catalogues"),

    path("catalogues/diff/", catalogues.catalogue_diff_page, name="catalogue_diff"),
    path("catalogues/<int:version_id>/", catalogues.catalogue_detail, name="catalogue"),
    path("catalogues/<int:version_id>/export.xlsx", catalogues.catalogue_export, name="catalogue_export"),
    path("catalogues/<int:version_id>/submit/", catalogues.catalogue_transition, {"action": "submit"},
         name="catalogue_submit"),
    path("catalogues/<int:version_id>/return/", catalogues.catalogue_transition, {"action": "return"},
         name="catalogue_return"),
    path("catalogues/<int:version_id>/publish/", catalogues.catalogue_transition, {"action": "publish"},
         name="catalogue_publish"),
    path("catalogues/entries/<int:entry_id>/", catalogues.catalogue_entry_edit, name="catalogue_entry"),
    path("catalogues/entries/<int:entry_id>/remove/", catalogues.catalogue_entry_remove, name="catalogue_entry_remove"),
    path("<str:code>/", classification.occupation_detail, name="occupation"),
]
