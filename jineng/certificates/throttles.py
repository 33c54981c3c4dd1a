"""Rate limits on public verification: per client (``core.client_address``) and per certificate number, so the
register cannot be mined by one client nor one certificate probed from many. Exceeding either answers 429 with a
Chinese sentence (``core.api_errors``; the page shows the same).

Both limits are fixed-window counters (``core.counters.hit``) in the ``counters`` cache: diskcache, SQLite files
under the platform's var directory that every process of the machine shares, so gunicorn's workers count one
client once, whichever answers it. A request costs one small SQLite transaction per limit whatever the rate, and
the counters expire with their window. (DRF's own throttles keep a list of every request's time in the file
cache and rewrite it whole per request; a counter per number there would be one file each.)
"""

import hashlib

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from jineng.certificates.engine.numbers import number_normalise
from jineng.core.client_address import client_address
from jineng.core.counters import hit

DEFAULT_CLIENT_RATE = "30/min"
DEFAULT_NUMBER_RATE = "10/min"
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _rate(setting: str, default: str) -> tuple[int, int]:
    """``"30/min"`` (DRF's spelling) or ``"30/m"``: (requests, seconds)."""
    count, _, period = str(getattr(settings, setting, default)).partition("/")
    return int(count), _PERIODS.get(period[:1].lower(), 60)


def _client_key(request) -> str:
    return client_address(request) or "unknown"


def _number_key(request) -> str:
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
        value = self.key(request)
        if not value:
            return True  # no number: the view answers 400 without looking anything up
        limit, period = _rate(self.setting, self.default)
        counted = hit(f"{self.group}:{value}", period)
        if counted is None:  # the counters did not answer in time: refuse rather than go uncounted
            self.time_left = 1
            return False
        if counted.count <= limit:
            return True
        self.time_left = counted.time_left
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
