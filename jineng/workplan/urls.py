from django.urls import path

from jineng.workplan import views

app_name = "workplan"
urlpatterns = [
    path("", views.desk, name="desk"),
]
