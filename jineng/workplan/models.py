from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.workplan.choices import IndicatorSource, LeadRole, ProgressStatus, ReportState, TargetKind
from jineng.workplan.engine.pace import linear_profile


def _linear_profile_list() -> list[str]:
    return [str(value) for value in linear_profile()]


class Plan(models.Model):
    """A year's work plan (工作要点) with its task-division table and supervision settings."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=200)
    source_name = models.CharField(_("来源文件"), max_length=200, blank=True)
    source_sha256 = models.CharField(_("来源文件摘要"), max_length=64, blank=True)
    report_due_day = models.PositiveSmallIntegerField(
        _("报送截止日（次月）"), default=10, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    rag_green_ratio = models.DecimalField(_("绿灯阈值（实际/应达）"), max_digits=4, decimal_places=2, default=Decimal("0.95"))
    rag_amber_ratio = models.DecimalField(_("黄灯阈值（实际/应达）"), max_digits=4, decimal_places=2, default=Decimal("0.85"))
    score_progress_weight = models.DecimalField(
        _("区考核中进度权重"), max_digits=4, decimal_places=2, default=Decimal("0.70")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("工作要点")
        verbose_name_plural = _("工作要点")
        constraints = [
            models.CheckConstraint(
                name="plan_rag_thresholds_ordered",
                condition=models.Q(rag_amber_ratio__lte=models.F("rag_green_ratio")) & models.Q(rag_amber_ratio__gte=0),
            ),
            models.CheckConstraint(
                name="plan_weight_between_0_and_1",
                condition=models.Q(score_progress_weight__gte=0) & models.Q(score_progress_weight__lte=1),
            ),
        ]

    def __str__(self) -> str:
        return self.title if self.title.startswith(str(self.year)) else f"{self.year}年 {self.title}"


class Category(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="categories")
    order = models.PositiveSmallIntegerField(_("序"))
    name = models.CharField(_("项目"), max_length=200)

    class Meta:
        verbose_name = _("项目分类")
        verbose_name_plural = _("项目分类")
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="category_order_unique"),
            models.UniqueConstraint(fields=["plan", "name"], name="category_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("序号"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="tasks")
    content = models.TextField(_("内容"))
    lead_text = models.CharField(_("牵头部门（原文）"), max_length=300)
    designation_pending = models.BooleanField(
        _("待指定区"), default=False, help_text=_("牵头单位为“有关区政府”，由专班办公室指定具体区")
    )
    units = models.ManyToManyField("accounts.Organisation", through="TaskUnit", related_name="tasks")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("重点任务")
        verbose_name_plural = _("重点任务")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="task_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:30]}"


class TaskUnit(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="task_units")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="task_units")
    role = models.CharField(_("职责"), max_length=16, choices=LeadRole.choices, default=LeadRole.LEAD)
    via = models.CharField(_("来源写法"), max_length=40, blank=True, help_text=_("如“各区政府”“各成员单位”"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")
        constraints = [
            models.UniqueConstraint(fields=["task", "organisation", "role"], name="task_unit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.task.number} {self.organisation} ({self.get_role_display()})"


class Indicator(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="indicators")
    ordinal = models.PositiveSmallIntegerField(_("序"))
    kind = models.CharField(_("类型"), max_length=16, choices=TargetKind.choices)
    label = models.CharField(_("指标"), max_length=120)
    unit = models.CharField(_("单位"), max_length=10, blank=True)
    annual_target = models.DecimalField(_("年度目标"), max_digits=14, decimal_places=2, null=True, blank=True)
    source_text = models.CharField(_("原文"), max_length=200, blank=True)
    pace_profile = models.JSONField(
        _("月度进度曲线"), default=_linear_profile_list, help_text=_("12 个累计比例，1 月到 12 月，末值为 1")
    )
    source = models.CharField(_("数据来源"), max_length=16, choices=IndicatorSource.choices, default=IndicatorSource.REPORTED)
    metric_key = models.CharField(_("系统指标"), max_length=80, blank=True)
    metric_chosen = models.BooleanField(
        _("系统指标由专班办公室选定"), default=False, help_text=_("选定后重新导入分工表不再自动绑定或解绑")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        constraints = [
            models.UniqueConstraint(fields=["task", "ordinal"], name="indicator_ordinal_unique"),
            models.CheckConstraint(
                name="indicator_target_not_negative",
                condition=models.Q(annual_target__isnull=True) | models.Q(annual_target__gte=0),
            ),
            models.CheckConstraint(
                name="indicator_quantity_has_target",
                condition=~models.Q(kind="quantity") | models.Q(annual_target__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def code(self) -> str:
        return f"{self.task.number}-{self.ordinal}"

    @property
    def is_quantity(self) -> bool:
        return self.kind == TargetKind.QUANTITY


class DistrictTarget(models.Model):
    """A district's share of an indicator's annual target (分解下达)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="district_targets")
    district = models.ForeignKey("core.District", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("分解目标"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("分区目标")
        verbose_name_plural = _("分区目标")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "district"], name="district_target_unique"),
            models.CheckConstraint(name="district_target_not_negative", condition=models.Q(value__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.district}: {self.value}"


class MonthlyReport(models.Model):
    """One unit's monthly progress report on one task for one period (YYYY-MM)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="reports")
    period = models.DateField(_("月份"), help_text=_("该月 1 日"))
    state = models.CharField(_("状态"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    progress_status = models.CharField(
        _("进展"), max_length=16, choices=ProgressStatus.choices, default=ProgressStatus.ON_TRACK
    )
    narrative = models.TextField(_("进展情况"), blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    next_steps = models.TextField(_("下步打算"), blank=True)
    first_submitted_at = models.DateTimeField(_("首次报送时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_comment = models.TextField(_("审核意见"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("月度报告")
        verbose_name_plural = _("月度报告")
        constraints = [
            models.UniqueConstraint(fields=["task", "organisation", "period"], name="report_unique_per_period"),
            models.CheckConstraint(
                name="report_submitted_has_time",
                condition=models.Q(state="draft") | models.Q(first_submitted_at__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["period", "state"], name="report_period_state")]

    def __str__(self) -> str:
        return f"{self.task.number} {self.organisation} {self.period:%Y-%m}"

    @property
    def period_label(self) -> str:
        return f"{self.period:%Y-%m}"


class IndicatorValue(models.Model):
    """A cumulative value since 1 January reported in a monthly report (the city's or the unit's district's)."""

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("累计完成"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("指标完成值")
        verbose_name_plural = _("指标完成值")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="indicator_value_unique"),
            models.CheckConstraint(name="indicator_value_not_negative", condition=models.Q(value__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


def _attachment_path(instance: "ReportAttachment", filename: str) -> str:
    return f"reports/{instance.report.period:%Y-%m}/{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name


class PeriodReopening(models.Model):
    """The programme office reopens a locked period for one unit until a given time."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reopenings")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    period = models.DateField(_("月份"))
    until_at = models.DateTimeField(_("开放至"))
    reason = models.CharField(_("原因"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("补报开放")
        verbose_name_plural = _("补报开放")

    def __str__(self) -> str:
        return f"{self.organisation} {self.period:%Y-%m} → {self.until_at:%Y-%m-%d}"
