"""Review of a risk finding: confirmed or dismissed, with a note, by someone allowed to, audited.

The moves are declared in ``integrity/workflows.py`` on the shared review queue (``core.review_queue``);
reviewing a finding already in the chosen outcome is a wrong-state request (InvalidState).
"""

from jineng.core.review_queue import finding_review as queue_review
from jineng.integrity.models import RiskFinding
from jineng.integrity.workflows import FINDING_WORKFLOW


def finding_review(*, finding: RiskFinding, by, outcome: str, note: str) -> RiskFinding:
    return queue_review(FINDING_WORKFLOW, finding=finding, by=by, outcome=outcome, note=note)
