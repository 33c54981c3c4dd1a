"""The module registry: apps declare nav entries, demo steps and API routes; the platform runs them."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import resolve, reverse
from rest_framework.routers import DefaultRouter

from jineng.core import modules
from jineng.core.modules import (
    MORE,
    ApiRoutes,
    DemoLogin,
    DemoStep,
    NavEntry,
    UnknownDemoStep,
    demo_plan,
)

README = Path(__file__).resolve().parents[3] / "README.md"


@pytest.fixture
def empty_registry(monkeypatch):
    """A registry of its own, so these tests neither see nor disturb what the apps registered."""
    import config.urls  # noqa: F401  (the API router is built from the apps' registrations, not from these)

    for name in ("_NAV", "_DEMO", "_API"):
        monkeypatch.setattr(modules, name, {})


def _step(name: str, order: int, *after: str) -> DemoStep:
    return DemoStep(name=name, run=lambda context: {name: context.year}, order=order, after=after)


def test_demo_steps_run_after_what_they_build_on_then_by_order(empty_registry) -> None:
    for step in (_step("late", 1, "base"), _step("base", 50), _step("other", 10), _step("last", 5, "late", "other")):
        modules.register_demo_step(step)

    plan = demo_plan()

    assert [step.name for step in plan.steps] == ["other", "base", "late", "last"]
    assert plan.skipped == []


def test_skipping_a_demo_step_skips_the_steps_that_build_on_it(empty_registry) -> None:
    for step in (_step("accounts", 1), _step("training", 2, "accounts"), _step("subsidies", 3, "training"),
                 _step("demand", 4, "accounts")):
        modules.register_demo_step(step)

    plan = demo_plan(skip=["training"])

    assert [step.name for step in plan.steps] == ["accounts", "demand"]
    assert plan.skipped == ["training", "subsidies"]


def test_only_keeps_the_named_steps_what_they_build_on_and_the_closing_steps_they_complete(empty_registry) -> None:
    for step in (_step("accounts", 1), _step("workplan", 2, "accounts"), _step("training", 3, "accounts"),
                 _step("subsidies", 4, "training")):
        modules.register_demo_step(step)
    modules.register_demo_step(DemoStep(name="figures", run=lambda context: {}, order=0, after=("workplan",),
                                        closing=True))
    modules.register_demo_step(DemoStep(name="payments", run=lambda context: {}, order=0, after=("subsidies",),
                                        closing=True))

    plan = demo_plan(only=["workplan"])

    assert [step.name for step in plan.steps] == ["accounts", "workplan", "figures"]
    assert plan.skipped == ["training", "subsidies", "payments"]
    with pytest.raises(UnknownDemoStep, match="nosuch"):
        demo_plan(only=["nosuch"])


def test_an_unknown_step_or_dependency_is_refused_by_name(empty_registry) -> None:
    modules.register_demo_step(_step("a", 1, "missing"))

    with pytest.raises(UnknownDemoStep, match="missing"):
        demo_plan()
    with pytest.raises(UnknownDemoStep, match="nosuch"):
        demo_plan(skip=["nosuch"])


def test_a_dependency_cycle_is_refused(empty_registry) -> None:
    modules.register_demo_step(_step("a", 1, "b"))
    modules.register_demo_step(_step("b", 2, "a"))

    with pytest.raises(UnknownDemoStep, match="循环依赖"):
        demo_plan()


def test_demo_logins_come_from_every_step_in_display_order(empty_registry) -> None:
    modules.register_demo_step(DemoStep("x", lambda c: {}, logins=(DemoLogin("b", "乙", 20), DemoLogin("a", "甲", 30))))
    modules.register_demo_step(DemoStep("y", lambda c: {}, logins=(DemoLogin("c", "丙", 10),)))

    assert [login.username for login in modules.demo_logins()] == ["c", "b", "a"]


def test_nav_shows_only_entries_whose_rule_lets_the_user_in_in_order_by_menu(empty_registry) -> None:
    modules.register_nav(
        NavEntry("b", "乙", "workplan:scorecard", lambda user: True, order=20),
        NavEntry("a", "甲", "workplan:desk", lambda user: True, order=10),
        NavEntry("hidden", "丙", "workplan:reports", lambda user: False, order=5),
        NavEntry("more", "丁", "api-docs", lambda user: True, order=1, menu=MORE),
    )
    user = SimpleNamespace(is_authenticated=True)

    nav = modules.nav_for(user, resolve(reverse("workplan:scorecard")))

    assert [(link.label, link.current) for link in nav["main"]] == [("甲", False), ("乙", True)]
    assert [link.label for link in nav[MORE]] == ["丁"]
    assert modules.nav_for(SimpleNamespace(is_authenticated=False)) == {"main": [], MORE: []}


def test_nav_entry_is_current_on_any_page_of_its_app_except_those_excluded() -> None:
    entry = NavEntry("t", "培训", "training:institutions", lambda user: True,
                     active_app="training", inactive_names=("apprentices",))

    assert entry.is_current(resolve(reverse("training:classes")))
    assert not entry.is_current(resolve(reverse("training:apprentices")))
    assert not entry.is_current(resolve(reverse("subsidies:claims")))
    assert not entry.is_current(None)


def test_api_routes_register_each_apps_viewsets_and_return_its_extra_urls(empty_registry) -> None:
    modules.register_api(ApiRoutes(app="subsidies", module="jineng.subsidies.api"))
    router = DefaultRouter()

    extra = modules.api_register_all(router)

    assert {prefix for prefix, _, _ in router.registry} >= {"subsidies/claims", "subsidies/payments"}
    assert [pattern.name for pattern in extra] == ["api-subsidy-quote"]


def test_every_app_with_an_api_registers_it_on_the_api_router() -> None:
    from config.api import router

    prefixes = {prefix for prefix, _, _ in router.registry}
    apps = {routes.app for routes in modules.api_routes()}

    assert apps >= {"occupations", "demand", "workplan", "training", "subsidies", "integrity"}
    assert {"organisations", "plans", "catalogues", "demand/reports", "training/classes", "subsidies/claims",
            "integrity/findings"} <= prefixes
    assert reverse("api-subsidy-quote") == "/api/v1/subsidies/quote/"


def _readme_logins() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [name for row in rows for name in re.findall(r"`([^`]+)`", row.split("|")[1])]


def test_the_registered_demo_logins_are_exactly_those_the_readme_lists() -> None:
    readme = _readme_logins()

    assert len(readme) == len(set(readme)) >= 19, readme
    assert sorted(login.username for login in modules.demo_logins()) == sorted(readme)


def test_every_registered_demo_step_runs_after_the_accounts_it_uses() -> None:
    plan = demo_plan()

    names = [step.name for step in plan.steps]
    assert names[0] == "accounts"
    assert set(names) >= {"workplan", "occupations", "demand", "forecasting", "training", "subsidies", "integrity"}
    assert names.index("training") < names.index("subsidies") < names.index("integrity")


def test_a_closing_step_runs_after_every_other_step(empty_registry) -> None:
    modules.register_demo_step(DemoStep("figures", lambda c: {}, order=1, closing=True))
    modules.register_demo_step(DemoStep("a", lambda c: {}, order=50))
    modules.register_demo_step(DemoStep("b", lambda c: {}, order=90, after=("a",)))

    assert [step.name for step in modules.demo_plan().steps] == ["a", "b", "figures"]
    assert [step.name for step in modules.demo_plan(skip=["a"]).steps] == ["figures"]


def test_apps_sharing_a_declared_api_prefix_mount_their_routes_under_it(empty_registry, monkeypatch) -> None:
    import sys

    from django.urls import path

    def view(request):  # pragma: no cover - never called
        return None

    for app, route in (("first", "courses/"), ("second", "nearby/")):
        module = SimpleNamespace(register=lambda router: None, extra_urls=[path(route, view, name=f"api-{app}")])
        monkeypatch.setitem(sys.modules, f"tests_api_{app}", module)
        modules.register_api(ApiRoutes(app=app, module=f"tests_api_{app}", prefix="portal"))

    extra = modules.api_register_all(DefaultRouter())

    routes = [str(pattern.pattern) + str(inner.pattern) for pattern in extra for inner in pattern.url_patterns]
    assert routes == ["portal/courses/", "portal/nearby/"]


def test_two_apps_declaring_the_same_api_route_is_a_configuration_error(empty_registry, monkeypatch) -> None:
    import sys

    from django.core.exceptions import ImproperlyConfigured
    from django.urls import path

    def view(request):  # pragma: no cover - never called
        return None

    for app in ("first", "second"):
        module = SimpleNamespace(register=lambda router: None, extra_urls=[path("courses/", view)])
        monkeypatch.setitem(sys.modules, f"tests_api_{app}", module)
        modules.register_api(ApiRoutes(app=app, module=f"tests_api_{app}", prefix="portal"))

    with pytest.raises(ImproperlyConfigured, match="portal/courses/"):
        modules.api_register_all(DefaultRouter())


def test_a_declared_prefix_is_written_in_front_of_the_apps_viewsets(empty_registry, monkeypatch) -> None:
    import sys

    from rest_framework import viewsets

    class Things(viewsets.ViewSet):
        def list(self, request):  # pragma: no cover - never called
            return None

    module = SimpleNamespace(register=lambda router: router.register("things", Things, basename="thing"))
    monkeypatch.setitem(sys.modules, "tests_api_things", module)
    modules.register_api(ApiRoutes(app="things", module="tests_api_things", prefix="portal"))
    router = DefaultRouter()

    modules.api_register_all(router)

    assert [prefix for prefix, _, _ in router.registry] == ["portal/things"]
