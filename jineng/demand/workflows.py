"""The demand report workflow, declared: draft → submitted → accepted, or returned with a comment → resubmitted."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from jineng.core.workflow import Stamp, Transition, Workflow
from jineng.demand.choices import ReportState
from jineng.demand.models import DemandReport

REPORT = "demand.report"  # enterprises: their own reports
REVIEW = "demand.review_report"  # the office, or the department of the report's industry


def _own_enterprise(user, report: DemandReport) -> bool:
    return report.enterprise_id == user.organisation_id


def _submit_reason(step) -> str:
    return gettext_noop("重新提交") if step.source == ReportState.RETURNED else gettext_noop("提交")


_REVIEWED = {"review_comment": Stamp.COMMENT, "reviewed_at": Stamp.NOW, "reviewed_by": Stamp.BY}
_REVIEWERS = _("只有该产业的审核部门或专班办公室可以审核")
_ONLY_SUBMITTED = _("只能审核已提交的填报")

DEMAND_REPORT_WORKFLOW = Workflow(
    model=DemandReport, noun=_("填报"), comment_max=2000,
    transitions=[
        Transition("submit", _("提交"), (ReportState.DRAFT, ReportState.RETURNED), ReportState.SUBMITTED,
                   REPORT, rule=_own_enterprise, refused=_("只能修改本单位的需求填报"),
                   stamps={"first_submitted_at": Stamp.NOW_ONCE, "submitted_at": Stamp.NOW}, audit=_submit_reason),
        Transition("accept", _("采纳"), (ReportState.SUBMITTED,), ReportState.ACCEPTED, REVIEW,
                   refused=_REVIEWERS, stamps=_REVIEWED, wrong_state=_ONLY_SUBMITTED),
        Transition("return", _("退回修改"), (ReportState.SUBMITTED,), ReportState.RETURNED, REVIEW,
                   refused=_REVIEWERS, stamps=_REVIEWED, wrong_state=_ONLY_SUBMITTED,
                   comment_required=_("退回须填写退回意见，说明需要企业修改什么"), audit=_("退回"),
                   comment_in_audit=True, style="danger"),
    ],
)
