"""Evaluation bodies, their test sites, sessions and candidates' results.

The fields named here are what certificates and the desk read; add to them, do not rename them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.core.identifiers import validate_uscc
from jineng.evaluation.choices import CERTIFICATE_LETTER, BodyKind, BodyStatus, ResultStatus, SessionStatus
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
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考试成绩")
        verbose_name_plural = _("考试成绩")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="result_session_person")]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.person_id}"
