"""Writes of item 26: an enterprise records its appointments; overseas certificates are submitted and decided.
Each write is atomic and audited; people go through the person registry (resident IDs never stored in clear)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jineng.accounts.models import Organisation
from jineng.accounts.permissions import user_district_id
from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError, NotAllowed
from jineng.core.models import District
from jineng.core.people import person_register
from jineng.occupations.models import Occupation
from jineng.recognition.choices import APPOINTED_LEVELS, CERTIFICATE_LEVELS
from jineng.recognition.models import OverseasRecognition, TechnicianAppointment
from jineng.recognition.permissions import can_decide, can_record_appointment, can_submit_overseas
from jineng.recognition.workflows import RECOGNITION_WORKFLOW


def enterprise_district(enterprise: Organisation) -> District | None:
    """The enterprise's district: its demand-platform profile's, else its organisation's."""
    district_id = (Organisation.objects.filter(pk=enterprise.pk)
                   .values_list("enterprise_profile__district_id", flat=True).first()) or enterprise.district_id
    return District.objects.filter(pk=district_id).first() if district_id else None


def _term_end(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def appointment_record(*, by, resident_id: str, name: str, occupation: Occupation, level: int, appointed_on: date,
                       term_years: int, document_number: str) -> TechnicianAppointment:
    """An enterprise user records an appointment of their own enterprise."""
    if not can_record_appointment(by):
        raise NotAllowed(_("只有企业用户可以登记本企业的特级技师、首席技师聘任"))
    if level not in APPOINTED_LEVELS:
        raise DomainError(_("企业聘任的等级应为特级技师或首席技师"))
    if not 1 <= term_years <= 10:
        raise DomainError(_("聘期应为 1 至 10 年"))
    if not document_number.strip():
        raise DomainError(_("请填写聘任文号"))
    district = enterprise_district(by.organisation)
    if district is None:
        raise DomainError(_("本企业尚未登记所在区，请先在需求填报平台完善企业信息"))
    try:
        with transaction.atomic():
            person = person_register(resident_id=resident_id, name=name, by=by)
            appointment = TechnicianAppointment(
                enterprise=by.organisation, district=district, person=person, occupation=occupation, level=level,
                appointed_on=appointed_on, term_years=term_years, term_ends_on=_term_end(appointed_on, term_years),
                document_number=document_number.strip()[:60], recorded_by=by)
            save_audited(appointment, by=by, reason="登记聘任")
    except IntegrityError as exc:
        raise DomainError(_("该人员同日同等级的聘任已登记")) from exc
    return appointment


def overseas_submit(*, by, resident_id: str, name: str, country: str, issuing_body: str, certificate_title: str,
                    certificate_number: str, occupation: Occupation, level: int,
                    issued_on: date | None = None) -> OverseasRecognition:
    """Submit an overseas certificate for recognition at an occupation and level (enterprise, district, office)."""
    if not can_submit_overseas(by):
        raise NotAllowed(_("您无权申报境外证书认可"))
    if level not in CERTIFICATE_LEVELS:
        raise DomainError(_("对应等级应为五级至一级"))
    fields = {"country": country.strip(), "issuing_body": issuing_body.strip(),
              "certificate_title": certificate_title.strip(), "certificate_number": certificate_number.strip()}
    if not all(fields.values()):
        raise DomainError(_("请填写颁证国家（地区）、颁证机构、证书名称和证书编号"))
    organisation = by.organisation if not can_decide(by) else None
    district_id = user_district_id(by)
    if organisation is not None and organisation.kind == "enterprise":
        found = enterprise_district(organisation)
        district_id = found.pk if found else district_id
    try:
        with transaction.atomic():
            person = person_register(resident_id=resident_id, name=name, by=by)
            recognition = OverseasRecognition(person=person, occupation=occupation, level=level, issued_on=issued_on,
                                              organisation=organisation, district_id=district_id, submitted_by=by,
                                              **fields)
            save_audited(recognition, by=by, reason="申报境外证书认可")
    except IntegrityError as exc:
        raise DomainError(_("该人员的这张证书已申报")) from exc
    return recognition


def overseas_decide(*, recognition: OverseasRecognition, action: str, by, comment: str) -> OverseasRecognition:
    """Recognise or refuse, with reasons; the right to decide is checked before the comment or the state."""
    if not RECOGNITION_WORKFLOW.may(by, recognition, action):
        raise NotAllowed(RECOGNITION_WORKFLOW[action].refused)
    return RECOGNITION_WORKFLOW.take(recognition, action, by=by, comment=comment)
