"""Access checks shared by the subsidy pages (login, then a rule about the user; 403 otherwise); local time."""

from django.utils import timezone

from jineng.core.views import attempt, int_param, require  # noqa: F401  (the subsidy views import them from here)


def local(moment):
    """Spreadsheets hold no time zone: write the Shanghai wall-clock time."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None
