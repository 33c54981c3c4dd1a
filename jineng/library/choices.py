from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    STANDARD = "standard", _("评价标准")
    SCHEME = "scheme", _("评价方案")
    QUESTION_BANK = "question_bank", _("题库")
    MATERIAL = "material", _("教学资料")


class AccessLevel(models.TextChoices):
    """Who may read a published document (item 22)."""

    PUBLIC = "public", _("公开")
    BODIES = "bodies", _("评价机构")
    RESTRICTED = "restricted", _("限定机构")


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


STATE_CSS = {
    DocumentState.DRAFT: "",
    DocumentState.SUBMITTED: "state-submitted",
    DocumentState.PUBLISHED: "state-accepted",
    DocumentState.WITHDRAWN: "state-returned",
}

#: file types a version may be: documents, spreadsheets, slides, PDF and OFD
ALLOWED_SUFFIXES = (".pdf", ".ofd", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt", ".csv")
ZIP_SUFFIXES = (".docx", ".xlsx", ".pptx")
