"""The overseas certificate decision: submitted → recognised or refused, decided by the programme office with
its reasons; the decision date is the day it is taken."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jineng.core.workflow import Stamp, Transition, Workflow
from jineng.recognition.choices import RecognitionState
from jineng.recognition.models import OverseasRecognition

DECIDE = "recognition.decide_overseas"
_OFFICE = _("只有专班办公室可以认定境外证书")
_PENDING = _("只有待认定的申请可以认定")


def _today(obj, step) -> object:
    return timezone.localdate(step.at)


_STAMPS = {"decided_by": Stamp.BY, "decided_at": Stamp.NOW, "decided_on": _today, "decision_reason": Stamp.COMMENT}

RECOGNITION_WORKFLOW = Workflow(
    model=OverseasRecognition, noun=_("境外证书认可申请"), comment_max=1000,
    transitions=[
        Transition("recognise", _("予以认可"), (RecognitionState.SUBMITTED,), RecognitionState.RECOGNISED, DECIDE,
                   refused=_OFFICE, wrong_state=_PENDING, stamps=_STAMPS, comment_required=_("认定须填写理由"),
                   comment_in_audit=True),
        Transition("refuse", _("不予认可"), (RecognitionState.SUBMITTED,), RecognitionState.REFUSED, DECIDE,
                   refused=_OFFICE, wrong_state=_PENDING, stamps=_STAMPS, comment_required=_("认定须填写理由"),
                   comment_in_audit=True, style="danger"),
    ],
)
