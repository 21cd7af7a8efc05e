"""Requests generated from the OpenAPI schema, valid and invalid, against the WSGI app: no
server error, and every documented response matches the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.django_db


def served_schema():
    """Return the schema /api/schema/ serves (test_schema.py checks that they are equal).

    Built here rather than fetched: the app needs the test database to answer, and the
    schema is needed when tests are collected, before there is one.
    """
    return SchemaGenerator().get_schema(request=None, public=True)


schema = schemathesis.openapi.from_dict(served_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def connection_kept():
    """Keep the test's database connection open across requests, as Django's test client
    does: the WSGI handler closes it at the start and end of each request, which on
    PostgreSQL would end the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, archive, connection_kept):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])


def test_the_fuzzed_schema_is_the_served_one(client):
    assert client.get("/api/schema/").json() == served_schema()
