"""One BLAS thread while a forecast runs.

The models work on tiny matrices, where OpenBLAS's thread pool costs far more than it saves: with the
cores busy, a statsmodels SARIMAX fit ran ~10× slower with the default thread count than with one, and
forecast_many already runs one process per core. So each forecast sets OpenBLAS (numpy's and scipy's
copies, as shipped in their wheels) to one thread and puts the previous count back afterwards.

The setting is process-wide while it lasts (`openblas_set_num_threads_local` returns the previous count
but does not confine the change to the calling thread), so other threads' BLAS calls run single-threaded
meanwhile; only speed is affected, never results. Where OpenBLAS is not found (another BLAS, not Linux)
this is a no-op.
"""

import ctypes
from contextlib import contextmanager
from functools import cache
from pathlib import Path


@contextmanager
def one_thread():
    import scipy.linalg  # noqa: F401 — loads scipy's own OpenBLAS, the one statsmodels' filters use

    setters = _local_setters()
    previous = [setter(1) for setter in setters]
    try:
        yield
    finally:
        for setter, count in zip(setters, previous, strict=True):
            setter(count)


@cache  # the loaded libraries never change once scipy is in; reading /proc/self/maps costs ~2 ms
def _local_setters() -> tuple:
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return ()
    paths = sorted({line.split()[-1] for line in maps.splitlines() if "openblas" in line.rsplit("/", 1)[-1]})
    setters = []
    for path in paths:
        try:
            setter = ctypes.CDLL(path).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.argtypes, setter.restype = [ctypes.c_int], ctypes.c_int
        setters.append(setter)
    return tuple(setters)
