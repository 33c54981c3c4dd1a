"""Fixed-window hit counting for rate limits on hot public reads (``hit_many``, ``reset``).

Where the counts live is the ``JINENG_COUNTERS`` setting:

- ``{"PATH": …, "TIMEOUT": seconds}`` (the default): one SQLite file under the platform's var directory that every
  process of the machine shares. A call counts all of a request's keys in one statement, one transaction::

      INSERT INTO hits (expires, key, count) VALUES (?, ?, 1), (?, ?, 1)
      ON CONFLICT (expires, key) DO UPDATE SET count = count + 1 RETURNING key, count

  A window is the key's row for the second its window ends, so the rows of ended windows are a range of the
  primary key; about one call in 256 deletes them in the same way. The file is written without fsync (a count
  lost to a power cut costs nothing: windows last a minute) and each thread keeps its connection open, as a
  database connection with ``CONN_MAX_AGE`` does.
- ``{"CACHE": alias}``: a Django cache shared by several machines (a cache server), counted through Django's
  cache API: ``add``, else ``incr``, per key.

Why not a general cache: on diskcache's Django backend the same two counts took an increment that failed for the
new key of every certificate number, an insertion that also culled expired entries, and an increment for the
client: three transactions and a third of a millisecond of a web worker's time under load, more than the
verification's own lookup (docs/certificates.md, "Where a verification's time goes"). Needs SQLite 3.35 or later
(``RETURNING``).
"""

import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

_GRACE = 5  # seconds a window's row outlives its window (clock steps between processes)
_PURGE_ONE_IN = 256
_SCHEMA = ("CREATE TABLE IF NOT EXISTS hits (expires INTEGER NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, "
           "PRIMARY KEY (expires, key)) WITHOUT ROWID")
_local = threading.local()


@dataclass(frozen=True)
class Hit:
    count: int  # requests counted in the current window, this one included
    time_left: int  # seconds until the window ends


def hit_many(keys: Sequence[tuple[str, int]], *, now: float | None = None) -> list[Hit] | None:
    """Count one request on each ``(key, period)`` in its current ``period``-second window, all together; the
    hits in the same order, or None when the counts could not be written in time (the caller decides whether
    to let the request through)."""
    if not keys:
        return []
    now = time.time() if now is None else now
    windows = [(key, int(now) - int(now) % period + period) for key, period in keys]  # (key, window end)
    config = settings.JINENG_COUNTERS
    if "CACHE" in config:
        counts = _django_counts(caches[config["CACHE"]], windows, now)
    else:
        counts = _sqlite_counts(config, windows, now)
    if counts is None:
        return None
    return [Hit(count=count, time_left=max(1, end - int(now))) for count, (_key, end) in zip(counts, windows,
                                                                                             strict=True)]


def reset() -> None:
    """Forget every count (after a change of limits; tests)."""
    config = settings.JINENG_COUNTERS
    if "CACHE" in config:
        caches[config["CACHE"]].clear()
    else:
        _connection(config).execute("DELETE FROM hits")


def _sqlite_counts(config: dict, windows: list[tuple[str, int]], now: float) -> list[int] | None:
    values = [value for key, end in windows for value in (end, key)]
    rows = ", ".join(["(?, ?, 1)"] * len(windows))  # placeholders only: the keys are parameters
    sql = (f"INSERT INTO hits (expires, key, count) VALUES {rows} "  # noqa: S608
           "ON CONFLICT (expires, key) DO UPDATE SET count = count + 1 RETURNING expires, key, count")
    try:
        connection = _connection(config)
        counted = {(end, key): count for end, key, count in connection.execute(sql, values).fetchall()}
        if random.random() * _PURGE_ONE_IN < 1:  # noqa: S311 (spreading the clean-up, not a secret)
            connection.execute("DELETE FROM hits WHERE expires < ?", [int(now) - _GRACE])
    except sqlite3.OperationalError as error:  # busy past the timeout, or the disk failed
        logger.warning("rate-limit counters not written: %s", error)
        return None
    return [counted[(end, key)] for key, end in windows]


def _connection(config: dict) -> sqlite3.Connection:
    """This thread's connection to the counters' file, opened (and the table made) on first use in a process."""
    path = str(config["PATH"])
    held = getattr(_local, "held", None)
    if held is not None and held[0] == (os.getpid(), path):
        return held[1]
    if sqlite3.sqlite_version_info < (3, 35):
        raise ImproperlyConfigured(f"JINENG_COUNTERS needs SQLite 3.35 or later (RETURNING); this is "
                                   f"{sqlite3.sqlite_version}. Set JINENG_COUNTERS to a Django cache instead.")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=float(config.get("TIMEOUT", 1.0)), isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute(_SCHEMA)
    _local.held = ((os.getpid(), path), connection)  # a forked child opens its own
    return connection


def _django_counts(backend, windows: list[tuple[str, int]], now: float) -> list[int] | None:
    counts = []
    for key, end in windows:
        count = _django_count(backend, f"{key}:{end}", end + _GRACE - now)
        if count is None:
            return None
        counts.append(count)
    return counts


def _django_count(backend, window_key: str, lifetime: float) -> int | None:
    for _attempt in range(2):
        if backend.add(window_key, 1, timeout=lifetime):
            return 1
        try:
            return backend.incr(window_key)
        except ValueError:  # expired between the two calls
            continue
    return None
