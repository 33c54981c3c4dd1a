"""Access checks shared by the subsidy pages: login first, then a rule about the user; failing it is a 403."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from jineng.core.exceptions import DomainError
from jineng.subsidies.services.common import NotAllowed


def require(rule, message: str = "您的角色无权访问此页面"):
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


def run(request, call, success: str = "") -> bool:
    """One domain call; its refusal becomes a message (or 403 when the right is missing)."""
    try:
        call()
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except DomainError as exc:
        messages.error(request, str(exc))
        return False
    if success:
        messages.success(request, success)
    return True


def local(moment):
    """Spreadsheets hold no time zone: write the Shanghai wall-clock time."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None
