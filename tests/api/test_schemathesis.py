"""Generated requests against the app's own OpenAPI schema: no server error and no answer outside the schema.

Schemathesis reads ``/api/schema/`` from the WSGI application and, for every operation, sends a bounded number
of generated requests (``JINENG_API_FUZZ_EXAMPLES`` per operation and role, 3 by default; derandomised, so a run
is repeatable) as the programme office, an enterprise (ent1) and a training institution (inst1), each with its
API token. Checks: not a server error; the status, content type and body conform to the schema.
"""

import os
from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jineng.accounts.models import Organisation, User
from jineng.subsidies.tests import factories as subsidy_factories
from jineng.training.tests import factories as training_factories

EXAMPLES = int(os.environ.get("JINENG_API_FUZZ_EXAMPLES", "3"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

pytestmark = pytest.mark.django_db


@pytest.fixture
def tokens(plan, city_officer):
    """Office, ent1 and inst1 with a little of everything: a plan, a class with trainees, a claim in review."""
    inst = training_factories.institution(name="浦东测试培训学校")
    inst1 = training_factories.institution_user(inst, username="inst1")
    enrolment = subsidy_factories.certified(inst=inst, certificate_date=timezone.localdate())
    training_factories.enrolment(enrolment.training_class, completed=False)
    subsidy_factories.submitted(enrolment, by=inst1, submitted_at=timezone.now())
    enterprise, _ = Organisation.objects.get_or_create(name="上海测试企业有限公司", defaults={"kind": "enterprise"})
    ent1 = User.objects.create_user(username="ent1", password="Test-pass-2024!", organisation=enterprise)
    subsidy_factories.apprenticeship(enterprise, start=date(2024, 9, 1))
    return {user.username: AuthToken.objects.create(user=user)[1] for user in (city_officer, ent1, inst1)}


@pytest.fixture
def same_connection():
    """The WSGI handler closes the database connection after each request (Django's test client does not): on
    PostgreSQL that would close the test's own transaction, so keep it open as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_operation_answers_a_server_error_or_outside_its_schema(tokens, same_connection):
    from config.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    failures = []

    for result in schema.get_all_operations():
        operation = result.ok()
        if "/auth/logout" in operation.path:  # revoking the run's own tokens; tested in accounts/tests
            continue
        for username, key in tokens.items():
            failure = _fuzz(operation, {"Authorization": f"Token {key}"})
            if failure:
                failures.append(f"{username} {operation.label}: {failure}")

    assert not failures, "\n\n".join(failures)


def _fuzz(operation, headers) -> str:
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True, report_multiple_bugs=False,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(headers=headers))
    def fuzz(case):
        # the WSGI transport hands the body over as sent; asked for gzip it would get gzip (decision 0009)
        case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

    try:
        fuzz()
    except (Exception, FailureGroup) as exc:  # every failure is reported, with the case that caused it
        return str(exc)[:1200]
    return ""
