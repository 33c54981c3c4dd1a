from django.urls import path

from jineng.occupations import views

app_name = "occupations"
urlpatterns = [path("", views.occupation_list, name="list")]
