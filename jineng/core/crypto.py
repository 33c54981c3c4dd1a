"""Encryption at rest and keyed digests for personal identifiers.

AES-256-GCM from the ``cryptography`` package encrypts; HMAC-SHA256 with a separate key gives a digest that
finds a record by its number without decrypting anything. A stored ciphertext is ``v1:`` + base64(nonce +
ciphertext), so keys can be rotated by adding a version. Neither the plain number nor the keys are logged.
"""

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_VERSION = "v1"


class KeyConfigurationError(RuntimeError):
    pass


def encrypt_text(plain: str) -> str:
    nonce = os.urandom(12)
    sealed = _cipher().encrypt(nonce, plain.encode(), None)
    return f"{_VERSION}:{base64.b64encode(nonce + sealed).decode()}"


def decrypt_text(stored: str) -> str:
    version, _, payload = stored.partition(":")
    if version != _VERSION:
        raise KeyConfigurationError(f"未知的密文版本：{version}")
    raw = base64.b64decode(payload)
    try:
        return _cipher().decrypt(raw[:12], raw[12:], None).decode()
    except InvalidTag as exc:
        raise KeyConfigurationError("密文无法用当前密钥解密") from exc


def keyed_digest(plain: str) -> str:
    return hmac.new(_lookup_key(), plain.encode(), hashlib.sha256).hexdigest()


def keys_are_derived() -> bool:
    return not (settings.JINENG_PERSONAL_DATA_KEY and settings.JINENG_LOOKUP_KEY)


def clear_key_cache() -> None:
    _cipher.cache_clear()
    _lookup_key.cache_clear()


@cache
def _cipher() -> AESGCM:
    return AESGCM(_key(settings.JINENG_PERSONAL_DATA_KEY, purpose=b"jineng personal data"))


@cache
def _lookup_key() -> bytes:
    return _key(settings.JINENG_LOOKUP_KEY, purpose=b"jineng lookup digest")


def _key(configured: str, *, purpose: bytes) -> bytes:
    if configured:
        key = base64.b64decode(configured)
        if len(key) != 32:
            raise KeyConfigurationError("密钥须为 32 字节（base64 编码）")
        return key
    derive = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose)
    return derive.derive(settings.SECRET_KEY.encode())
