"""Ed25519 keys that sign verification links and credentials, and the compact JWS they produce.

JOSE through joserfc, algorithm ``Ed25519`` (RFC 9864's fully specified name for EdDSA over Ed25519). Private
keys are stored encrypted (``core.crypto``); the newest key that is not retired signs; every key ever used
stays in the published key set (JWKS) and keeps verifying what it signed, so rotation never breaks a printed
QR code. Verification is strict: besides the signature, each of the three base64url parts must be in its one
canonical form, so that no change of a single character (even in the unused bits of the last one) passes.
"""

import base64
import json
import secrets
from dataclasses import dataclass
from functools import lru_cache

from django.db import transaction
from django.utils import timezone
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from jineng.certificates.models import SigningKey
from jineng.core.crypto import decrypt_text, encrypt_text

ALG = "Ed25519"


class BadSignature(Exception):
    """The token is not one we signed, or was changed."""


@dataclass(frozen=True)
class Verified:
    kid: str
    header: dict
    claims: dict


def key_create() -> SigningKey:
    key = OKPKey.generate_key("Ed25519")
    private = key.as_dict(private=True)
    kid = f"{timezone.localdate():%Y%m%d}-{secrets.token_hex(3)}"
    return SigningKey.objects.create(kid=kid, private_key_encrypted=encrypt_text(json.dumps(private)),
                                     public_x=private["x"])


def key_current() -> SigningKey:
    """The key that signs now; the first one is made on first use."""
    key = SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at", "-pk").first()
    if key is None:
        with transaction.atomic():
            key = SigningKey.objects.select_for_update().filter(retired_at__isnull=True).first() or key_create()
    return key


def keys_rotate() -> SigningKey:
    """Retire the signing key (it keeps verifying) and make a new one that signs from now on."""
    with transaction.atomic():
        SigningKey.objects.select_for_update().filter(retired_at__isnull=True).update(retired_at=timezone.now())
        key = key_create()
    _public.cache_clear()
    return key


def jwks() -> dict:
    return {"keys": [key.public_jwk() for key in SigningKey.objects.order_by("created_at", "pk")]}


def _private(key: SigningKey) -> OKPKey:
    return OKPKey.import_key(json.loads(decrypt_text(key.private_key_encrypted)))


@lru_cache(maxsize=64)
def _public(kid: str) -> OKPKey | None:
    key = SigningKey.objects.filter(kid=kid).first()
    return OKPKey.import_key(key.public_jwk()) if key is not None else None


def sign(claims: dict, *, typ: str = "", cty: str = "", key: SigningKey | None = None) -> str:
    key = key or key_current()
    header = {"alg": ALG, "kid": key.kid}
    if typ:
        header["typ"] = typ
    if cty:
        header["cty"] = cty
    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    return jws.serialize_compact(header, payload, _private(key), algorithms=[ALG])


def _b64_canonical(part: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (ValueError, TypeError) as exc:
        raise BadSignature from exc
    if base64.urlsafe_b64encode(raw).rstrip(b"=").decode() != part:
        raise BadSignature
    return raw


def verify(token: str) -> Verified:
    """The header and claims of a token we signed with any of our keys; ``BadSignature`` otherwise."""
    if not isinstance(token, str) or len(token) > 4096 or token.count(".") != 2:
        raise BadSignature
    parts = token.split(".")
    for part in parts:
        _b64_canonical(part)
    try:
        header = json.loads(_b64_canonical(parts[0]))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadSignature from exc
    if not isinstance(header, dict) or header.get("alg") != ALG or not isinstance(header.get("kid"), str):
        raise BadSignature
    public = _public(header["kid"][:40])
    if public is None:
        raise BadSignature
    try:
        result = jws.deserialize_compact(token, public, algorithms=[ALG])
        claims = json.loads(result.payload)
    except (JoseError, ValueError, UnicodeDecodeError) as exc:
        raise BadSignature from exc
    if not isinstance(claims, dict):
        raise BadSignature
    return Verified(kid=header["kid"], header=header, claims=claims)
