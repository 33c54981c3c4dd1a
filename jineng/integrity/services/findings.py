"""Review of a risk finding: confirmed or dismissed, with a note, by someone allowed to, audited.

The moves are declared in ``integrity/workflows.py``; reviewing a finding already in the chosen outcome is a
wrong-state request (InvalidState).
"""

from django.utils.translation import gettext as _

from jineng.core.exceptions import DomainError
from jineng.integrity.models import RiskFinding
from jineng.integrity.workflows import FINDING_WORKFLOW, TRANSITION_TO


def finding_review(*, finding: RiskFinding, by, outcome: str, note: str) -> RiskFinding:
    if outcome not in TRANSITION_TO:
        raise DomainError(_("核实结果须为“查实”“排除”或“重新打开”"))
    note = (note or "").strip()
    if len(note) > 300:
        raise DomainError(_("核实说明不能超过 300 字"))
    return FINDING_WORKFLOW.take(finding, TRANSITION_TO[outcome], by=by, comment=note)
