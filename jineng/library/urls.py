from django.urls import path

from jineng.library import views

app_name = "library"
urlpatterns = [
    path("", views.document_list, name="documents"),
    path("new/", views.document_new, name="document_new"),
    path("review/", views.review_queue, name="review"),
    path("downloads/", views.download_report, name="downloads"),
    path("downloads/export.xlsx", views.download_report_export, name="downloads_export"),
    path("<int:document_id>/", views.document_detail, name="document"),
    path("<int:document_id>/versions/", views.version_add, name="version_add"),
    path("<int:document_id>/sharing/", views.document_sharing, name="document_sharing"),
    *[path(f"<int:document_id>/{action}/", views.document_transition, {"action": action},
           name=f"document_{action}") for action in views.ACTIONS],
    path("versions/<int:version_id>/download/", views.version_download, name="download"),
]
