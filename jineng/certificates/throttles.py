"""Rate limits on public verification: per client (``core.client_address``) and per certificate number, so the
register cannot be mined by one client nor one certificate probed from many. Exceeding either answers 429 with a
Chinese sentence (``core.api_errors``; the page shows the same).

Both limits are fixed-window counters (``core.counters``) that every process of the machine shares, so gunicorn's
workers count one client once, whichever answers it; a request counts on both in one write, whatever the rate,
and the counts expire with their window. (DRF's own throttles keep a list of every request's time in the file
cache and rewrite it whole per request; a counter per number there would be one file each.)
"""

import hashlib

from django.conf import settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from jineng.certificates.engine.numbers import number_normalise
from jineng.core.client_address import client_address
from jineng.core.counters import hit_many

DEFAULT_CLIENT_RATE = "30/min"
DEFAULT_NUMBER_RATE = "10/min"


def _rate(setting: str, default: str) -> tuple[int, int]:
    """``"30/min"`` in DRF's spelling: (requests, seconds), read by DRF's own parser (it uses no instance state)."""
    return SimpleRateThrottle.parse_rate(None, str(getattr(settings, setting, default)))


def _client_key(request) -> str:
    return client_address(request) or "unknown"


def _number_key(request) -> str:
    params = getattr(request, "query_params", None) or request.GET
    number = number_normalise(str(params.get("number", ""))[:64])
    return hashlib.sha256(number.encode()).hexdigest()[:32] if number else ""


class VerifyThrottle(BaseThrottle):
    """Both limits: the client's always, the number's when the request names one (without one the view answers
    400 before looking anything up)."""

    def __init__(self):
        self.time_left = None

    def allow_request(self, request, view):
        limits = [(f"certificate-verify-client:{_client_key(request)}",
                   *_rate("JINENG_VERIFY_CLIENT_RATE", DEFAULT_CLIENT_RATE))]
        if number := _number_key(request):
            limits.append((f"certificate-verify-number:{number}",
                           *_rate("JINENG_VERIFY_NUMBER_RATE", DEFAULT_NUMBER_RATE)))
        counted = hit_many([(key, period) for key, _limit, period in limits])
        if counted is None:  # the counters did not answer in time: refuse rather than go uncounted
            self.time_left = 1
            return False
        waits = [hit.time_left for hit, (_key, limit, _period) in zip(counted, limits, strict=True)
                 if hit.count > limit]
        if not waits:
            return True
        self.time_left = max(waits)
        return False

    def wait(self):
        return self.time_left


def throttled_wait(request) -> float | None:
    """For pages: None when the request may go on, else the seconds to wait (every limit counts the request)."""
    throttle = VerifyThrottle()
    return None if throttle.allow_request(request, None) else throttle.wait() or 1
