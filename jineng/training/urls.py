from django.urls import path

from jineng.training.views import apprentices, classes, imports, institutions, registry

app_name = "training"

urlpatterns = [
    path("", institutions.institution_list, name="institutions"),
    path("export.xlsx", institutions.institution_export, name="institutions_export"),
    path("institutions/<int:institution_id>/", institutions.institution_detail, name="institution"),
    path("institutions/<int:institution_id>/sites/", institutions.site_add, name="site_add"),
    path("institutions/<int:institution_id>/projects/", institutions.project_add, name="project_add"),
    path("institutions/<int:institution_id>/classes/", institutions.class_add, name="class_add"),
    path("institutions/<int:institution_id>/inspections/", institutions.inspection_add, name="inspection_add"),
    path("classes/", classes.class_list, name="classes"),
    path("classes/export.xlsx", classes.class_export, name="classes_export"),
    path("classes/enrolments.xlsx", classes.enrolment_export, name="enrolments_export"),
    path("classes/<int:class_id>/", classes.class_detail, name="class"),
    path("classes/<int:class_id>/status/", classes.class_status, name="class_status"),
    path("classes/<int:class_id>/enrolments.xlsx", classes.class_enrolments_export, name="class_export"),
    path("enrolments/<int:enrolment_id>/", classes.enrolment_edit, name="enrolment"),
    path("enrolments/<int:enrolment_id>/reveal/", classes.enrolment_reveal, name="enrolment_reveal"),
    path("imports/", imports.import_list, name="imports"),
    path("imports/template.xlsx", imports.template_download, name="template"),
    path("imports/<int:import_id>/", imports.import_detail, name="import"),
    path("imports/<int:import_id>/progress/", imports.import_progress, name="import_progress"),
    path("institutions/new/", registry.institution_new, name="institution_new"),
    path("institutions/<int:institution_id>/status/", registry.institution_status, name="institution_status"),
    path("apprentices/", apprentices.apprentice_list, name="apprentices"),
    path("apprentices/new/", apprentices.apprentice_new, name="apprentice_new"),
]
