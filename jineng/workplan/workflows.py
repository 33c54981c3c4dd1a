"""The monthly report workflow, declared: draft → submitted → accepted, or returned with a comment → resubmitted."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from jineng.accounts import permissions
from jineng.core.workflow import Stamp, Transition, Workflow
from jineng.workplan.choices import ReportState
from jineng.workplan.models import MonthlyReport


def _own_unit(user, report: MonthlyReport) -> bool:
    return report.organisation_id == user.organisation_id


def _submit_reason(step) -> str:
    return gettext_noop("重新报送") if step.source == ReportState.RETURNED else gettext_noop("报送")


_REVIEWED = {"review_comment": Stamp.COMMENT, "reviewed_at": Stamp.NOW, "reviewed_by": Stamp.BY}
_ONLY_SUBMITTED = _("只能审核已报送的报告")

REPORT_WORKFLOW = Workflow(
    model=MonthlyReport, noun=_("报告"), comment_max=2000,
    transitions=[
        Transition("submit", _("报送"), (ReportState.DRAFT, ReportState.RETURNED), ReportState.SUBMITTED,
                   permissions.SUBMIT_REPORTS, rule=_own_unit, refused=_("只能修改本单位的报告"),
                   stamps={"first_submitted_at": Stamp.NOW_ONCE, "submitted_at": Stamp.NOW}, audit=_submit_reason),
        Transition("accept", _("采纳"), (ReportState.SUBMITTED,), ReportState.ACCEPTED, permissions.REVIEW_REPORTS,
                   refused=_("只有专班办公室可以审核报告"), stamps=_REVIEWED, wrong_state=_ONLY_SUBMITTED),
        Transition("return", _("退回修改"), (ReportState.SUBMITTED,), ReportState.RETURNED, permissions.REVIEW_REPORTS,
                   refused=_("只有专班办公室可以审核报告"), stamps=_REVIEWED, wrong_state=_ONLY_SUBMITTED,
                   comment_required=_("退回报告须填写退回意见"), audit=_("退回"), comment_in_audit=True, style="danger"),
    ],
)
