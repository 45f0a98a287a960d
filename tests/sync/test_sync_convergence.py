"""Property (scenario 7): three desks, random offline edits and random syncs in any order,
then full rounds — every desk and the server hold the same data."""

from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyojo_desk.ids import uuid7
from tests.sync.conftest import desk_data, server_matches, sync

EDITABLE = {
    "residents": ("family_name", "phone", "notes", "district", "deleted"),
    "districts": ("name", "reading", "deleted"),
}
VALUES = {
    "family_name": st.sampled_from(["山田", "髙橋", "佐藤", "ｻﾄｳ"]),
    "phone": st.sampled_from(["", "0554-62-1111", "090-1234-5678"]),
    "notes": st.text(alphabet="あいう漢字abc ", max_size=6),
    "district": st.sampled_from(["01", "02", ""]),
    "deleted": st.sampled_from([0, 1]),
    "name": st.sampled_from(["上野原", "大目", "甲東"]),
    "reading": st.sampled_from(["うえのはら", "おおめ"]),
}


@st.composite
def operation(draw):
    desk = draw(st.integers(0, 2))
    kind = draw(st.sampled_from(["create", "edit", "edit", "edit", "sync", "sync"]))
    if kind == "sync":
        return (desk, "sync", None, None, None)
    table = draw(st.sampled_from(sorted(EDITABLE)))
    field = draw(st.sampled_from(EDITABLE[table]))
    value = draw(VALUES[field])
    pick = draw(st.integers(0, 1000))
    return (desk, kind, table, (field, value), pick)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation(), min_size=1, max_size=25))
def test_three_desks_converge_after_random_edits_and_syncs(central, operations):
    city = f"city-{uuid.uuid4().hex[:8]}"  # a fresh city per example, on the same server
    desks = [central.desk(f"{city}-{i}", city=city) for i in range(3)]
    try:
        for desk_index, kind, table, change, pick in operations:
            desk = desks[desk_index]
            if kind == "sync":
                sync(desk)
                continue
            field, value = change
            known = [row[0] for row in desk.db.execute(f"SELECT id FROM [{table}] ORDER BY id")]
            if kind == "create" or not known:
                row_id = uuid7() if table == "residents" else f"{pick % 5:02d}"
                desk.write(table, row_id, {field: value})
                if table == "residents":  # shared with the city: this tests sync itself
                    desk.write(
                        "consents",
                        uuid7(),
                        {"resident_id": row_id, "scopes": ["keep_record", "share_with_city"]},
                    )
            else:
                desk.write(table, known[pick % len(known)], {field: value})
        for _ in range(2):
            for desk in desks:
                sync(desk)
        reference = desk_data(desks[0])
        for desk in desks[1:]:
            assert desk_data(desk) == reference
            assert desk.pending_changes() == 0
        assert server_matches(central, desks[0], city=city) == []
    finally:
        for desk in desks:
            desk.close()
        central.desks.clear()
