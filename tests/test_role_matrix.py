"""Every URL pattern (pages and API) × every role, generated from the URL configuration.

Each pattern must have a declared expectation in ``tests/role_matrix.py`` (a new URL without one fails the
suite). Path parameters are filled from ``role_matrix_world``: a record in the roles' scope, whose outcome is
declared, and one outside it (another district, organisation or institution), which every role that does not see the
whole city must get as 404. POST-only doors are called with an empty POST, inside a savepoint that is rolled back.
"""

import os

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.role_matrix import EXPECT
from tests.role_matrix_world import CITY_WIDE, PARAMETERS, ROLES, SEEN_WIDER, world_build

SKIPPED_NAMESPACES = {"admin"}  # Django's own admin: staff only, guarded by Django (admin:index is declared)
OUTCOMES = {"ok", "403", "404", "login"}


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if pattern.namespace and namespace:
                inner = f"{namespace}:{pattern.namespace}"
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def url_names() -> dict[str, list[str]]:
    """Every named pattern -> the names of its path parameters (format-suffix twins folded into one)."""
    names: dict[str, list[str]] = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if name.split(":")[0] in SKIPPED_NAMESPACES and name != "admin:index":
            continue
        params = [p for p in pattern.pattern.regex.groupindex if p != "format"]
        if name not in names or len(params) < len(names[name]):
            names[name] = params
    return names


def test_every_url_pattern_declares_what_each_role_gets():
    names = url_names()

    undeclared = sorted(set(names) - set(EXPECT))
    stale = sorted(set(EXPECT) - set(names))
    malformed = [name for name, row in EXPECT.items() if len(row.split()) != len(ROLES)
                 or not set(row.split()) <= OUTCOMES]

    assert (undeclared, stale, malformed) == ([], [], [])


def _resource(name: str) -> str:
    if ":" in name:
        return name.split(":")[0]
    resources = sorted({key for key, _ in PARAMETERS}, key=len, reverse=True)
    return next((r for r in resources if name.startswith(f"{r}-")), name)


def _arguments(name: str, params: list[str], world: dict):
    """(kwargs in scope, kwargs outside it or None when every parameter is public)."""
    inside, outside, any_scoped = {}, {}, False
    for param in params:
        in_value, out_value = PARAMETERS[(_resource(name), param)](world)
        inside[param] = in_value
        outside[param] = in_value if out_value is None else out_value
        any_scoped |= out_value is not None
    return inside, (outside if any_scoped else None)


def _outcome(response, *, api: bool, anonymous: bool) -> str:
    status = response.status_code
    if status >= 500:
        return f"error {status}"
    location = response.get("Location", "")
    if status == 401 or (status == 302 and "login" in location) or (api and anonymous and status == 403):
        return "login"
    if status in (403, 404):
        return str(status)
    return "ok"


def _call(client, url: str) -> object:
    with transaction.atomic():
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url, {})
        transaction.set_rollback(True)
    return response


def _expected_outside(inside: str, role: str, name: str, params: list[str]) -> set[str]:
    """A record outside the role's scope is 404; a door the role may not use at all may say 403 or 404."""
    if role in CITY_WIDE or any(role in SEEN_WIDER.get((_resource(name), p), ()) for p in params):
        return {inside}
    if inside == "ok":
        return {"404"}
    return {"403", "404"} if inside == "403" else {inside}


@pytest.mark.django_db
def test_every_role_gets_what_is_declared_for_every_url(plan, client):
    world = world_build(plan)
    client.raise_request_exception = False  # a 500 is recorded as a mismatch, not raised
    names = url_names()
    observed, mismatches = {}, []

    for role_index, role in enumerate(ROLES):
        for name, params in sorted(names.items()):
            client.logout()  # and log in again for every door: the logout door itself ends the session
            if world["users"][role] is not None:
                client.force_login(world["users"][role])
            api = name.startswith("api") or ":" not in name
            inside, outside = _arguments(name, params, world)
            got = _outcome(_call(client, reverse(name, kwargs=inside)), api=api, anonymous=role == "anonymous")
            observed.setdefault(name, [""] * len(ROLES))[role_index] = got
            wanted = EXPECT.get(name, "").split()[role_index:role_index + 1]
            if wanted and got != wanted[0]:
                mismatches.append(f"{name} {inside} as {role}: {got}, declared {wanted[0]}")
            if outside is not None and wanted:
                got_outside = _outcome(_call(client, reverse(name, kwargs=outside)), api=api,
                                       anonymous=role == "anonymous")
                expected = _expected_outside(wanted[0], role, name, params)
                if got_outside not in expected:
                    mismatches.append(f"{name} {outside} (out of scope) as {role}: {got_outside}, "
                                      f"expected {'/'.join(sorted(expected))}")

    if os.environ.get("ROLE_MATRIX_PRINT"):
        for name, row in sorted(observed.items()):
            print(f'    "{name}": "{" ".join(row)}",')
        for mismatch in mismatches:
            print("MISMATCH", mismatch)
    assert mismatches == []
