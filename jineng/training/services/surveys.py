"""Trainees' satisfaction surveys, sent by their institution: one answer per completed enrolment, the first kept."""
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.core.exceptions import DomainError, InvalidState
from jineng.training.choices import EnrolmentStatus
from jineng.training.models import Enrolment, SurveyResponse


class SurveyAlreadyAnswered(InvalidState):
    """The enrolment has a different answer already; the first answer stands (409)."""


def survey_submit(*, enrolment: Enrolment, satisfaction: int,
                  answered_at: datetime | None = None) -> tuple[SurveyResponse, bool]:
    """Record the answer; returns (response, created). Sending the same answer again changes nothing."""
    if isinstance(satisfaction, bool) or not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
        raise DomainError(_("满意度须为 1–5 的整数"))
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise DomainError(_("只有已结业的学员可以填写评价"))
    existing = SurveyResponse.objects.filter(enrolment=enrolment).first()
    if existing is None:
        try:
            with transaction.atomic():
                return SurveyResponse.objects.create(enrolment=enrolment, satisfaction=satisfaction,
                                                     answered_at=answered_at or timezone.now()), True
        except IntegrityError:
            existing = SurveyResponse.objects.get(enrolment=enrolment)
    if existing.satisfaction != satisfaction:
        raise SurveyAlreadyAnswered(
            _("该学员已于 {localtime:%Y-%m-%d} 提交评价（满意度 {satisfaction}），以首次评价为准，不能修改").format(localtime=timezone.localtime(existing.answered_at), satisfaction=existing.satisfaction))
    return existing, False
