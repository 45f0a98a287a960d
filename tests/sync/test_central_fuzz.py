"""Bad input on purpose against the central server: schemathesis generates requests from the
server's own OpenAPI document, with and without a real desk token; the server must never answer
with a server error, and its data must stay readable."""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error


@pytest.mark.parametrize("central", ["sqlite"], indirect=True)
def test_no_request_makes_the_server_fail(central):
    desk = central.desk("fuzzed")
    token = desk.desk_token()
    schema = schemathesis.openapi.from_url(f"{central.url}/openapi.json")
    failures: list[str] = []
    calls: list[str] = []

    def run(operation, headers: dict[str, str]) -> None:
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call(headers=headers)
            calls.append(operation.path)
            try:
                case.validate_response(response, checks=(not_a_server_error,))
            except AssertionError as error:
                failures.append(f"{operation.method.upper()} {operation.path}: {error}")
                raise

        try:
            check()
        except Exception as error:  # noqa: BLE001 — a failure is collected above by name
            if not failures:
                failures.append(f"{operation.method.upper()} {operation.path}: {error!r}")

    for operation_result in schema.get_all_operations():
        operation = operation_result.ok()
        for headers in ({}, {"Authorization": f"Bearer {token}"}):
            run(operation, headers)
    assert failures == []
    assert len(set(calls)) >= 4 and len(calls) > 50  # the generator really reached the API
    assert requests.get(f"{central.url}/v1/sync/meta", timeout=10).status_code in (200, 401)
