from django.urls import path

from jineng.awards import views

app_name = "awards"

urlpatterns = [
    path("", views.call_list, name="calls"),
    path("calls/new/", views.call_new, name="call_new"),
    path("calls/<int:call_id>/", views.call_detail, name="call"),
    path("calls/<int:call_id>/publicise/", views.call_publicise, name="call_publicise"),
    path("calls/<int:call_id>/apply/", views.application_new, name="application_new"),
    path("applications/", views.application_list, name="applications"),
    path("applications/<int:application_id>/", views.application_detail, name="application"),
    path("applications/<int:application_id>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:application_id>/attach/", views.application_attach, name="application_attach"),
    path("applications/<int:application_id>/do/<slug:action>/", views.application_act, name="application_act"),
    path("applications/<int:application_id>/assign/", views.application_assign, name="application_assign"),
    path("applications/<int:application_id>/score/", views.application_score, name="application_score"),
    path("applications/<int:application_id>/award/", views.application_award, name="application_award"),
    path("objections/<int:objection_id>/handle/", views.objection_handle, name="objection_handle"),
    path("reviews/", views.review_queue, name="reviews"),
    path("funded/", views.award_list, name="awards"),
    path("funded/<int:award_id>/", views.award_detail, name="award"),
    path("funded/<int:award_id>/record/", views.award_record, name="award_record"),
    path("publicity/", views.publicity_list, name="publicity"),
    path("publicity/<int:call_id>/", views.publicity_call, name="publicity_call"),
    path("publicity/entries/<int:entry_id>/object/", views.publicity_object, name="publicity_object"),
]
