"""Articles of the public site (item 39) and the course search index (one row per approved training project)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.core.publication import Publication
from jineng.occupations.choices import SkillLevel
from jineng.portal.choices import STATE_CSS, ArticleKind


def _image_path(instance: "Article", filename: str) -> str:
    return f"portal/articles/{timezone.localdate():%Y/%m}/{filename}"


class Article(Publication):
    """A story of a skilled worker or a news item; its body is rich text sanitised on every write."""

    kind = models.CharField(_("类别"), max_length=8, choices=ArticleKind.choices)
    title = models.CharField(_("标题"), max_length=120)
    summary = models.CharField(_("摘要"), max_length=300)
    body = models.TextField(_("正文"))
    image = models.FileField(_("图片"), upload_to=_image_path, max_length=300, blank=True)
    image_alt = models.CharField(_("图片说明"), max_length=120, blank=True)
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("撰稿单位"), on_delete=models.PROTECT,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("撰稿人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        indexes = [models.Index(fields=["state", "kind", "published_at"], name="portal_article_public")]

    def __str__(self) -> str:
        return self.title

    @property
    def state_css(self) -> str:
        return STATE_CSS.get(self.state, "")


class CourseEntry(models.Model):
    """What the public course search reads: an approved project with its institution, its next open class, its
    catalogue memberships and its institution's published grade. Kept in step by ``services.course_index``; the
    full-text index over ``search_text`` is SQLite FTS5 (trigram) or PostgreSQL pg_trgm (migration 0002)."""

    project = models.OneToOneField("training.TrainingProject", verbose_name=_("培训项目"), on_delete=models.CASCADE,
                                   related_name="+")
    institution = models.ForeignKey("training.Institution", verbose_name=_("机构"), on_delete=models.CASCADE,
                                    related_name="+")
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT,
                                 related_name="+")
    occupation_code = models.CharField(_("职业编码"), max_length=20)
    occupation_name = models.CharField(_("职业"), max_length=120)
    work_type_name = models.CharField(_("工种"), max_length=120, blank=True)
    institution_name = models.CharField(_("机构名称"), max_length=120)
    level = models.PositiveSmallIntegerField(_("等级"), choices=SkillLevel.choices, null=True, blank=True)
    class_hours = models.PositiveSmallIntegerField(_("课时"))
    fee = models.DecimalField(_("收费标准（元/人）"), max_digits=9, decimal_places=2)
    start_date = models.DateField(_("最近开班日期"), null=True, blank=True)
    open_classes = models.PositiveIntegerField(_("招生中的班级"), default=0)
    catalogues = models.CharField(_("所在目录"), max_length=120, blank=True)  # " urgent key_support "
    grade = models.CharField(_("机构等级"), max_length=1, blank=True)
    grade_rank = models.PositiveSmallIntegerField(_("等级序"), default=9)  # A=1 … D=4, none 9
    institution_status = models.CharField(_("机构状态"), max_length=12)
    search_text = models.TextField(_("检索文本"))

    class Meta:
        verbose_name = _("课程检索条目")
        verbose_name_plural = _("课程检索条目")
        # each sort's whole key, so that a page of 20 is read from the index without sorting every match
        indexes = [models.Index(fields=["start_date", "fee", "id"], name="portal_course_start"),
                   models.Index(fields=["fee", "start_date", "id"], name="portal_course_fee"),
                   models.Index(fields=["district", "level"], name="portal_course_district")]

    def __str__(self) -> str:
        return f"{self.institution_name} {self.occupation_name}"
