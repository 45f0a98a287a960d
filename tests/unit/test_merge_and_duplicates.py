"""Duplicates are found before they are made; two records of one person merge without loss."""

from __future__ import annotations

import pytest

from kyojo_desk.errors import DuplicateSuspected, ValidationError
from tests.conftest import consent

HANAKO = {
    "family_name": "高橋",
    "given_name": "花子",
    "family_reading": "たかはし",
    "given_reading": "はなこ",
    "birth_date": "S23.3.2",
}


def test_same_reading_and_birth_date_is_a_likely_duplicate(store):
    first = store.register_resident(HANAKO, consent())
    with pytest.raises(DuplicateSuspected) as caught:
        store.register_resident(
            {**HANAKO, "family_name": "髙橋", "family_reading": "タカハシ"}, consent()
        )
    assert [m.id for m in caught.value.matches] == [first.id]
    assert store.count_residents() == 1


def test_same_phone_is_a_likely_duplicate(store):
    first = store.register_resident({**HANAKO, "phone": "0554-62-1111"}, consent())
    with pytest.raises(DuplicateSuspected) as caught:
        store.register_resident(
            {"family_name": "鈴木", "family_reading": "すずき", "phone": "０５５４６２１１１１"},
            consent(),
        )
    assert [m.id for m in caught.value.matches] == [first.id]


def test_different_people_are_not_duplicates(store):
    store.register_resident(HANAKO, consent())
    store.register_resident({**HANAKO, "birth_date": "S23.3.3"}, consent())
    assert store.count_residents() == 2


def test_merge_keeps_everything(store, make_resident):
    # Both shared with the city, so every step of the merge is sent in full.
    keep = make_resident(
        phone="", notes="", support_needs=["large_print"], smartphone="none", shared=True
    )
    other = make_resident(
        shared=True,
        given_name="太郎",
        phone="0554-62-2222",
        notes="耳が遠い",
        support_needs=["hearing"],
        smartphone="feature_phone",
        birth_date="S10.1.1",
    )
    merged = store.merge_residents(keep.id, other.id)
    assert merged.phone == "0554-62-2222"
    assert merged.birth_date == "1935-01-01"
    assert merged.notes == "耳が遠い"
    assert merged.support_needs == ["large_print", "hearing"]
    assert merged.smartphone == "feature_phone"
    assert merged.card_code == keep.card_code
    tombstone = store.get_resident(other.id)
    assert tombstone.merged_into == keep.id and tombstone.deleted
    assert tombstone.phone == "0554-62-2222"  # the other record itself is kept as it was
    # the other's consent now belongs to the kept record
    assert len(store.consents_of(keep.id)) == 2 and store.consents_of(other.id) == []
    # every step is in the change log
    logged = [c.fields for c in store.outbox_after(0, 1000) if c.row_id == other.id]
    assert logged[-1]["merged_into"] == keep.id


def test_merge_is_one_transaction(store, make_resident, monkeypatch):
    keep, other = make_resident(phone=""), make_resident(phone="0554-62-2222")
    before = store.changelog.next_seq()

    def fail(*args):
        raise RuntimeError("power cut")

    monkeypatch.setattr(type(store), "repoint_resident_rows", fail)
    with pytest.raises(RuntimeError):
        store.merge_residents(keep.id, other.id)
    assert store.get_resident(keep.id).phone == ""
    assert store.get_resident(other.id).merged_into is None
    assert store.changelog.next_seq() == before


def test_merge_refuses_nonsense(store, make_resident):
    resident = make_resident()
    with pytest.raises(ValidationError):
        store.merge_residents(resident.id, resident.id)
    other = make_resident()
    store.merge_residents(resident.id, other.id)
    with pytest.raises(ValidationError):
        store.merge_residents(other.id, resident.id)


def test_edit_refuses_bad_values_and_keeps_the_record(store, make_resident):
    resident = make_resident(phone="0554-62-1111")
    with pytest.raises(ValidationError) as caught:
        store.update_resident(resident.id, {"phone": "12", "birth_date": "平成31年5月1日"})
    assert set(caught.value.errors) == {"phone", "birth_date"}
    assert store.get_resident(resident.id).phone == "0554-62-1111"
    with pytest.raises(ValidationError):
        store.update_resident(resident.id, {"district": "99"})
