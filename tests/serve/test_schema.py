"""Schemathesis against the OpenAPI schema: generated requests to every operation, no server
error, only documented status codes and content types.

A few examples per operation in the normal suite; ``ACCORD_SCHEMA_EXAMPLES=200`` for a long run.
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, settings  # noqa: E402

from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("ACCORD_SCHEMA_EXAMPLES", "4"))


COUNTS: dict[str, int] = {}  # requests sent per operation, for the long run's figures


def test_no_server_errors_and_only_documented_answers(seeds_db):
    from accord.serve import ServeConfig, create_app

    app = create_app(ServeConfig(db=seeds_db, hold=2))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    checks = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15

    try:
        _run(operations, checks)
    finally:
        app.state.stores.close()
    if os.environ.get("ACCORD_SCHEMA_EXAMPLES"):
        for label, n in sorted(COUNTS.items()):
            print(f"{n:6d}  {label}")
        print(f"{sum(COUNTS.values()):6d}  requests, 0 server errors")


def _run(operations, checks) -> None:
    from hypothesis import given

    for operation in operations:
        label = f"{operation.method.upper()} {operation.path}"

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call()
            case.validate_response(response, checks=checks)
            COUNTS[label] = COUNTS.get(label, 0) + 1

        check()
