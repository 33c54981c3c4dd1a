"""The review queue every finding of a set-based rule goes through: open → confirmed or dismissed (with a note),
either → open again; who and why on the finding's history.

A finding model has ``status`` (``FindingStatus``), ``reviewed_by``, ``reviewed_at`` and ``review_note``; its app
declares the workflow with ``finding_workflow`` (its own capability, asked on the record) and reviews through
``finding_review``. Risk findings of claims and check-ins (``integrity``) and anomalies of evaluation results
(``evaluation``) share it.
"""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jineng.core.exceptions import DomainError
from jineng.core.workflow import Stamp, Transition, Workflow


class FindingStatus(models.TextChoices):
    OPEN = "open", gettext_lazy("待核实")
    CONFIRMED = "confirmed", gettext_lazy("查实")
    DISMISSED = "dismissed", gettext_lazy("排除")


_REVIEWED = {"review_note": Stamp.COMMENT, "reviewed_by": Stamp.BY, "reviewed_at": Stamp.NOW}
NOTE_MAX = 300

# The outcome a reviewer chooses → the transition that reaches it.
TRANSITION_TO = {FindingStatus.CONFIRMED: "confirm", FindingStatus.DISMISSED: "dismiss", FindingStatus.OPEN: "reopen"}


def finding_workflow(*, model: type[models.Model], capability: str, noun, refused) -> Workflow:
    """The review of ``model``'s findings, taken by holders of ``capability`` (asked with the finding)."""
    note = gettext_lazy("请填写核实说明")
    return Workflow(
        model=model, field="status", noun=noun,
        transitions=[
            Transition("confirm", gettext_lazy("查实"), (FindingStatus.OPEN, FindingStatus.DISMISSED),
                       FindingStatus.CONFIRMED, capability, refused=refused, stamps=_REVIEWED,
                       comment_required=note, comment_in_audit=True, style="danger"),
            Transition("dismiss", gettext_lazy("排除"), (FindingStatus.OPEN, FindingStatus.CONFIRMED),
                       FindingStatus.DISMISSED, capability, refused=refused, stamps=_REVIEWED,
                       comment_required=note, comment_in_audit=True),
            Transition("reopen", gettext_lazy("重新打开"), (FindingStatus.CONFIRMED, FindingStatus.DISMISSED),
                       FindingStatus.OPEN, capability, refused=refused,
                       stamps={"review_note": Stamp.COMMENT, "reviewed_by": Stamp.CLEAR, "reviewed_at": Stamp.CLEAR},
                       comment_in_audit=True, style="secondary"),
        ],
    )


def finding_review(workflow: Workflow, *, finding, by, outcome: str, note: str):
    """Confirm, dismiss or reopen ``finding``; reviewing it into the outcome it has is a wrong-state request."""
    if outcome not in TRANSITION_TO:
        raise DomainError(_("核实结果须为“查实”“排除”或“重新打开”"))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(_("核实说明不能超过 300 字"))
    return workflow.take(finding, TRANSITION_TO[outcome], by=by, comment=note)
