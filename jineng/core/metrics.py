"""Registry of metrics that modules compute from their own records.

An indicator on the supervision desk can be bound to a metric by key. Modules register their metrics in
``AppConfig.ready``. A metric computes the city value and every district's value in one pass (set-based),
so the desk never runs one query per district.

A metric may declare the plan target it computes (``PlanTarget``: the target's unit and keywords that its label
contains), so that importing a plan binds each computable indicator to its metric without anyone typing keys.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class MetricValue:
    city: Decimal
    by_district: dict[str, Decimal] = field(default_factory=dict)  # district code -> value


@dataclass(frozen=True)
class PlanTarget:
    """A plan target this metric computes: same unit, and every keyword found in the target's label."""

    unit: str
    keywords: tuple[str, ...]

    def matches(self, *, label: str, unit: str) -> bool:
        return unit == self.unit and all(keyword in label for keyword in self.keywords)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    compute: Callable[[int, int], MetricValue]  # (year, month) -> cumulative value up to the end of month
    module: str = ""
    target: PlanTarget | None = None


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


def metric_for_target(*, label: str, unit: str) -> str:
    """The key of the one metric that declares this target, or "" when none or several do."""
    keys = [m.key for m in _REGISTRY.values() if m.target is not None and m.target.matches(label=label, unit=unit)]
    return keys[0] if len(keys) == 1 else ""
