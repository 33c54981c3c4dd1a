"""Generated requests against the portal operations of the OpenAPI schema (as tests/api/test_schemathesis.py
does for every operation): no server error, and status, content type and body as the schema says."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jineng.servicepoints.tests import factories as f

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def same_connection():
    """The WSGI handler closes the connection after each request; on PostgreSQL that would end the test's own
    transaction (as in tests/api/test_schemathesis.py)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_the_portal_operations_answer_inside_their_schema(same_connection) -> None:
    from config.wsgi import application

    f.point(lon=121.5, lat=31.23)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    portal = [operation for operation in operations if operation.path.startswith("/api/v1/portal/")]
    assert {operation.path for operation in portal} >= {"/api/v1/portal/nearby/", "/api/v1/portal/service-points/"}

    for operation in portal:
        @settings(max_examples=8, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def fuzz(case):
            # the WSGI transport hands the body over as sent; asked for gzip it would get gzip (decision 0009)
            case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

        fuzz()
