"""Risk passes over all claims and check-ins, their findings with a review queue, and institution ratings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.integrity.choices import FindingStatus, Grade, RiskRule, RiskRunStatus


class RiskRun(models.Model):
    status = models.CharField(_("状态"), max_length=12, choices=RiskRunStatus.choices, default=RiskRunStatus.QUEUED)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    rules_done = models.PositiveSmallIntegerField(_("已完成规则数"), default=0)
    rules_total = models.PositiveSmallIntegerField(_("规则数"), default=0)
    counts = models.JSONField(_("各规则发现数"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险核查")
        verbose_name_plural = _("风险核查")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"

    @property
    def progress_percent(self) -> int:
        return round(100 * self.rules_done / self.rules_total) if self.rules_total else 0

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    @property
    def total_findings(self) -> int:
        return sum(self.counts.values())


class RiskFinding(models.Model):
    """One suspicious pattern: which rule, how strong, the evidence; reviewed to confirmed or dismissed.

    ``fingerprint`` identifies the pattern across runs (e.g. rule + device + day), so a finding already
    reviewed is not raised again as new; a later run refreshes its score and evidence.
    """

    rule = models.CharField(_("规则"), max_length=24, choices=RiskRule.choices)
    fingerprint = models.CharField(_("特征"), max_length=200)
    score = models.DecimalField(_("风险分"), max_digits=5, decimal_places=2)
    summary = models.CharField(_("摘要"), max_length=300)
    evidence = models.JSONField(_("证据"), default=dict)
    institution = models.ForeignKey("training.Institution", verbose_name=_("机构"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="risk_findings")
    district = models.ForeignKey("core.District", verbose_name=_("区"), on_delete=models.PROTECT,
                                 null=True, blank=True)
    person = models.ForeignKey("core.Person", verbose_name=_("人员"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    first_run = models.ForeignKey(RiskRun, verbose_name=_("首次发现"), on_delete=models.PROTECT, related_name="+")
    last_run = models.ForeignKey(RiskRun, verbose_name=_("最近发现"), on_delete=models.PROTECT,
                                 related_name="findings")
    status = models.CharField(_("核实结果"), max_length=12, choices=FindingStatus.choices,
                              default=FindingStatus.OPEN)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核实人"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    review_note = models.CharField(_("核实说明"), max_length=300, blank=True)
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("风险线索")
        verbose_name_plural = _("风险线索")
        constraints = [models.UniqueConstraint(fields=["rule", "fingerprint"], name="risk_finding_unique")]
        indexes = [models.Index(fields=["status", "score"], name="risk_finding_queue")]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} {self.fingerprint}"


class InstitutionRating(models.Model):
    """A year's quality and integrity grade of an institution, with every component that made it."""

    institution = models.ForeignKey("training.Institution", verbose_name=_("机构"), on_delete=models.PROTECT,
                                    related_name="ratings")
    year = models.PositiveSmallIntegerField(_("年度"))
    trainees = models.PositiveIntegerField(_("培训人数"))
    completion_rate = models.DecimalField(_("结业率"), max_digits=5, decimal_places=4, null=True)
    pass_rate = models.DecimalField(_("取证率"), max_digits=5, decimal_places=4, null=True)
    satisfaction = models.DecimalField(_("满意度"), max_digits=5, decimal_places=4, null=True)
    survey_response_rate = models.DecimalField(_("评价回收率"), max_digits=5, decimal_places=4, null=True)
    inspection_score = models.DecimalField(_("检查得分"), max_digits=5, decimal_places=2, null=True)
    confirmed_findings = models.PositiveIntegerField(_("查实风险线索"), default=0)
    score = models.DecimalField(_("综合得分"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("等级"), max_length=1, choices=Grade.choices)
    components = models.JSONField(_("得分构成"), default=dict)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)
    is_published = models.BooleanField(_("已公布"), default=False)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("机构质量诚信等级")
        verbose_name_plural = _("机构质量诚信等级")
        constraints = [models.UniqueConstraint(fields=["institution", "year"], name="institution_rating_unique")]

    def __str__(self) -> str:
        return f"{self.institution} {self.year} {self.grade}"
