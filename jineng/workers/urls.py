from django.urls import path

from jineng.workers import views

app_name = "workers"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("training/<int:enrolment_id>/claim/", views.claim_new, name="claim_new"),
    path("claims/<int:claim_id>/", views.claim, name="claim"),
    path("certificates/<int:certificate_id>/credential.jwt", views.credential, name="credential"),
]
