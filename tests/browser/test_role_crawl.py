"""Every demo login follows every link it is shown and none answers 403, 404 or 500.

The full demo is seeded once (as ``make run`` does), then each login the registry knows signs in through the
real form, and the crawl follows every same-site link of its landing page (the nav included, desktop and phone
menu), then the links of those pages, visiting at most a few URLs of each shape (``/desk/tasks/N/``) so that
the walk stays bounded. Downloads, the admin, the API and language switching are left out.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.browser

SKIP = re.compile(r"(/export|\.xlsx|\.docx|\.csv|\.pdf|/admin/|/api/v1/|/i18n/|/media/|/download|/template)")
PER_SHAPE = {1: 3, 2: 1}  # URLs of one shape followed on each level
MAX_PAGES = 40  # per login


@dataclass
class Crawl:
    username: str
    visited: dict[str, int] = field(default_factory=dict)
    broken: list[str] = field(default_factory=list)


@pytest.fixture
def demo(django_db_serialized_rollback, transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())
    from jineng.core.modules import demo_logins

    return [(login.username, login.sign_in) for login in demo_logins()]


def _links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]:not([download])", "nodes => nodes.map(n => n.href)")
    return _same_site(hrefs, page.url)


def _same_site(hrefs: list[str], base: str) -> list[str]:
    origin = urlsplit(base).netloc
    paths = []
    for href in hrefs:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("http", "https") or parts.netloc != origin:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not SKIP.search(path) and path not in paths:
            paths.append(path)
    return paths


def _shape(path: str) -> str:
    parts = urlsplit(path)
    keys = sorted(key.split("=")[0] for key in parts.query.split("&") if key)
    return re.sub(r"/\d+/", "/N/", parts.path) + "?" + "&".join(keys)


def _hrefs(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'<a\b(?![^>]*\bdownload\b)[^>]*\bhref="([^"#][^"]*)"', html)]


def _crawl(page, username: str, sign_in: str = "") -> Crawl:
    """Signs in through the platform's form, or for a login with its own ``sign_in`` page (a worker through the
    local identity provider) starting there: both forms have the same fields."""
    crawl = Crawl(username)
    page.goto(sign_in or "/accounts/login/")
    page.wait_for_selector("#id_username")
    form = page.url
    page.fill("#id_username", username)
    page.fill("#id_password", settings.JINENG_DEMO_PASSWORD)
    page.locator("form.panel").get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url and url != form and "/idp/" not in url)
    landing = urlsplit(page.url).path
    crawl.visited[landing] = 200
    first = _links(page)
    second: list[str] = []
    shapes: Counter[str] = Counter()
    for level, paths in ((1, first), (2, second)):
        for path in paths:
            if path in crawl.visited or len(crawl.visited) >= MAX_PAGES:
                continue
            shapes[_shape(path)] += 1
            if shapes[_shape(path)] > PER_SHAPE[level]:
                continue
            response = page.request.get(path)
            final = urlsplit(response.url).path
            crawl.visited[path] = response.status
            if response.status in (403, 404) or response.status >= 500 or final.startswith("/accounts/login/"):
                crawl.broken.append(f"{path} → {response.status} {final}")
            elif level == 1 and "text/html" in response.headers.get("content-type", ""):
                second.extend(p for p in _same_site(_hrefs(response.text()), response.url) if p not in second)
    return crawl


def test_no_demo_login_is_shown_a_link_it_cannot_open(demo, new_page, problems) -> None:
    crawls = []
    for username, sign_in in demo:
        crawls.append(_crawl(new_page(), username, sign_in))

    broken = {crawl.username: crawl.broken for crawl in crawls if crawl.broken}
    assert broken == {}
    assert len(crawls) == len(demo) >= 19
    thin = {crawl.username: len(crawl.visited) for crawl in crawls if len(crawl.visited) < 5}
    assert thin == {}, "every login should reach its landing page, its nav and what they link"
    assert problems.page == []
