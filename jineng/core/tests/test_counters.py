"""Fixed-window hit counting (``core.counters.hit``) on the machine-wide diskcache and on another Django cache."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from jineng.core.counters import CACHE, hit

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          CACHE: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "counters-test"}}


def _counts(key: str, times: list[float], period: int = 60) -> list[tuple[int, int]]:
    return [(counted.count, counted.time_left) for counted in (hit(key, period, now=at) for at in times)]


def _window_behaviour(prefix: str) -> None:
    # three hits in the window that starts at 1,200 s, then the next window starts again at one
    assert _counts(f"{prefix}:a", [1200.0, 1230.5, 1259.9, 1260.0]) == [(1, 60), (2, 30), (3, 1), (1, 60)]
    # another key counts apart
    assert _counts(f"{prefix}:b", [1201.0]) == [(1, 59)]


def test_hits_on_the_diskcache_counters():
    caches[CACHE].clear()
    _window_behaviour("disk")


@override_settings(CACHES=LOCMEM)
def test_hits_on_another_django_cache():
    caches[CACHE].clear()
    _window_behaviour("django")


@pytest.mark.parametrize("backend", ["disk", "django"])
def test_two_keys_in_the_same_window_share_nothing(backend, settings):
    if backend == "django":
        settings.CACHES = LOCMEM
    caches[CACHE].clear()
    for _ in range(3):
        hit("client", 60, now=600.0)
    assert hit("client", 60, now=600.0).count == 4
    assert hit("number", 60, now=600.0).count == 1
