"""Declared workflows of evaluation: a body's filing, a session's results, the anomaly review.

Filing: applied → screened (the district) → reviewed (the office) → published (the office); the district or the
office may return an application with a comment, the body re-applies; a published body may be suspended (office
or district, with a reason) and reinstated (office), and withdrawn (office, with a reason).

Results of a session: the body holds the session, records the results, then approves them — levels 5–3 and
special items become approved at once, levels 2–1 go to the district (``engine/rules.py``), which approves or
returns them.
"""

from django.utils.translation import gettext_lazy as _

from jineng.core.review_queue import finding_workflow
from jineng.core.workflow import Stamp, Transition, Workflow
from jineng.evaluation.choices import BodyStatus as B
from jineng.evaluation.choices import SessionStatus as S
from jineng.evaluation.engine.rules import needs_district_approval
from jineng.evaluation.models import AnomalyFinding, EvaluationBody, EvaluationSession

_COMMENT = {"review_comment": Stamp.COMMENT}
_REASON = {"status_reason": Stamp.COMMENT}
_REASON_REQUIRED = _("请填写原因")
_RETURN_REQUIRED = _("退回须填写意见")

BODY_WORKFLOW = Workflow(model=EvaluationBody, field="status", noun=_("评价机构"), transitions=[
    Transition("screen", _("初审通过"), (B.APPLIED,), B.SCREENED, "evaluation.screen", stamps=_COMMENT),
    Transition("screen_return", _("初审退回"), (B.APPLIED,), B.RETURNED, "evaluation.screen", stamps=_COMMENT,
               comment_required=_RETURN_REQUIRED, comment_in_audit=True, style="danger"),
    Transition("review", _("复审通过"), (B.SCREENED,), B.REVIEWED, "evaluation.review", stamps=_COMMENT),
    Transition("review_return", _("复审退回"), (B.SCREENED,), B.RETURNED, "evaluation.review", stamps=_COMMENT,
               comment_required=_RETURN_REQUIRED, comment_in_audit=True, style="danger"),
    Transition("publish", _("公布"), (B.REVIEWED,), B.PUBLISHED, "evaluation.publish",
               stamps={"published_on": lambda obj, step: step.at.date(), "status_reason": Stamp.CLEAR}),
    Transition("resubmit", _("重新申请"), (B.RETURNED,), B.APPLIED, "evaluation.resubmit", stamps=_COMMENT),
    Transition("suspend", _("暂停"), (B.PUBLISHED,), B.SUSPENDED, "evaluation.suspend", stamps=_REASON,
               comment_required=_REASON_REQUIRED, comment_in_audit=True, style="danger"),
    Transition("reinstate", _("恢复"), (B.SUSPENDED,), B.PUBLISHED, "evaluation.reinstate",
               stamps={"status_reason": Stamp.CLEAR}, comment_in_audit=True, style="secondary"),
    Transition("withdraw", _("撤销"), (B.PUBLISHED, B.SUSPENDED), B.WITHDRAWN, "evaluation.withdraw",
               stamps=_REASON, comment_required=_REASON_REQUIRED, comment_in_audit=True, style="danger"),
])
BODY_URL_ACTIONS = tuple(BODY_WORKFLOW.transitions)


def _district_level(user, session) -> bool:
    return needs_district_approval(session.level)


def _body_level(user, session) -> bool:
    return not needs_district_approval(session.level)


SESSION_WORKFLOW = Workflow(model=EvaluationSession, field="status", noun=_("考试批次"), transitions=[
    Transition("hold", _("确认已考试"), (S.PLANNED,), S.HELD, "evaluation.run"),
    Transition("cancel", _("取消批次"), (S.PLANNED,), S.CANCELLED, "evaluation.run", stamps=_COMMENT,
               comment_required=_REASON_REQUIRED, comment_in_audit=True, style="danger"),
    Transition("approve", _("审核并核准成绩"), (S.HELD,), S.APPROVED, "evaluation.approve_results_body",
               rule=_body_level, stamps=_COMMENT),
    Transition("submit", _("审核成绩并报区核准"), (S.HELD,), S.RESULTS_SUBMITTED,
               "evaluation.approve_results_body", rule=_district_level, stamps=_COMMENT),
    Transition("district_approve", _("区核准成绩"), (S.RESULTS_SUBMITTED,), S.APPROVED,
               "evaluation.approve_results_district", stamps=_COMMENT),
    Transition("district_return", _("退回机构"), (S.RESULTS_SUBMITTED,), S.HELD,
               "evaluation.approve_results_district", stamps=_COMMENT, comment_required=_RETURN_REQUIRED,
               comment_in_audit=True, style="danger"),
])

ANOMALY_WORKFLOW = finding_workflow(model=AnomalyFinding, capability="evaluation.review_anomaly",
                                    noun=_("评价异常线索"), refused=_("您无权核实此线索"))
