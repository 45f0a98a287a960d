"""Shared fixtures. Qt runs offscreen; every Store is a fresh file in a tmp dir, closed after."""

from __future__ import annotations

import os

# Before any QApplication exists, or pytest aborts with the message hidden by capture.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from kyojo_desk.records.resident import Consent  # noqa: E402
from kyojo_desk.store import Store  # noqa: E402
from kyojo_desk.store.districts import District  # noqa: E402

# Tests never assert on timing: Hypothesis's per-example deadline (200 ms) would fail a
# property on a busy CI machine for being slow, not for being wrong.
settings.register_profile("kyojo", deadline=None)
settings.load_profile("kyojo")

UENOHARA_DISTRICTS = [
    District("01", "上野原", "うえのはら"),
    District("02", "大目", "おおめ"),
    District("03", "甲東", "こうとう"),
    District("04", "巌", "いわお"),
    District("05", "島田", "しまだ"),
    District("06", "大鶴", "おおつる"),
    District("07", "棡原", "ゆずりはら"),
    District("08", "西原", "さいはら"),
    District("09", "秋山", "あきやま"),
]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data directory, also set as $KYOJO_DATA_DIR for CLI runs."""
    directory = tmp_path / "data"
    directory.mkdir()
    monkeypatch.setenv("KYOJO_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A Store on a new database file with Uenohara's districts."""
    opened = Store.open(data_dir / "kyojo.db")
    opened.replace_districts([District(d.code, d.name, d.reading) for d in UENOHARA_DISTRICTS])
    yield opened
    opened.close()


def consent(witness: str = "受付 花子", *, shared: bool = False) -> Consent:
    """A consent to keep the record (and, when `shared`, to share it with the city), given on
    signed paper."""
    scopes = ["keep_record", "share_with_city"] if shared else ["keep_record"]
    return Consent(scopes=scopes, method="signed_paper", witnessed_by=witness)


@pytest.fixture
def make_resident(store: Store):
    """Register a resident with sensible defaults; keyword arguments override fields."""

    def make(*, shared: bool = False, **values):
        defaults = {
            "family_name": "山田",
            "given_name": "太郎",
            "family_reading": "やまだ",
            "given_reading": "たろう",
            "district": "01",
        }
        defaults.update(values)
        return store.register_resident(defaults, consent(shared=shared), allow_duplicate=True)

    return make
