"""Reads of the register: what other apps ask about a certificate, and the lists the pages show."""

import re
from dataclasses import dataclass
from datetime import date

from django.db import connection

from jineng.certificates.choices import CertificateSource, CertificateStatus
from jineng.certificates.engine import timeline
from jineng.certificates.engine.numbers import name_mask, name_matches, number_normalise
from jineng.certificates.models import Certificate, StatusChange
from jineng.core import prepared
from jineng.occupations.choices import SkillLevel

_REGISTERED_SHAPE = re.compile(r"[A-Z0-9]{6,40}", re.ASCII)

# What the register says about a certificate on a day, for the subsidy check.
VALID = "valid"
NOT_FOUND = "not_found"
OTHER_HOLDER = "other_holder"
NOT_YET = "not_yet"
SUSPENDED = "suspended"
REVOKED = "revoked"


@dataclass(frozen=True)
class RegisterAnswer:
    state: str
    status_date: date | None = None
    status_reason: str = ""
    issued_on: date | None = None


def certificate_state_on(*, number: str, person_id: int, day: date) -> RegisterAnswer:
    """Is this person's certificate in the register and valid on ``day``?

    Answered from the certificate's status changes (``StatusChange``, ``engine.timeline``): each is in force from
    its day until the next one, so a suspension lifted before ``day`` no longer counts and one that began after it
    does not count yet; a certificate issued after ``day`` is not yet valid. A certificate written without any
    change kept (outside the services) answers from its current status, counted from its status date.
    """
    certificate = Certificate.objects.filter(number=number_normalise(number or "")).only(
        "holder_id", "issued_on", "status", "status_date", "status_reason").first()
    if certificate is None:
        return RegisterAnswer(NOT_FOUND)
    if certificate.holder_id != person_id:
        return RegisterAnswer(OTHER_HOLDER)
    if certificate.issued_on > day:
        return RegisterAnswer(NOT_YET, issued_on=certificate.issued_on)
    changes = [timeline.Change(effective_on, status, reason, pk) for pk, effective_on, status, reason in
               StatusChange.objects.filter(certificate_id=certificate.pk).values_list(
                   "pk", "effective_on", "status", "reason").order_by()]
    if not changes and certificate.status != CertificateStatus.VALID:
        changes = [timeline.Change(certificate.status_date or certificate.issued_on, certificate.status,
                                   certificate.status_reason)]
    in_force = timeline.change_in_force(changes, day)
    if in_force is None or in_force.status == CertificateStatus.VALID:
        return RegisterAnswer(VALID, issued_on=certificate.issued_on)
    return RegisterAnswer(in_force.status, in_force.effective_on, in_force.reason, certificate.issued_on)


# Public verification ---------------------------------------------------------------------------------------------

ANSWER_FIELDS = ("number", "holder", "occupation", "level", "body", "issued_on", "status_date", "status_reason",
                 "source", "source_label")


def certificate_public_fields(certificate: Certificate) -> dict:
    """What anyone holding the number and the name may read: the holder's name masked."""
    withdrawn = certificate.status != CertificateStatus.VALID
    return {
        "number": certificate.number,
        "holder": name_mask(certificate.holder_name),
        "occupation": certificate.item_label,
        "level": _level_text(certificate.level),
        "body": certificate.body.name,
        "issued_on": certificate.issued_on.isoformat(),
        "status_date": certificate.status_date.isoformat() if withdrawn and certificate.status_date else None,
        "status_reason": certificate.status_reason if withdrawn else None,
        **_source(certificate.source),
    }


_SOURCE_LABELS = dict(CertificateSource.choices)  # code → lazily translated label


def _source(code: str) -> dict:
    """How the certificate was issued: the code, and its label (竞赛晋级 for one earned in a competition)."""
    return {"source": code, "source_label": str(_SOURCE_LABELS.get(code, code))}


def not_found_answer() -> dict:
    """The one answer for an unknown number and for a known number with another name: nothing in it varies."""
    return {"result": "not_found", **dict.fromkeys(ANSWER_FIELDS)}


def certificate_verify(*, number: str, name: str) -> dict:
    """``{"result": valid | suspended | revoked | not_found, …}`` for a number and the holder's full name.

    The busiest public read: one constant SQL statement by the certificate's unique number (no ORM compilation;
    prepared once per connection on PostgreSQL, ``core.prepared``), reading the body's, occupation's and work
    type's names by key with the row. The names are not kept by each web process: a rename shows at once
    everywhere, and no worker holds state of its own.
    """
    number = number_normalise(number or "")
    if not _REGISTERED_SHAPE.fullmatch(number):
        return not_found_answer()
    row = prepared.fetch_one("certificate_verify", _VERIFY_SQL, [number])
    if row is None:
        return not_found_answer()
    (holder_name, status, status_date, reason, issued_on, level, special, body, occupation, work_type, source) = row
    if not name_matches(name, holder_name):
        return not_found_answer()
    withdrawn = status != CertificateStatus.VALID
    item = special or (occupation or "") + (f"（{work_type}）" if work_type else "")
    return {"result": status, "number": number, "holder": name_mask(holder_name), "occupation": item,
            "level": _level_text(level), "body": body, "issued_on": _iso(issued_on),
            "status_date": _iso(status_date) if withdrawn and status_date else None,
            "status_reason": reason if withdrawn else None, **_source(source)}


def _iso(value) -> str:
    return value if isinstance(value, str) else value.isoformat()


_LEVEL_LABELS = dict(SkillLevel.choices)  # level → lazily translated label


def _level_text(level) -> str:
    return str(_LEVEL_LABELS.get(level, level)) if level is not None else ""


# The names as scalar subqueries by primary key rather than three outer joins: the same row, and a simpler plan
# (an unanalysed, empty work-type table had the joined form hash the whole table).
_VERIFY_SQL = (
    "SELECT c.holder_name, c.status, c.status_date, c.status_reason, c.issued_on, c.level, c.special_item, "
    "(SELECT b.name FROM evaluation_evaluationbody b WHERE b.id = c.body_id), "
    "(SELECT o.name FROM occupations_occupation o WHERE o.id = c.occupation_id), "
    "(SELECT w.name FROM occupations_worktype w WHERE w.id = c.work_type_id), "
    "c.source FROM certificates_certificate c WHERE c.number = %s"
)


def certificate_by_number(number: str) -> Certificate | None:
    number = number_normalise(number or "")
    if not _REGISTERED_SHAPE.fullmatch(number):  # 22-character numbers and older all-alphanumeric ones only
        return None
    return (Certificate.objects.select_related("body", "occupation", "work_type")
            .filter(number=number).first())


def link_status(certificate: Certificate | None) -> dict:
    """The current status of the certificate a verified link names (it may have left the register)."""
    if certificate is None:
        return not_found_answer()
    return {"result": certificate.status, **certificate_public_fields(certificate)}


@dataclass(frozen=True)
class HolderCount:
    district_id: int
    occupation_id: int
    level: int
    holders: int


def holders_by_district(*, on: date, district_ids=None) -> list[HolderCount]:
    """People holding a certificate valid on ``on``, by the issuing body's district × occupation × level.

    Each person counts once per district and occupation, at the highest level held there; certificates without
    a level (special competence) are left out. One set-based statement: the register may hold millions of rows.
    A certificate is valid on the day when issued by then and valid now, or changed (suspended, revoked) only
    after that day.
    """
    certificate = Certificate._meta.db_table
    body = Certificate._meta.get_field("body").related_model._meta.db_table
    where, params = "", [on, CertificateStatus.VALID, on]
    if district_ids is not None:
        ids = [int(pk) for pk in district_ids]
        if not ids:
            return []
        where = f" AND b.district_id IN ({', '.join(['%s'] * len(ids))})"
        params += ids
    sql = (  # table names from the models; every value is a parameter
        "SELECT district_id, occupation_id, level, COUNT(*) FROM ("  # noqa: S608
        " SELECT c.holder_id, c.occupation_id, b.district_id AS district_id, MAX(c.level) AS level"
        f" FROM {certificate} c JOIN {body} b ON b.id = c.body_id"
        " WHERE c.issued_on <= %s AND c.level IS NOT NULL AND (c.status = %s OR c.status_date > %s)"
        f"{where} GROUP BY c.holder_id, c.occupation_id, b.district_id) held"
        " GROUP BY district_id, occupation_id, level"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [HolderCount(*row) for row in cursor.fetchall()]


def certificates_held(*, person_id: int | None):
    """The certificates one person holds, newest first (a worker's page; the caller has checked who asks)."""
    if not person_id:
        return Certificate.objects.none()
    return (Certificate.objects.filter(holder_id=person_id).select_related("occupation", "work_type", "body")
            .order_by("-issued_on", "-pk"))


def certificate_held(*, person_id: int | None, certificate_id: int) -> Certificate | None:
    """One certificate of the person's own, or ``None`` (another holder's looks missing)."""
    return certificates_held(person_id=person_id).filter(pk=certificate_id).first()
