"""Reads of the register: what other apps ask about a certificate, and the lists the pages show."""

from dataclasses import dataclass
from datetime import date

from jineng.certificates.choices import CertificateStatus
from jineng.certificates.engine.numbers import number_normalise
from jineng.certificates.models import Certificate

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

    A suspension or revocation counts from its date; a certificate issued after ``day`` is not yet valid.
    """
    certificate = Certificate.objects.filter(number=number_normalise(number or "")).only(
        "holder_id", "issued_on", "status", "status_date", "status_reason").first()
    if certificate is None:
        return RegisterAnswer(NOT_FOUND)
    if certificate.holder_id != person_id:
        return RegisterAnswer(OTHER_HOLDER)
    if certificate.issued_on > day:
        return RegisterAnswer(NOT_YET, issued_on=certificate.issued_on)
    if certificate.status != CertificateStatus.VALID and (certificate.status_date is None
                                                          or certificate.status_date <= day):
        return RegisterAnswer(certificate.status, certificate.status_date, certificate.status_reason,
                              certificate.issued_on)
    return RegisterAnswer(VALID, issued_on=certificate.issued_on)
