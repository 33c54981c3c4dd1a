"""The OpenAPI schema documents the error answers and the shapes the API really returns."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/schema/", {"format": "json"}).json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_documents_400_403_and_404(schema):
    missing = [name for name, operation in _operations(schema)
               if not {"400", "403", "404"} <= set(operation["responses"])]

    assert missing == []


def test_writes_document_409_and_protected_operations_401(schema):
    operations = dict(_operations(schema))

    assert "409" in operations["POST /api/v1/subsidies/claims/{id}/approve/"]["responses"]
    assert "401" in operations["GET /api/v1/subsidies/claims/"]["responses"]
    assert "401" in operations["GET /api/v1/skill-levels/"]["responses"]  # an expired token is refused there too
    assert "429" in operations["POST /api/v1/auth/token/"]["responses"]


def test_the_error_body_is_documented(schema):
    error = schema["components"]["schemas"]["Error"]["properties"]

    assert {"detail", "code", "errors"} <= set(error)


def test_nullable_fields_are_declared_nullable(schema):
    organisation = schema["components"]["schemas"]["Organisation"]["properties"]

    assert organisation["district_code"].get("nullable") is True


def test_bare_arrays_are_documented_as_arrays(schema):
    operations = dict(_operations(schema))
    body = operations["GET /api/v1/demand/districts/"]["responses"]["200"]["content"]["application/json"]["schema"]

    assert body["type"] == "array"
