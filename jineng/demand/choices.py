from django.db import models
from django.utils.translation import gettext_lazy as _


class EnterpriseSize(models.TextChoices):
    MICRO = "micro", _("微型")
    SMALL = "small", _("小型")
    MEDIUM = "medium", _("中型")
    LARGE = "large", _("大型")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已采纳")


class Urgency(models.IntegerChoices):
    NORMAL = 1, _("一般")
    PRESSING = 2, _("较急")
    URGENT = 3, _("紧急")


EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)
# Analysis counts what enterprises have handed in and reviewers have not sent back.
COUNTED_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)


class EmploymentSource(models.TextChoices):
    ROSTER = "roster", _("企业职工花名册")
    ENROLMENT = "enrolment", _("培训记录登记的用人单位")
