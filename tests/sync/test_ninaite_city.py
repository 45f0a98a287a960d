"""The city-wide view counts 関係人口 and 担い手活動 as a desk holding the whole city does: the
hand-built year of tests/unit/test_ninaite.py, sent to the real central's records."""

from __future__ import annotations

import datetime as dt

from kyojo_desk.central.city_kpi import city_kpis
from kyojo_desk.store import Store
from kyojo_desk.store.districts import ensure_districts
from kyojo_desk.store.kpi import compute_kpis
from tests.sync.test_city_kpi import all_rows, upload
from tests.unit.test_ninaite import FURUSATO, at, event

NINAITE_KEYS = (
    "related_participants",
    "ninaite_activities",
    "ninaite_participants",
    "ninaite_check_ins",
    "ninaite_met",
)


def test_city_counts_related_people_and_designated_activities(central, tmp_path):
    with Store.open(tmp_path / "town.db") as store:
        ensure_districts(store)
        town = store.create_organisation({"name": "上野原東自治会", "kind": "自治会"})
        cleaning = event(store, "公園清掃", "2026-05-10", ninaite_activity=True)
        festival = event(
            store,
            "夏まつり運営",
            "2026-07-01",
            "2026-07-03",
            ninaite_activity=True,
            designated_by=town.id,
        )
        tea = event(store, "お茶会", "2026-09-01")
        far = store.register_furusato(FURUSATO, "受付")
        near = store.register_furusato(
            {**FURUSATO, "given_name": "三郎", "given_reading": "さぶろう"},
            "受付",
            allow_duplicate=True,
        )
        for day in ("2026-07-01", "2026-07-02", "2026-07-03"):
            store.check_in(festival.id, far.id, "card", at=at(day))
        store.check_in(cleaning.id, far.id, "card", at=at("2026-05-10"))
        store.check_in(tea.id, near.id, "card", at=at("2026-09-01"))
        upload(central, store, "uenohara", "上野原公民館", all_rows(store))
        start, end = dt.date(2026, 4, 1), dt.date(2027, 3, 31)
        city = city_kpis(
            central.storage.database, "uenohara", start, end, central.storage.desks("uenohara")
        )
        desk = compute_kpis(store, start, end)
    # Two 関係人口 came; two designated activities; one person took part in them on four days
    # and meets 年3回 (three consecutive days count three times for someone from far away).
    assert [city[key] for key in NINAITE_KEYS] == [2, 2, 1, 4, 1]
    assert [desk[key] for key in NINAITE_KEYS] == [2, 2, 1, 4, 1]
