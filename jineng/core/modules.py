"""What each app plugs into the platform: its nav entries, its demo step and logins, its API routes.

Apps declare these in ``AppConfig.ready`` (as they register metrics in ``core.metrics``), usually through a
``plugin.py`` of their own. The platform renders the nav (``templates/base.html``), runs ``seed_demo``, prints
the demo logins (``demo_banner``) and builds ``/api/v1/`` from what was declared, so adding an app edits no
other app's files and no shared template. Registering the same key again replaces the entry (``ready`` may run
more than once in tests).
"""

import heapq
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any

Rule = Callable[[Any], bool]  # (user) -> may this user open the page?

# ---------------------------------------------------------------- navigation

MAIN = "main"  # the top bar
MORE = "more"  # the "更多" menu


@dataclass(frozen=True)
class NavEntry:
    """One link of the main navigation.

    ``visible`` is the same rule the page's view checks, so nobody is shown a link that answers 403.
    The entry is current when the resolved URL is its own page, or, with ``active_app`` / ``active_names``,
    any page of that app namespace and/or with one of those URL names, except ``inactive_names``.
    """

    key: str
    label: str  # gettext_lazy, Chinese source
    url_name: str  # "namespace:name", reversed without arguments
    visible: Rule
    order: int = 100
    menu: str = MAIN
    active_app: str = ""
    active_names: tuple[str, ...] = ()
    inactive_names: tuple[str, ...] = ()

    def is_current(self, match) -> bool:
        if match is None:
            return False
        if not (self.active_app or self.active_names):
            return match.view_name == self.url_name
        return (
            (not self.active_app or match.app_name == self.active_app)
            and (not self.active_names or match.url_name in self.active_names)
            and match.url_name not in self.inactive_names
        )


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    current: bool


def signed_in(user) -> bool:
    """The rule of pages every signed-in user may open."""
    return getattr(user, "is_authenticated", False)


_NAV: dict[str, NavEntry] = {}


def register_nav(*entries: NavEntry) -> None:
    for entry in entries:
        _NAV[entry.key] = entry


def unregister_nav(key: str) -> None:
    _NAV.pop(key, None)


def nav_entries() -> list[NavEntry]:
    return sorted(_NAV.values(), key=lambda entry: (entry.order, entry.key))


MAIN_LIMIT = 10  # links on the main bar; the rest (by ``order``) lead the "more" menu


def nav_for(user, match=None) -> dict[str, list[NavLink]]:
    """The links this user may open, by menu, in order; ``match`` (the request's resolver match) marks the current one."""
    menus: dict[str, list[NavLink]] = {MAIN: [], MORE: []}
    if not getattr(user, "is_authenticated", False):
        return menus
    for entry in nav_entries():
        if entry.visible(user):
            link = NavLink(label=entry.label, url_name=entry.url_name, current=entry.is_current(match))
            menus.setdefault(entry.menu, []).append(link)
    # One row on a desktop screen in either language: what does not fit opens from "more", first in its list.
    if len(menus[MAIN]) > MAIN_LIMIT:
        menus[MORE] = menus[MAIN][MAIN_LIMIT:] + menus[MORE]
        menus[MAIN] = menus[MAIN][:MAIN_LIMIT]
    return menus


# ---------------------------------------------------------------- demo data


@dataclass(frozen=True)
class DemoLogin:
    """A demo account a step creates, with what a newcomer can do with it (shown by ``demo_banner``)."""

    username: str
    role: str  # Chinese, for the command line's banner (like the other commands' output)
    order: int = 100
    #: where this login signs in when not through the platform's own form (e.g. an identity provider's page)
    sign_in: str = ""


@dataclass(frozen=True)
class DemoContext:
    year: int
    reset: bool = False


@dataclass(frozen=True)
class DemoStep:
    """One app's part of the demo: ``run`` is idempotent and returns labelled counts for the summary."""

    name: str
    run: Callable[[DemoContext], Mapping[str, object]]
    order: int = 100
    after: tuple[str, ...] = ()  # names of the steps whose data this one builds on
    logins: tuple[DemoLogin, ...] = ()
    description: str = ""
    #: runs after every step that is not closing (e.g. figures computed from all the modules' records)
    closing: bool = False


class UnknownDemoStep(ValueError):
    pass


_DEMO: dict[str, DemoStep] = {}


def register_demo_step(step: DemoStep) -> DemoStep:
    _DEMO[step.name] = step
    return step


def unregister_demo_step(name: str) -> None:
    _DEMO.pop(name, None)


def demo_steps() -> list[DemoStep]:
    return list(_DEMO.values())


@dataclass(frozen=True)
class DemoPlan:
    steps: list[DemoStep]
    skipped: list[str]  # the steps left out, those asked for and those that build on them


def demo_plan(*, skip: Iterable[str] = (), only: Iterable[str] = ()) -> DemoPlan:
    """The steps in an order that runs every step after those it builds on (ties by ``order``, then name).

    Leaving out a step leaves out the steps that build on it. ``only`` keeps the named steps, the steps they
    build on, and the closing steps whose own steps are kept; every other step is left out.
    """
    skip, only = set(skip), set(only)
    unknown = sorted((skip | only) - _DEMO.keys()) + sorted(
        {dep for step in _DEMO.values() for dep in step.after} - _DEMO.keys()
    )
    if unknown:
        raise UnknownDemoStep(", ".join(unknown))
    if only:
        kept = _with_dependencies(only)
        kept |= {step.name for step in _DEMO.values() if step.closing and kept.issuperset(step.after)}
        skip |= _DEMO.keys() - kept
    ordered = _topological(list(_DEMO.values()))
    skipped: set[str] = set()
    for step in ordered:
        if step.name in skip or skipped.intersection(step.after):
            skipped.add(step.name)
    return DemoPlan(
        steps=[step for step in ordered if step.name not in skipped],
        skipped=[step.name for step in ordered if step.name in skipped],
    )


def _with_dependencies(names: set[str]) -> set[str]:
    kept: set[str] = set()
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name not in kept:
            kept.add(name)
            waiting.extend(_DEMO[name].after)
    return kept


def _topological(steps: list[DemoStep]) -> list[DemoStep]:
    by_name = {step.name: step for step in steps}
    opening = {step.name for step in steps if not step.closing}
    waiting = {step.name: set(step.after) | (opening if step.closing else set()) for step in steps}
    ready = [(step.order, step.name) for step in steps if not waiting[step.name]]
    heapq.heapify(ready)
    ordered: list[DemoStep] = []
    while ready:
        _, name = heapq.heappop(ready)
        ordered.append(by_name[name])
        for other, deps in waiting.items():
            if name in deps:
                deps.discard(name)
                if not deps:
                    heapq.heappush(ready, (by_name[other].order, other))
    if len(ordered) != len(steps):
        cycle = sorted(set(by_name) - {step.name for step in ordered})
        raise UnknownDemoStep(f"循环依赖：{', '.join(cycle)}")
    return ordered


def demo_logins() -> list[DemoLogin]:
    """Every demo login any step creates, in display order."""
    logins = {login.username: login for step in _DEMO.values() for login in step.logins}
    return sorted(logins.values(), key=lambda login: (login.order, login.username))


# ---------------------------------------------------------------- API routes


@dataclass(frozen=True)
class ApiRoutes:
    """An app's part of ``/api/v1/``: ``module`` has ``register(router)`` and may have ``extra_urls``.

    Without ``prefix`` the module writes whole paths (``"training/classes"``). With ``prefix`` (``"portal"``) its
    routes and extra URLs are mounted under ``/api/v1/<prefix>/`` and written relative to it, so an app may serve
    a section it does not name after itself, and several apps may share one prefix; two apps declaring the same
    route is a configuration error (``api_register_all``), never a silent override.
    """

    app: str
    module: str  # dotted path, imported when the URL configuration is built
    prefix: str = ""


_API: dict[str, ApiRoutes] = {}


def register_api(routes: ApiRoutes) -> ApiRoutes:
    _API[routes.app] = routes
    return routes


def unregister_api(app: str) -> None:
    _API.pop(app, None)


def api_routes() -> list[ApiRoutes]:
    return list(_API.values())


class _PrefixedRouter:
    """What an app with a declared prefix registers on: the shared router, each prefix written in front."""

    def __init__(self, router, prefix: str) -> None:
        self._router, self._prefix = router, prefix.strip("/")

    def register(self, prefix: str, viewset, basename: str | None = None) -> None:
        self._router.register(f"{self._prefix}/{prefix.strip('/')}", viewset, basename=basename)


def api_register_all(router) -> list:
    """Register every app's viewsets on the router; return their extra URL patterns (literal ones go before the router's, config/api.py).

    Raises ``ImproperlyConfigured`` when two apps declare the same route (same path under ``/api/v1/``).
    """
    from django.core.exceptions import ImproperlyConfigured
    from django.urls import include, path

    extra: list = []
    owners: dict[str, str] = {}

    def claim(route: str, app: str) -> None:
        if owners.setdefault(route, app) != app:
            raise ImproperlyConfigured(f"API route {route!r} declared by both {owners[route]} and {app}")

    for routes in api_routes():
        module = import_module(routes.module)
        before = len(router.registry)
        prefix = routes.prefix.strip("/")
        module.register(_PrefixedRouter(router, prefix) if prefix else router)
        for route, _viewset, _basename in router.registry[before:]:
            claim(route.strip("/") + "/", routes.app)
        patterns = list(getattr(module, "extra_urls", []))
        for pattern in patterns:
            claim((f"{prefix}/" if prefix else "") + str(pattern.pattern), routes.app)
        if prefix and patterns:
            extra.append(path(f"{prefix}/", include(patterns)))
        else:
            extra.extend(patterns)
    return extra
