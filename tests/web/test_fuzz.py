"""A schema-driven fuzz of the read API from its OpenAPI description: no input makes it fail (5xx)."""

from __future__ import annotations

import schemathesis
from schemathesis import GenerationMode
from hypothesis import HealthCheck, given, settings

from storytrace.web.app import create_app

EXAMPLES_PER_OPERATION = 15  # per operation and mode: valid inputs, then invalid ones


def check_operation(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(mode))
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def never_fails(case) -> None:
        response = case.call()
        where = f"{case.method} {case.formatted_path} {case.query}"
        assert response.status_code < 500, f"{where}: {response.text[:300]}"
        if response.status_code >= 400:
            assert response.json()["error"], where

    never_fails()


def test_no_generated_request_makes_the_read_api_fail(web_data):
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(web_data.db)).include(method="GET")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 13
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            check_operation(operation, mode)
