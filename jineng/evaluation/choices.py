from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    """The three kinds of evaluation body (items 20, 23, 24, 27, 28); colleges file as employer-type bodies."""

    SOCIAL = "social", _("社会培训评价组织")
    EMPLOYER = "employer", _("用人单位")
    COLLEGE = "college", _("院校（毕业年度学生）")
    SPECIAL = "special", _("专项职业能力考核机构")


#: certificate type letter (DOMAIN §7.5): Y = employer-led (colleges file as employer-type bodies), S = social
CERTIFICATE_LETTER = {BodyKind.SOCIAL: "S", BodyKind.EMPLOYER: "Y", BodyKind.COLLEGE: "Y", BodyKind.SPECIAL: "S"}


class BodyStatus(models.TextChoices):
    APPLIED = "applied", _("已申请")
    SCREENED = "screened", _("初审通过")
    REVIEWED = "reviewed", _("复审通过")
    PUBLISHED = "published", _("已公布")
    RETURNED = "returned", _("退回")
    SUSPENDED = "suspended", _("暂停")
    WITHDRAWN = "withdrawn", _("已撤销")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("已计划")
    HELD = "held", _("已考试")
    RESULTS_SUBMITTED = "results_submitted", _("成绩已报送")
    APPROVED = "approved", _("成绩已核准")
    CANCELLED = "cancelled", _("已取消")


class ResultStatus(models.TextChoices):
    RECORDED = "recorded", _("已录入")
    BODY_APPROVED = "body_approved", _("机构已审核")
    APPROVED = "approved", _("已核准")
    VOIDED = "voided", _("已作废")
