from django.urls import path

from jineng.recognition import views

app_name = "recognition"
urlpatterns = [
    path("appointments/", views.appointments, name="appointments"),
    path("overseas/", views.recognitions, name="overseas"),
    path("overseas/new/", views.recognition_new, name="overseas_new"),
    path("overseas/<int:recognition_id>/", views.recognition_detail, name="overseas_detail"),
    *[path(f"overseas/<int:recognition_id>/{action}/", views.recognition_decide, {"action": action},
           name=f"overseas_{action}") for action in views.DECISIONS],
]
