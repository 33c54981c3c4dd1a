"""What every module's views share: login, then a rule about the user (403 otherwise); query parameters."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy

FORBIDDEN = gettext_lazy("您的角色无权访问此页面")


def require(rule: Callable[..., bool], message: str = FORBIDDEN):
    """Decorate a view: the user must be logged in and ``rule(user)`` true; a failing rule is a 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def int_param(request, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    return int(value) if value.isdigit() else None
