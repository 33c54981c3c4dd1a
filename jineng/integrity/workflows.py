"""The risk finding review, declared: open → confirmed or dismissed (with a note); either → open again."""

from django.utils.translation import gettext_lazy as _

from jineng.core.workflow import Stamp, Transition, Workflow
from jineng.integrity.choices import FindingStatus
from jineng.integrity.models import RiskFinding

_REVIEWED = {"review_note": Stamp.COMMENT, "reviewed_by": Stamp.BY, "reviewed_at": Stamp.NOW}
REVIEW = "integrity.review_finding"  # the office, or the finding's district
_REFUSED = _("您无权核实此风险线索")
_NOTE = _("请填写核实说明")

FINDING_WORKFLOW = Workflow(
    model=RiskFinding, field="status", noun=_("风险线索"),
    transitions=[
        Transition("confirm", _("查实"), (FindingStatus.OPEN, FindingStatus.DISMISSED), FindingStatus.CONFIRMED,
                   REVIEW, refused=_REFUSED, stamps=_REVIEWED,
                   comment_required=_NOTE, comment_in_audit=True, style="danger"),
        Transition("dismiss", _("排除"), (FindingStatus.OPEN, FindingStatus.CONFIRMED), FindingStatus.DISMISSED,
                   REVIEW, refused=_REFUSED, stamps=_REVIEWED,
                   comment_required=_NOTE, comment_in_audit=True),
        Transition("reopen", _("重新打开"), (FindingStatus.CONFIRMED, FindingStatus.DISMISSED), FindingStatus.OPEN,
                   REVIEW, refused=_REFUSED,
                   stamps={"review_note": Stamp.COMMENT, "reviewed_by": Stamp.CLEAR, "reviewed_at": Stamp.CLEAR},
                   comment_in_audit=True, style="secondary"),
    ],
)

# The outcome a reviewer chooses → the transition that reaches it.
TRANSITION_TO = {FindingStatus.CONFIRMED: "confirm", FindingStatus.DISMISSED: "dismiss", FindingStatus.OPEN: "reopen"}
