"""The publication workflow of an article: draft → submitted → published / returned to draft; published →
withdrawn → draft again."""

from django.utils.translation import gettext_lazy as _

from jineng.core.workflow import Stamp, Transition, Workflow
from jineng.portal.choices import ArticleState
from jineng.portal.models import Article

WRITE = "portal.write"
PUBLISH = "portal.publish"
_OFFICE = _("只有专班办公室可以审核、发布或撤回文章")
_OWNER = _("只有撰稿单位或专班办公室可以提交或修改文章")

ARTICLE_WORKFLOW = Workflow(
    model=Article, noun=_("文章"), comment_max=1000,
    transitions=[
        Transition("submit", _("提交审核"), (ArticleState.DRAFT,), ArticleState.SUBMITTED, WRITE,
                   refused=_OWNER, wrong_state=_("只有草稿可以提交审核"), stamps={"submitted_at": Stamp.NOW}),
        Transition("publish", _("发布"), (ArticleState.SUBMITTED,), ArticleState.PUBLISHED, PUBLISH,
                   refused=_OFFICE, wrong_state=_("只有待审核的文章可以发布"),
                   stamps={"published_at": Stamp.NOW_ONCE, "published_by": Stamp.BY, "review_comment": Stamp.COMMENT,
                           "withdrawn_at": Stamp.CLEAR}),
        Transition("return", _("退回修改"), (ArticleState.SUBMITTED,), ArticleState.DRAFT, PUBLISH,
                   refused=_OFFICE, wrong_state=_("只有待审核的文章可以退回"), stamps={"review_comment": Stamp.COMMENT},
                   comment_required=_("退回须填写意见"), audit=_("退回"), comment_in_audit=True, style="danger"),
        Transition("withdraw", _("撤回"), (ArticleState.PUBLISHED,), ArticleState.WITHDRAWN, PUBLISH,
                   refused=_OFFICE, wrong_state=_("只有已发布的文章可以撤回"),
                   stamps={"withdrawn_at": Stamp.NOW, "review_comment": Stamp.COMMENT},
                   comment_required=_("撤回须填写原因"), audit=_("撤回"), comment_in_audit=True, style="danger"),
        Transition("revise", _("重新编辑"), (ArticleState.WITHDRAWN,), ArticleState.DRAFT, WRITE,
                   refused=_OWNER, wrong_state=_("只有已撤回的文章可以重新编辑"), style="secondary"),
    ],
)
