"""The capability an API door needs, checked before its body is read (a default DRF permission class).

Kept apart from ``core.api``: DRF imports its default permission classes while ``rest_framework.views`` loads, so
this module imports nothing that imports the views.
"""

from django.utils.translation import gettext_lazy
from rest_framework import permissions

from jineng.core.capabilities import user_can


def capability_required(capability: str, message: str = ""):
    """Mark an API handler (a viewset action, or an APIView's ``post``): the user must hold ``capability``.

    ``CapabilityRequired`` (a default permission class) checks it before the handler runs — before the body is
    validated and before the record is looked up — so a role without it gets 403 (with ``message``), never 400
    for an empty body. The record-level part of the capability (this district's claim) stays the service's.
    """

    def mark(handler):
        handler.capability = capability
        handler.capability_message = message
        return handler

    return mark


def transition_required(workflow, name: str):
    """``capability_required`` for a door that takes a declared workflow transition: its capability and refusal."""
    transition = workflow[name]
    return capability_required(transition.capability, transition.refused)


class CapabilityRequired(permissions.BasePermission):
    """The capability the handler was marked with (``capability_required``), if any."""

    message = gettext_lazy("您的角色无权执行此操作")

    def has_permission(self, request, view) -> bool:
        name = getattr(view, "action", None) or request.method.lower()
        handler = getattr(view, name, None)
        capability = getattr(handler, "capability", None)
        if capability is None or user_can(request.user, capability):
            return True
        self.message = getattr(handler, "capability_message", "") or type(self).message
        return False
