"""RowStamps, the packed clocks of a row's fields: packing writes the JSON the standard library
writes, and assigning clocks keeps the most common one as the row's, as a count would."""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from kyojo_desk.store.changelog import RowStamps
from kyojo_desk.store.schema import SYNCED_TABLES

RESIDENTS = SYNCED_TABLES["residents"]
clocks = st.tuples(st.integers(1, 2**63 - 1), st.integers(0, 40))
field_names = st.sampled_from(RESIDENTS.fields)


def reference_assign(stamps: RowStamps, assigned: dict[str, tuple[int, int]]) -> RowStamps:
    """Assigning by a Counter of the clocks: the first most common, in the order first met."""
    exceptions = {**stamps.exceptions, **assigned}
    counts = Counter(exceptions.values())
    counts[stamps.base] += len(RESIDENTS.fields) - len(exceptions)
    base = counts.most_common(1)[0][0]
    if base != stamps.base:
        for name in RESIDENTS.fields:
            exceptions.setdefault(name, stamps.base)
    return RowStamps(RESIDENTS, base, {n: c for n, c in exceptions.items() if c != base})


@given(st.dictionaries(field_names, clocks, max_size=8))
def test_pack_writes_what_json_dumps_writes(exceptions):
    stamps = RowStamps(RESIDENTS, (5, 0), exceptions)
    packed = stamps.pack()[2]
    if not exceptions:
        assert packed is None
        return
    expected = json.dumps({name: list(clock) for name, clock in sorted(exceptions.items())})
    assert packed == expected
    again = RowStamps.unpack(RESIDENTS, 5, 0, packed)
    assert again.exceptions == exceptions


@given(
    clocks,
    st.dictionaries(field_names, clocks, max_size=6),
    st.dictionaries(field_names, st.sampled_from([(7, 1), (7, 2), (9, 1)]), max_size=30),
)
def test_assign_keeps_the_most_common_clock_as_the_rows(base, exceptions, assigned):
    exceptions = {name: clock for name, clock in exceptions.items() if clock != base}
    stamps = RowStamps(RESIDENTS, base, dict(exceptions))
    expected = reference_assign(RowStamps(RESIDENTS, base, dict(exceptions)), assigned)
    stamps.assign(dict(assigned))
    assert (stamps.base, stamps.exceptions) == (expected.base, expected.exceptions)
    for name in RESIDENTS.fields:  # every field keeps the clock it was given or had
        wanted = assigned.get(name, exceptions.get(name, base))
        assert stamps.of(name) == wanted
