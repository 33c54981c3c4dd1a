from django.urls import path

from jineng.workplan.views import desk, plan, reports

app_name = "workplan"
urlpatterns = [
    path("", desk.desk, name="desk"),
    path("export.xlsx", desk.desk_export, name="desk_export"),
    path("tasks/<int:number>/", desk.task_detail, name="task"),
    path("departments/<int:organisation_id>/", desk.department_detail, name="department"),
    path("districts/<str:code>/", desk.district_detail, name="district"),
    path("scorecard/", desk.scorecard, name="scorecard"),
    path("scorecard/export.xlsx", desk.scorecard_export, name="scorecard_export"),
    path("timeliness/", desk.timeliness, name="timeliness"),
    path("bulletin.docx", desk.bulletin_docx, name="bulletin_docx"),
    path("bulletin-annex.xlsx", desk.bulletin_annex, name="bulletin_annex"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/start/", reports.report_start, name="report_start"),
    path("reports/<int:report_id>/", reports.report_detail, name="report"),
    path("reports/<int:report_id>/review/", reports.report_review, name="report_review"),
    path("reports/<int:report_id>/attachments/", reports.report_attachment_upload, name="report_attach"),
    path("attachments/<int:attachment_id>/", reports.report_attachment_download, name="attachment"),
    path("reopen/", reports.period_reopen, name="reopen"),
    path("plan/import/", plan.plan_import_page, name="plan_import"),
    path("indicators/<int:indicator_id>/", plan.indicator_detail, name="indicator"),
    path("targets/upload/", plan.targets_upload, name="targets_upload"),
    path("targets/template.xlsx", plan.targets_template, name="targets_template"),
]
