"""The technical resource library (item 22): versioned documents shared by evaluation bodies (item 21)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.core.publication import Publication
from jineng.library.choices import STATE_CSS, AccessLevel, DocumentKind
from jineng.occupations.choices import SkillLevel


class LibraryDocument(Publication):
    """A standard, scheme, question bank or teaching material; its content lives in its versions."""

    title = models.CharField(_("标题"), max_length=160)
    kind = models.CharField(_("资料类别"), max_length=16, choices=DocumentKind.choices)
    access = models.CharField(_("访问级别"), max_length=12, choices=AccessLevel.choices, default=AccessLevel.PUBLIC)
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    work_type = models.ForeignKey("occupations.WorkType", verbose_name=_("工种"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    special_item = models.CharField(_("专项职业能力"), max_length=80, blank=True)
    level = models.PositiveSmallIntegerField(_("等级"), choices=SkillLevel.choices, null=True, blank=True)
    description = models.TextField(_("说明"), blank=True)
    #: the body that contributed it (None: the programme office)
    owner_body = models.ForeignKey("evaluation.EvaluationBody", verbose_name=_("提供机构"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="library_documents")
    #: the bodies that share it (item 21); for a restricted document, the only bodies that may read it
    shared_with = models.ManyToManyField("evaluation.EvaluationBody", verbose_name=_("共享机构"), blank=True,
                                         related_name="shared_library_documents")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("资源库资料")
        verbose_name_plural = _("资源库资料")
        indexes = [models.Index(fields=["state", "access"], name="library_doc_state_access")]

    def __str__(self) -> str:
        return self.title

    @property
    def state_css(self) -> str:
        return STATE_CSS.get(self.state, "")

    @property
    def subject(self) -> str:
        """What it is about: the occupation (and work type) or the special-competence item."""
        parts = [self.occupation.name if self.occupation_id else "", self.work_type.name if self.work_type_id else "",
                 self.special_item]
        return " / ".join(part for part in parts if part)


def _version_path(instance: "DocumentVersion", filename: str) -> str:
    return f"library/{instance.document_id}/v{instance.number}/{filename}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(LibraryDocument, verbose_name=_("资料"), on_delete=models.CASCADE,
                                 related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本号"))
    file = models.FileField(_("文件"), upload_to=_version_path, max_length=300)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.CharField(_("版本说明"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("资料版本")
        verbose_name_plural = _("资料版本")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="library_version_number")]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"


class DocumentDownload(models.Model):
    """One download: who (None: a visitor without login), when, which version."""

    version = models.ForeignKey(DocumentVersion, verbose_name=_("版本"), on_delete=models.CASCADE,
                                related_name="downloads")
    document = models.ForeignKey(LibraryDocument, verbose_name=_("资料"), on_delete=models.CASCADE,
                                 related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("下载人"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("所属机构"), on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    downloaded_at = models.DateTimeField(_("下载时间"), default=timezone.now)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("下载记录")
        verbose_name_plural = _("下载记录")
        indexes = [models.Index(fields=["document", "downloaded_at"], name="library_download_doc_at")]

    def __str__(self) -> str:
        return f"{self.version_id} @ {self.downloaded_at:%Y-%m-%d %H:%M}"
