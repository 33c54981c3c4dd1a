from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.capabilities import user_can
from jineng.core.exceptions import InvalidState, NotAllowed

CREATED = gettext_noop("新建")
CHANGED = gettext_noop("修改")


def today():
    return timezone.localdate()


def require_capability(user, capability: str, record=None, message: str = "") -> None:
    if not user_can(user, capability, record):
        raise NotAllowed(message or _("您无权办理此事项"))


def require_state(obj, states, message: str) -> None:
    if obj.state not in states:
        raise InvalidState(message)
