from django.urls import path

from jineng.competitions import views

app_name = "competitions"

urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/district/<str:district_code>.ics", views.calendar_district_ics, name="calendar_district_ics"),
    path("calendar/industry/<str:industry_code>.ics", views.calendar_industry_ics, name="calendar_industry_ics"),
    path("calendar/<int:public_id>/", views.public_event, name="public_event"),
    path("calendar/<int:public_id>/register/", views.public_register, name="public_register"),
    path("calendar/<int:public_id>/objection/", views.objection_raise, name="objection_raise"),
    path("", views.event_list, name="events"),
    path("events/new/", views.event_new, name="event_new"),
    path("events/<int:event_id>/", views.event_detail, name="event"),
    path("events/<int:event_id>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:event_id>/action/", views.event_action, name="event_action"),
    path("events/<int:event_id>/judges/", views.judge_add, name="judge_add"),
    path("events/<int:event_id>/marks/", views.mark_enter, name="mark_enter"),
    path("events/<int:event_id>/changes/", views.change_request, name="change_request"),
    path("changes/<int:change_id>/decide/", views.change_decide, name="change_decide"),
    path("objections/<int:objection_id>/answer/", views.objection_answer, name="objection_answer"),
    path("plan/", views.plan_versions, name="plan"),
    path("plan/publish/", views.plan_publish, name="plan_publish"),
    path("plan/versions/<int:version_id>/", views.version_detail, name="version"),
    path("employer/", views.employer, name="employer"),
    path("employer/register/", views.employer_register, name="employer_register"),
]
