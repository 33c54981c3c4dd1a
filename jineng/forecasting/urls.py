from django.urls import path

from jineng.forecasting import views

app_name = "forecasting"
urlpatterns = [
    path("", views.run_list, name="runs"),
    path("start/", views.run_start, name="start"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/progress/", views.run_progress, name="progress"),
    path("runs/<int:run_id>/export.xlsx", views.run_export, name="export"),
    path("runs/<int:run_id>/series/<str:key>/", views.series_detail, name="series"),
]
