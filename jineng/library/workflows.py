"""The publication workflow of a library document: draft → submitted → published → withdrawn (→ draft again)."""

from django.utils.translation import gettext_lazy as _

from jineng.core.exceptions import DomainError
from jineng.core.workflow import Stamp, Transition, Workflow
from jineng.library.choices import DocumentState
from jineng.library.models import LibraryDocument

CONTRIBUTE = "library.contribute"
REVIEW = "library.review"
_OFFICE = _("只有专班办公室可以审核、发布或撤回资料")
_OWNER = _("只有资料的提供机构或专班办公室可以提交或修改资料")


def _has_version(document, step) -> None:
    if not document.versions.exists():
        raise DomainError(_("请先上传文件，再提交审核"))


DOCUMENT_WORKFLOW = Workflow(
    model=LibraryDocument, noun=_("资料"), comment_max=1000,
    transitions=[
        Transition("submit", _("提交审核"), (DocumentState.DRAFT,), DocumentState.SUBMITTED, CONTRIBUTE,
                   refused=_OWNER, wrong_state=_("只有草稿可以提交审核"), guard=_has_version,
                   stamps={"submitted_at": Stamp.NOW}),
        Transition("publish", _("发布"), (DocumentState.SUBMITTED,), DocumentState.PUBLISHED, REVIEW,
                   refused=_OFFICE, wrong_state=_("只有待审核的资料可以发布"),
                   stamps={"published_at": Stamp.NOW, "published_by": Stamp.BY, "review_comment": Stamp.COMMENT,
                           "withdrawn_at": Stamp.CLEAR}),
        Transition("return", _("退回修改"), (DocumentState.SUBMITTED,), DocumentState.DRAFT, REVIEW,
                   refused=_OFFICE, wrong_state=_("只有待审核的资料可以退回"), stamps={"review_comment": Stamp.COMMENT},
                   comment_required=_("退回须填写意见"), audit=_("退回"), comment_in_audit=True, style="danger"),
        Transition("withdraw", _("撤回"), (DocumentState.PUBLISHED,), DocumentState.WITHDRAWN, REVIEW,
                   refused=_OFFICE, wrong_state=_("只有已发布的资料可以撤回"),
                   stamps={"withdrawn_at": Stamp.NOW, "review_comment": Stamp.COMMENT},
                   comment_required=_("撤回须填写原因"), audit=_("撤回"), comment_in_audit=True, style="danger"),
        Transition("revise", _("重新编辑"), (DocumentState.WITHDRAWN,), DocumentState.DRAFT, CONTRIBUTE,
                   refused=_OWNER, wrong_state=_("只有已撤回的资料可以重新编辑"), style="secondary"),
    ],
)
