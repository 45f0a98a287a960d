"""What of a person may leave the desk, decided by their consent.

A resident who has not agreed to 「市と共有する」 (`share_with_city`) reaches the city's server only
as a pseudonymous stub — their id, district and kind (resident or 関係人口), enough for the
city's counts — and the activity rows that refer to them (attendance, help sessions,
aid requests, consents) without the personal fields of those rows; the reference to the person
(their id) stays, so counts stay right. Everything else stays on the desk where they consented.
"""

from __future__ import annotations

from typing import Any

from kyojo_desk.store.schema import SYNCED_TABLES

# The resident's own record, as a stub. `merged_into` names only another pseudonymous id: when
# two records of one person are merged, the server and the other desks learn which record the
# tombstone continues in, so nobody is counted twice and references can be followed.
STUB_FIELDS = frozenset({"district", "kind", "deleted", "merged_into"})


def resident_of(table: str, row_id: str, values: dict[str, Any]) -> str | None:
    """The resident a row is about (their own record: its id), or None."""
    spec = SYNCED_TABLES.get(table)
    if spec is None or spec.resident_field is None:
        return None
    if spec.resident_field == "id":
        return row_id
    person = values.get(spec.resident_field)
    return person if isinstance(person, str) and person else None


def fields_leaving(table: str, fields: dict[str, Any], shared: bool) -> dict[str, Any]:
    """The fields of a change that may leave the desk, for a person shared or not."""
    spec = SYNCED_TABLES.get(table)
    if shared or spec is None or spec.resident_field is None:
        return dict(fields)
    if spec.resident_field == "id":
        return {name: value for name, value in fields.items() if name in STUB_FIELDS}
    personal = set(spec.personal_fields) - {spec.resident_field}
    return {name: value for name, value in fields.items() if name not in personal}


def fields_withheld(table: str) -> frozenset[str]:
    """The fields of `table` that a person who does not share keeps on the desk (blanked on
    the server and the other desks when they stop sharing; their stub remains)."""
    spec = SYNCED_TABLES[table]
    if spec.resident_field == "id":
        return frozenset(name for name in spec.fields if name not in STUB_FIELDS)
    return frozenset(spec.personal_fields) - {spec.resident_field}
