"""Calls for funded selections, applications through the 主管部门, expert review, publicity and awards, and the
funding each award is tracked by.

The rules of a call are data: a versioned, dated ``RuleSet`` (eligibility rules, scoring criteria and weights,
the spending categories the grant may pay for) and the amount per award as a dated ``AwardAmount``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.awards.choices import (
    ApplicationState,
    AssessmentKind,
    AssessmentResult,
    AttachmentKind,
    CallKind,
    CallStatus,
    FundSource,
    ObjectionStatus,
    SpendingCategory,
)
from jineng.core.capabilities import VisibleQuerySet

MONEY = {"max_digits": 12, "decimal_places": 2}


class RuleSet(models.Model):
    """One version of a call kind's rules: ``content`` holds ``rules``, ``criteria`` and ``categories``."""

    code = models.SlugField(_("代码"), max_length=40)
    version = models.PositiveIntegerField(_("版本"))
    kind = models.CharField(_("类别"), max_length=24, choices=CallKind.choices)
    valid_from = models.DateField(_("生效日期"))
    source = models.CharField(_("依据"), max_length=120, blank=True)
    content = models.JSONField(_("规则"))

    class Meta:
        verbose_name = _("申报条件")
        verbose_name_plural = _("申报条件")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="awards_ruleset_code_version")]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class AwardAmount(models.Model):
    """The amount per award and the matching funds required, from a date on."""

    kind = models.CharField(_("类别"), max_length=24, choices=CallKind.choices)
    valid_from = models.DateField(_("生效日期"))
    amount = models.DecimalField(_("资助金额（元）"), **MONEY)
    matching_min = models.DecimalField(_("配套资金下限（元）"), **MONEY)
    funding_months = models.PositiveSmallIntegerField(_("资助周期（月）"), default=36)
    source = models.CharField(_("依据"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("资助标准")
        verbose_name_plural = _("资助标准")
        constraints = [models.UniqueConstraint(fields=["kind", "valid_from"], name="awards_amount_kind_date")]

    def __str__(self) -> str:
        return f"{self.kind} {self.valid_from}"

class Call(models.Model):
    kind = models.CharField(_("类别"), max_length=24, choices=CallKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=120)
    quota = models.PositiveIntegerField(_("名额"), validators=[MinValueValidator(1)])
    amount = models.DecimalField(_("每项资助金额（元）"), **MONEY)
    matching_min = models.DecimalField(_("配套资金下限（元）"), **MONEY)
    funding_months = models.PositiveSmallIntegerField(_("资助周期（月）"), default=36)
    rule_set = models.ForeignKey(RuleSet, verbose_name=_("申报条件"), on_delete=models.PROTECT, related_name="calls")
    opens_on = models.DateField(_("开始受理"))
    deadline = models.DateTimeField(_("申报截止"))
    required_attachments = models.JSONField(_("必交附件"), default=list, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=CallStatus.choices, default=CallStatus.OPEN)
    publicity_start = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_end = models.DateField(_("公示结束"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("申报通知")
        verbose_name_plural = _("申报通知")
        constraints = [models.UniqueConstraint(fields=["year", "kind", "title"], name="awards_call_unique_title")]

    def __str__(self) -> str:
        return self.title

    def attachment_labels(self) -> list[str]:
        labels = dict(AttachmentKind.choices)
        return [str(labels.get(code, code)) for code in self.required_attachments]


class Application(models.Model):
    number = models.CharField(_("申报编号"), max_length=24, unique=True)
    call = models.ForeignKey(Call, verbose_name=_("申报通知"), on_delete=models.PROTECT, related_name="applications")
    employer = models.ForeignKey("accounts.Organisation", verbose_name=_("申报单位"), on_delete=models.PROTECT,
                                 related_name="award_applications")
    screening_unit = models.ForeignKey("accounts.Organisation", verbose_name=_("主管部门"), on_delete=models.PROTECT,
                                       related_name="award_screenings")
    district = models.ForeignKey("core.District", verbose_name=_("区"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("项目名称"), max_length=120)
    leader_name = models.CharField(_("负责人（领衔人）"), max_length=40)
    leader_level = models.PositiveSmallIntegerField(_("负责人技能等级"), null=True, blank=True,
                                                    validators=[MinValueValidator(1), MaxValueValidator(5)])
    leader_honours = models.JSONField(_("负责人荣誉"), default=list, blank=True)
    leader_funded_chief_year = models.PositiveSmallIntegerField(_("获资助首席技师年度"), null=True, blank=True)
    leader_still_employed = models.BooleanField(_("仍在本单位工作"), default=True)
    matching_declared = models.DecimalField(_("承诺配套资金（元）"), **MONEY, default=Decimal(0),
                                            validators=[MinValueValidator(Decimal(0))])
    summary = models.TextField(_("申报摘要"), blank=True, max_length=2000)
    state = models.CharField(_("状态"), max_length=16, choices=ApplicationState.choices,
                             default=ApplicationState.DRAFT)
    eligibility = models.JSONField(_("条件核对"), default=list, blank=True)
    eligible = models.BooleanField(_("符合申报条件"), default=False)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    screened_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_comment = models.CharField(_("意见"), max_length=300, blank=True)
    total = models.DecimalField(_("评审得分"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("排名"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("申报")
        verbose_name_plural = _("申报")
        indexes = [models.Index(fields=["call", "state"]), models.Index(fields=["employer", "state"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def leader_level_label(self) -> str:
        from jineng.occupations.choices import SkillLevel

        return str(SkillLevel(self.leader_level).label) if self.leader_level else ""


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("附件类型"), max_length=24, choices=AttachmentKind.choices)
    file = models.FileField(_("文件"), upload_to="awards/%Y/")
    name = models.CharField(_("文件名"), max_length=120)
    size = models.PositiveIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="awards_attachment_kind")]

    def __str__(self) -> str:
        return self.name

class Reviewer(models.Model):
    """The reviewer registry: a user listed here may score the applications assigned to them (not their own
    organisation's)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="award_reviewer")
    speciality = models.CharField(_("专业领域"), max_length=60, blank=True)
    is_active = models.BooleanField(_("在库"), default=True)
    added_at = models.DateTimeField(_("入库时间"), auto_now_add=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")

    def __str__(self) -> str:
        return self.user.display_name or self.user.username


class Assignment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="assignments")
    assigned_at = models.DateTimeField(_("分配时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("评分提交时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评审分配")
        verbose_name_plural = _("评审分配")
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="awards_assignment_once")]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.reviewer_id}"

class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(_("评分项"), max_length=24)
    score = models.DecimalField(_("分数"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="awards_score_once"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=100), name="awards_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion} {self.score}"

class Objection(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="objections")
    lodged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    text = models.TextField(_("异议内容"), max_length=1000)
    lodged_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    status = models.CharField(_("状态"), max_length=12, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    handling_note = models.CharField(_("处理意见"), max_length=300, blank=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")

    def __str__(self) -> str:
        return f"{self.application_id} {self.get_status_display()}"

class Award(models.Model):
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    amount = models.DecimalField(_("资助金额（元）"), **MONEY)
    matching_required = models.DecimalField(_("应配套资金（元）"), **MONEY)
    awarded_on = models.DateField(_("立项日期"))
    period_start = models.DateField(_("资助期开始"))
    period_end = models.DateField(_("资助期结束"))
    categories = models.JSONField(_("资助范围"), default=list)
    awarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("资助项目")
        verbose_name_plural = _("资助项目")

    def __str__(self) -> str:
        return str(self.application)


class MatchingFund(models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="matching_funds")
    amount = models.DecimalField(_("金额（元）"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    recorded_on = models.DateField(_("到位日期"))
    evidence = models.CharField(_("凭证"), max_length=120, blank=True)
    evidenced = models.BooleanField(_("凭证已核实"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("配套资金")
        verbose_name_plural = _("配套资金")

    def __str__(self) -> str:
        return f"{self.amount}"

class Spending(models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="spending")
    category = models.CharField(_("支出类别"), max_length=16, choices=SpendingCategory.choices)
    source = models.CharField(_("资金来源"), max_length=10, choices=FundSource.choices)
    amount = models.DecimalField(_("金额（元）"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    spent_on = models.DateField(_("支出日期"))
    note = models.CharField(_("说明"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("支出")
        verbose_name_plural = _("支出")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="awards_spending_positive")]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount}"

class Assessment(models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("评估类型"), max_length=10, choices=AssessmentKind.choices)
    result = models.CharField(_("结论"), max_length=10, choices=AssessmentResult.choices)
    assessed_on = models.DateField(_("评估日期"))
    note = models.CharField(_("意见"), max_length=300, blank=True)
    recovery = models.DecimalField(_("应收回金额（元）"), **MONEY, default=Decimal(0))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评估")
        verbose_name_plural = _("评估")
        constraints = [models.UniqueConstraint(fields=["award", "kind"], name="awards_assessment_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_result_display()}"
