"""Who records and who sees appointments and overseas recognitions.

Enterprises record their own 特级技师 / 首席技师 appointments and see only those; districts see their district's;
the programme office and the leadership see all. Overseas certificates are submitted by an enterprise (for its
people), a district or the office, and decided by the office; each unit sees what it submitted, a district also
what lies in its district. "Missing" and "not yours" are the same 404.
"""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext

from jineng.accounts.permissions import (
    DISTRICT,
    ENTERPRISE,
    LEADER,
    OFFICE,
    held_by,
    user_can,
    user_district_id,
)
from jineng.core.capabilities import NOTHING, capabilities_declare, scope_declare
from jineng.recognition.models import OverseasRecognition, TechnicianAppointment

capabilities_declare("recognition", {
    "see_all": held_by(OFFICE, LEADER),
    "see_district": held_by(DISTRICT),
    "see_own": held_by(ENTERPRISE),
    "see": held_by(OFFICE, LEADER, DISTRICT, ENTERPRISE),
    "record_appointment": held_by(ENTERPRISE),
    "submit_overseas": held_by(OFFICE, DISTRICT, ENTERPRISE),
    "decide_overseas": held_by(OFFICE),
})


def _scope(user, *, own: str) -> Q:
    if user_can(user, "recognition.see_all"):
        return Q()
    if user_can(user, "recognition.see_district"):
        district_id = user_district_id(user)
        return Q(district_id=district_id) if district_id else NOTHING
    if user_can(user, "recognition.see_own"):
        return Q(**{own: user.organisation_id})
    return NOTHING


def appointment_scope(user) -> Q:
    return _scope(user, own="enterprise_id")


def recognition_scope(user) -> Q:
    return _scope(user, own="organisation_id")


scope_declare(TechnicianAppointment, appointment_scope)
scope_declare(OverseasRecognition, recognition_scope)


def can_see(user) -> bool:
    return user_can(user, "recognition.see")


def can_record_appointment(user) -> bool:
    return user_can(user, "recognition.record_appointment")


def can_submit_overseas(user) -> bool:
    return user_can(user, "recognition.submit_overseas")


def can_decide(user) -> bool:
    return user_can(user, "recognition.decide_overseas")


def _get(rows, user, pk, message: str):
    try:
        return rows.visible_to(user).get(pk=int(pk))
    except (rows.model.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(message) from exc


def get_appointment_for_user(user, appointment_id) -> TechnicianAppointment:
    rows = TechnicianAppointment.objects.select_related("enterprise", "district", "person", "occupation")
    return _get(rows, user, appointment_id, gettext("没有该聘任记录，或您无权查看"))


def get_recognition_for_user(user, recognition_id) -> OverseasRecognition:
    rows = OverseasRecognition.objects.select_related("person", "occupation", "organisation", "district",
                                                      "submitted_by", "decided_by")
    return _get(rows, user, recognition_id, gettext("没有该认可记录，或您无权查看"))
