"""Sync scoped by consent: a person without 「市と共有する」 reaches the server and the other desks
only as a pseudonymous stub (id, district, kind) with the rows that refer to them, stripped of
their personal fields; agreeing later sends the full record."""

from __future__ import annotations

from kyojo_desk.records.resident import Consent
from kyojo_desk.store.consent_scopes import change_scopes
from kyojo_desk.store.districts import District
from tests.conftest import UENOHARA_DISTRICTS
from tests.sync.conftest import sync

PRIVATE = {
    "family_name": "非共有",
    "given_name": "静子",
    "family_reading": "ひきょうゆう",
    "given_reading": "しずこ",
    "phone": "0554-63-7070",
    "birth_date": "1944-05-06",
    "notes": "市に送らないメモKQZ",
    "district": "01",
}
TRACES = ["非共有", "静子", "ひきょうゆう", "0554-63-7070", "1944-05-06", "市に送らないメモKQZ"]
WITNESS = "証人四郎"


def register(store, values: dict, scopes: list[str]) -> str:
    if not store.list_districts():
        store.replace_districts([District(d.code, d.name, d.reading) for d in UENOHARA_DISTRICTS])
    consent = Consent(scopes=scopes, method="signed_paper", witnessed_by=WITNESS)
    return store.register_resident(dict(values), consent, allow_duplicate=True).id


def server_text(central) -> str:
    return repr(
        {table: central.storage.rows("default", table) for table in ("residents", "consents")}
    )


def test_a_person_who_does_not_share_leaves_the_desk_only_as_a_stub(central):
    desk, other = central.desk("a"), central.desk("b")
    private = register(desk, PRIVATE, ["keep_record"])
    shared = register(
        desk,
        {"family_name": "共有", "family_reading": "きょうゆう", "phone": "0554-63-8080"},
        ["keep_record", "share_with_city"],
    )
    sync(desk)
    residents = central.storage.rows("default", "residents")
    assert set(residents[private]) <= {"district", "kind", "deleted", "merged_into"}
    assert residents[private]["district"] == "01"
    assert residents[shared]["phone"] == "0554-63-8080"
    text = server_text(central)
    assert not [trace for trace in TRACES if trace in text]
    consents = central.storage.rows("default", "consents")
    private_consents = [c for c in consents.values() if c.get("resident_id") == private]
    assert private_consents and all("witnessed_by" not in c for c in private_consents)

    sync(other)
    assert other.get_row("residents", private) is not None  # the stub, for the city's counts
    assert other.search_residents("ひきょうゆう") == []
    assert private not in {r.id for r in other.list_residents()}
    assert [r.id for r in other.search_residents("きょうゆう")] == [shared]
    assert desk.get_resident(private).phone == PRIVATE["phone"]  # kept where they consented


def test_agreeing_later_sends_the_full_record(central):
    desk, other = central.desk("a"), central.desk("b")
    private = register(desk, PRIVATE, ["keep_record"])
    sync(desk)
    sync(other)
    change_scopes(desk, private, add=["share_with_city"], witness=WITNESS)
    sync(desk)
    residents = central.storage.rows("default", "residents")
    assert residents[private]["phone"] == PRIVATE["phone"]
    assert residents[private]["family_name"] == PRIVATE["family_name"]
    sync(other)
    assert [r.id for r in other.search_residents("ひきょうゆう")] == [private]
    assert other.get_resident(private).notes == PRIVATE["notes"]


def test_withdrawing_the_scope_leaves_only_the_stub_on_the_server_and_other_desks(central):
    desk, other = central.desk("a"), central.desk("b")
    person = register(desk, PRIVATE, ["keep_record", "share_with_city"])
    sync(desk)
    sync(other)
    assert [r.id for r in other.search_residents("ひきょうゆう")] == [person]
    change_scopes(desk, person, remove=["share_with_city"], witness=WITNESS, by="山田")
    assert [e.detail for e in desk.list_audit() if e.action == "changed_consent"] == [
        "-share_with_city"
    ]
    sync(desk)
    residents = central.storage.rows("default", "residents")
    assert set(residents[person]) <= {"district", "kind", "deleted", "merged_into"}
    text = server_text(central)
    assert not [trace for trace in [*TRACES, WITNESS] if trace in text]
    sync(other)
    assert other.search_residents("ひきょうゆう") == []
    row = other.get_row("residents", person)
    assert row is not None and row["district"] == "01"  # the stub stays for the counts
    assert not [trace for trace in TRACES if trace in repr(row)]
    kept = desk.get_resident(person)  # where they consented, the record stays whole
    assert kept.phone == PRIVATE["phone"] and kept.notes == PRIVATE["notes"]
    sync(desk)
    assert desk.get_resident(person).family_name == PRIVATE["family_name"]
