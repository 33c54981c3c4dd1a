"""Evaluation bodies, their test sites, sessions and candidates' results.

The fields named here are what certificates and the desk read; add to them, do not rename them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.core.identifiers import validate_uscc
from jineng.core.review_queue import FindingStatus
from jineng.evaluation.choices import (
    CERTIFICATE_LETTER,
    AnomalyRule,
    BodyKind,
    BodyStatus,
    EmployerGroup,
    ImportStatus,
    InspectionLevel,
    InspectionMode,
    InspectionOutcome,
    InspectionStatus,
    RectificationStatus,
    ResultStatus,
    ScopeStatus,
    SessionPeriod,
    SessionStatus,
    Severity,
    StaffRole,
)
from jineng.occupations.choices import SkillLevel


class EvaluationBody(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", verbose_name=_("登录机构"), on_delete=models.PROTECT, related_name="evaluation_body",
        null=True, blank=True,
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    name = models.CharField(_("机构名称"), max_length=120)
    kind = models.CharField(_("机构类型"), max_length=12, choices=BodyKind.choices)
    #: 4 digits assigned by the ministry, "0000" when the body was registered first in Shanghai (DOMAIN §7.5)
    ministry_code = models.CharField(_("人社部机构代码"), max_length=4, default="0000")
    #: 6 digits assigned by the city: positions 8–13 of the certificate number
    city_serial = models.CharField(_("本市机构序号"), max_length=6, unique=True)
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT)
    status = models.CharField(_("状态"), max_length=12, choices=BodyStatus.choices, default=BodyStatus.APPLIED)
    status_reason = models.CharField(_("状态原因"), max_length=200, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    applied_on = models.DateField(_("申请日期"), null=True, blank=True)
    review_comment = models.CharField(_("审核意见"), max_length=300, blank=True)
    contact = models.CharField(_("联系人"), max_length=40, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评价机构")
        verbose_name_plural = _("评价机构")

    def __str__(self) -> str:
        return self.name

    @property
    def certificate_letter(self) -> str:
        return CERTIFICATE_LETTER[BodyKind(self.kind)]


class TestSite(models.Model):
    """A test site (考点) of a body; its coordinates (GCJ-02) lie inside its district's polygon."""

    body = models.ForeignKey(EvaluationBody, verbose_name=_("评价机构"), on_delete=models.PROTECT,
                             related_name="sites")
    name = models.CharField(_("考点名称"), max_length=120)
    address = models.CharField(_("地址"), max_length=200)
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT)
    lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    capacity = models.PositiveIntegerField(_("考位数"))
    is_active = models.BooleanField(_("在用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考点")
        verbose_name_plural = _("考点")
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="test_site_name_unique")]

    def __str__(self) -> str:
        return self.name


class EvaluationSession(models.Model):
    """One sitting of one item (occupation or work type at a level, or a special-competence item) at a site."""

    body = models.ForeignKey(EvaluationBody, verbose_name=_("评价机构"), on_delete=models.PROTECT,
                             related_name="sessions")
    code = models.CharField(_("批次编号"), max_length=30, unique=True)
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT,
                                   null=True, blank=True)
    work_type = models.ForeignKey("occupations.WorkType", verbose_name=_("工种"), on_delete=models.PROTECT,
                                  null=True, blank=True)
    special_item = models.CharField(_("专项职业能力"), max_length=80, blank=True)
    level = models.PositiveSmallIntegerField(_("等级"), choices=SkillLevel.choices, null=True, blank=True)
    site = models.ForeignKey(TestSite, verbose_name=_("考点"), on_delete=models.PROTECT, related_name="sessions")
    exam_date = models.DateField(_("考试日期"))
    status = models.CharField(_("状态"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    scope = models.ForeignKey("evaluation.BodyScope", verbose_name=_("评价范围"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="sessions")
    period = models.CharField(_("时段"), max_length=3, choices=SessionPeriod.choices, default=SessionPeriod.MORNING)
    planned_candidates = models.PositiveIntegerField(_("计划人数"), default=0)
    invigilators = models.CharField(_("监考人员"), max_length=200, blank=True)
    examiners = models.ManyToManyField("evaluation.BodyStaff", verbose_name=_("考评员"), blank=True,
                                       related_name="sessions")
    review_comment = models.CharField(_("审核意见"), max_length=300, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考试批次")
        verbose_name_plural = _("考试批次")
        indexes = [models.Index(fields=["body", "exam_date"], name="session_body_date")]

    def __str__(self) -> str:
        return self.code


class EvaluationResult(models.Model):
    """A candidate's scores in a session; ``passed`` follows the item's pass rule."""

    session = models.ForeignKey(EvaluationSession, verbose_name=_("考试批次"), on_delete=models.PROTECT,
                                related_name="results")
    person = models.ForeignKey("core.Person", verbose_name=_("考生"), on_delete=models.PROTECT, related_name="+")
    theory_score = models.DecimalField(_("理论成绩"), max_digits=5, decimal_places=1, null=True, blank=True)
    practical_score = models.DecimalField(_("实操成绩"), max_digits=5, decimal_places=1, null=True, blank=True)
    comprehensive_score = models.DecimalField(_("综合评审成绩"), max_digits=5, decimal_places=1, null=True,
                                              blank=True)
    passed = models.BooleanField(_("合格"), default=False)
    status = models.CharField(_("状态"), max_length=16, choices=ResultStatus.choices, default=ResultStatus.RECORDED)
    approved_at = models.DateTimeField(_("核准时间"), null=True, blank=True)
    body_approved_at = models.DateTimeField(_("机构审核时间"), null=True, blank=True)
    sampled = models.BooleanField(_("抽中复核"), default=False)
    resample_note = models.CharField(_("复核结论"), max_length=200, blank=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考试成绩")
        verbose_name_plural = _("考试成绩")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="result_session_person")]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.person_id}"


class BodyScope(models.Model):
    """What a body is registered to evaluate: an occupation (or work type) at levels, or a special-competence item
    of the catalogue. Several bodies may hold the same item (item 21). ``developed_by_body``: the body developed
    the special-competence item itself (item 25's 20 items)."""

    body = models.ForeignKey(EvaluationBody, verbose_name=_("评价机构"), on_delete=models.PROTECT,
                             related_name="scopes")
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    work_type = models.ForeignKey("occupations.WorkType", verbose_name=_("工种"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    special_item = models.ForeignKey("occupations.CatalogueEntry", verbose_name=_("专项职业能力"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    levels = models.JSONField(_("等级"), default=list, blank=True)
    developed_by_body = models.BooleanField(_("机构自主开发"), default=False)
    registered_on = models.DateField(_("登记日期"))
    status = models.CharField(_("状态"), max_length=12, choices=ScopeStatus.choices, default=ScopeStatus.ACTIVE)
    status_reason = models.CharField(_("状态原因"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评价范围")
        verbose_name_plural = _("评价范围")
        constraints = [models.CheckConstraint(
            name="scope_item_named",
            condition=models.Q(occupation__isnull=False) | models.Q(special_item__isnull=False))]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.special_item_id:
            return self.special_item.label
        if self.work_type_id:
            return f"{self.occupation.name}（{self.work_type.name}）"
        return self.occupation.name


class BodyStaff(models.Model):
    """An evaluator (考评员) or internal quality supervisor of a body, a person of the registry (ID masked)."""

    body = models.ForeignKey(EvaluationBody, verbose_name=_("评价机构"), on_delete=models.PROTECT,
                             related_name="staff")
    person = models.ForeignKey("core.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("角色"), max_length=12, choices=StaffRole.choices)
    card_no = models.CharField(_("证卡编号"), max_length=30, blank=True)
    is_active = models.BooleanField(_("在岗"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考评人员")
        verbose_name_plural = _("考评人员")
        constraints = [models.UniqueConstraint(fields=["body", "person", "role"], name="body_staff_unique")]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.get_role_display()}）"


class ResultImport(models.Model):
    """One uploaded result file of a session: written whole or refused whole, with its row errors."""

    session = models.ForeignKey(EvaluationSession, verbose_name=_("考试批次"), on_delete=models.PROTECT,
                                related_name="imports")
    file_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(_("文件摘要"), max_length=64)
    status = models.CharField(_("状态"), max_length=12, choices=ImportStatus.choices)
    created_count = models.PositiveIntegerField(_("新增"), default=0)
    updated_count = models.PositiveIntegerField(_("更新"), default=0)
    unchanged_count = models.PositiveIntegerField(_("未变"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("成绩导入")
        verbose_name_plural = _("成绩导入")

    def __str__(self) -> str:
        return self.file_name


class CoveredEmployer(models.Model):
    """Item 23's register: a city-owned (市属国企) or central (在沪央企) enterprise with a need for self-evaluation,
    and the body it filed, once it has."""

    name = models.CharField(_("企业名称"), max_length=120)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    group = models.CharField(_("类别"), max_length=12, choices=EmployerGroup.choices)
    parent = models.CharField(_("所属集团"), max_length=80, blank=True)
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT)
    needs_self_evaluation = models.BooleanField(_("有自主评价需求"), default=True)
    body = models.ForeignKey(EvaluationBody, verbose_name=_("已备案评价机构"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="covered_employers")
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("自主评价覆盖企业")
        verbose_name_plural = _("自主评价覆盖企业")

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    """A quality-supervision task (items 44–46) of a district or city team on one body: on site or by video."""

    body = models.ForeignKey(EvaluationBody, verbose_name=_("评价机构"), on_delete=models.PROTECT,
                             related_name="inspections")
    session = models.ForeignKey(EvaluationSession, verbose_name=_("督导批次"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="inspections")
    year = models.PositiveSmallIntegerField(_("年度"))
    level = models.CharField(_("督导层级"), max_length=10, choices=InspectionLevel.choices)
    mode = models.CharField(_("督导方式"), max_length=10, choices=InspectionMode.choices)
    team = models.ForeignKey("accounts.Organisation", verbose_name=_("督导队伍"), on_delete=models.PROTECT,
                             related_name="+")
    planned_on = models.DateField(_("计划日期"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=InspectionStatus.choices,
                              default=InspectionStatus.PLANNED)
    score = models.PositiveSmallIntegerField(_("督导得分"), null=True, blank=True)
    outcome = models.CharField(_("督导结论"), max_length=10, choices=InspectionOutcome.choices, blank=True,
                               default=InspectionOutcome.PENDING)
    summary = models.CharField(_("督导情况"), max_length=300, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("质量督导")
        verbose_name_plural = _("质量督导")
        indexes = [models.Index(fields=["body", "year"], name="inspection_body_year")]

    def __str__(self) -> str:
        return f"{self.body} {self.planned_on}"


class InspectionFinding(models.Model):
    """What an inspection found, how serious, and the rectification it requires and its follow-up."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("质量督导"), on_delete=models.CASCADE,
                                   related_name="findings")
    severity = models.CharField(_("严重程度"), max_length=10, choices=Severity.choices)
    description = models.CharField(_("问题描述"), max_length=300)
    rectification = models.CharField(_("整改状态"), max_length=10, choices=RectificationStatus.choices,
                                     default=RectificationStatus.REQUIRED)
    rectify_by = models.DateField(_("整改期限"), null=True, blank=True)
    rectification_note = models.CharField(_("整改情况"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("督导发现")
        verbose_name_plural = _("督导发现")

    def __str__(self) -> str:
        return self.description


class AnomalyFinding(models.Model):
    """A pattern an anomaly rule found over results, reviewed in the shared review queue (``core.review_queue``).

    ``fingerprint`` identifies the pattern across passes, so a finding already reviewed is not raised again."""

    rule = models.CharField(_("规则"), max_length=24, choices=AnomalyRule.choices)
    fingerprint = models.CharField(_("特征"), max_length=200)
    score = models.DecimalField(_("风险分"), max_digits=6, decimal_places=2)
    summary = models.CharField(_("摘要"), max_length=300)
    evidence = models.JSONField(_("证据"), default=dict)
    body = models.ForeignKey(EvaluationBody, verbose_name=_("评价机构"), on_delete=models.PROTECT,
                             related_name="anomalies")
    district = models.ForeignKey("core.District", verbose_name=_("区"), on_delete=models.PROTECT)
    session = models.ForeignKey(EvaluationSession, verbose_name=_("考试批次"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="+")
    person = models.ForeignKey("core.Person", verbose_name=_("人员"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    status = models.CharField(_("核实结果"), max_length=12, choices=FindingStatus.choices,
                              default=FindingStatus.OPEN)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核实人"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    reviewed_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    review_note = models.CharField(_("核实说明"), max_length=300, blank=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评价异常线索")
        verbose_name_plural = _("评价异常线索")
        constraints = [models.UniqueConstraint(fields=["rule", "fingerprint"], name="anomaly_finding_unique")]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} {self.fingerprint}"
