"""Metric values are cached per month, dropped by the writes that change them, and never older than the limit."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jineng.core import metrics
from jineng.core.models import District, MetricSnapshot

pytestmark = pytest.mark.django_db
calls: list[tuple[int, int]] = []


def _count_districts(year: int, month: int) -> metrics.MetricValue:
    calls.append((year, month))
    return metrics.MetricValue(city=Decimal(District.objects.count()), by_district={"310115": Decimal(month)})


@pytest.fixture
def metric():
    calls.clear()
    metrics.register_metric(metrics.Metric(key="test.districts", label="区", unit="个", compute=_count_districts,
                                           invalidated_by=("core.District",)))
    yield "test.districts"
    metrics.unregister_metric("test.districts")


def test_second_read_comes_from_the_cache_in_one_query(metric):
    first = metrics.metric_values([metric, "no.such.metric"], year=2024, month=3)
    with CaptureQueriesContext(connection) as queries:
        again = metrics.metric_values([metric], year=2024, month=3)

    assert first == again == {metric: metrics.MetricValue(Decimal(16), {"310115": Decimal(3)})}
    assert calls == [(2024, 3)] and len(queries) == 1
    assert MetricSnapshot.objects.get(key=metric, year=2024, month=3).city == 16


def test_a_write_to_a_model_the_metric_reads_drops_its_values(metric):
    metrics.metric_values([metric], year=2024, month=3)
    metrics.metric_values([metric], year=2024, month=4)
    district = District.objects.get(code="310115")

    district.name_en = "Pudong"
    district.save(update_fields=["name_en"])

    assert not MetricSnapshot.objects.filter(key=metric).exists()
    metrics.metric_values([metric], year=2024, month=3)
    assert calls == [(2024, 3), (2024, 4), (2024, 3)]


def test_bulk_writers_drop_the_values_by_model_label(metric):
    metrics.metric_values([metric], year=2024, month=3)

    assert metrics.metrics_records_changed("training.CheckIn") == 0
    assert metrics.metrics_records_changed("core.District") == 1


def test_a_value_older_than_the_limit_is_computed_again(metric, settings):
    metrics.metric_values([metric], year=2024, month=3)
    MetricSnapshot.objects.update(computed_at=MetricSnapshot.objects.get().computed_at
                                  - timedelta(seconds=settings.JINENG_METRIC_CACHE_SECONDS + 1))

    metrics.metric_values([metric], year=2024, month=3)

    assert calls == [(2024, 3), (2024, 3)] and MetricSnapshot.objects.count() == 1


def test_every_registered_metric_names_the_models_it_reads():
    assert all(metric.invalidated_by for metric in metrics.metric_list() if not metric.key.startswith("test."))


def test_the_core_bulk_writers_drop_the_values_of_the_models_they_write(metric, django_capture_on_commit_callbacks):
    from jineng.core.imports import rows_insert

    assert metrics.metric_values([metric], year=2024, month=3)[metric].city == 16
    with django_capture_on_commit_callbacks(execute=True):
        rows_insert("core_district", ("code", "name", "name_en", "seat_lon", "seat_lat", "centroid_lon",
                                      "centroid_lat", "geometry"),
                    [("310199", "测试区", "Test", "121.5", "31.2", "121.5", "31.2", "{}")])

    assert not MetricSnapshot.objects.filter(key=metric).exists()
    assert metrics.metric_values([metric], year=2024, month=3)[metric].city == 17
