from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PROGRAMME_OFFICE = "programme_office", _("工作专班办公室")
    DEPARTMENT = "department", _("市级部门")
    DISTRICT = "district", _("区政府")
    LEADERSHIP = "leadership", _("领导")
    ENTERPRISE = "enterprise", _("企业")
    TRAINING_INSTITUTION = "training_institution", _("培训机构")
    EVALUATION_INSTITUTION = "evaluation_institution", _("评价机构")


class Role(models.TextChoices):
    """What a user may do follows from the kind of organisation they belong to."""

    PROGRAMME_OFFICER = "programme_officer", _("专班办公室工作人员")
    DEPARTMENT_OFFICER = "department_officer", _("部门联络员")
    DISTRICT_OFFICER = "district_officer", _("区联络员")
    LEADER = "leader", _("领导（只读）")
    ENTERPRISE_USER = "enterprise_user", _("企业用户")
    INSTITUTION_USER = "institution_user", _("培训机构用户")
    EVALUATOR = "evaluator", _("评价机构用户")
    WORKER = "worker", _("劳动者本人")
    NONE = "none", _("未分配")


ROLE_BY_KIND = {
    OrganisationKind.PROGRAMME_OFFICE: Role.PROGRAMME_OFFICER,
    OrganisationKind.DEPARTMENT: Role.DEPARTMENT_OFFICER,
    OrganisationKind.DISTRICT: Role.DISTRICT_OFFICER,
    OrganisationKind.LEADERSHIP: Role.LEADER,
    OrganisationKind.ENTERPRISE: Role.ENTERPRISE_USER,
    OrganisationKind.TRAINING_INSTITUTION: Role.INSTITUTION_USER,
    OrganisationKind.EVALUATION_INSTITUTION: Role.EVALUATOR,
}
