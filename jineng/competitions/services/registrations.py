"""Registrations: by individuals (the public form, through the person registry) or by employers for their
employees; the registration window (409 outside it), capacity and eligibility (the certificate register tells
which levels a person holds)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.certificates.choices import CertificateStatus
from jineng.certificates.models import Certificate
from jineng.competitions.choices import EventStatus, RegistrationStatus
from jineng.competitions.engine.eligibility import Conditions, Entry, refusals
from jineng.competitions.models import Event, Registration
from jineng.core import metrics
from jineng.core.audit import create_audited
from jineng.core.capabilities import user_can
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.core.people import person_register

READS = ("competitions.Registration",)


def refusal_messages() -> dict[str, str]:
    return {
        "too_young": _("比赛开始时未满最低年龄"),
        "too_old": _("比赛开始时超过最高年龄"),
        "level_missing": _("未持有参赛所需的职业技能等级证书"),
        "already_holds": _("已持有本赛项对应等级或更高等级的证书"),
        "one_per_window": _("同一报名期限内只能报名一项月度主题赛"),
    }


def held_levels(person, event: Event) -> tuple[int, ...]:
    """Levels of the person's valid certificates in the event's occupation, from the certificate register."""
    rows = Certificate.objects.filter(holder=person, occupation_id=event.occupation_id,
                                      status=CertificateStatus.VALID, level__isnull=False)
    return tuple(rows.values_list("level", flat=True))


def eligibility_refusals(person, event: Event) -> list[str]:
    others = Registration.objects.filter(person=person, status=RegistrationStatus.REGISTERED,
                                         event__one_per_window=True).exclude(event=event)
    entry = Entry(birth_date=person.birth_date, held_levels=held_levels(person, event),
                  other_windows=tuple(others.values_list("event__registration_opens", "event__registration_closes")))
    rules = Conditions(event_start=event.start_date, awarded_level=event.level_awarded, min_age=event.min_age,
                       max_age=event.max_age, min_current_level=event.min_current_level,
                       one_per_window=event.one_per_window,
                       window=(event.registration_opens, event.registration_closes))
    messages = refusal_messages()
    return [messages[code] for code in refusals(entry, rules)]


def registration_create(*, event: Event, person, employer=None, by=None, today: date | None = None) -> Registration:
    today = today or timezone.localdate()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status != EventStatus.PLANNED:
            raise InvalidState(_("该赛项不在报名阶段"))
        if not event.registration_opens <= today <= event.registration_closes:
            raise InvalidState(_("不在报名期限内（%(opens)s 至 %(closes)s）") % {
                "opens": event.registration_opens, "closes": event.registration_closes})
        if Registration.objects.filter(event=event, person=person).exists():
            raise InvalidState(_("%(name)s 已报名该赛项") % {"name": person.name})
        taken = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
        if taken >= event.capacity:
            raise InvalidState(_("名额已满"))
        reasons = eligibility_refusals(person, event)
        if reasons:
            raise DomainError(_("不符合报名条件：%(reasons)s") % {"reasons": "; ".join(reasons)})
        registration = create_audited(Registration, by=by, reason=_("报名"), event=event, person=person,
                                      employer=employer, registered_by=by, registered_on=today)
    metrics.metrics_records_changed(*READS)
    return registration


def registration_by_individual(*, event: Event, resident_id: str, name: str,
                               today: date | None = None) -> Registration:
    """The public form: the person is found or registered by resident ID (never shown back in full)."""
    person = person_register(resident_id=resident_id, name=name)
    return registration_create(event=event, person=person, today=today)


def registration_by_employer(*, by, event: Event, resident_id: str, name: str,
                             today: date | None = None) -> Registration:
    if not user_can(by, "competitions.register_employees") or not by.organisation_id:
        raise NotAllowed(_("只有企业可以为职工报名"))
    person = person_register(resident_id=resident_id, name=name, by=by)
    return registration_create(event=event, person=person, employer=by.organisation, by=by, today=today)
