"""Fixed-window hit counting (``core.counters``) in the machine-wide SQLite file and in a Django cache."""

import sqlite3
import threading

import pytest

from jineng.core import counters
from jineng.core.counters import Hit, hit_many

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          "counters-test": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "counters-test"}}


@pytest.fixture(params=["sqlite", "django"])
def store(request, settings, tmp_path):
    if request.param == "django":
        settings.CACHES = LOCMEM
        settings.JINENG_COUNTERS = {"CACHE": "counters-test"}
    else:
        settings.JINENG_COUNTERS = {"PATH": tmp_path / "counters.sqlite3", "TIMEOUT": 0.2}
    counters.reset()
    return request.param


def hit(key: str, period: int, *, now: float) -> Hit | None:
    counted = hit_many([(key, period)], now=now)
    return None if counted is None else counted[0]


def _counts(key: str, times: list[float], period: int = 60) -> list[tuple[int, int]]:
    return [(counted.count, counted.time_left) for counted in (hit(key, period, now=at) for at in times)]


def test_windows(store):
    # three hits in the window that starts at 1,200 s, then the next window starts again at one
    assert _counts("a", [1200.0, 1230.5, 1259.9, 1260.0]) == [(1, 60), (2, 30), (3, 1), (1, 60)]
    # another key counts apart
    assert _counts("b", [1201.0]) == [(1, 59)]


def test_keys_of_one_request_count_together_in_order(store):
    for _ in range(3):
        hit("client", 60, now=600.0)
    both = hit_many([("number", 60), ("client", 60)], now=610.0)
    assert [(one.count, one.time_left) for one in both] == [(1, 50), (4, 50)]
    # each key in its own period: an hour's window ends at 3,600 s
    hourly = hit_many([("client", 60), ("client-hourly", 3600)], now=610.0)
    assert [(one.count, one.time_left) for one in hourly] == [(5, 50), (1, 2990)]
    assert hit_many([], now=610.0) == []


def test_reset_forgets_every_count(store):
    hit("a", 60, now=600.0)
    counters.reset()
    assert hit("a", 60, now=600.0).count == 1


def test_ended_windows_are_deleted(settings, tmp_path, monkeypatch):
    settings.JINENG_COUNTERS = {"PATH": tmp_path / "counters.sqlite3", "TIMEOUT": 0.2}
    for second in range(0, 300, 60):
        hit(f"key-{second}", 60, now=float(second))
    monkeypatch.setattr(counters.random, "random", lambda: 0.0)  # this call cleans up
    hit("now", 60, now=300.0)
    rows = sqlite3.connect(tmp_path / "counters.sqlite3").execute("SELECT key FROM hits ORDER BY key").fetchall()
    # windows that ended more than the grace before 300 s are gone; the one that ended at 300 s is kept a while
    assert rows == [("key-240",), ("now",)]


def test_a_busy_file_answers_none(settings, tmp_path):
    settings.JINENG_COUNTERS = {"PATH": tmp_path / "counters.sqlite3", "TIMEOUT": 0.05}
    hit("a", 60, now=600.0)  # the file and its table exist
    holder = sqlite3.connect(tmp_path / "counters.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert hit("a", 60, now=600.0) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert hit("a", 60, now=600.0).count == 2


def test_threads_share_the_counts(settings, tmp_path):
    settings.JINENG_COUNTERS = {"PATH": tmp_path / "counters.sqlite3", "TIMEOUT": 5}
    hit("warm", 60, now=600.0)

    def count():
        for _ in range(50):
            hit("shared", 60, now=600.0)

    threads = [threading.Thread(target=count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert hit("shared", 60, now=600.0).count == 201
