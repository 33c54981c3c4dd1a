"""Item 26: enterprises' appointments of 特级技师 and 首席技师, and the register of overseas certificates mapped to
an occupation and level."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.occupations.choices import SkillLevel
from jineng.recognition.choices import STATE_CSS, RecognitionState


class TechnicianAppointment(models.Model):
    """An enterprise appoints one of its people 特级技师 or 首席技师 for a term (not a city-funded title)."""

    enterprise = models.ForeignKey("accounts.Organisation", verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="+", limit_choices_to={"kind": "enterprise"})
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT,
                                 related_name="+")
    person = models.ForeignKey("core.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+")
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT,
                                   related_name="+")
    level = models.PositiveSmallIntegerField(_("等级"), choices=SkillLevel.choices)
    appointed_on = models.DateField(_("聘任日期"))
    term_years = models.PositiveSmallIntegerField(_("聘期（年）"))
    term_ends_on = models.DateField(_("聘期截止"))
    document_number = models.CharField(_("聘任文号"), max_length=60)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("特级技师、首席技师聘任")
        verbose_name_plural = _("特级技师、首席技师聘任")
        constraints = [
            models.CheckConstraint(name="appointment_level_special_or_chief",
                                   condition=models.Q(level__in=[SkillLevel.SPECIAL, SkillLevel.CHIEF])),
            models.CheckConstraint(name="appointment_term_1_to_10", condition=models.Q(term_years__gte=1,
                                                                                       term_years__lte=10)),
            models.UniqueConstraint(fields=["enterprise", "person", "level", "appointed_on"],
                                    name="appointment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_level_display()}"


class OverseasRecognition(models.Model):
    """An overseas certificate, the occupation and level it maps to, and the programme office's decision."""

    person = models.ForeignKey("core.Person", verbose_name=_("持证人"), on_delete=models.PROTECT, related_name="+")
    country = models.CharField(_("颁证国家（地区）"), max_length=60)
    issuing_body = models.CharField(_("颁证机构"), max_length=120)
    certificate_title = models.CharField(_("证书名称"), max_length=160)
    certificate_number = models.CharField(_("证书编号"), max_length=60)
    issued_on = models.DateField(_("发证日期"), null=True, blank=True)
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("对应职业"), on_delete=models.PROTECT,
                                   related_name="+")
    level = models.PositiveSmallIntegerField(_("对应等级"), choices=SkillLevel.choices)
    state = models.CharField(_("状态"), max_length=12, choices=RecognitionState.choices,
                             default=RecognitionState.SUBMITTED)
    #: the submitting unit and its district decide who else sees it (None: submitted by the programme office)
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("申报单位"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申报人"), on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("申报时间"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("认定人"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("认定时间"), null=True, blank=True)
    decided_on = models.DateField(_("认定日期"), null=True, blank=True)
    decision_reason = models.TextField(_("认定理由"), blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("境外证书认可")
        verbose_name_plural = _("境外证书认可")
        constraints = [
            models.CheckConstraint(name="overseas_level_certificate", condition=models.Q(level__gte=1, level__lte=5)),
            models.UniqueConstraint(fields=["issuing_body", "certificate_number", "person"],
                                    name="overseas_certificate_unique"),
        ]
        indexes = [models.Index(fields=["person", "occupation", "state"], name="overseas_person_occupation")]

    def __str__(self) -> str:
        return f"{self.country} {self.certificate_title} {self.certificate_number}"

    @property
    def state_css(self) -> str:
        return STATE_CSS.get(self.state, "")
