"""Review of a risk finding: confirmed or dismissed, with a note, by someone allowed to, audited."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError
from jineng.integrity import permissions
from jineng.integrity.choices import FindingStatus
from jineng.integrity.models import RiskFinding

# Stored in audit reasons in the source language, translated when the trail is shown.
_OUTCOMES = {FindingStatus.CONFIRMED: gettext_noop("查实"), FindingStatus.DISMISSED: gettext_noop("排除"),
             FindingStatus.OPEN: gettext_noop("重新打开")}


@transaction.atomic
def finding_review(*, finding: RiskFinding, by, outcome: str, note: str) -> RiskFinding:
    if not permissions.can_review(by, finding):
        raise DomainError(_("您无权核实此风险线索"))
    if outcome not in _OUTCOMES:
        raise DomainError(_("核实结果须为“查实”“排除”或“重新打开”"))
    note = (note or "").strip()
    if outcome != FindingStatus.OPEN and not note:
        raise DomainError(_("请填写核实说明"))
    if len(note) > 300:
        raise DomainError(_("核实说明不能超过 300 字"))
    finding = RiskFinding.objects.select_for_update().get(pk=finding.pk)
    finding.status = outcome
    finding.review_note = note
    finding.reviewed_by = by if outcome != FindingStatus.OPEN else None
    finding.reviewed_at = timezone.now() if outcome != FindingStatus.OPEN else None
    save_audited(finding, by=by, reason=f"{_OUTCOMES[outcome]}：{note}"[:100],
                 update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    return finding
