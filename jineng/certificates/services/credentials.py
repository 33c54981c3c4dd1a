"""Certificates as W3C Verifiable Credentials 2.0 / Open Badges 3.0, secured with JOSE (VC-JOSE-COSE).

A credential is the JSON-LD document itself signed as a compact JWS (``typ: vc+jwt``, ``cty: vc``, media type
``application/vc+jwt``) with the platform's Ed25519 key (the key set at ``/.well-known/jwks.json``); see
docs/decisions/0007-verifiable-credentials.md. Its ``credentialStatus`` holds two BitstringStatusListEntry
items, revocation and suspension, at the certificate's ``status_index`` in lists of 131,072 entries, each
published as a signed status-list credential: GZIP-compressed bitstring, base64url without padding, multibase
prefix ``u``; bit 0 is the left-most bit of the first byte. A verifier downloads a whole list, so it does not
reveal which certificate it checks.
"""

import base64
import gzip
import hashlib
from datetime import datetime, time

from django.conf import settings
from django.utils import timezone

from jineng.certificates.choices import STATUS_LIST_SIZE, CertificateStatus
from jineng.certificates.models import Certificate
from jineng.certificates.services import signing

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MEDIA_TYPE = "application/vc+jwt"
PURPOSES = {"revocation": (CertificateStatus.REVOKED,), "suspension": (CertificateStatus.SUSPENDED,)}
ISSUER_NAME = "上海市职业技能等级证书登记簿"


def _base(base: str = "") -> str:
    return (base or getattr(settings, "JINENG_PUBLIC_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def issuer_id(base: str = "") -> str:
    return _base(base) + "/certificates/verify/"


def status_list_url(purpose: str, list_number: int, base: str = "") -> str:
    return f"{_base(base)}/certificates/status/{purpose}/{list_number}"


def _instant(day) -> str:
    return datetime.combine(day, time(0), tzinfo=timezone.get_default_timezone()).isoformat()


def credential_document(certificate: Certificate, *, base: str = "") -> dict:
    list_number, index = divmod(certificate.status_index, STATUS_LIST_SIZE)
    level = str(certificate.get_level_display()) if certificate.level is not None else ""
    achievement_name = f"{certificate.item_label}{('（' + level + '）') if level else ''}"
    kind = "专项职业能力证书" if certificate.level is None else "职业技能等级证书"
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:jineng:certificate:{certificate.number}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id(base), "type": ["Profile"], "name": ISSUER_NAME},
        "validFrom": _instant(certificate.issued_on),
        "name": f"{kind} {certificate.number}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "identifier": [{"type": "IdentityObject", "identityHash": _holder_hash(certificate), "hashed": True,
                            "identityType": "identifier", "salt": certificate.number}],
            "achievement": {
                "id": f"urn:jineng:achievement:{certificate.occupation.code if certificate.occupation_id else ''}:"
                      f"{certificate.level or 0}:{hashlib.sha256(achievement_name.encode()).hexdigest()[:12]}",
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": achievement_name,
                "description": kind,
                "criteria": {"narrative": f"经{certificate.body.name}评价合格"},
                "creator": {"id": f"urn:uscc:{certificate.body.credit_code}", "type": ["Profile"],
                            "name": certificate.body.name},
            },
        },
        "credentialStatus": [
            {"id": f"{status_list_url(purpose, list_number, base)}#{index}", "type": "BitstringStatusListEntry",
             "statusPurpose": purpose, "statusListIndex": str(index),
             "statusListCredential": status_list_url(purpose, list_number, base)}
            for purpose in PURPOSES
        ],
    }


def _holder_hash(certificate: Certificate) -> str:
    """OB 3.0 hashed identity: sha256 of the masked resident ID and the salt (never the full number)."""
    digest = hashlib.sha256((certificate.holder.resident_id_masked + certificate.number).encode()).hexdigest()
    return f"sha256${digest}"


def credential_export(certificate: Certificate, *, base: str = "") -> str:
    """The certificate as a VC-JWT (``application/vc+jwt``)."""
    return signing.sign(credential_document(certificate, base=base), typ="vc+jwt", cty="vc")


# Status lists ----------------------------------------------------------------------------------------------------


def status_bits(purpose: str, list_number: int) -> bytes:
    """The list's bitstring: bit ``i`` (left-most first) set when certificate ``i`` of the list has the status."""
    start = list_number * STATUS_LIST_SIZE
    bits = bytearray(STATUS_LIST_SIZE // 8)
    indexes = Certificate.objects.filter(status__in=PURPOSES[purpose],
                                         status_index__gte=start, status_index__lt=start + STATUS_LIST_SIZE
                                         ).values_list("status_index", flat=True).order_by()
    for value in indexes.iterator(chunk_size=10_000):
        i = value - start
        bits[i // 8] |= 0x80 >> (i % 8)
    return bytes(bits)


def encoded_list(bits: bytes) -> str:
    compressed = gzip.compress(bits, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def status_list_etag(purpose: str, list_number: int) -> tuple[str, str]:
    """The encoded list and its ETag (changes with the bits and with the signing key)."""
    encoded = encoded_list(status_bits(purpose, list_number))
    kid = signing.key_current().kid
    tag = hashlib.sha256(f"{purpose}:{list_number}:{kid}:{encoded}".encode()).hexdigest()[:32]
    return encoded, f'"{tag}"'


def status_list_credential(purpose: str, list_number: int, encoded: str, *, base: str = "") -> str:
    url = status_list_url(purpose, list_number, base)
    document = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": {"id": issuer_id(base), "name": ISSUER_NAME},
        "validFrom": timezone.now().replace(microsecond=0).isoformat(),
        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList", "statusPurpose": purpose,
                              "encodedList": encoded},
    }
    return signing.sign(document, typ="vc+jwt", cty="vc")
