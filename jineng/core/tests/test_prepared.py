"""``core.prepared.fetch_one``: the same rows as the plain statement; on PostgreSQL prepared once per connection."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from jineng.core import prepared
from jineng.core.models import District

SQL = "SELECT code, name FROM core_district WHERE code = %s AND id > %s"


@pytest.mark.django_db
def test_the_same_row_as_the_plain_statement():
    district = District.objects.order_by("code").first()
    assert prepared.fetch_one("test_district", SQL, [district.code, 0]) == (district.code, district.name)
    assert prepared.fetch_one("test_district", SQL, ["no such code", 0]) is None


@pytest.mark.django_db
def test_prepared_once_per_connection_on_postgresql(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PREPARE is PostgreSQL's")
    code = District.objects.order_by("code").values_list("code", flat=True).first()

    def statements() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM pg_prepared_statements WHERE name = 'jineng_test_once'")
            return [name for (name,) in cursor.fetchall()]

    for _ in range(3):
        assert prepared.fetch_one("test_once", SQL, [code, 0])[0] == code
    assert statements() == ["jineng_test_once"]
    # another session (a new connection, as after CONN_MAX_AGE) prepares again instead of failing
    fresh = connections.create_connection(DEFAULT_DB_ALIAS)
    monkeypatch.setattr(prepared, "connection", fresh)
    try:
        assert prepared.fetch_one("test_once", SQL, [code, 0])[0] == code
        assert prepared.fetch_one("test_once", SQL, [code, 0])[0] == code
    finally:
        fresh.close()
