from django.urls import path

from jineng.integrity import views

app_name = "integrity"

urlpatterns = [
    path("", views.finding_list, name="findings"),
    path("findings/<int:finding_id>/", views.finding_detail, name="finding"),
    path("findings/<int:finding_id>/review/", views.finding_review, name="finding_review"),
    path("people/", views.person_search, name="person_search"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("runs/", views.run_list, name="runs"),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/progress/", views.run_progress, name="run_progress"),
    path("ratings/", views.rating_list, name="ratings"),
    path("ratings/compute/", views.rating_compute, name="ratings_compute"),
    path("ratings/publish/", views.rating_publish, name="ratings_publish"),
    path("ratings/<int:year>/export.xlsx", views.rating_export, name="ratings_export"),
    path("ratings/<int:rating_id>/", views.rating_detail, name="rating"),
]
