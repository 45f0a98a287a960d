"""Malformed requests to every endpoint of the central server get a 4xx with the protocol's
error shape (or, for a malformed value inside a change, a per-change refusal) — never a 500 —
and afterwards another desk's pull still completes. Wrong JSON types are tried for every key
of every endpoint; schemathesis and hypothesis generate the rest."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync import fields as field_kinds
from kyojo_desk.sync import protocol
from kyojo_desk.sync.fields import validate_value
from kyojo_desk.sync.hlc import make_stamp
from tests.sync.v2_desk import RawDesk, new_id

WRONG = [None, True, 1.5, -1, 2**64, -(2**70), "1", "", "\x00", "\ud800", [], [1], {}, {"a": 1}]
PUSH_KEYS = ["protocol", "schema_version", "desk_id", "acked_seq", "next_seq", "pull_cursor",
             "pending", "changes"]  # fmt: skip
CHANGE_KEYS = ["seq", "table", "row_id", "created", "stamp", "fields", "stamps"]


def error_shape(response: requests.Response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    body = response.json()
    assert isinstance(body.get("error"), str) and isinstance(body.get("message"), str), body


@pytest.fixture
def pair(central) -> tuple[RawDesk, RawDesk]:
    a = RawDesk(central.url, central.storage, "a")
    b = RawDesk(central.url, central.storage, "b")
    a.create("residents", {"family_name": "前", "deleted": 0})
    return a, b


def still_pulls(b: RawDesk) -> None:
    b.cursor = 0
    for entry in b.pull_all():
        if entry["kind"] == protocol.KIND_CHANGE:
            for name, value in entry["fields"].items():
                assert validate_value(entry["table"], name, value) is None


@pytest.mark.parametrize("key", PUSH_KEYS)
@pytest.mark.parametrize("value", WRONG, ids=repr)
def test_wrong_types_for_every_key_of_a_push(pair, key, value):
    a, b = pair
    body = a.body([a.change("residents", new_id(), {"family_name": "x"}, created=True)])
    body[key] = value
    response = a.post_push(data=json.dumps(body), headers={"Content-Type": "application/json"})
    if response.status_code == 200:
        # Only where the value is one a desk may send: no changes, or no next seq.
        assert (key, value) in (("changes", []), ("next_seq", None)), (key, value)
    else:
        error_shape(response)
    still_pulls(b)


@pytest.mark.parametrize("key", CHANGE_KEYS)
@pytest.mark.parametrize("value", WRONG, ids=repr)
def test_wrong_types_for_every_key_of_a_change(pair, key, value):
    a, b = pair
    change = a.change("residents", new_id(), {"family_name": "x"}, created=True)
    change[key] = value
    response = a.post_push(
        data=json.dumps(a.body([change])), headers={"Content-Type": "application/json"}
    )
    if response.status_code == 200:
        [result] = response.json()["results"] or [{"status": "applied"}]
        # Accepted only when the value is one a change may carry.
        if result["status"] == "applied":
            assert (key, value) in (("stamps", {}), ("fields", {}), ("created", True)), (key, value)
    else:
        error_shape(response)
        a.next_seq -= 1
    still_pulls(b)


@pytest.mark.parametrize("value", [*WRONG, "ABCD-EFGH-JKLM", "x" * 5000], ids=repr)
def test_wrong_types_for_the_enrolment_code(central, value):
    response = requests.post(
        central.url + protocol.ENROLL_PATH,
        data=json.dumps({"code": value}),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    error_shape(response)


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"null",
        b"[]",
        b'"code"',
        b"12",
        b"{",
        b"\xff\xfe{}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"code": NaN}',
        b'{"code": "\\ud800"}',
    ],
    ids=repr,
)
@pytest.mark.parametrize("path", [protocol.ENROLL_PATH, protocol.PUSH_PATH])
def test_bodies_that_are_not_json_objects(pair, central, raw, path):
    a, b = pair
    headers = {"Content-Type": "application/json"}
    if path == protocol.PUSH_PATH:
        response = a.session.post(central.url + path, data=raw, headers=headers, timeout=30)
    else:
        response = requests.post(central.url + path, data=raw, headers=headers, timeout=30)
    error_shape(response)
    still_pulls(b)


@pytest.mark.parametrize(
    "params",
    [
        {"since": "-1"},
        {"since": "abc"},
        {"since": str(2**64)},
        {"since": "1.5"},
        {"limit": "0"},
        {"limit": str(2**40)},
        {"limit": "x"},
    ],
    ids=repr,
)
def test_malformed_pull_parameters(pair, central, params):
    a, b = pair
    response = a.session.get(central.url + protocol.PULL_PATH, params=params, timeout=10)
    error_shape(response)
    still_pulls(b)


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer ", "Basic abc", "Bearer " + "x" * 10_000, "Bearer tok\u00e9n"],
    ids=repr,
)
@pytest.mark.parametrize("path", [protocol.META_PATH, protocol.PULL_PATH, protocol.PUSH_PATH])
def test_missing_or_malformed_tokens(central, header, path):
    headers = {"Authorization": header.encode("utf-8")} if header else {}
    method = requests.post if path == protocol.PUSH_PATH else requests.get
    response = method(central.url + path, headers=headers, json={}, timeout=10)
    assert response.status_code == 401
    error_shape(response)


@pytest.mark.parametrize("city", ["%00", "%ED%A0%80", "x" * 300, "no-such-city"], ids=repr)
def test_status_pages_of_odd_cities(central, city):
    response = requests.get(f"{central.url}/status/{city}", timeout=10)
    assert response.status_code in (200, 404)
    if response.status_code == 404:
        error_shape(response)


def test_unknown_paths_and_methods_have_the_error_shape(central):
    error_shape(requests.get(central.url + "/v1/nothing", timeout=10))
    error_shape(requests.get(central.url + protocol.PUSH_PATH, timeout=10))
    error_shape(requests.put(central.url + protocol.ENROLL_PATH, timeout=10))


# -- generated requests ------------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
JSON_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def valid_value(kind: field_kinds.FieldType) -> st.SearchStrategy[Any]:
    if kind.kind == field_kinds.TEXT:
        strategy: st.SearchStrategy[Any] = TEXT
    elif kind.kind == field_kinds.INTEGER:
        strategy = st.integers(kind.min_value, kind.max_value)
    elif kind.kind == field_kinds.FLAG:
        strategy = st.sampled_from([0, 1])
    elif kind.kind == field_kinds.DATE:
        strategy = st.dates().map(lambda d: d.isoformat())
    elif kind.kind == field_kinds.DATETIME:
        strategy = st.datetimes().map(lambda d: d.isoformat(timespec="seconds"))
    elif kind.kind == field_kinds.CHOICE:
        strategy = st.sampled_from(kind.choices)
    elif kind.kind == field_kinds.ID:
        strategy = st.uuids().map(str)
    elif kind.item_keys:
        strategy = st.lists(st.fixed_dictionaries({"course": TEXT, "date": TEXT}), max_size=2)
    elif kind.choices:
        strategy = st.lists(st.sampled_from(kind.choices), max_size=3)
    else:
        strategy = st.lists(TEXT, max_size=3)
    return st.none() | strategy if kind.nullable else strategy


@st.composite
def changes(draw: st.DrawFn, row_ids: list[str]) -> dict[str, Any]:
    table = draw(st.sampled_from(["residents", "events", "help_sessions", "volunteers"]))
    spec = SYNCED_TABLES[table]
    names = draw(st.lists(st.sampled_from(spec.fields), min_size=1, max_size=4, unique=True))
    hostile = draw(st.booleans())
    values = {
        name: draw(JSON_ANY if hostile and draw(st.booleans()) else valid_value(spec.types[name]))
        for name in names
    }
    stamp = draw(
        st.sampled_from(["fresh", "fresh", "fresh", "far future", "string", "negative", "huge"])
    )
    return {
        "table": table,
        "row_id": draw(st.sampled_from(row_ids)),
        "created": draw(st.booleans()),
        "fields": values,
        "stamp": stamp,
    }


STAMPS = {
    "far future": make_stamp(2**46),
    "string": "001796639291534:00000:x",
    "negative": -1,
    "huge": 2**64,
}


@pytest.mark.parametrize("central", ["sqlite", "postgresql"], indirect=True)
def test_after_any_accepted_push_another_desk_still_pulls_valid_rows(central):
    a = RawDesk(central.url, central.storage, "a")
    b = RawDesk(central.url, central.storage, "b")
    row_ids = [new_id() for _ in range(6)]

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(st.lists(changes(row_ids), min_size=1, max_size=12))
    def check(batch: list[dict[str, Any]]) -> None:
        sent = []
        for item in batch:
            stamp = STAMPS.get(item.pop("stamp"))
            change = a.change(
                item["table"], item["row_id"], item["fields"], created=item["created"],
                **({} if stamp is None else {"stamp": stamp}),
            )  # fmt: skip
            sent.append(change)
        response = a.post_push(
            data=json.dumps(a.body(sent)), headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 200, response.text
        answer = response.json()
        assert answer["acked_seq"] == sent[-1]["seq"]
        a.acked_seq = answer["acked_seq"]
        for result in answer["results"]:
            assert result["status"] in ("applied", "rejected", "erased")
        for entry in b.pull_all():
            if entry["kind"] == protocol.KIND_CHANGE:
                for name, value in entry["fields"].items():
                    assert validate_value(entry["table"], name, value) is None

    check()
    still_pulls(b)


@pytest.mark.parametrize("central", ["sqlite"], indirect=True)
def test_no_generated_request_makes_the_server_fail(central):
    """schemathesis generates requests from the server's own OpenAPI document (which declares
    the push and enrolment bodies), with and without a real desk token."""
    desk = RawDesk(central.url, central.storage, "fuzzed")
    schema = schemathesis.openapi.from_url(f"{central.url}/openapi.json")
    failures: list[str] = []
    calls: list[str] = []

    def run(operation: Any, headers: dict[str, str]) -> None:
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
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
        for headers in ({}, {"Authorization": f"Bearer {desk.token}"}):
            run(operation, headers)
    assert failures == []
    assert {protocol.PUSH_PATH, protocol.ENROLL_PATH, protocol.PULL_PATH} <= set(calls)
    assert len(calls) > 100  # the generator really reached the API
    still_pulls(RawDesk(central.url, central.storage, "b"))


def release_0_1_failures(a: RawDesk) -> list[tuple[str, bytes]]:
    """The seven requests that made the server of release 0.1 answer 500 (found by sending
    wrong JSON types for every key): integers beyond 64 bits, lone surrogates, deep nesting."""

    def push(mutate: Any) -> bytes:
        change = a.change("residents", new_id(), {"phone": "1"}, created=True)
        a.next_seq -= 1  # each is sent on its own, as the next change
        body = a.body([change])
        mutate(body, change)
        return json.dumps(body).encode()

    return [
        ("pending beyond 64 bits", push(lambda b, c: b.update(pending=2**64))),
        ("seq beyond 64 bits", push(lambda b, c: c.update(seq=-(2**70)))),
        ("table with a lone surrogate", push(lambda b, c: c.update(table="\ud800"))),
        ("row id with a lone surrogate", push(lambda b, c: c.update(row_id="\ud800"))),
        ("value with a lone surrogate", push(lambda b, c: c["fields"].update(phone="\ud800"))),
        ("stamp with a lone surrogate", push(lambda b, c: c.update(stamp="\ud800"))),
        ("JSON nested 100 000 deep", b"[" * 100_000 + b"]" * 100_000),
    ]


def test_the_seven_requests_that_gave_500_in_release_0_1(pair, central):
    a, b = pair
    for name, raw in release_0_1_failures(a):
        response = a.session.post(
            central.url + protocol.PUSH_PATH,
            data=raw,
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        assert response.status_code < 500, name
        if response.status_code == 200:
            [result] = response.json()["results"]
            assert result["status"] == "rejected", name
            a.next_seq += 1
            a.acked_seq = response.json()["acked_seq"]
        else:
            error_shape(response)
        still_pulls(b)
