from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.occupations.choices import (
    STATE_CSS,
    CatalogueKind,
    CatalogueState,
    IndustryKind,
    OccupationMarker,
    SkillLevel,
)


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


class CatalogueVersion(models.Model):
    """One numbered version of a catalogue for a year: drafted, reviewed, published, later superseded."""

    kind = models.CharField(_("目录类别"), max_length=16, choices=CatalogueKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveSmallIntegerField(_("版次"))
    title = models.CharField(_("标题"), max_length=120)
    state = models.CharField(_("状态"), max_length=12, choices=CatalogueState.choices, default=CatalogueState.DRAFT)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("复制自"), on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交审核时间"), null=True, blank=True)
    review_comment = models.TextField(_("退回意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    superseded_at = models.DateTimeField(_("被替代时间"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("目录版本")
        verbose_name_plural = _("目录版本")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="catalogue_version_number_unique"),
            models.UniqueConstraint(
                fields=["kind", "year"], condition=models.Q(state=CatalogueState.PUBLISHED),
                name="catalogue_one_published_per_year",
            ),
            models.CheckConstraint(name="catalogue_year_range", condition=models.Q(year__gte=2000, year__lte=2100)),
            models.CheckConstraint(name="catalogue_number_positive", condition=models.Q(number__gte=1)),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def state_css(self) -> str:
        return STATE_CSS.get(self.state, "")


class CatalogueEntry(models.Model):
    """An occupation (with its work type) or a named item in a catalogue version.

    ``key`` identifies the entry across versions (for the diff) and makes a duplicate impossible even
    where the occupation or work type is NULL, which a unique constraint alone would let through.
    """

    version = models.ForeignKey(CatalogueVersion, on_delete=models.CASCADE, related_name="entries")
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("职业"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    work_type = models.ForeignKey(
        WorkType, verbose_name=_("工种"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("名称"), max_length=80, blank=True)
    key = models.CharField(_("标识"), max_length=200, editable=False)
    levels = models.JSONField(_("等级"), default=list, blank=True)
    industry = models.ForeignKey(
        Industry, verbose_name=_("产业"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("列入理由"), blank=True)
    subsidy_uplift_pct = models.DecimalField(_("补贴上浮比例（%）"), max_digits=5, decimal_places=2, null=True, blank=True)
    residence_policy = models.BooleanField(_("适用居住证、落户政策"), default=False)
    effective_from = models.DateField(_("生效日期"), null=True, blank=True)
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    objects = VisibleQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("目录条目")
        verbose_name_plural = _("目录条目")
        constraints = [
            models.UniqueConstraint(fields=["version", "occupation", "work_type", "name"], name="catalogue_entry_unique"),
            models.UniqueConstraint(fields=["version", "key"], name="catalogue_entry_key_unique"),
            models.CheckConstraint(
                name="catalogue_entry_named", condition=models.Q(occupation__isnull=False) | ~models.Q(name="")
            ),
            models.CheckConstraint(
                name="catalogue_entry_work_type_needs_occupation",
                condition=models.Q(work_type__isnull=True) | models.Q(occupation__isnull=False),
            ),
            models.CheckConstraint(
                name="catalogue_entry_uplift_range",
                condition=models.Q(subsidy_uplift_pct__isnull=True)
                | models.Q(subsidy_uplift_pct__gte=0, subsidy_uplift_pct__lte=100),
            ),
            models.CheckConstraint(
                name="catalogue_entry_dates_ordered",
                condition=models.Q(effective_from__isnull=True)
                | models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """数控车工 / 车工 / 人工智能训练（数据标注）: what a reader calls the entry."""
        if self.name:
            return self.name
        if self.work_type_id:
            return f"{self.occupation.name}（{self.work_type.name}）"
        return self.occupation.name

    @property
    def level_labels(self) -> list[str]:
        return [str(SkillLevel(level).label) for level in self.levels]


def catalogue_entry_key(*, occupation: Occupation | None, work_type: WorkType | None, name: str) -> str:
    """6-18-01-01 / 6-18-01-01/数控车工 / 4-04-05-05/数据标注 / 人工智能训练（数据标注）."""
    parts = [occupation.code if occupation else "", work_type.name if work_type else "", name]
    return "/".join(part for part in parts if part)
