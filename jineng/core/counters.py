"""The ``counters`` cache: diskcache's Django backend (one SQLite file per shard, shared by every process of the
machine, atomic increments, expiring entries) for rate-limit counters on hot public reads.

Django closes every cache when a request finishes; closing diskcache's SQLite connections makes the next request
reopen them and checkpoint the write-ahead log each time (measured: about 20 ms a request). The connections are
per thread and stay open here, as a database connection with ``CONN_MAX_AGE`` does.
"""

from diskcache import DjangoCache


class CountersCache(DjangoCache):
    def close(self, **kwargs):
        """Keep the connections open between requests (see the module's note)."""
