from django.urls import path

from jineng.demand.views import analysis, employment, ranking, reports

app_name = "demand"
urlpatterns = [
    path("", reports.report_list, name="reports"),
    path("export.xlsx", reports.report_list_export, name="reports_export"),
    path("template.xlsx", reports.blank_template, name="template"),
    path("start/", reports.report_start, name="report_start"),
    path("reports/<int:report_id>/", reports.report_detail, name="report"),
    path("reports/<int:report_id>/note/", reports.report_note, name="report_note"),
    path("reports/<int:report_id>/lines/", reports.line_add, name="line_add"),
    path("reports/<int:report_id>/lines/<int:line_id>/", reports.line_edit, name="line_edit"),
    path("reports/<int:report_id>/lines/<int:line_id>/remove/", reports.line_remove, name="line_remove"),
    path("reports/<int:report_id>/upload/", reports.report_upload, name="report_upload"),
    path("uploads/<int:upload_id>/", reports.upload_detail, name="upload"),
    path("uploads/<int:upload_id>/progress/", reports.upload_progress, name="upload_progress"),
    path("reports/<int:report_id>/submit/", reports.report_submit, name="report_submit"),
    path("reports/<int:report_id>/review/", reports.report_review, name="report_review"),
    path("reports/<int:report_id>/template.xlsx", reports.report_template, name="report_template"),
    path("reports/<int:report_id>/export.xlsx", reports.report_export, name="report_export"),
    path("analysis/", analysis.analysis_page, name="analysis"),
    path("analysis/export.xlsx", analysis.analysis_export, name="analysis_export"),
    path("analysis/districts.xlsx", analysis.district_export, name="district_export"),
    path("shortage/", analysis.shortage_page, name="shortage"),
    path("shortage/export.xlsx", analysis.shortage_export, name="shortage_export"),
    path("ranking/", ranking.ranking_page, name="ranking"),
    path("ranking/export.xlsx", ranking.ranking_export, name="ranking_export"),
    path("ranking/pick/", ranking.ranking_pick, name="ranking_pick"),
    path("ranking/weights/", ranking.weights_page, name="weights"),
    path("campaigns/", ranking.campaigns_page, name="campaigns"),
    path("employees/", employment.employee_list, name="employees"),
    path("employees/template.xlsx", employment.roster_template, name="roster_template"),
]
