"""The ``counters`` cache and fixed-window hit counting on it, for rate limits on hot public reads.

The cache is diskcache's Django backend: one SQLite file per shard under the platform's var directory, shared by
every process of the machine, with atomic increments and expiring entries. ``hit`` counts one request against a
limit: the key of the current window (``key:window start``) is incremented, or created with the window's
lifetime, in one SQLite transaction when it already exists (the usual case for a busy client) and two when it is
new. It talks to diskcache directly: through Django's cache API and django-ratelimit's ``get_usage`` the same
count took an add and an increment for every key plus their key hashing, twice the time of the busiest public
read's own lookup (docs/certificates.md, "Where a verification's time goes").

Django closes every cache when a request finishes; closing diskcache's SQLite connections makes the next request
reopen them and checkpoint the write-ahead log each time (measured: about 20 ms a request). The connections are
per thread and stay open here, as a database connection with ``CONN_MAX_AGE`` does.
"""

import time
from dataclasses import dataclass

from diskcache import DjangoCache
from django.core.cache import caches

CACHE = "counters"
_GRACE = 5  # seconds a window's key outlives its window (clock steps between processes)


class CountersCache(DjangoCache):
    def close(self, **kwargs):
        """Keep the connections open between requests (see the module's note)."""


@dataclass(frozen=True)
class Hit:
    count: int  # requests counted in the current window, this one included
    time_left: int  # seconds until the window ends


def hit(key: str, period: int, *, now: float | None = None) -> Hit | None:
    """Count one request on ``key`` in the current ``period``-second window; None when the cache did not answer
    within its timeout (the caller decides whether to let the request through).

    With the ``counters`` cache on another Django backend (a cache server shared by several machines), the same
    count through Django's cache API: ``add``, else ``incr``."""
    now = time.time() if now is None else now
    start = int(now) - int(now) % period
    window_key = f"{key}:{start}"
    lifetime = start + period + _GRACE - now
    backend = caches[CACHE]
    count = _diskcache_count(backend, window_key, lifetime) if isinstance(backend, CountersCache) else \
        _django_count(backend, window_key, lifetime)
    return None if count is None else Hit(count=count, time_left=max(1, start + period - int(now)))


def _diskcache_count(backend: CountersCache, window_key: str, lifetime: float) -> int | None:
    shards = backend._cache  # diskcache's FanoutCache behind the Django backend
    for _attempt in range(2):
        try:
            return shards.incr(window_key, default=None)  # None: the shard timed out
        except KeyError:  # first request of the window: create it, unless another process just did
            if shards.add(window_key, 1, expire=lifetime):
                return 1
    return None


def _django_count(backend, window_key: str, lifetime: float) -> int | None:
    for _attempt in range(2):
        if backend.add(window_key, 1, timeout=lifetime):
            return 1
        try:
            return backend.incr(window_key)
        except ValueError:  # expired between the two calls
            continue
    return None
