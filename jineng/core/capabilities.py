"""Capabilities and scoping as data, checked by one function.

Each app declares its capabilities in its ``permissions`` module (discovered when the project starts)::

    capabilities_declare("subsidies", {
        "review_claim": held_by(OFFICE) | (held_by(DISTRICT) & on_record(claim_in_reviewer_district)),
    })

and one scoping function per model::

    scope_declare(Claim, claim_scope)          # claim_scope(user) -> Q

Everything else asks: ``user_can(user, "subsidies.review_claim")`` (may this user review claims at all — nav, page
guards, templates with ``user|can:"subsidies.review_claim"``), ``user_can(user, "subsidies.review_claim", claim)``
(this claim), and ``Claim.objects.visible_to(user)`` (the claims this user may see; everything else is 404).

The rule engine is django-rules (``rules.RuleSet`` of composable predicates); see docs/decisions/0006-capabilities.md.
``core`` knows no roles: ``accounts`` supplies the role predicates (``held_by``), the apps the record predicates.
"""

from collections.abc import Callable, Mapping

import rules
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q

CAPABILITIES = rules.RuleSet()
NOTHING = Q(pk__in=[])

_SCOPES: dict[type[models.Model], Callable[..., Q]] = {}


def capabilities_declare(app_label: str, table: Mapping[str, rules.Predicate]) -> None:
    """Declare ``<app_label>.<name>`` for each entry; declaring the same name twice is a configuration error."""
    for name, rule in table.items():
        full_name = f"{app_label}.{name}"
        if full_name in CAPABILITIES:
            raise ImproperlyConfigured(f"capability {full_name} declared twice")
        CAPABILITIES.add_rule(full_name, rule)


def capability_names() -> list[str]:
    return sorted(CAPABILITIES)


def user_can(user, capability: str, record=None) -> bool:
    """May ``user`` do ``capability`` (on ``record``, when given)? An unknown name is a programming error."""
    if capability not in CAPABILITIES:
        raise ImproperlyConfigured(f"unknown capability {capability!r} (declared: {', '.join(capability_names())})")
    if not getattr(user, "is_authenticated", False):
        return False
    return CAPABILITIES.test_rule(capability, user, record)


def can(capability: str) -> Callable[..., bool]:
    """The rule "the user holds this capability", for ``core.views.require``."""
    return lambda user: user_can(user, capability)


@rules.predicate
def no_record(user, record) -> bool:
    return record is None


def on_record(predicate: Callable[..., bool]) -> rules.Predicate:
    """A record condition that holds when no record is asked about (the capability in general)."""
    return no_record | rules.predicate(predicate)


# Scoping ---------------------------------------------------------------------------------------------------------


def scope_declare(model: type[models.Model], scope: Callable[..., Q]) -> None:
    """``scope(user) -> Q``: the rows of ``model`` that ``user`` may see. One per model."""
    if model in _SCOPES and _SCOPES[model] is not scope:
        raise ImproperlyConfigured(f"{model.__name__} has two scoping functions")
    _SCOPES[model] = scope


def scoped_models() -> list[type[models.Model]]:
    return sorted(_SCOPES, key=lambda model: model._meta.label)


def scope_of(model: type[models.Model], user) -> Q:
    try:
        scope = _SCOPES[model]
    except KeyError as exc:
        raise ImproperlyConfigured(f"{model._meta.label} declares no scoping function (scope_declare)") from exc
    return scope(user)  # anonymous visitors too: public records (published catalogues) have a scope for them


class VisibleQuerySet(models.QuerySet):
    """``Model.objects.visible_to(user)``: the one way to ask which rows a user may see."""

    def visible_to(self, user):
        return self.filter(scope_of(self.model, user))

    def get_visible(self, user, pk, message: str = ""):
        """The row, or ``Http404`` — "missing" and "out of your scope" look the same."""
        from django.http import Http404
        from django.utils.translation import gettext

        try:
            return self.visible_to(user).get(pk=int(pk))
        except (self.model.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
            raise Http404(message or gettext("记录不存在，或您无权查看")) from exc


def autodiscover() -> None:
    """Import every installed app's ``permissions`` module, where it declares capabilities and scopes."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("permissions")
