"""Subsidy schemes with dated parameters, claims, payment batches and payments.

Double payment is impossible by construction: one active claim per person + occupation + work type + level
(partial unique index), one active course-funding claim per enrolment, one apprenticeship claim per
apprentice and year, and one payment row per claim (unique), moved to "paid" by a conditional update.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.occupations.choices import SkillLevel
from jineng.subsidies.choices import (
    ACTIVE_CLAIM_STATES,
    ApplicantCategory,
    BatchStatus,
    Beneficiary,
    ClaimantKind,
    ClaimStatus,
    PaymentStatus,
    SchemeFamily,
)


class Scheme(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=80)
    family = models.CharField(_("类别"), max_length=1, choices=SchemeFamily.choices)
    beneficiary = models.CharField(_("受益方"), max_length=12, choices=Beneficiary.choices)
    per_certificate = models.BooleanField(
        _("按证书计"), default=True, help_text=_("同一职业（工种）同一等级只享受一次的规则适用")
    )
    rule = models.CharField(
        _("计算规则"), max_length=40, default="certificate",
        help_text=_("engine.rules 中登记的计算函数名；同名项目代码的函数优先"),
    )
    description = models.TextField(_("说明"), blank=True)
    is_active = models.BooleanField(_("受理中"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("补贴项目")
        verbose_name_plural = _("补贴项目")

    def __str__(self) -> str:
        return self.name


class SubsidyParameter(models.Model):
    """One dated value of a scheme's rule (a standard, share, uplift, cap or deadline), with its source."""

    scheme = models.ForeignKey(Scheme, verbose_name=_("补贴项目"), on_delete=models.PROTECT,
                               related_name="parameters")
    key = models.CharField(_("参数"), max_length=60)
    value = models.DecimalField(_("取值"), max_digits=12, decimal_places=4)
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"), null=True, blank=True, help_text=_("空 = 仍然有效"))
    source = models.CharField(_("依据"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("补贴参数")
        verbose_name_plural = _("补贴参数")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "key", "valid_from"], name="subsidy_parameter_unique"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                                   name="subsidy_parameter_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.code}.{self.key}={self.value} ({self.valid_from})"


class Claim(models.Model):
    number = models.CharField(_("申请编号"), max_length=24, unique=True)
    scheme = models.ForeignKey(Scheme, verbose_name=_("补贴项目"), on_delete=models.PROTECT, related_name="claims")
    claimant_kind = models.CharField(_("申请方式"), max_length=12, choices=ClaimantKind.choices)
    claimant_organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("申请单位"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="subsidy_claims",
    )
    person = models.ForeignKey("core.Person", verbose_name=_("人员"), on_delete=models.PROTECT,
                               related_name="subsidy_claims")
    district = models.ForeignKey("core.District", verbose_name=_("受理区"), on_delete=models.PROTECT)
    applicant_category = models.CharField(_("人员类别"), max_length=24, choices=ApplicantCategory.choices)
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT)
    work_type = models.ForeignKey("occupations.WorkType", verbose_name=_("工种"), on_delete=models.PROTECT,
                                  null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("等级"), choices=SkillLevel.choices, null=True, blank=True)
    certificate_no = models.CharField(_("证书编号"), max_length=40, blank=True)
    certificate_date = models.DateField(_("发证日期"), null=True, blank=True)
    enrolment = models.ForeignKey("training.Enrolment", verbose_name=_("培训记录"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="subsidy_claims")
    apprenticeship = models.ForeignKey("training.Apprenticeship", verbose_name=_("学徒"), on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="subsidy_claims")
    period_year = models.PositiveSmallIntegerField(_("所属年度"))
    amount = models.DecimalField(_("补贴金额（元）"), max_digits=12, decimal_places=2, default=Decimal("0"))
    trace = models.JSONField(_("计算过程"), default=dict, blank=True)
    check_failures = models.JSONField(_("校验未通过原因"), default=list, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ClaimStatus.choices)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_note = models.CharField(_("审核意见"), max_length=300, blank=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("补贴申请")
        verbose_name_plural = _("补贴申请")
        constraints = [
            # Same person + occupation + work type + level only once, across every per-certificate scheme.
            models.UniqueConstraint(
                "person", "occupation", Coalesce("work_type", 0), Coalesce("level", -1),
                condition=Q(status__in=ACTIVE_CLAIM_STATES, apprenticeship__isnull=True,
                            certificate_no__gt=""),
                name="claim_once_per_occupation_level",
            ),
            # A course is funded once: no second active claim on the same training record.
            models.UniqueConstraint(fields=["enrolment"], condition=Q(status__in=ACTIVE_CLAIM_STATES,
                                                                        enrolment__isnull=False),
                                    name="claim_once_per_enrolment"),
            models.UniqueConstraint(fields=["apprenticeship", "period_year"],
                                    condition=Q(status__in=ACTIVE_CLAIM_STATES, apprenticeship__isnull=False),
                                    name="claim_once_per_apprentice_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="claim_amount_not_negative"),
        ]
        indexes = [
            models.Index(fields=["status", "district"], name="claim_status_district"),
            models.Index(fields=["person", "period_year"], name="claim_person_year"),
            models.Index(fields=["submitted_at"], name="claim_submitted"),
        ]

    def __str__(self) -> str:
        return self.number


class PaymentBatch(models.Model):
    number = models.CharField(_("批次号"), max_length=24, unique=True)
    status = models.CharField(_("状态"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("编制人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("编制时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("提交拨付时间"), null=True, blank=True)
    settled_at = models.DateTimeField(_("结算时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("拨付批次")
        verbose_name_plural = _("拨付批次")

    def __str__(self) -> str:
        return self.number


class Payment(models.Model):
    """The one payment of a claim. ``claim`` is unique, so a claim can never be paid twice."""
    claim = models.OneToOneField(Claim, verbose_name=_("补贴申请"), on_delete=models.PROTECT, related_name="payment")
    batch = models.ForeignKey(PaymentBatch, verbose_name=_("拨付批次"), on_delete=models.PROTECT,
                              related_name="payments")
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    status = models.CharField(_("状态"), max_length=12, choices=PaymentStatus.choices,
                              default=PaymentStatus.PENDING)
    paid_at = models.DateTimeField(_("拨付时间"), null=True, blank=True)
    bank_reference = models.CharField(_("银行流水号"), max_length=40, blank=True)
    failure_reason = models.CharField(_("失败原因"), max_length=200, blank=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("拨付记录")
        verbose_name_plural = _("拨付记录")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(condition=~Q(status="paid") | Q(paid_at__isnull=False),
                                   name="payment_paid_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.claim.number} {self.amount}"
