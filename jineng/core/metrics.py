"""Registry of metrics that modules compute from their own records.

An indicator on the supervision desk can be bound to a metric by key. Modules register their metrics in
``AppConfig.ready``. A metric computes the city value and every district's value in one pass (set-based),
so the desk never runs one query per district.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class MetricValue:
    city: Decimal
    by_district: dict[str, Decimal] = field(default_factory=dict)  # district code -> value


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    compute: Callable[[int, int], MetricValue]  # (year, month) -> cumulative value up to the end of month
    module: str = ""


_REGISTRY: dict[str, Metric] = {}


class UnknownMetric(KeyError):
    pass


def register_metric(metric: Metric) -> Metric:
    _REGISTRY[metric.key] = metric
    return metric


def unregister_metric(key: str) -> None:
    _REGISTRY.pop(key, None)


def get_metric(key: str) -> Metric:
    try:
        return _REGISTRY[key]
    except KeyError as exc:
        raise UnknownMetric(key) from exc


def metric_list() -> list[Metric]:
    return sorted(_REGISTRY.values(), key=lambda metric: metric.key)


def metric_compute(key: str, *, year: int, month: int) -> MetricValue:
    return get_metric(key).compute(year, month)
