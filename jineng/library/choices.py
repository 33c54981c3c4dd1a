from django.db import models
from django.utils.translation import gettext_lazy as _

from jineng.core.publication import PUBLICATION_STATE_CSS as STATE_CSS  # noqa: F401
from jineng.core.publication import PublicationState as DocumentState  # noqa: F401


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


#: file types a version may be: documents, spreadsheets, slides, PDF and OFD
ALLOWED_SUFFIXES = (".pdf", ".ofd", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt", ".csv")
ZIP_SUFFIXES = (".docx", ".xlsx", ".pptx")
