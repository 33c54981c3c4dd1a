"""The wage table workflow, declared: draft → review → published → superseded (review → draft when returned)."""

from django.utils.translation import gettext_lazy as _

from jineng.core.workflow import Stamp, Transition, Workflow
from jineng.wages.choices import VersionState
from jineng.wages.models import TableVersion

MANAGE = "wages.manage_tables"
_OFFICE = _("只有专班办公室可以发布工资价位")
_IN_REVIEW = _("只有审核中的工资价位表可以退回或发布")

TABLE_WORKFLOW = Workflow(
    model=TableVersion, noun=_("工资价位表"), comment_max=2000,
    transitions=[
        Transition("submit", _("提交审核"), (VersionState.DRAFT,), VersionState.REVIEW, MANAGE,
                   refused=_OFFICE, wrong_state=_("只有草稿可以提交审核"), stamps={"submitted_at": Stamp.NOW}),
        Transition("publish", _("发布"), (VersionState.REVIEW,), VersionState.PUBLISHED, MANAGE,
                   refused=_OFFICE, wrong_state=_IN_REVIEW,
                   stamps={"published_at": Stamp.NOW, "published_by": Stamp.BY}),
        Transition("return", _("退回修改"), (VersionState.REVIEW,), VersionState.DRAFT, MANAGE,
                   refused=_OFFICE, wrong_state=_IN_REVIEW, stamps={"review_comment": Stamp.COMMENT},
                   comment_required=_("退回须填写退回意见"), audit=_("退回"), comment_in_audit=True, style="danger"),
        Transition("supersede", _("替代"), (VersionState.PUBLISHED,), VersionState.SUPERSEDED, MANAGE,
                   refused=_OFFICE, stamps={"superseded_at": Stamp.NOW}),
    ],
)
