"""Training institutions, their sites and approved projects, classes, enrolments and check-ins."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.core.identifiers import validate_uscc
from jineng.core.models import ImportJob
from jineng.occupations.choices import SkillLevel
from jineng.training.choices import (
    CheckInMethod,
    ClassStatus,
    EnrolmentStatus,
    ExamResult,
    InstitutionKind,
    InstitutionStatus,
    ProjectStatus,
)


class Institution(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", verbose_name=_("登录机构"), on_delete=models.PROTECT, related_name="institution",
        null=True, blank=True, limit_choices_to={"kind": "training_institution"},
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    name = models.CharField(_("机构名称"), max_length=120)
    kind = models.CharField(_("机构类型"), max_length=20, choices=InstitutionKind.choices)
    licence_no = models.CharField(_("办学许可证号"), max_length=40, blank=True)
    licence_valid_until = models.DateField(_("许可证有效期至"), null=True, blank=True)
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT)
    status = models.CharField(_("状态"), max_length=12, choices=InstitutionStatus.choices,
                              default=InstitutionStatus.ACTIVE)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培训机构")
        verbose_name_plural = _("培训机构")

    def __str__(self) -> str:
        return self.name


class Site(models.Model):
    """A place where an institution teaches; its coordinates (GCJ-02) lie inside its district's polygon."""

    institution = models.ForeignKey(Institution, verbose_name=_("机构"), on_delete=models.PROTECT,
                                    related_name="sites")
    name = models.CharField(_("教学点名称"), max_length=120)
    address = models.CharField(_("地址"), max_length=200)
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT)
    lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    is_active = models.BooleanField(_("在用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("教学点")
        verbose_name_plural = _("教学点")
        constraints = [models.UniqueConstraint(fields=["institution", "name"], name="site_name_unique")]

    def __str__(self) -> str:
        return self.name


class TrainingProject(models.Model):
    """An approved training project: which occupation (work type) and level, how many hours, what fee."""

    institution = models.ForeignKey(Institution, verbose_name=_("机构"), on_delete=models.PROTECT,
                                    related_name="projects")
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT)
    work_type = models.ForeignKey("occupations.WorkType", verbose_name=_("工种"), on_delete=models.PROTECT,
                                  null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("等级"), choices=SkillLevel.choices, null=True, blank=True,
                                             help_text=_("空 = 不分等级（专项职业能力等）"))
    industry = models.ForeignKey("occupations.Industry", verbose_name=_("服务产业"), on_delete=models.PROTECT,
                                 null=True, blank=True)
    class_hours = models.PositiveSmallIntegerField(_("课时"), validators=[MinValueValidator(1)])
    fee = models.DecimalField(_("收费标准（元/人）"), max_digits=9, decimal_places=2,
                              validators=[MinValueValidator(Decimal("0"))])
    status = models.CharField(_("状态"), max_length=12, choices=ProjectStatus.choices,
                              default=ProjectStatus.APPROVED)
    approved_date = models.DateField(_("核准日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培训项目")
        verbose_name_plural = _("培训项目")
        constraints = [
            models.UniqueConstraint("institution", "occupation", Coalesce("work_type", 0), Coalesce("level", -1),
                                    name="training_project_unique"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="training_project_fee_not_negative"),
        ]

    def __str__(self) -> str:
        level = self.get_level_display() if self.level is not None else _("不分等级")
        return f"{self.work_type or self.occupation.name} {level}"


class TrainingClass(models.Model):
    institution = models.ForeignKey(Institution, verbose_name=_("机构"), on_delete=models.PROTECT,
                                    related_name="classes")
    code = models.CharField(_("班级编号"), max_length=40)
    project = models.ForeignKey(TrainingProject, verbose_name=_("培训项目"), on_delete=models.PROTECT,
                                related_name="classes")
    site = models.ForeignKey(Site, verbose_name=_("教学点"), on_delete=models.PROTECT, related_name="classes")
    start_date = models.DateField(_("开班日期"))
    end_date = models.DateField(_("结业日期"))
    capacity = models.PositiveIntegerField(_("核定人数"), validators=[MinValueValidator(1)])
    teachers = models.CharField(_("授课教师"), max_length=200, blank=True)
    is_subsidised = models.BooleanField(_("补贴性培训"), default=True)
    status = models.CharField(_("状态"), max_length=12, choices=ClassStatus.choices, default=ClassStatus.PLANNED)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="training_class_code_unique"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="training_class_dates"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="training_class_capacity"),
        ]
        indexes = [models.Index(fields=["start_date"], name="training_class_start")]

    def __str__(self) -> str:
        return f"{self.code} {self.project}"


class TrainingImport(ImportJob):
    """One import of training records (``core.import_jobs``): the audit record of a batch of enrolments."""
    institution = models.ForeignKey(Institution, verbose_name=_("机构"), on_delete=models.PROTECT,
                                    related_name="imports", null=True, blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("培训记录导入")
        verbose_name_plural = _("培训记录导入")


class Enrolment(models.Model):
    """A person in a class: the training record, from enrolment to completion and the exam outcome."""
    training_class = models.ForeignKey(TrainingClass, verbose_name=_("培训班"), on_delete=models.PROTECT,
                                       related_name="enrolments")
    person = models.ForeignKey("core.Person", verbose_name=_("学员"), on_delete=models.PROTECT,
                               related_name="enrolments")
    enrolled_date = models.DateField(_("报名日期"))
    status = models.CharField(_("状态"), max_length=12, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.ENROLLED)
    completed_date = models.DateField(_("结业日期"), null=True, blank=True)
    hours_attended = models.PositiveSmallIntegerField(_("出勤课时"), default=0)
    exam_result = models.CharField(_("考核结果"), max_length=8, choices=ExamResult.choices, blank=True)
    exam_date = models.DateField(_("考核日期"), null=True, blank=True)
    certificate_no = models.CharField(_("证书编号"), max_length=40, blank=True)
    certificate_date = models.DateField(_("发证日期"), null=True, blank=True)
    imported_by = models.ForeignKey(TrainingImport, verbose_name=_("导入批次"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="enrolments")
    # The enterprise the trainee works for, as the institution recorded it (enterprise employee training).
    employer_credit_code = models.CharField(_("用人单位统一社会信用代码"), max_length=18, blank=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        constraints = [
            models.UniqueConstraint(fields=["training_class", "person"], name="enrolment_unique"),
            models.CheckConstraint(
                condition=Q(completed_date__isnull=True) | Q(completed_date__gte=F("enrolled_date")),
                name="enrolment_dates",
            ),
        ]
        indexes = [
            models.Index(fields=["person"], name="enrolment_person"),
            models.Index(fields=["certificate_no"], name="enrolment_certificate"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.training_class.code}"


class CheckIn(models.Model):
    """One attendance check-in: when, where, how, on which device."""

    enrolment = models.ForeignKey(Enrolment, verbose_name=_("培训记录"), on_delete=models.CASCADE,
                                  related_name="check_ins")
    checked_at = models.DateTimeField(_("签到时间"))
    site = models.ForeignKey(Site, verbose_name=_("签到地点"), on_delete=models.PROTECT, related_name="+")
    lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    method = models.CharField(_("签到方式"), max_length=8, choices=CheckInMethod.choices)
    device_id = models.CharField(_("设备编号"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("签到")
        verbose_name_plural = _("签到")
        constraints = [models.UniqueConstraint(fields=["enrolment", "checked_at"], name="check_in_unique")]
        indexes = [
            models.Index(fields=["device_id", "checked_at"], name="check_in_device"),
            models.Index(fields=["checked_at"], name="check_in_time"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.checked_at:%Y-%m-%d %H:%M}"


class Apprenticeship(models.Model):
    """A new-type apprentice (企业新型学徒制): an enterprise trains a worker towards a level over 1–3 years."""
    enterprise = models.ForeignKey("accounts.Organisation", verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="apprenticeships", limit_choices_to={"kind": "enterprise"})
    person = models.ForeignKey("core.Person", verbose_name=_("学徒"), on_delete=models.PROTECT,
                               related_name="apprenticeships")
    institution = models.ForeignKey(Institution, verbose_name=_("合作培训机构"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="apprenticeships")
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT)
    target_level = models.PositiveSmallIntegerField(_("目标等级"), choices=SkillLevel.choices)
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("新型学徒")
        verbose_name_plural = _("新型学徒")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "person", "occupation"], name="apprenticeship_unique"),
            models.CheckConstraint(condition=Q(end_date__gt=F("start_date")), name="apprenticeship_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.enterprise}"


class Inspection(models.Model):
    """An inspection of an institution by the supervising department, scored 0–100."""

    institution = models.ForeignKey(Institution, verbose_name=_("机构"), on_delete=models.PROTECT,
                                    related_name="inspections")
    inspected_date = models.DateField(_("检查日期"))
    score = models.PositiveSmallIntegerField(_("检查得分"))
    findings = models.TextField(_("检查发现"), blank=True)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("检查人"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        constraints = [models.CheckConstraint(condition=Q(score__lte=100), name="inspection_score_range")]

    def __str__(self) -> str:
        return f"{self.institution} {self.inspected_date}"


class SurveyResponse(models.Model):
    """A trainee's answer to the end-of-class survey: satisfaction 1–5."""

    enrolment = models.OneToOneField(Enrolment, verbose_name=_("培训记录"), on_delete=models.CASCADE,
                                     related_name="survey")
    satisfaction = models.PositiveSmallIntegerField(_("满意度（1–5）"))
    answered_at = models.DateTimeField(_("填写时间"))

    class Meta:
        verbose_name = _("学员评价")
        verbose_name_plural = _("学员评价")
        constraints = [
            models.CheckConstraint(condition=Q(satisfaction__gte=1, satisfaction__lte=5), name="survey_range"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.satisfaction}"
