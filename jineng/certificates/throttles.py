"""Rate limits on public verification: per client (``core.client_address``) and per certificate number, so the
register cannot be mined by one client nor one certificate probed from many. Exceeding either answers 429 with a
Chinese sentence (``core.api_errors``; the page shows the same).

Both limits are fixed-window counters kept by django-ratelimit (``get_usage``: one atomic add-or-increment per
limit and request) in the ``counters`` cache: diskcache, a SQLite file under the platform's var directory that
every process of the machine shares (gunicorn's workers count one client once, whichever answers it). DRF's own
throttles keep a list of every request's time in the file cache and rewrite it whole per request, an O(rate)
pickle + compress + file rename per request, and a counter per number would be one file each (that cache lists
its whole directory on every write); here a request costs two small SQLite transactions whatever the rate, and
the counters expire with their window.
"""

import hashlib

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle

from jineng.certificates.engine.numbers import number_normalise
from jineng.core.client_address import client_address

DEFAULT_CLIENT_RATE = "30/m"
DEFAULT_NUMBER_RATE = "10/m"


def _rate(setting: str, default: str) -> str:
    # "30/min" (DRF's spelling, the settings' historic one) reads as django-ratelimit's "30/m"
    rate = str(getattr(settings, setting, default))
    count, _, period = rate.partition("/")
    return f"{count}/{period[:1] or 'm'}"


def _client_key(group, request) -> str:
    return client_address(request) or "unknown"


def _number_key(group, request) -> str:
    params = getattr(request, "query_params", None) or request.GET
    number = number_normalise(str(params.get("number", ""))[:64])
    return hashlib.sha256(number.encode()).hexdigest()[:32] if number else ""


class _VerifyThrottle(BaseThrottle):
    group = ""
    setting = ""
    default = ""
    key = staticmethod(_client_key)

    def __init__(self):
        self.time_left = None

    def allow_request(self, request, view):
        value = self.key(self.group, request)
        if not value:
            return True  # no number: the view answers 400 without looking anything up
        usage = get_usage(request, group=self.group, key=lambda _group, _request: value,
                          rate=_rate(self.setting, self.default), increment=True)
        if usage is None or not usage["should_limit"]:
            return True
        self.time_left = max(1, usage["time_left"])
        return False

    def wait(self):
        return self.time_left


class VerifyClientThrottle(_VerifyThrottle):
    group = "certificate-verify-client"
    setting = "JINENG_VERIFY_CLIENT_RATE"
    default = DEFAULT_CLIENT_RATE
    key = staticmethod(_client_key)


class VerifyNumberThrottle(_VerifyThrottle):
    group = "certificate-verify-number"
    setting = "JINENG_VERIFY_NUMBER_RATE"
    default = DEFAULT_NUMBER_RATE
    key = staticmethod(_number_key)


def throttled_wait(request) -> float | None:
    """For pages: None when the request may go on, else the seconds to wait (every limit counts the request)."""
    waits = []
    for throttle in (VerifyClientThrottle(), VerifyNumberThrottle()):
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait() or 1)
    return max(waits) if waits else None
