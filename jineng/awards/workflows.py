"""The awards workflows, declared: applications and objections.

Application: draft → submitted (the employer, before the deadline) → screened (its 主管部门 signs; or returned to
draft with comments) → under review (the office, once reviewers are assigned; the office may send a screened
application back to the 主管部门) → publicity (within the quota) or not awarded → awarded (after the publicity
period, no objection open) or not awarded (an objection upheld).
Objection: open → upheld or dismissed (the office).
"""

from django.utils.translation import gettext_lazy as _

from jineng.awards.choices import ApplicationState as S
from jineng.awards.choices import ObjectionStatus
from jineng.awards.models import Application, Objection
from jineng.core.workflow import Stamp, Transition, Workflow

APPLY = "awards.apply"
SCREEN = "awards.screen"
DECIDE = "awards.decide"
_NOT_OFFICE = _("只有专班办公室可以办理")
_NOT_SCREENER = _("只有申报所选的主管部门可以审核")

APPLICATION_WORKFLOW = Workflow(
    model=Application, field="state", noun=lambda a: _("申报 {number} ").format(number=a.number),
    transitions=[
        Transition("submit", _("提交"), (S.DRAFT,), S.SUBMITTED, APPLY, refused=_("只有申报单位可以提交"),
                   stamps={"submitted_at": Stamp.NOW, "review_comment": Stamp.CLEAR}),
        Transition("screen", _("审核推荐"), (S.SUBMITTED,), S.SCREENED, SCREEN, refused=_NOT_SCREENER,
                   stamps={"screened_by": Stamp.BY, "screened_at": Stamp.NOW, "review_comment": Stamp.COMMENT},
                   comment_in_audit=True),
        Transition("return", _("退回修改"), (S.SUBMITTED,), S.DRAFT, SCREEN, refused=_NOT_SCREENER,
                   stamps={"review_comment": Stamp.COMMENT}, comment_required=_("退回须填写意见"),
                   comment_in_audit=True, style="danger"),
        Transition("send_back", _("退回主管部门"), (S.SCREENED,), S.SUBMITTED, DECIDE, refused=_NOT_OFFICE,
                   stamps={"review_comment": Stamp.COMMENT}, comment_required=_("退回须填写意见"),
                   comment_in_audit=True, style="danger"),
        Transition("start_review", _("进入专家评审"), (S.SCREENED,), S.UNDER_REVIEW, DECIDE, refused=_NOT_OFFICE),
        Transition("publicise", _("列入公示"), (S.UNDER_REVIEW,), S.PUBLICITY, DECIDE, refused=_NOT_OFFICE),
        Transition("decline", _("未入选"), (S.UNDER_REVIEW,), S.NOT_AWARDED, DECIDE, refused=_NOT_OFFICE),
        Transition("award", _("确定资助"), (S.PUBLICITY,), S.AWARDED, DECIDE, refused=_NOT_OFFICE),
        Transition("withdraw", _("取消入选"), (S.PUBLICITY,), S.NOT_AWARDED, DECIDE, refused=_NOT_OFFICE,
                   stamps={"review_comment": Stamp.COMMENT}, comment_required=_("取消入选须填写理由"),
                   comment_in_audit=True, style="danger"),
    ],
)

_HANDLED = {"handled_by": Stamp.BY, "handled_at": Stamp.NOW, "handling_note": Stamp.COMMENT}

OBJECTION_WORKFLOW = Workflow(
    model=Objection, field="status", noun=_("异议"),
    transitions=[
        Transition("uphold", _("异议成立"), (ObjectionStatus.OPEN,), ObjectionStatus.UPHELD, DECIDE,
                   refused=_NOT_OFFICE, stamps=_HANDLED, comment_required=_("请填写处理意见"), comment_in_audit=True,
                   style="danger"),
        Transition("dismiss", _("异议不成立"), (ObjectionStatus.OPEN,), ObjectionStatus.DISMISSED, DECIDE,
                   refused=_NOT_OFFICE, stamps=_HANDLED, comment_required=_("请填写处理意见"), comment_in_audit=True),
    ],
)
