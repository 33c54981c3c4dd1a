"""The signed verification link printed as a QR code on every certificate: ``/v/<compact JWS>``.

The payload carries the certificate's public fields (the holder's name masked: the link travels through
access logs and browser histories), the issue date and, in the header, the key id. It proves the certificate
was issued as printed; the current status needs the register (``GET /v/<payload>`` asks it).
"""

from django.conf import settings

from jineng.certificates.models import Certificate
from jineng.certificates.selectors import certificate_public_fields
from jineng.certificates.services import signing

LINK_VERSION = 1


def link_claims(certificate: Certificate) -> dict:
    fields = certificate_public_fields(certificate)
    return {"v": LINK_VERSION, "n": fields["number"], "h": fields["holder"], "o": fields["occupation"],
            "l": fields["level"], "b": fields["body"], "d": fields["issued_on"]}


def link_payload(certificate: Certificate) -> str:
    return signing.sign(link_claims(certificate))


def link_path(certificate: Certificate) -> str:
    return f"/v/{link_payload(certificate)}"


def link_url(certificate: Certificate, *, base: str = "") -> str:
    base = (base or getattr(settings, "JINENG_PUBLIC_URL", "") or "http://127.0.0.1:8000").rstrip("/")
    return base + link_path(certificate)


def link_read(payload: str) -> signing.Verified:
    """The verified claims of a link, or ``signing.BadSignature``."""
    verified = signing.verify(payload)
    if verified.claims.get("v") != LINK_VERSION or not isinstance(verified.claims.get("n"), str):
        raise signing.BadSignature
    return verified
