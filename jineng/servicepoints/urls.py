from django.urls import path

from jineng.servicepoints import views

app_name = "servicepoints"

urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.point_new, name="point_new"),
    path("<int:point_id>/", views.point_detail, name="point"),
    path("map/", views.training_map, name="map"),
    path("circle/", views.circle, name="circle"),
    path("districts.geojson", views.district_shapes, name="districts"),
    path("planner/", views.planner, name="planner"),
    path("planner/export/", views.planner_export, name="planner_export"),
]
