"""Access checks shared by the subsidy pages: login first, then a rule about the user; failing it is a 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from jineng.core.exceptions import DomainError
from jineng.core.views import int_param, require  # noqa: F401  (the subsidy views import them from here)
from jineng.subsidies.services.common import NotAllowed


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
