"""The wage survey (rounds, enterprise uploads, records), the published tables, the SOE commitments and the
district skilled-workforce survey with its service windows."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.occupations.choices import SkillLevel
from jineng.wages.choices import (
    Dimension,
    Ownership,
    PostCategory,
    SuppressionReason,
    ThresholdKey,
    VersionState,
)


class PublicationThreshold(models.Model):
    """One dated value of a publication rule; the rule in force on a date is the latest ``valid_from``."""

    key = models.CharField(_("参数"), max_length=20, choices=ThresholdKey.choices)
    value = models.DecimalField(_("取值"), max_digits=10, decimal_places=4)
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("失效日期"), null=True, blank=True, help_text=_("空 = 仍然有效"))
    source = models.CharField(_("依据"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("发布规则参数")
        verbose_name_plural = _("发布规则参数")
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="wage_threshold_unique"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                                   name="wage_threshold_dates"),
            models.CheckConstraint(condition=Q(value__gt=0), name="wage_threshold_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.key}={self.value} ({self.valid_from})"


class SurveyRound(models.Model):
    data_year = models.PositiveSmallIntegerField(_("数据年度"), unique=True)
    publication_year = models.PositiveSmallIntegerField(_("发布年度"))
    title = models.CharField(_("名称"), max_length=80)
    is_open = models.BooleanField(_("接受填报"), default=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("工资调查轮次")
        verbose_name_plural = _("工资调查轮次")
        constraints = [models.CheckConstraint(condition=Q(publication_year__gte=F("data_year")),
                                              name="wage_round_published_after_data")]

    def __str__(self) -> str:
        return self.title


class WageUpload(models.Model):
    """An enterprise's file for a round; a new file replaces the enterprise's records of that round."""

    round = models.ForeignKey(SurveyRound, verbose_name=_("调查轮次"), on_delete=models.PROTECT,
                              related_name="uploads")
    enterprise = models.ForeignKey("demand.EnterpriseProfile", verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="wage_uploads")
    file_name = models.CharField(_("文件名"), max_length=200)
    rows = models.PositiveIntegerField(_("行数"))
    digest = models.CharField(_("内容摘要"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("工资调查填报")
        verbose_name_plural = _("工资调查填报")
        constraints = [models.UniqueConstraint(fields=["round", "enterprise"], name="wage_upload_once_per_round")]

    def __str__(self) -> str:
        return f"{self.round} · {self.enterprise_id}"


class WageRecord(models.Model):
    """One employee's pay for the round's year; enterprise, industry and district copied from the profile."""

    upload = models.ForeignKey(WageUpload, on_delete=models.CASCADE, related_name="records")
    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey("demand.EnterpriseProfile", on_delete=models.PROTECT, related_name="+")
    industry = models.ForeignKey("occupations.Industry", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey("core.District", on_delete=models.PROTECT, related_name="+")
    row = models.PositiveIntegerField(_("行号"))
    occupation = models.ForeignKey("occupations.Occupation", on_delete=models.PROTECT, related_name="+")
    work_type = models.CharField(_("工种"), max_length=40, blank=True)
    level = models.PositiveSmallIntegerField(_("技能等级"), choices=SkillLevel.choices, null=True, blank=True)
    annual_pay = models.DecimalField(_("年度工资收入（元）"), max_digits=12, decimal_places=2)
    basic_pay = models.DecimalField(_("基本工资"), max_digits=12, decimal_places=2, null=True, blank=True)
    bonus = models.DecimalField(_("奖金"), max_digits=12, decimal_places=2, null=True, blank=True)
    allowances = models.DecimalField(_("津贴补贴"), max_digits=12, decimal_places=2, null=True, blank=True)
    overtime_pay = models.DecimalField(_("加班工资"), max_digits=12, decimal_places=2, null=True, blank=True)
    post_category = models.CharField(_("岗位类别"), max_length=12, choices=PostCategory.choices)
    employment_form = models.CharField(_("用工形式"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("工资记录")
        verbose_name_plural = _("工资记录")
        indexes = [models.Index(fields=["round", "post_category"], name="wage_record_round_post"),
                   models.Index(fields=["round", "enterprise"], name="wage_record_round_enterprise")]
        constraints = [models.CheckConstraint(condition=Q(annual_pay__gt=0), name="wage_record_pay_positive")]

    def __str__(self) -> str:
        return f"{self.upload_id}:{self.row}"


class TableVersion(models.Model):
    """The tables of a round computed once, reviewed and published; a new version supersedes the last."""

    round = models.ForeignKey(SurveyRound, verbose_name=_("调查轮次"), on_delete=models.PROTECT,
                              related_name="versions")
    number = models.PositiveSmallIntegerField(_("版次"))
    state = models.CharField(_("状态"), max_length=12, choices=VersionState.choices, default=VersionState.DRAFT)
    methodology_version = models.CharField(_("方法版本"), max_length=20)
    thresholds = models.JSONField(_("发布规则"), default=dict)
    n_enterprises = models.PositiveIntegerField(_("企业数"), default=0)
    n_workers = models.PositiveIntegerField(_("职工数"), default=0)
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)
    computed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("计算人"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(_("提交审核时间"), null=True, blank=True)
    review_comment = models.TextField(_("退回意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    superseded_at = models.DateTimeField(_("被替代时间"), null=True, blank=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("工资价位表")
        verbose_name_plural = _("工资价位表")
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="wage_version_number"),
            models.UniqueConstraint(fields=["round"], condition=Q(state="published"),
                                    name="wage_version_one_published"),
        ]

    def __str__(self) -> str:
        return f"{self.round.title} · {self.number}"


class TableCell(models.Model):
    """A published or suppressed cell; a suppressed cell keeps its counts and reason but no amounts."""

    version = models.ForeignKey(TableVersion, on_delete=models.CASCADE, related_name="cells")
    dimension = models.CharField(_("口径"), max_length=20, choices=Dimension.choices)
    occupation = models.ForeignKey("occupations.Occupation", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    level = models.PositiveSmallIntegerField(_("技能等级"), choices=SkillLevel.choices, null=True, blank=True)
    industry = models.ForeignKey("occupations.Industry", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    n_enterprises = models.PositiveIntegerField(_("企业数"))
    n_workers = models.PositiveIntegerField(_("职工数"))
    p10 = models.DecimalField("P10", max_digits=12, decimal_places=2, null=True, blank=True)
    p25 = models.DecimalField("P25", max_digits=12, decimal_places=2, null=True, blank=True)
    p50 = models.DecimalField("P50", max_digits=12, decimal_places=2, null=True, blank=True)
    p75 = models.DecimalField("P75", max_digits=12, decimal_places=2, null=True, blank=True)
    p90 = models.DecimalField("P90", max_digits=12, decimal_places=2, null=True, blank=True)
    mean = models.DecimalField(_("平均数"), max_digits=12, decimal_places=2, null=True, blank=True)
    suppressed = models.BooleanField(_("不发布"), default=False)
    reason = models.CharField(_("不发布原因"), max_length=20, choices=SuppressionReason.choices, blank=True)

    class Meta:
        verbose_name = _("工资价位")
        verbose_name_plural = _("工资价位")
        indexes = [models.Index(fields=["version", "dimension", "occupation"], name="wage_cell_lookup")]
        constraints = [models.CheckConstraint(
            condition=Q(suppressed=False) | (Q(p10__isnull=True) & Q(p50__isnull=True) & Q(mean__isnull=True)),
            name="wage_cell_suppressed_has_no_amounts")]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.occupation_id}:{self.level}:{self.industry_id}"


class SoeGroup(models.Model):
    name = models.CharField(_("集团名称"), max_length=80, unique=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("市属国企集团")
        verbose_name_plural = _("市属国企集团")

    def __str__(self) -> str:
        return self.name


class EnterpriseOwnership(models.Model):
    """Ownership kept beside the demand profile (demand stays unaware of SOE commitments)."""

    enterprise = models.OneToOneField("demand.EnterpriseProfile", verbose_name=_("企业"), on_delete=models.PROTECT,
                                      related_name="ownership")
    ownership = models.CharField(_("所有制"), max_length=16, choices=Ownership.choices)
    group = models.ForeignKey(SoeGroup, verbose_name=_("所属集团"), on_delete=models.PROTECT, null=True, blank=True,
                              related_name="members")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("企业所有制")
        verbose_name_plural = _("企业所有制")
        constraints = [models.CheckConstraint(
            condition=Q(ownership="municipal_soe", group__isnull=False) | (~Q(ownership="municipal_soe")
                                                                        & Q(group__isnull=True)),
            name="wage_ownership_group_for_municipal_soe")]

    def __str__(self) -> str:
        return f"{self.enterprise_id}:{self.ownership}"


class SoeReport(models.Model):
    """An SOE's yearly report on its skilled workforce and pay (items 12, 34, 35, 38)."""

    enterprise = models.ForeignKey("demand.EnterpriseProfile", verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="soe_reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    skilled_workers = models.PositiveIntegerField(_("技能劳动者人数"))
    high_skilled_workers = models.PositiveIntegerField(_("高技能人才人数"))
    new_high_skilled = models.PositiveIntegerField(_("新增高技能人才人数"))
    managers = models.PositiveIntegerField(_("管理人员人数"), default=0)
    high_skilled_pay_growth = models.DecimalField(_("高技能人才人均工资增幅（%）"), max_digits=6, decimal_places=2)
    manager_pay_growth = models.DecimalField(_("管理人员人均工资增幅（%）"), max_digits=6, decimal_places=2)
    annual_salary = models.BooleanField(_("高技能人才实行年薪制"), default=False)
    agreement_pay = models.BooleanField(_("高技能人才实行协议工资制"), default=False)
    dual_track_posts = models.BooleanField(_("技能与专业技术、管理岗位双向流动"), default=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(_("填报时间"), default=timezone.now)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("国企年度报告")
        verbose_name_plural = _("国企年度报告")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="soe_report_once_a_year"),
            models.CheckConstraint(condition=Q(high_skilled_workers__lte=F("skilled_workers")),
                                   name="soe_report_high_skilled_within_skilled"),
            models.CheckConstraint(condition=Q(new_high_skilled__lte=F("high_skilled_workers")),
                                   name="soe_report_new_within_high_skilled"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id}:{self.year}"


class CityBenchmark(models.Model):
    """The city's skilled workforce in a year, the comparison base of item 12 (statistics office figures)."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    skilled_workers = models.PositiveIntegerField(_("全市技能劳动者人数"))
    new_high_skilled = models.PositiveIntegerField(_("全市新增高技能人才人数"))
    source = models.CharField(_("来源"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("全市技能人才基数")
        verbose_name_plural = _("全市技能人才基数")
        constraints = [models.CheckConstraint(condition=Q(new_high_skilled__lte=F("skilled_workers")),
                                              name="city_benchmark_new_within_skilled")]

    def __str__(self) -> str:
        return str(self.year)


class DistrictSurvey(models.Model):
    """A district's count of its skilled workforce (item 41), uploaded as a file; a new file replaces it."""

    district = models.ForeignKey("core.District", verbose_name=_("区"), on_delete=models.PROTECT,
                                 related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    file_name = models.CharField(_("文件名"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("区技能人才调查")
        verbose_name_plural = _("区技能人才调查")
        constraints = [models.UniqueConstraint(fields=["district", "year"], name="district_survey_once_a_year")]

    def __str__(self) -> str:
        return f"{self.district_id}:{self.year}"


class DistrictSurveyCount(models.Model):
    survey = models.ForeignKey(DistrictSurvey, on_delete=models.CASCADE, related_name="counts")
    occupation = models.ForeignKey("occupations.Occupation", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("技能等级"), choices=SkillLevel.choices)
    workers = models.PositiveIntegerField(_("人数"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "occupation", "level"],
                                               name="district_count_once_per_cell")]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.occupation_id}:{self.level}"


class ServiceWindow(models.Model):
    """A district's skill-evaluation service window (item 41), shown on the public portal."""

    district = models.ForeignKey("core.District", verbose_name=_("区"), on_delete=models.PROTECT,
                                 related_name="+")
    name = models.CharField(_("窗口名称"), max_length=80)
    address = models.CharField(_("地址"), max_length=200)
    lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    hours = models.CharField(_("办公时间"), max_length=100)
    phone = models.CharField(_("电话"), max_length=40, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("技能人才评价服务窗口")
        verbose_name_plural = _("技能人才评价服务窗口")
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="service_window_name")]

    def __str__(self) -> str:
        return self.name
