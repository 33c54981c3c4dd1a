"""One publication lifecycle for what the programme office reviews before the public sees it (resource-library
documents, portal articles): draft → submitted → published, or returned to draft with a comment; published →
withdrawn with a reason → draft again.

An app declares its record as a ``Publication`` (the state and the review stamps) and its workflow with
``publication_workflow``: who writes, who reviews, the noun its messages use and, where it has one, what must
hold before submission.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from jineng.core.workflow import Stamp, Transition, Workflow


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


PUBLICATION_STATE_CSS = {
    PublicationState.DRAFT: "",
    PublicationState.SUBMITTED: "state-submitted",
    PublicationState.PUBLISHED: "state-accepted",
    PublicationState.WITHDRAWN: "state-returned",
}


class Publication(models.Model):
    """The state of a reviewed publication and the stamps its workflow writes."""

    state = models.CharField(_("状态"), max_length=12, choices=PublicationState.choices,
                             default=PublicationState.DRAFT)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)

    class Meta:
        abstract = True


def publication_workflow(*, model: type[Publication], noun, write: str, review: str, refused_owner,
                         refused_reviewer, submit_guard: Callable[[Any, Any], None] | None = None,
                         keep_first_publication: bool = False) -> Workflow:
    """The workflow of ``model``: ``write`` submits and revises, ``review`` publishes, returns and withdraws.

    ``keep_first_publication``: a republished record keeps the date it was first published (an article's date);
    otherwise each publication is dated anew (a document's current version)."""
    state = PublicationState

    def only(template):
        return format_lazy(template, noun=noun)

    return Workflow(
        model=model, noun=noun, comment_max=1000,
        transitions=[
            Transition("submit", _("提交审核"), (state.DRAFT,), state.SUBMITTED, write,
                       refused=refused_owner, wrong_state=_("只有草稿可以提交审核"), guard=submit_guard,
                       stamps={"submitted_at": Stamp.NOW}),
            Transition("publish", _("发布"), (state.SUBMITTED,), state.PUBLISHED, review,
                       refused=refused_reviewer, wrong_state=only(_("只有待审核的{noun}可以发布")),
                       stamps={"published_at": Stamp.NOW_ONCE if keep_first_publication else Stamp.NOW,
                               "published_by": Stamp.BY, "review_comment": Stamp.COMMENT,
                               "withdrawn_at": Stamp.CLEAR}),
            Transition("return", _("退回修改"), (state.SUBMITTED,), state.DRAFT, review,
                       refused=refused_reviewer, wrong_state=only(_("只有待审核的{noun}可以退回")),
                       stamps={"review_comment": Stamp.COMMENT}, comment_required=_("退回须填写意见"),
                       audit=_("退回"), comment_in_audit=True, style="danger"),
            Transition("withdraw", _("撤回"), (state.PUBLISHED,), state.WITHDRAWN, review,
                       refused=refused_reviewer, wrong_state=only(_("只有已发布的{noun}可以撤回")),
                       stamps={"withdrawn_at": Stamp.NOW, "review_comment": Stamp.COMMENT},
                       comment_required=_("撤回须填写原因"), audit=_("撤回"), comment_in_audit=True, style="danger"),
            Transition("revise", _("重新编辑"), (state.WITHDRAWN,), state.DRAFT, write,
                       refused=refused_owner, wrong_state=only(_("只有已撤回的{noun}可以重新编辑")),
                       style="secondary"),
        ],
    )
