"""Verifiable credentials, checked with an independent JOSE library (jwcrypto), and the status list."""

import base64
import gzip
import json
from datetime import date

import pytest
from jwcrypto import jwk, jws

from jineng.certificates.choices import STATUS_LIST_SIZE
from jineng.certificates.services.credentials import credential_export
from jineng.certificates.services.status import certificate_reinstate, certificate_revoke, certificate_suspend
from jineng.certificates.tests import factories
from jineng.training.tests.factories import person

pytestmark = pytest.mark.django_db


def _verify(token: str, client) -> tuple[dict, dict]:
    """Verify a compact JWS the way any verifier would: the key set from its published URL, jwcrypto."""
    keys = jwk.JWKSet.from_json(client.get("/.well-known/jwks.json").content)
    parsed = jws.JWS()
    parsed.deserialize(token)
    header = parsed.jose_header
    parsed.verify(keys.get_key(header["kid"]), alg="Ed25519")
    return header, json.loads(parsed.payload)


def _bit(encoded: str, index: int) -> int:
    assert encoded.startswith("u")
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(raw) * 8 >= 131_072
    return (raw[index // 8] >> (7 - index % 8)) & 1


def _status(client, entry) -> int:
    url = entry["statusListCredential"]
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response["Content-Type"] == "application/vc+jwt"
    header, document = _verify(response.content.decode(), client)
    assert header["typ"] == "vc+jwt"
    subject = document["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == entry["statusPurpose"]
    return _bit(subject["encodedList"], int(entry["statusListIndex"]))


def test_exported_credential_verifies_with_an_independent_library(client):
    cert = factories.certificate(holder=person(name="赵大海"), issued_on=date(2024, 4, 1))
    header, vc = _verify(credential_export(cert, base="http://testserver"), client)
    assert (header["alg"], header["typ"], header["cty"]) == ("Ed25519", "vc+jwt", "vc")
    assert vc["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["credentialSubject"]["achievement"]["name"] == "车工（三级/高级工）"
    assert vc["validFrom"].startswith("2024-04-01T00:00:00")
    assert "resident" not in json.dumps(vc, ensure_ascii=False)
    entries = {e["statusPurpose"]: e for e in vc["credentialStatus"]}
    assert set(entries) == {"revocation", "suspension"}
    assert entries["revocation"]["type"] == "BitstringStatusListEntry"
    assert int(entries["revocation"]["statusListIndex"]) == cert.status_index % STATUS_LIST_SIZE


def test_tampered_credential_fails_the_independent_check(client):
    token = credential_export(factories.certificate(), base="http://testserver")
    head, payload, signature = token.split(".")
    document = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    document["credentialSubject"]["achievement"]["name"] = "车工（一级/高级技师）"
    forged = base64.urlsafe_b64encode(json.dumps(document).encode()).rstrip(b"=").decode()
    with pytest.raises(jws.InvalidJWSSignature):
        _verify(f"{head}.{forged}.{signature}", client)


def test_revocation_flips_the_bit_in_the_published_list(client, city_officer):
    cert = factories.certificate()
    other = factories.certificate()
    _, vc = _verify(credential_export(cert, base="http://testserver"), client)
    entries = {e["statusPurpose"]: e for e in vc["credentialStatus"]}
    assert _status(client, entries["revocation"]) == 0
    certificate_suspend(certificate=cert, by=city_officer, reason="核查")
    assert _status(client, entries["suspension"]) == 1
    cert.refresh_from_db()
    certificate_reinstate(certificate=cert, by=city_officer)
    assert _status(client, entries["suspension"]) == 0
    cert.refresh_from_db()
    certificate_revoke(certificate=cert, by=city_officer, reason="冒名顶替")
    assert _status(client, entries["revocation"]) == 1
    _, other_vc = _verify(credential_export(other, base="http://testserver"), client)
    assert _status(client, other_vc["credentialStatus"][0]) == 0


def test_status_list_is_cached_with_an_etag(client, city_officer):
    cert = factories.certificate()
    first = client.get("/certificates/status/revocation/0")
    assert first.status_code == 200 and first["ETag"]
    assert "public" in first["Cache-Control"]
    again = client.get("/certificates/status/revocation/0", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    certificate_revoke(certificate=cert, by=city_officer, reason="x")
    changed = client.get("/certificates/status/revocation/0", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert client.get("/certificates/status/other/0").status_code == 404
    assert client.get("/certificates/status/revocation/99999").status_code == 404
