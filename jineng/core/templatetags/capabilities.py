"""Templates ask capabilities, never roles: ``{% load capabilities %}``, then
``{% if user|can:"subsidies.review_claim" %}`` or, for one record, ``{% if user|can:"subsidies.review_claim"|on:claim %}``.
"""

from django import template

from jineng.core.capabilities import user_can

register = template.Library()


class _Asked:
    """``user|can:"x"`` used with ``|on:record``: the question waits for its record."""

    def __init__(self, user, capability: str):
        self.user, self.capability = user, capability

    def __bool__(self) -> bool:
        return user_can(self.user, self.capability)


@register.filter
def can(user, capability: str) -> _Asked:
    return _Asked(user, capability)


@register.filter
def on(asked: _Asked, record) -> bool:
    return user_can(asked.user, asked.capability, record)
