"""One function answers every "may this user …?": declared capabilities, record conditions, scopes, templates."""

from dataclasses import dataclass

import pytest
import rules
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template

from jineng.core import capabilities
from jineng.core.capabilities import capabilities_declare, on_record, scope_of, user_can
from jineng.core.models import District


@dataclass
class Someone:
    kind: str
    is_authenticated: bool = True


@dataclass
class Paper:
    owner: str


def _is_clerk(user) -> bool:
    return user.kind == "clerk"


def _owns(user, paper) -> bool:
    return paper.owner == user.kind


@pytest.fixture(autouse=True)
def _test_capabilities():
    capabilities_declare("probe", {
        "read": rules.predicate(_is_clerk),
        "sign": rules.predicate(_is_clerk) & on_record(_owns),
    })
    yield
    for name in ("probe.read", "probe.sign"):
        capabilities.CAPABILITIES.remove_rule(name)


def test_a_declared_capability_is_held_by_the_roles_named():
    assert user_can(Someone("clerk"), "probe.read")
    assert not user_can(Someone("visitor"), "probe.read")


def test_an_anonymous_visitor_holds_no_capability():
    assert not user_can(Someone("clerk", is_authenticated=False), "probe.read")


def test_a_record_condition_holds_in_general_and_is_checked_on_a_record():
    clerk = Someone("clerk")

    assert user_can(clerk, "probe.sign")
    assert user_can(clerk, "probe.sign", Paper(owner="clerk"))
    assert not user_can(clerk, "probe.sign", Paper(owner="someone else"))


def test_an_unknown_capability_is_a_programming_error_not_a_silent_no():
    with pytest.raises(ImproperlyConfigured, match="probe.raed"):
        user_can(Someone("clerk"), "probe.raed")


def test_a_capability_cannot_be_declared_twice():
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        capabilities_declare("probe", {"read": rules.always_true})


def test_a_model_without_a_declared_scope_cannot_be_listed_for_a_user():
    with pytest.raises(ImproperlyConfigured, match="core.District"):
        scope_of(District, Someone("clerk"))


def test_templates_ask_capabilities_with_the_can_filter():
    template = Template('{% load capabilities %}{% if user|can:"probe.read" %}read{% endif %}'
                        '{% if user|can:"probe.sign"|on:paper %} sign{% endif %}')

    own = template.render(Context({"user": Someone("clerk"), "paper": Paper(owner="clerk")}))
    other = template.render(Context({"user": Someone("clerk"), "paper": Paper(owner="x")}))
    visitor = template.render(Context({"user": Someone("visitor"), "paper": Paper(owner="visitor")}))

    assert (own, other, visitor) == ("read sign", "read", "")


def test_every_installed_app_declares_its_capabilities_at_start_up():
    names = capabilities.capability_names()

    for app in ("accounts", "occupations", "demand", "training", "subsidies", "integrity"):
        assert any(name.startswith(f"{app}.") for name in names), app
