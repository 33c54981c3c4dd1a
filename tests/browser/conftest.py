"""A real Chromium against pytest-django's live server, and the small world the journeys walk through."""

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "Test-pass-2024!"
OFFICE = "市人力资源社会保障局高技能人才工作专班办公室"
RSJ = "市人力资源社会保障局"


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Chromium for one test module; Django's async-safety guard is lifted only while Playwright runs."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing; scripts/system_deps.sh installs Debian's chromium")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
    }
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an event loop running in this thread, so Django takes the test's own
        # (synchronous) ORM calls for async ones. Set here rather than at import, so that it cannot leak into
        # the rest of the session, e.g. into `manage.py check --deploy` run by another test.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            # With that loop running, asgiref keys Django's connections by context instead of thread, so this
            # thread now gets new connection objects: give them what the serialized rollback restores from.
            for alias, contents in serialized.items():
                if contents is not None:
                    connections[alias]._test_serialized_contents = contents
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@dataclass
class Problems:
    """Console errors and uncaught exceptions seen by every page of a test."""

    console: list[str]
    page: list[str]

    def watch(self, page) -> None:
        page.on(
            "console",
            lambda message: message.type == "error" and self.console.append(f"{page.url}: {message.text}"),
        )
        page.on("pageerror", lambda error: self.page.append(f"{page.url}: {error}"))


@pytest.fixture
def problems():
    return Problems(console=[], page=[])


@pytest.fixture
def new_page(browser, live_server, problems):
    """A page in a fresh browser context (no cookies), watched for errors; closed after the test."""
    contexts = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            viewport={"width": 1366, "height": 900},
            accept_downloads=True,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        problems.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def log_in(page, username: str, *, lands: str | re.Pattern[str] = "**/desk/**") -> None:
    """Through the real login form; a successful login lands where the role's work is (the desk by default)."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form.panel").get_by_role("button", name="登录").click()
    page.wait_for_url(lands)


def log_out(page) -> None:
    page.locator(".usermenu").get_by_role("button", name="退出").click()
    page.wait_for_url("**/accounts/login/**")


@pytest.fixture
def screenshots(tmp_path):
    folder = Path(os.environ.get("JINENG_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str) -> None:
        # From the top: a sticky table header scrolled past would otherwise be drawn over the table's last row.
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(folder / name), full_page=True)

    return shoot


@dataclass(frozen=True)
class World:
    office_id: int
    rsj_id: int


@pytest.fixture
def world(django_db_serialized_rollback, transactional_db):
    """The 2024 plan, the programme-office officer `office` and the 市人社局 liaison `rsj`.

    Serialized rollback brings back the organisations and districts the migrations load, which the
    flush after each transactional test would otherwise leave empty for the next one.
    """
    from conftest import PLAN_TXT
    from jineng.accounts.models import Organisation, User
    from jineng.workplan.services.plan_import import plan_import_file

    plan_import_file(path=PLAN_TXT, year=2024, by=None)
    ids = {}
    for username, organisation_name in (("office", OFFICE), ("rsj", RSJ)):
        organisation = Organisation.objects.get(name=organisation_name)
        User.objects.create_user(username=username, password=PASSWORD, organisation=organisation)
        ids[username] = organisation.pk
    return World(office_id=ids["office"], rsj_id=ids["rsj"])
