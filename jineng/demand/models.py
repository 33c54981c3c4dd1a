from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.core.identifiers import validate_uscc
from jineng.core.models import ImportJob
from jineng.demand.choices import EmploymentSource, EnterpriseSize, ReportState, Urgency
from jineng.occupations.choices import SkillLevel


class EnterpriseProfile(models.Model):
    """What the platform knows about an enterprise that reports demand: its credit code, district, industry."""

    organisation = models.OneToOneField(
        "accounts.Organisation", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="enterprise_profile",
        limit_choices_to={"kind": "enterprise"},
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT)
    industry = models.ForeignKey("occupations.Industry", verbose_name=_("所属产业"), on_delete=models.PROTECT)
    size = models.CharField(_("企业规模"), max_length=8, choices=EnterpriseSize.choices)
    contact = models.CharField(_("联系人及电话"), max_length=100, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False, help_text=_("演示或测试用的虚构企业"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("企业信息")
        verbose_name_plural = _("企业信息")

    def __str__(self) -> str:
        return f"{self.organisation.name}（{self.credit_code}）"


class Employment(models.Model):
    """A person on an enterprise's payroll from ``start_date`` to ``end_date`` (open while still employed).

    Subsidies for an enterprise's own staff (企业职工培训补贴) are paid only for people the enterprise
    employed during the training; this is the evidence, from the enterprise's roster upload or from the
    employer an institution recorded on the training record.
    """

    enterprise = models.ForeignKey(EnterpriseProfile, verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="employments")
    person = models.ForeignKey("core.Person", verbose_name=_("职工"), on_delete=models.PROTECT,
                               related_name="employments")
    start_date = models.DateField(_("入职日期"))
    end_date = models.DateField(_("离职日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=12, choices=EmploymentSource.choices)
    source_detail = models.CharField(_("来源说明"), max_length=200, blank=True,
                                     help_text=_("花名册文件名，或登记用人单位的培训班"))
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("在职记录")
        verbose_name_plural = _("在职记录")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "person", "start_date"], name="employment_unique"),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                                   name="employment_dates"),
        ]
        indexes = [models.Index(fields=["person", "enterprise"], name="employment_person")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.enterprise.organisation.name}"


class IndustryDepartment(models.Model):
    """Which city department reviews the demand reports of an industry's enterprises."""

    industry = models.ForeignKey("occupations.Industry", verbose_name=_("产业"), on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("审核部门"), on_delete=models.CASCADE, related_name="demand_industries"
    )

    class Meta:
        verbose_name = _("产业审核部门")
        verbose_name_plural = _("产业审核部门")
        constraints = [models.UniqueConstraint(fields=["industry", "organisation"], name="industry_department_unique")]

    def __str__(self) -> str:
        return f"{self.industry} → {self.organisation}"


class Campaign(models.Model):
    """A round of demand reporting (e.g. 2024 年上半年), open between two dates to the listed industries."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    opens_on = models.DateField(_("开始填报"))
    closes_on = models.DateField(_("截止填报"))
    industries = models.ManyToManyField("occupations.Industry", verbose_name=_("面向产业"), related_name="demand_campaigns")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("填报批次")
        verbose_name_plural = _("填报批次")
        constraints = [
            models.CheckConstraint(name="campaign_closes_after_opening", condition=Q(closes_on__gte=models.F("opens_on")))
        ]

    def __str__(self) -> str:
        return self.name


class DemandReport(models.Model):
    """One enterprise's demand report in one campaign. District and industry are as at reporting."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("填报批次"), on_delete=models.PROTECT, related_name="reports")
    enterprise = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("企业"), on_delete=models.PROTECT, related_name="demand_reports"
    )
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT, related_name="+")
    industry = models.ForeignKey("occupations.Industry", verbose_name=_("所属产业"), on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("状态"), max_length=12, choices=ReportState.choices, default=ReportState.DRAFT)
    note = models.TextField(_("填报说明"), blank=True, max_length=2000)
    first_submitted_at = models.DateTimeField(_("首次提交时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_comment = models.TextField(_("审核意见"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("需求填报")
        verbose_name_plural = _("需求填报")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "enterprise"], name="demand_report_once_per_campaign"),
            models.CheckConstraint(
                name="demand_report_submitted_has_time",
                condition=Q(state=ReportState.DRAFT) | Q(first_submitted_at__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["state", "first_submitted_at"], name="demand_report_state_at")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.campaign}"


NON_NEGATIVE = ("vacancy_months", "applicants_per_vacancy", "offered_monthly_pay")


class DemandLine(models.Model):
    """One row of a report: how many people of an occupation (work type) and level the enterprise needs."""

    report = models.ForeignKey(DemandReport, on_delete=models.CASCADE, related_name="lines")
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT, related_name="+")
    work_type = models.ForeignKey(
        "occupations.WorkType", verbose_name=_("工种"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("技能等级"), choices=SkillLevel.choices)
    headcount = models.PositiveIntegerField(_("需求人数"))
    urgency = models.PositiveSmallIntegerField(_("紧急程度"), choices=Urgency.choices, default=Urgency.NORMAL)
    vacancy_months = models.DecimalField(_("空缺时长（月）"), max_digits=6, decimal_places=2, default=Decimal(0))
    applicants_per_vacancy = models.DecimalField(_("每岗位应聘人数"), max_digits=8, decimal_places=2, default=Decimal(0))
    offered_monthly_pay = models.DecimalField(_("月薪（元）"), max_digits=10, decimal_places=2, default=Decimal(0))
    expected_hire_date = models.DateField(_("预计到岗日期"), null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=500, blank=True)
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("需求明细")
        verbose_name_plural = _("需求明细")
        constraints = [
            models.CheckConstraint(name="demand_line_headcount_positive", condition=Q(headcount__gt=0)),
            *[models.CheckConstraint(name=f"demand_line_{field}_non_negative", condition=Q(**{f"{field}__gte": 0}))
              for field in NON_NEGATIVE],
            models.CheckConstraint(name="demand_line_urgency_valid", condition=Q(urgency__in=Urgency.values)),
            models.CheckConstraint(name="demand_line_level_valid", condition=Q(level__in=SkillLevel.values)),
            # NULL work types are distinct in SQL, so the key needs one constraint with and one without.
            models.UniqueConstraint(
                fields=["report", "occupation", "work_type", "level"], condition=Q(work_type__isnull=False),
                name="demand_line_key_with_work_type",
            ),
            models.UniqueConstraint(
                fields=["report", "occupation", "level"], condition=Q(work_type__isnull=True),
                name="demand_line_key_without_work_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation.name} {self.get_level_display()} × {self.headcount}"


DEFAULT_WEIGHTS = {
    "headcount": Decimal("0.25"),
    "enterprises": Decimal("0.15"),
    "vacancy_months": Decimal("0.15"),
    "applicants": Decimal("0.10"),
    "pay_premium": Decimal("0.10"),
    "growth": Decimal("0.10"),
    "strategic": Decimal("0.15"),
}


def _weight(label: str, key: str) -> models.DecimalField:
    return models.DecimalField(label, max_digits=4, decimal_places=2, default=DEFAULT_WEIGHTS[key])


class DemandUpload(ImportJob):
    """One upload of a report's lines, imported in the background (``core.import_jobs``): progress, outcome, who."""

    report = models.ForeignKey(DemandReport, verbose_name=_("需求填报"), on_delete=models.CASCADE, related_name="uploads")

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("需求表上传")
        verbose_name_plural = _("需求表上传")


class RankingWeights(models.Model):
    """The weights of the catalogue ranking for a year; the programme office edits them, every change audited."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    headcount = _weight(_("需求人数"), "headcount")
    enterprises = _weight(_("填报企业数"), "enterprises")
    vacancy_months = _weight(_("空缺时长"), "vacancy_months")
    applicants = _weight(_("每岗位应聘人数（越少越紧缺）"), "applicants")
    pay_premium = _weight(_("薪酬溢价"), "pay_premium")
    growth = _weight(_("需求增长"), "growth")
    strategic = _weight(_("产业战略权重"), "strategic")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("排名权重")
        verbose_name_plural = _("排名权重")
        constraints = [
            models.CheckConstraint(
                name="ranking_weights_between_0_and_1",
                condition=Q(**{f"{key}__gte": 0 for key in DEFAULT_WEIGHTS}) & Q(**{f"{key}__lte": 1 for key in DEFAULT_WEIGHTS}),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} 年排名权重"

    def as_dict(self) -> dict[str, Decimal]:
        return {key: getattr(self, key) for key in DEFAULT_WEIGHTS}
