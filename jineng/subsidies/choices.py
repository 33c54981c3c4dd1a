from django.db import models
from django.utils.translation import gettext_lazy as _


class SchemeFamily(models.TextChoices):
    SHANGHAI_SKILL_UPGRADE = "A", _("上海市职业技能提升补贴")
    UI_SKILL_UPGRADE = "B", _("失业保险技能提升补贴")
    ENTERPRISE = "C", _("企业类补贴")


class Beneficiary(models.TextChoices):
    PERSON = "person", _("个人")
    ENTERPRISE = "enterprise", _("企业")


class ClaimantKind(models.TextChoices):
    PERSON = "person", _("本人申请")
    INSTITUTION = "institution", _("培训机构代为申请")
    ENTERPRISE = "enterprise", _("企业申请")


class ApplicantCategory(models.TextChoices):
    """Who the applicant is decides the share of the standard (DOMAIN.md §4.2)."""

    UNEMPLOYED_HUKOU = "unemployed_hukou", _("本市户籍失业人员、协保人员、原农村富余劳动力")
    DISABLED = "disabled", _("残疾人")
    VETERAN = "veteran", _("退役5年内的退役士兵")
    EMPLOYED = "employed", _("在职从业人员")
    COLLEGE_GRADUATE = "college_graduate", _("高等院校毕业学年学生")
    VOCATIONAL_GRADUATE = "vocational_graduate", _("中等职业学校毕业学年学生")
    INSURED_EMPLOYEE = "insured_employee", _("参保职工（失业保险）")
    UI_RECIPIENT = "ui_recipient", _("领取失业保险金人员")


class ClaimStatus(models.TextChoices):
    CHECK_FAILED = "check_failed", _("未通过自动校验")
    IN_REVIEW = "in_review", _("待审核")
    APPROVED = "approved", _("已核准")
    REJECTED = "rejected", _("不予核准")
    BATCHED = "batched", _("已列入拨付批次")
    PAID = "paid", _("已拨付")
    PAYMENT_FAILED = "payment_failed", _("拨付失败")
    WITHDRAWN = "withdrawn", _("已撤回")


# A claim in one of these states holds its place: the same subsidy cannot be claimed again meanwhile.
ACTIVE_CLAIM_STATES = (
    ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, ClaimStatus.BATCHED, ClaimStatus.PAID, ClaimStatus.PAYMENT_FAILED,
)


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    SENT = "sent", _("已提交拨付")
    SETTLED = "settled", _("已结算")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("待拨付")
    PAID = "paid", _("已拨付")
    FAILED = "failed", _("拨付失败")
