"""Schemathesis against the OpenAPI schema: generated requests to every operation, no server
error, only documented status codes and content types.

A few examples per operation in the normal suite; ``ACCORD_SCHEMA_EXAMPLES=200`` for a long run.
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, settings  # noqa: E402 - after the skip above
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("ACCORD_SCHEMA_EXAMPLES", "4"))


COUNTS: dict[str, int] = {}  # requests sent per operation, for the long run's figures
STATUSES: dict[str, int] = {}  # answers of the write API by status


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


def _run(operations, checks, headers: dict[str, str] | None = None) -> None:
    from hypothesis import given

    for operation in operations:
        label = f"{operation.method.upper()} {operation.path}"

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call(headers=headers)
            case.validate_response(response, checks=checks)
            # called below in this same iteration, so the loop variables are the current ones
            COUNTS[label] = COUNTS.get(label, 0) + 1  # noqa: B023
            if operation.method.upper() == "POST":  # noqa: B023
                STATUSES[str(response.status_code)] = STATUSES.get(str(response.status_code), 0) + 1

        check()


def test_the_write_api_under_generated_requests(seeds_db, tmp_path):
    # POST /documents with the token, on a copy of the store (the writes must not reach the
    # store the other tests read); bodies are generated from the schema, so most are odd
    # articles: each must be coded or reported, never a server error
    import shutil

    from accord.serve import ServeConfig, create_app

    db = tmp_path / "write.duckdb"
    shutil.copy(seeds_db, db)
    token = "schemathesis-token"
    app = create_app(ServeConfig(db=db, token=token, hold=0, max_documents=5, max_chars=2000))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    assert schema.raw_schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    post = [r.ok() for r in schema.get_all_operations() if r.ok().method.upper() == "POST"]
    assert [op.path for op in post] == ["/documents"]
    checks = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)
    try:
        _run(post, checks, headers={"Authorization": f"Bearer {token}"})
    finally:
        app.state.stores.close()
    if os.environ.get("ACCORD_SCHEMA_EXAMPLES"):
        print(f"{COUNTS['POST /documents']:6d}  POST /documents requests with the token, 0 server errors; "
              f"answers by status: {dict(sorted(STATUSES.items()))}")
    assert STATUSES.get("200"), STATUSES  # some generated articles were coded and stored
