"""The signed QR link checks its signature in the browser (WebCrypto Ed25519) with no network, says what it
could check offline and what not; online it adds the register's current status, which follows a revocation."""

from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def payload(django_db_serialized_rollback, transactional_db):
    from jineng.certificates.services.links import link_payload
    from jineng.certificates.tests import factories
    from jineng.training.tests.factories import person

    certificate = factories.certificate(holder=person(name="孙小梅"), issued_on=date(2024, 8, 8))
    return certificate.number, link_payload(certificate)


def _offline(page, payload: str) -> list[str]:
    """Let only the page itself and its script through; every other request fails as with no network."""
    blocked: list[str] = []

    def handle(route):
        url = route.request.url
        if f"/v/{payload}" in url and not url.endswith("status.json") or url.endswith("verify-link.js"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("internetdisconnected")

    page.route("**/*", handle)
    return blocked


def test_signature_checked_offline_status_not(new_page, payload, problems):
    number, token = payload
    page = new_page()
    page.on("console", lambda m: None)
    blocked = _offline(page, token)
    page.goto(f"/v/{token}")
    expect(page.locator("#signature-result")).to_have_attribute("data-state", "authentic")
    expect(page.locator("#signature-result")).to_contain_text("签名有效")
    expect(page.locator("[data-field=n]")).to_have_text(number)
    expect(page.locator("[data-field=h]")).to_have_text("孙*梅")
    expect(page.locator("#status-result")).to_have_attribute("data-state", "offline")
    expect(page.locator("#status-result")).to_contain_text("未能确认")
    expect(page.locator("#offline-check")).to_contain_text("离线无法确认")
    assert any(url.endswith("status.json") for url in blocked)
    problems.console.clear()  # the blocked requests are logged as errors by design


def test_tampered_link_fails_offline(new_page, payload, problems):
    _number, token = payload
    head, body, signature = token.split(".")
    position = len(body) // 2
    tampered_body = body[:position] + ("A" if body[position] != "A" else "B") + body[position + 1:]
    tampered = f"{head}.{tampered_body}.{signature}"
    page = new_page()
    _offline(page, tampered)
    page.goto(f"/v/{tampered}")
    expect(page.locator("#signature-result")).to_have_attribute("data-state", "forged")
    expect(page.locator("[data-field=n]")).to_be_hidden()
    problems.console.clear()


def test_online_status_follows_revocation(new_page, payload, problems):
    from jineng.accounts.models import Organisation, User
    from jineng.certificates.models import Certificate
    from jineng.certificates.services.status import certificate_revoke

    number, token = payload
    page = new_page()
    page.goto(f"/v/{token}")
    expect(page.locator("#signature-result")).to_have_attribute("data-state", "authentic")
    expect(page.locator("#status-result")).to_have_attribute("data-state", "valid")
    office = User.objects.create_user(username="office-v", password="x-Pass-2024!",
                                      organisation=Organisation.objects.get(kind="programme_office"))
    certificate_revoke(certificate=Certificate.objects.get(number=number), by=office, reason="冒名顶替")
    page.reload()
    expect(page.locator("#status-result")).to_have_attribute("data-state", "revoked")
    expect(page.locator("#status-result")).to_contain_text("冒名顶替")
    assert not problems.page
