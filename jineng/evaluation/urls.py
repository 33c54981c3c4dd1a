from django.urls import path

from jineng.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("public/", views.public_bodies, name="public"),
    path("apply/", views.body_apply, name="apply"),
    path("bodies/<int:body_id>/", views.body_detail, name="body"),
    path("bodies/<int:body_id>/action/", views.body_action, name="body_action"),
    path("bodies/<int:body_id>/sites/", views.site_add, name="site_add"),
    path("bodies/<int:body_id>/staff/", views.staff_add, name="staff_add"),
    path("bodies/<int:body_id>/scopes/", views.scope_add, name="scope_add"),
    path("bodies/<int:body_id>/sessions/", views.session_plan, name="session_plan"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/template.xlsx", views.template_download, name="template"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/action/", views.session_action, name="session_action"),
    path("sessions/<int:session_id>/upload/", views.session_upload, name="session_upload"),
    path("sessions/<int:session_id>/sample/", views.session_sample, name="session_sample"),
    path("results/", views.result_list, name="results"),
    path("inspections/", views.inspection_list, name="inspections"),
    path("inspections/<int:inspection_id>/", views.inspection_detail, name="inspection"),
    path("inspections/<int:inspection_id>/record/", views.inspection_record, name="inspection_record"),
    path("findings/<int:inspection_finding_id>/rectify/", views.rectification_report, name="rectification_report"),
    path("findings/<int:inspection_finding_id>/verify/", views.rectification_verify, name="rectification_verify"),
    path("anomalies/", views.anomaly_list, name="anomalies"),
    path("anomalies/run/", views.anomalies_run, name="anomalies_run"),
    path("anomalies/<int:finding_id>/", views.anomaly_detail, name="anomaly"),
    path("anomalies/<int:finding_id>/review/", views.anomaly_review, name="anomaly_review"),
    path("coverage/", views.coverage, name="coverage"),
]
