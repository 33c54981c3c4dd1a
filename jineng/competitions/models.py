"""The monthly competition plan and its published versions, events, registrations, judges, marks, results,
objections and the two-person changes of signed-off marks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.competitions.choices import (
    AspectKind,
    ChangeState,
    EventStatus,
    ObjectionState,
    Outcome,
    RegistrationStatus,
    Tier,
)
from jineng.core.capabilities import VisibleQuerySet
from jineng.occupations.choices import SkillLevel


class CompetitionPlan(models.Model):
    """职业技能月月赛计划 of one year; published and republished as versions."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=120)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("竞赛计划")
        verbose_name_plural = _("竞赛计划")

    def __str__(self) -> str:
        return self.title


class PlanVersion(models.Model):
    """A published version: the snapshot of the plan's events (``engine.calendar.EventLine`` rows)."""

    plan = models.ForeignKey(CompetitionPlan, verbose_name=_("竞赛计划"), on_delete=models.CASCADE,
                             related_name="versions")
    number = models.PositiveSmallIntegerField(_("版次"))
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    note = models.CharField(_("说明"), max_length=200, blank=True)
    events = models.JSONField(_("赛项快照"), default=list)

    class Meta:
        verbose_name = _("计划版本")
        verbose_name_plural = _("计划版本")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="competition_plan_version_unique")]

    def __str__(self) -> str:
        return f"{self.plan.year}-v{self.number}"


class Event(models.Model):
    plan = models.ForeignKey(CompetitionPlan, verbose_name=_("竞赛计划"), on_delete=models.PROTECT,
                             related_name="events")
    code = models.CharField(_("赛项编号"), max_length=20, unique=True)
    title = models.CharField(_("赛项名称"), max_length=120)
    tier = models.CharField(_("竞赛类别"), max_length=16, choices=Tier.choices)
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT,
                                   related_name="+")
    work_type = models.ForeignKey("occupations.WorkType", verbose_name=_("工种"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    industry = models.ForeignKey("occupations.Industry", verbose_name=_("产业"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    level_awarded = models.PositiveSmallIntegerField(_("对应等级"), choices=SkillLevel.choices)
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT,
                                 related_name="+")
    organiser = models.ForeignKey("accounts.Organisation", verbose_name=_("主办单位"), on_delete=models.PROTECT,
                                  related_name="+")
    body = models.ForeignKey("evaluation.EvaluationBody", verbose_name=_("发证评价机构"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="+")
    venue = models.CharField(_("比赛场地"), max_length=120)
    lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    capacity = models.PositiveIntegerField(_("名额"))
    registration_opens = models.DateField(_("报名开始"))
    registration_closes = models.DateField(_("报名截止"))
    description = models.TextField(_("技术文件说明"), blank=True)
    min_age = models.PositiveSmallIntegerField(_("最低年龄"), null=True, blank=True, default=16)
    max_age = models.PositiveSmallIntegerField(_("最高年龄"), null=True, blank=True)
    min_current_level = models.PositiveSmallIntegerField(_("须持等级"), choices=SkillLevel.choices, null=True,
                                                         blank=True)
    one_per_window = models.BooleanField(_("同一报名期限报一项"), default=False)
    status = models.CharField(_("状态"), max_length=12, choices=EventStatus.choices, default=EventStatus.PLANNED)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签核人"), on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+")
    signed_off_at = models.DateTimeField(_("签核时间"), null=True, blank=True)
    publicity_from = models.DateField(_("公示开始"), null=True, blank=True)
    objection_closes = models.DateField(_("异议截止"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("赛项")
        verbose_name_plural = _("赛项")
        indexes = [models.Index(fields=["start_date"], name="competition_event_start"),
                   models.Index(fields=["district", "start_date"], name="competition_event_district")]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="competition_event_dates"),
            models.CheckConstraint(condition=models.Q(registration_closes__gte=models.F("registration_opens")),
                                   name="competition_event_window"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def max_marks(self):
        return sum((a.max_mark for a in self.aspects.all()), start=0)


class Aspect(models.Model):
    """One aspect of the marking scheme: its maximum mark, measured or judged."""

    event = models.ForeignKey(Event, verbose_name=_("赛项"), on_delete=models.CASCADE, related_name="aspects")
    code = models.CharField(_("编号"), max_length=8)
    name = models.CharField(_("评分项"), max_length=80)
    kind = models.CharField(_("评分方式"), max_length=12, choices=AspectKind.choices)
    max_mark = models.DecimalField(_("满分"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("评分项")
        verbose_name_plural = _("评分项")
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="competition_aspect_unique"),
                       models.CheckConstraint(condition=models.Q(max_mark__gt=0), name="competition_aspect_max")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Registration(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("赛项"), on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey("core.Person", verbose_name=_("选手"), on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey("accounts.Organisation", verbose_name=_("所在单位"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报名人"), on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+")
    status = models.CharField(_("状态"), max_length=12, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.REGISTERED)
    registered_on = models.DateField(_("报名日期"))
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="competition_registration_unique")]

    def __str__(self) -> str:
        return f"{self.event.code} {self.person.name}"


class Judge(models.Model):
    """The judge role, as data: a user assigned to judge one event; the organisation is the user's at assignment
    (the conflict rule compares it with the contestant's employer)."""

    event = models.ForeignKey(Event, verbose_name=_("赛项"), on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("裁判"), on_delete=models.PROTECT,
                             related_name="competition_judging")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("裁判所在单位"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    is_chief = models.BooleanField(_("裁判长"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("裁判")
        verbose_name_plural = _("裁判")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="competition_judge_unique")]

    def __str__(self) -> str:
        return str(self.user)


class Mark(models.Model):
    registration = models.ForeignKey(Registration, verbose_name=_("报名"), on_delete=models.CASCADE,
                                     related_name="marks")
    aspect = models.ForeignKey(Aspect, verbose_name=_("评分项"), on_delete=models.PROTECT, related_name="marks")
    value = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    judge_scores = models.JSONField(_("裁判评分"), default=list, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入裁判"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("得分")
        verbose_name_plural = _("得分")
        constraints = [models.UniqueConstraint(fields=["registration", "aspect"], name="competition_mark_unique")]

    def __str__(self) -> str:
        return f"{self.aspect.code}={self.value}"


class MarkChange(models.Model):
    """A change of a signed-off mark: asked by one person, approved by another (``workflows.MARK_CHANGE``)."""

    mark = models.ForeignKey(Mark, verbose_name=_("得分"), on_delete=models.CASCADE, related_name="changes")
    old_value = models.DecimalField(_("原得分"), max_digits=6, decimal_places=2)
    new_value = models.DecimalField(_("新得分"), max_digits=6, decimal_places=2)
    new_judge_scores = models.JSONField(_("新裁判评分"), default=list, blank=True)
    why = models.CharField(_("理由"), max_length=200)
    state = models.CharField(_("状态"), max_length=12, choices=ChangeState.choices, default=ChangeState.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("复核人"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    decision_comment = models.CharField(_("复核意见"), max_length=300, blank=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("改分申请")
        verbose_name_plural = _("改分申请")

    def __str__(self) -> str:
        return f"{self.mark} → {self.new_value}"


class Result(models.Model):
    registration = models.OneToOneField(Registration, verbose_name=_("报名"), on_delete=models.CASCADE,
                                        related_name="result")
    event = models.ForeignKey(Event, verbose_name=_("赛项"), on_delete=models.CASCADE, related_name="results")
    raw = models.DecimalField(_("原始总分"), max_digits=8, decimal_places=2)
    standardised = models.DecimalField(_("标准分"), max_digits=8, decimal_places=2)
    rank = models.PositiveIntegerField(_("名次"))
    percentile = models.DecimalField(_("名次百分位"), max_digits=6, decimal_places=2)
    outcome = models.CharField(_("结果"), max_length=12, choices=Outcome.choices, default=Outcome.NONE)
    level_granted = models.PositiveSmallIntegerField(_("授予等级"), choices=SkillLevel.choices, null=True,
                                                     blank=True)
    rule_version = models.CharField(_("晋级规则版本"), max_length=20)
    certificate = models.OneToOneField("certificates.Certificate", verbose_name=_("证书"), on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="competition_result")
    withheld = models.BooleanField(_("异议成立，暂缓发证"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("竞赛成绩")
        verbose_name_plural = _("竞赛成绩")
        indexes = [models.Index(fields=["event", "rank"], name="competition_result_rank")]

    def __str__(self) -> str:
        return f"{self.registration} #{self.rank}"


class Objection(models.Model):
    """An objection to the publicity list (公示), raised before the window closes, answered by the organiser."""

    event = models.ForeignKey(Event, verbose_name=_("赛项"), on_delete=models.CASCADE, related_name="objections")
    result = models.ForeignKey(Result, verbose_name=_("成绩"), on_delete=models.CASCADE, null=True, blank=True,
                               related_name="objections")
    text = models.CharField(_("异议内容"), max_length=500)
    contact = models.CharField(_("联系方式"), max_length=60, blank=True)
    raised_on = models.DateField(_("提出日期"))
    state = models.CharField(_("状态"), max_length=12, choices=ObjectionState.choices, default=ObjectionState.OPEN)
    answer = models.CharField(_("处理意见"), max_length=300, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")

    def __str__(self) -> str:
        return self.text[:30]
