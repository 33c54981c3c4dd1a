"""Registry of metrics that modules compute from their own records.

An indicator on the supervision desk can be bound to a metric by key. Modules register their metrics in
``AppConfig.ready``. A metric computes the city value and every district's value in one pass (set-based),
so the desk never runs one query per district.

Values are cached per month in ``core.MetricSnapshot`` (``metric_values``): each metric names the models it reads
(``invalidated_by``, app labels such as ``"training.Enrolment"``); a save or delete of one of them drops the
metric's snapshots (signals), bulk writers call ``metrics_records_changed``, and a snapshot older than
``JINENG_METRIC_CACHE_SECONDS`` is recomputed whatever happened (a bound on staleness for writes that bypass both).

A metric may declare the plan target it computes (``PlanTarget``: the target's unit and keywords that its label
contains), so that importing a plan binds each computable indicator to its metric without anyone typing keys.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils.translation import gettext, pgettext_lazy

# The plan's units, shown in the interface's language (a metric keeps the plan's own unit, which binding compares).
UNITS = {
    "人次": pgettext_lazy("metric unit", "人次"),
    "人": pgettext_lazy("metric unit", "人"),
    "名": pgettext_lazy("metric unit", "名"),
    "个": pgettext_lazy("metric unit", "个"),
    "项": pgettext_lazy("metric unit", "项"),
    "家": pgettext_lazy("metric unit", "家"),
    "条": pgettext_lazy("metric unit", "条"),
    "本": pgettext_lazy("metric unit", "本"),
    "元": pgettext_lazy("metric unit", "元"),
}


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
    invalidated_by: tuple[str, ...] = ()  # "app_label.Model" whose writes change the value
    # The label is a Chinese msgid marked with gettext_noop; with label_args it is a pattern such as
    # "补贴拨付金额（%(scheme)s）" and each argument is translated too.
    label_args: tuple[tuple[str, str], ...] = ()

    def shown_label(self) -> str:
        """The label in the interface's language."""
        label = gettext(self.label)
        return label % {name: gettext(value) for name, value in self.label_args} if self.label_args else label

    def shown_unit(self) -> str:
        return str(UNITS.get(self.unit, self.unit))


_REGISTRY: dict[str, Metric] = {}


class UnknownMetric(KeyError):
    pass


def register_metric(metric: Metric) -> Metric:
    _REGISTRY[metric.key] = metric
    for label in metric.invalidated_by:
        _watch(label)
    return metric


def _watch(label: str) -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    model = apps.get_model(label)
    for signal in (post_save, post_delete):
        signal.connect(_on_write, sender=model, weak=False, dispatch_uid=f"jineng.metrics:{label}")


def _on_write(sender, **kwargs) -> None:
    metrics_records_changed(sender._meta.label)


def metrics_records_changed(*labels: str) -> int:
    """Drop the cached values of every metric that reads these models (bulk writers call this; saves signal it)."""
    from jineng.core.models import MetricSnapshot

    keys = [m.key for m in _REGISTRY.values() if set(m.invalidated_by) & set(labels)]
    return MetricSnapshot.objects.filter(key__in=keys).delete()[0] if keys else 0


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


def metric_values(keys: Iterable[str], *, year: int, month: int) -> dict[str, MetricValue]:
    """Values of the registered metrics among ``keys`` at the end of the month, from the cache where fresh.

    One query when every value is cached; a missing or stale one is computed and stored.
    """
    from django.conf import settings
    from django.utils import timezone

    from jineng.core.models import MetricSnapshot

    wanted = sorted({key for key in keys if key in _REGISTRY})
    now = timezone.now()
    fresh_after = now - timedelta(seconds=settings.JINENG_METRIC_CACHE_SECONDS)
    cached = {s.key: s for s in MetricSnapshot.objects.filter(year=year, month=month, key__in=wanted)}
    values, stale = {}, []
    for key in wanted:
        snapshot = cached.get(key)
        if snapshot is not None and snapshot.computed_at >= fresh_after:
            by_district = {code: Decimal(value) for code, value in snapshot.by_district.items()}
            values[key] = MetricValue(city=snapshot.city, by_district=by_district)
            continue
        values[key] = value = _REGISTRY[key].compute(year, month)
        stale.append(MetricSnapshot(key=key, year=year, month=month, city=value.city, computed_at=now,
                                    by_district={code: str(v) for code, v in value.by_district.items()}))
    if stale:
        MetricSnapshot.objects.filter(year=year, month=month, key__in=[s.key for s in stale]).delete()
        MetricSnapshot.objects.bulk_create(stale, ignore_conflicts=True)
    return values
