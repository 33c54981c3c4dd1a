"""The W3C Verifiable Credential 2.0 / Open Badges 3.0 document of a certificate, and Bitstring Status Lists;
pure. The documents are in Chinese whatever the interface language: they are what the platform issued."""

import base64
import gzip
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ISSUER_NAME = "上海市职业技能等级证书登记簿"
PURPOSES = ("revocation", "suspension")


@dataclass(frozen=True)
class CredentialFields:
    number: str
    holder_name: str
    holder_masked_id: str
    item: str  # occupation (work type) or special-competence item
    occupation_code: str
    level_value: int | None
    level_label: str
    body_name: str
    body_credit_code: str
    valid_from: str  # ISO 8601 instant of the issue date
    list_number: int
    list_index: int


def credential_document(f: CredentialFields, *, issuer_id: str, status_list_url) -> dict:
    """``status_list_url(purpose, list_number)`` gives the published list's URL."""
    achievement = f"{f.item}（{f.level_label}）" if f.level_label else f.item
    kind = "职业技能等级证书" if f.level_value is not None else "专项职业能力证书"
    identity = hashlib.sha256((f.holder_masked_id + f.number).encode()).hexdigest()
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:jineng:certificate:{f.number}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id, "type": ["Profile"], "name": ISSUER_NAME},
        "validFrom": f.valid_from,
        "name": f"{kind} {f.number}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": f.holder_name,
            # OB 3.0 hashed identity: the masked resident ID salted with the number, never the number itself
            "identifier": [{"type": "IdentityObject", "identityHash": f"sha256${identity}", "hashed": True,
                            "identityType": "identifier", "salt": f.number}],
            "achievement": {
                "id": f"urn:jineng:achievement:{f.occupation_code}:{f.level_value or 0}:"
                      f"{hashlib.sha256(achievement.encode()).hexdigest()[:12]}",
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": achievement,
                "description": kind,
                "criteria": {"narrative": f"经{f.body_name}评价合格"},
                "creator": {"id": f"urn:uscc:{f.body_credit_code}", "type": ["Profile"], "name": f.body_name},
            },
        },
        "credentialStatus": [
            {"id": f"{status_list_url(purpose, f.list_number)}#{f.list_index}", "type": "BitstringStatusListEntry",
             "statusPurpose": purpose, "statusListIndex": str(f.list_index),
             "statusListCredential": status_list_url(purpose, f.list_number)}
            for purpose in PURPOSES
        ],
    }


def status_list_document(*, url: str, issuer_id: str, purpose: str, encoded: str, valid_from: str) -> dict:
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": {"id": issuer_id, "name": ISSUER_NAME},
        "validFrom": valid_from,
        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList", "statusPurpose": purpose,
                              "encodedList": encoded},
    }


def bitstring(size: int, set_indexes: Iterable[int]) -> bytes:
    """``size`` bits, those at ``set_indexes`` set; bit 0 is the left-most bit of the first byte."""
    bits = bytearray(size // 8)
    for i in set_indexes:
        bits[i // 8] |= 0x80 >> (i % 8)
    return bytes(bits)


def bitstring_encode(bits: bytes) -> str:
    """GZIP, base64url without padding, multibase prefix ``u``."""
    return "u" + base64.urlsafe_b64encode(gzip.compress(bits, mtime=0)).rstrip(b"=").decode()


def bitstring_decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("multibase")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
