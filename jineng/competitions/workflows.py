"""The declared workflows of competitions: an event from plan to certificates, and the two-person change of a
signed-off mark (the approver may not be the person who asked)."""

from django.utils.translation import gettext_lazy as _

from jineng.competitions.choices import ChangeState, EventStatus
from jineng.competitions.models import Event, MarkChange
from jineng.core.workflow import Stamp, Transition, Workflow


def _not_the_requester(user, change) -> bool:
    return user.pk != change.requested_by_id


EVENT_WORKFLOW = Workflow(model=Event, field="status", noun=_("赛项"), transitions=[
    Transition("sign_off", _("签核成绩"), (EventStatus.PLANNED,), EventStatus.SIGNED_OFF, "competitions.run",
               stamps={"signed_off_by": Stamp.BY, "signed_off_at": Stamp.NOW}),
    Transition("publish", _("发布公示"), (EventStatus.SIGNED_OFF,), EventStatus.PUBLICITY, "competitions.run"),
    Transition("finalise", _("公示期满，发放证书"), (EventStatus.PUBLICITY,), EventStatus.FINAL, "competitions.run"),
    Transition("cancel", _("取消赛项"), (EventStatus.PLANNED,), EventStatus.CANCELLED, "competitions.run",
               comment_required=_("取消须说明原因"), comment_in_audit=True, style="danger"),
])

MARK_CHANGE_WORKFLOW = Workflow(model=MarkChange, field="state", noun=_("改分申请"), transitions=[
    Transition("approve", _("批准改分"), (ChangeState.PENDING,), ChangeState.APPROVED, "competitions.approve_change",
               rule=_not_the_requester, refused=_("改分须由申请人以外的另一人批准"),
               stamps={"decided_by": Stamp.BY, "decided_at": Stamp.NOW, "decision_comment": Stamp.COMMENT}),
    Transition("reject", _("驳回改分"), (ChangeState.PENDING,), ChangeState.REJECTED, "competitions.approve_change",
               rule=_not_the_requester, refused=_("改分须由申请人以外的另一人复核"),
               stamps={"decided_by": Stamp.BY, "decided_at": Stamp.NOW, "decision_comment": Stamp.COMMENT},
               comment_required=_("驳回须填写意见"), style="danger"),
])
