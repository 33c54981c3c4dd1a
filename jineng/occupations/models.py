from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.occupations.choices import IndustryKind, OccupationMarker


class Occupation(models.Model):
    """An occupation (细类) of the national classification, with its parent categories denormalised."""

    classification = models.CharField(_("分类版本"), max_length=8, default="2022")
    code = models.CharField(_("职业编码"), max_length=10)
    name = models.CharField(_("职业名称"), max_length=80)
    marker = models.CharField(_("标识"), max_length=4, choices=OccupationMarker.choices, blank=True)
    major_code = models.CharField(_("大类编码"), max_length=1)
    major_name = models.CharField(_("大类"), max_length=80)
    middle_code = models.CharField(_("中类编码"), max_length=4)
    middle_name = models.CharField(_("中类"), max_length=80)
    minor_code = models.CharField(_("小类编码"), max_length=7)
    minor_name = models.CharField(_("小类"), max_length=80)
    initials = models.CharField(_("拼音首字母"), max_length=40, db_index=True)

    class Meta:
        verbose_name = _("职业")
        verbose_name_plural = _("职业")
        constraints = [models.UniqueConstraint(fields=["classification", "code"], name="occupation_code_unique")]
        indexes = [models.Index(fields=["code"], name="occupation_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class WorkType(models.Model):
    """A work type (工种) under an occupation, e.g. 数控车工 under 车工."""

    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="work_types")
    name = models.CharField(_("工种名称"), max_length=80)
    initials = models.CharField(_("拼音首字母"), max_length=40, db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("工种")
        verbose_name_plural = _("工种")
        constraints = [models.UniqueConstraint(fields=["occupation", "name"], name="work_type_unique")]

    def __str__(self) -> str:
        return f"{self.occupation.name}（{self.name}）"


class Industry(models.Model):
    """The "3+6" industries and the life-service sectors, with the alias names used in 2024."""

    code = models.CharField(_("代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    name_en = models.CharField(_("英文名称"), max_length=60)
    kind = models.CharField(_("类别"), max_length=16, choices=IndustryKind.choices)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"))
    taxonomy = models.CharField(_("体系版本"), max_length=16, default="3+6 (2024)")

    class Meta:
        verbose_name = _("产业")
        verbose_name_plural = _("产业")

    def __str__(self) -> str:
        return self.name
