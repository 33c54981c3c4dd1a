"""Rate limits on public verification: per client (``core.client_address``) and per certificate number, so the
register cannot be mined by one client nor one certificate probed from many. Exceeding either answers 429 with a
Chinese sentence (``core.api_errors``; the page shows the same).

The per-client counts live in the platform's shared cache, like every API throttle. The per-number counts live
in each web process's memory (a bounded LRU): one counter per number ever asked would otherwise become one file
of the file-based cache each, and that cache lists its whole directory on every write (measured: 31 against
239 requests/s). So with W web processes a number gets at most W times its rate; the per-client limit is exact.
"""

import hashlib

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.throttling import SimpleRateThrottle

from jineng.certificates.engine.numbers import number_normalise
from jineng.core.client_address import client_address

DEFAULT_CLIENT_RATE = "30/min"
DEFAULT_NUMBER_RATE = "10/min"


class VerifyClientThrottle(SimpleRateThrottle):
    scope = "certificate_verify_client"

    def get_rate(self):
        return getattr(settings, "JINENG_VERIFY_CLIENT_RATE", DEFAULT_CLIENT_RATE)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request) or "unknown"}


#: this process's per-number counters (about 100 bytes each; the least recently used go first)
NUMBER_COUNTS = LocMemCache("jineng-certificate-verify-numbers", {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 10})


class VerifyNumberThrottle(SimpleRateThrottle):
    scope = "certificate_verify_number"
    cache = NUMBER_COUNTS

    def get_rate(self):
        return getattr(settings, "JINENG_VERIFY_NUMBER_RATE", DEFAULT_NUMBER_RATE)

    def get_cache_key(self, request, view):
        params = getattr(request, "query_params", None) or request.GET
        number = number_normalise(str(params.get("number", ""))[:64])
        if not number:
            return None
        return self.cache_format % {"scope": self.scope, "ident": hashlib.sha256(number.encode()).hexdigest()[:32]}


def throttled_wait(request) -> float | None:
    """For pages: None when the request may go on, else the seconds to wait (every throttle counts the request)."""
    waits = []
    for throttle in (VerifyClientThrottle(), VerifyNumberThrottle()):
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait() or 1)
    return max(waits) if waits else None
