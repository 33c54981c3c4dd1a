"""Signed links: the signature, any one-character change, another key, rotation; the key set; the command."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from joserfc import jws
from joserfc.jwk import OKPKey

from jineng.certificates.services import links, signing
from jineng.certificates.services.status import certificate_revoke
from jineng.certificates.tests import factories
from jineng.training.tests.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cert():
    return factories.certificate(holder=person(name="王小明"), issued_on=date(2024, 5, 6))


def test_link_verifies_and_carries_the_public_fields(client, cert):
    payload = links.link_payload(cert)
    verified = links.link_read(payload)
    assert verified.claims == {"v": 1, "n": cert.number, "h": "王*明", "o": "车工", "l": "三级/高级工",
                               "b": cert.body.name, "d": "2024-05-06"}
    assert verified.header == {"alg": "Ed25519", "kid": signing.key_current().kid}
    page = client.get(f"/v/{payload}")
    assert page.status_code == 200
    status = client.get(f"/v/{payload}/status.json").json()
    assert status["result"] == "valid" and status["holder"] == "王*明"


def test_any_one_character_change_fails(cert):
    payload = links.link_payload(cert)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for position, char in enumerate(payload):
        if char == ".":
            continue
        replacement = alphabet[(alphabet.index(char) + 1) % len(alphabet)]
        tampered = payload[:position] + replacement + payload[position + 1:]
        with pytest.raises(signing.BadSignature):
            links.link_read(tampered)


def test_tampered_link_page_says_so(client, cert):
    payload = links.link_payload(cert)
    tampered = payload[:-5] + ("A" if payload[-5] != "A" else "B") + payload[-4:]
    assert client.get(f"/v/{tampered}").status_code == 400
    assert client.get(f"/v/{tampered}/status.json").json()["result"] == "invalid"
    assert client.get("/v/not-a-token").status_code == 404


def test_a_token_signed_by_another_key_fails_even_with_our_key_id(cert):
    stranger = OKPKey.generate_key("Ed25519")
    claims = links.link_claims(cert)
    forged = jws.serialize_compact({"alg": "Ed25519", "kid": signing.key_current().kid},
                                   json.dumps(claims).encode(), stranger, algorithms=["Ed25519"])
    with pytest.raises(signing.BadSignature):
        links.link_read(forged)
    unknown_kid = jws.serialize_compact({"alg": "Ed25519", "kid": "nobody"}, json.dumps(claims).encode(), stranger,
                                        algorithms=["Ed25519"])
    with pytest.raises(signing.BadSignature):
        links.link_read(unknown_kid)


def test_rotation_keeps_old_links_verifying_and_publishes_both_keys(client, cert):
    old = links.link_payload(cert)
    old_kid = signing.key_current().kid
    out = io.StringIO()
    call_command("certificate_keys", "rotate", stdout=out)
    new_kid = signing.key_current().kid
    assert new_kid != old_kid and new_kid in out.getvalue()
    assert links.link_read(old).kid == old_kid
    assert links.link_read(links.link_payload(cert)).kid == new_kid
    keys = client.get("/.well-known/jwks.json").json()["keys"]
    assert {k["kid"] for k in keys} == {old_kid, new_kid}
    assert all(set(k) == {"kty", "crv", "x", "kid", "alg", "use"} for k in keys)  # no private part
    api_keys = client.get("/api/v1/certificates/keys/").json()["keys"]
    assert {k["kid"] for k in api_keys} == {old_kid, new_kid}


def test_link_status_follows_revocation(client, city_officer, cert):
    payload = links.link_payload(cert)
    certificate_revoke(certificate=cert, by=city_officer, reason="冒名顶替")
    status = client.get(f"/v/{payload}/status.json").json()
    assert (status["result"], status["status_reason"]) == ("revoked", "冒名顶替")


def test_private_keys_are_stored_encrypted(cert):
    links.link_payload(cert)
    key = signing.key_current()
    assert key.private_key_encrypted.startswith("v1:")
    assert '"d"' not in key.private_key_encrypted


def test_certificate_link_command_prints_the_link(cert):
    out = io.StringIO()
    call_command("certificate_link", cert.number, stdout=out)
    url = out.getvalue().strip()
    assert "/v/" in url
    assert links.link_read(url.split("/v/")[1]).claims["n"] == cert.number
