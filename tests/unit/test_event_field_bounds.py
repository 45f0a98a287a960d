"""An event's texts are checked at the desk against the bounds the server checks them by."""

from __future__ import annotations

import pytest

from kyojo_desk.errors import ValidationError
from kyojo_desk.records.event import (
    EVENT_KIND_MAX_LENGTH,
    EVENT_TEXT_MAX_LENGTH,
    clean_event_fields,
)
from kyojo_desk.sync.fields import validate_value


def test_a_kind_the_centre_names_itself_is_a_value_the_server_accepts():
    cleaned = clean_event_fields(
        {"title": "盆踊り大会", "kind": "盆踊り", "starts_at": "2027-08-14T18:00"}
    )
    assert cleaned["kind"] == "盆踊り"
    assert validate_value("events", "kind", cleaned["kind"]) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "あ" * (EVENT_TEXT_MAX_LENGTH + 1)),
        ("place", "公" * (EVENT_TEXT_MAX_LENGTH + 1)),
        ("organiser", "会" * (EVENT_TEXT_MAX_LENGTH + 1)),
        ("kind", "種" * (EVENT_KIND_MAX_LENGTH + 1)),
    ],
)
def test_text_the_server_would_refuse_is_refused_at_the_desk_with_its_field(field, value):
    values = {"title": "交流会", "starts_at": "2027-01-10T10:00", field: value}
    with pytest.raises(ValidationError) as refused:
        clean_event_fields(values)
    assert field in refused.value.errors
    assert validate_value("events", field, value) is not None


def test_the_longest_allowed_texts_pass_both_checks():
    values = {
        "title": "あ" * EVENT_TEXT_MAX_LENGTH,
        "place": "公" * EVENT_TEXT_MAX_LENGTH,
        "kind": "種" * EVENT_KIND_MAX_LENGTH,
        "starts_at": "2027-01-10T10:00",
    }
    cleaned = clean_event_fields(values)
    for field in ("title", "place", "kind"):
        assert validate_value("events", field, cleaned[field]) is None
