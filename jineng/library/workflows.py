"""The publication workflow of a library document: draft → submitted → published → withdrawn (→ draft again)."""

from django.utils.translation import gettext_lazy as _

from jineng.core.exceptions import DomainError
from jineng.core.publication import publication_workflow
from jineng.library.models import LibraryDocument

CONTRIBUTE = "library.contribute"
REVIEW = "library.review"
_OFFICE = _("只有专班办公室可以审核、发布或撤回资料")
_OWNER = _("只有资料的提供机构或专班办公室可以提交或修改资料")


def _has_version(document, step) -> None:
    if not document.versions.exists():
        raise DomainError(_("请先上传文件，再提交审核"))


DOCUMENT_WORKFLOW = publication_workflow(
    model=LibraryDocument, noun=_("资料"), write=CONTRIBUTE, review=REVIEW, refused_owner=_OWNER,
    refused_reviewer=_OFFICE, submit_guard=_has_version,
)
