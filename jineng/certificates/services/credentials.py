"""Certificates as W3C Verifiable Credentials 2.0 / Open Badges 3.0, secured with JOSE (VC-JOSE-COSE).

A credential is the JSON-LD document itself (``engine.credentials``) signed as a compact JWS (``typ: vc+jwt``,
``cty: vc``, media type ``application/vc+jwt``) with the platform's Ed25519 key (the key set at
``/.well-known/jwks.json``); see docs/decisions/0007-verifiable-credentials.md. Its ``credentialStatus`` holds
two BitstringStatusListEntry items, revocation and suspension, at the certificate's ``status_index`` in lists of
131,072 entries, each published as a signed status-list credential. A verifier downloads a whole list, so it
does not reveal which certificate it checks.
"""

import hashlib
from datetime import datetime, time

from django.conf import settings
from django.utils import timezone

from jineng.certificates.choices import STATUS_LIST_SIZE, CertificateStatus
from jineng.certificates.engine import credentials as engine
from jineng.certificates.models import Certificate
from jineng.certificates.services import signing

MEDIA_TYPE = "application/vc+jwt"
PURPOSES = {"revocation": (CertificateStatus.REVOKED,), "suspension": (CertificateStatus.SUSPENDED,)}


def _base(base: str = "") -> str:
    return (base or getattr(settings, "JINENG_PUBLIC_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def issuer_id(base: str = "") -> str:
    return _base(base) + "/certificates/verify/"


def status_list_url(purpose: str, list_number: int, base: str = "") -> str:
    return f"{_base(base)}/certificates/status/{purpose}/{list_number}"


def credential_document(certificate: Certificate, *, base: str = "") -> dict:
    list_number, index = divmod(certificate.status_index, STATUS_LIST_SIZE)
    fields = engine.CredentialFields(
        number=certificate.number, holder_name=certificate.holder_name,
        holder_masked_id=certificate.holder.resident_id_masked, item=certificate.item_label,
        occupation_code=certificate.occupation.code if certificate.occupation_id else "",
        level_value=certificate.level,
        level_label=str(certificate.get_level_display()) if certificate.level is not None else "",
        body_name=certificate.body.name, body_credit_code=certificate.body.credit_code,
        valid_from=datetime.combine(certificate.issued_on, time(0),
                                    tzinfo=timezone.get_default_timezone()).isoformat(),
        list_number=list_number, list_index=index)
    return engine.credential_document(fields, issuer_id=issuer_id(base),
                                      status_list_url=lambda purpose, n: status_list_url(purpose, n, base))


def credential_export(certificate: Certificate, *, base: str = "") -> str:
    """The certificate as a VC-JWT (``application/vc+jwt``)."""
    return signing.sign(credential_document(certificate, base=base), typ="vc+jwt", cty="vc")


def status_bits(purpose: str, list_number: int) -> bytes:
    start = list_number * STATUS_LIST_SIZE
    indexes = Certificate.objects.filter(
        status__in=PURPOSES[purpose], status_index__gte=start, status_index__lt=start + STATUS_LIST_SIZE,
    ).values_list("status_index", flat=True).order_by()
    return engine.bitstring(STATUS_LIST_SIZE, (value - start for value in indexes.iterator(chunk_size=10_000)))


def status_list_etag(purpose: str, list_number: int) -> tuple[str, str]:
    """The encoded list and its ETag (changes with the bits and with the signing key)."""
    encoded = engine.bitstring_encode(status_bits(purpose, list_number))
    kid = signing.key_current().kid
    tag = hashlib.sha256(f"{purpose}:{list_number}:{kid}:{encoded}".encode()).hexdigest()[:32]
    return encoded, f'"{tag}"'


def status_list_credential(purpose: str, list_number: int, encoded: str, *, base: str = "") -> str:
    document = engine.status_list_document(
        url=status_list_url(purpose, list_number, base), issuer_id=issuer_id(base), purpose=purpose, encoded=encoded,
        valid_from=timezone.now().replace(microsecond=0).isoformat())
    return signing.sign(document, typ="vc+jwt", cty="vc")
