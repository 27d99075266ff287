"""Schemathesis against our own /openapi.json, in-process: whatever a client sends that the
document allows (and much it does not), no 5xx, and every answer matches the document: its
status code is one the document lists, its content type and its body are those it gives."""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# A property run over the whole API: for `make test`, not the edit-test loop.
pytestmark = pytest.mark.slow

# Examples per operation: about 15 s for the whole API.
EXAMPLES = 50
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]


def test_the_api_matches_its_document(app: Flask) -> None:
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        check()
