"""The risk finding review, declared: open → confirmed or dismissed (with a note); either → open again.

The moves are the shared review queue's (``core.review_queue``); integrity names the capability."""

from django.utils.translation import gettext_lazy as _

from jineng.core.review_queue import TRANSITION_TO, finding_workflow
from jineng.integrity.models import RiskFinding

REVIEW = "integrity.review_finding"  # the office, or the finding's district

FINDING_WORKFLOW = finding_workflow(model=RiskFinding, capability=REVIEW, noun=_("风险线索"),
                                    refused=_("您无权核实此风险线索"))

__all__ = ["FINDING_WORKFLOW", "REVIEW", "TRANSITION_TO"]
