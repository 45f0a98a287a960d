"""Realistic synthetic residents for practice and benchmarks (`kyojo-desk demo`).

Names come with their readings (Faker's ja_JP pairs plus common and local family names), birth
dates spread over 1930–2015 (weighted towards the seniors a centre serves), Uenohara's districts,
phones, needs and smartphones. Everything goes through the Store, so the change log is written
as for any registration. The same seed gives the same residents.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from faker import Faker

from kyojo_desk.records.resident import (
    Consent,
    ConsentMethod,
    ConsentScope,
    Smartphone,
    SupportNeed,
)
from kyojo_desk.store.districts import ensure_districts
from kyojo_desk.text.fold import to_hiragana

if TYPE_CHECKING:
    from kyojo_desk.store.store import Store

# Consents of demo residents carry this witness: it marks them for removal.
DEMO_WITNESS = "練習用データ"

# Family names common in Yamanashi and across Japan, with readings, beyond Faker's fifty.
EXTRA_FAMILY_NAMES = (
    ("小俣", "おまた"),
    ("杉本", "すぎもと"),
    ("尾形", "おがた"),
    ("石井", "いしい"),
    ("水越", "みずこし"),
    ("加藤", "かとう"),
    ("佐々木", "ささき"),
    ("山口", "やまぐち"),
    ("松本", "まつもと"),
    ("井上", "いのうえ"),
    ("木村", "きむら"),
    ("林", "はやし"),
    ("清水", "しみず"),
    ("山崎", "やまざき"),
    ("森", "もり"),
    ("池田", "いけだ"),
    ("橋本", "はしもと"),
    ("阿部", "あべ"),
    ("石川", "いしかわ"),
    ("前田", "まえだ"),
    ("藤田", "ふじた"),
    ("後藤", "ごとう"),
    ("岡田", "おかだ"),
    ("長谷川", "はせがわ"),
    ("村上", "むらかみ"),
    ("近藤", "こんどう"),
    ("坂本", "さかもと"),
    ("遠藤", "えんどう"),
    ("青木", "あおき"),
    ("藤井", "ふじい"),
    ("西村", "にしむら"),
    ("福田", "ふくだ"),
    ("太田", "おおた"),
    ("三浦", "みうら"),
    ("藤原", "ふじわら"),
    ("岡本", "おかもと"),
    ("松田", "まつだ"),
    ("中川", "なかがわ"),
    ("中野", "なかの"),
    ("原田", "はらだ"),
    ("小野", "おの"),
    ("田村", "たむら"),
    ("竹内", "たけうち"),
    ("金子", "かねこ"),
    ("和田", "わだ"),
    ("中山", "なかやま"),
    ("石田", "いしだ"),
    ("上田", "うえだ"),
    ("森田", "もりた"),
    ("原", "はら"),
    ("柴田", "しばた"),
    ("酒井", "さかい"),
    ("工藤", "くどう"),
    ("横山", "よこやま"),
    ("宮崎", "みやざき"),
    ("宮本", "みやもと"),
    ("内田", "うちだ"),
    ("高木", "たかぎ"),
    ("安藤", "あんどう"),
    ("谷口", "たにぐち"),
    ("大野", "おおの"),
    ("丸山", "まるやま"),
    ("今井", "いまい"),
    ("河野", "こうの"),
    ("藤本", "ふじもと"),
    ("村田", "むらた"),
    ("武田", "たけだ"),
    ("上野", "うえの"),
    ("杉山", "すぎやま"),
    ("増田", "ますだ"),
    ("髙橋", "たかはし"),
    ("渡邊", "わたなべ"),
    ("齋藤", "さいとう"),
    ("山﨑", "やまざき"),
    ("天野", "あまの"),
    ("望月", "もちづき"),
    ("土屋", "つちや"),
    ("雨宮", "あめみや"),
    ("功刀", "くぬぎ"),
    ("小林", "こばやし"),
)
EXTRA_GIVEN_NAMES = (
    ("花子", "はなこ"),
    ("幸子", "さちこ"),
    ("節子", "せつこ"),
    ("和子", "かずこ"),
    ("キヨ", "きよ"),
    ("ハル", "はる"),
    ("トメ", "とめ"),
    ("静江", "しずえ"),
    ("美代子", "みよこ"),
    ("照子", "てるこ"),
    ("一郎", "いちろう"),
    ("勇", "いさむ"),
    ("清", "きよし"),
    ("茂", "しげる"),
    ("博", "ひろし"),
    ("正男", "まさお"),
    ("實", "みのる"),
    ("武", "たけし"),
    ("進", "すすむ"),
    ("昭", "あきら"),
    ("陽翔", "はると"),
    ("結衣", "ゆい"),
    ("蓮", "れん"),
    ("陽菜", "ひな"),
    ("悠真", "ゆうま"),
)


def _birth_date(rng: random.Random) -> dt.date:
    # Seniors are most of a centre's residents: two in three born 1930–1960.
    if rng.random() < 0.66:
        start, end = dt.date(1930, 1, 1), dt.date(1960, 12, 31)
    else:
        start, end = dt.date(1961, 1, 1), dt.date(2015, 12, 31)
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.55:
        return f"0554-{rng.randrange(10, 100)}-{rng.randrange(0, 10000):04d}"
    if rng.random() < 0.7:
        return f"0{rng.choice('789')}0-{rng.randrange(1000, 10000)}-{rng.randrange(0, 10000):04d}"
    return ""


def demo_people(count: int, seed: int) -> list[dict]:
    """`count` residents' typed values, deterministic for a seed."""
    rng = random.Random(seed)
    faker = Faker("ja_JP")
    faker.seed_instance(seed)
    from faker.providers.person.ja_JP import Provider

    family_names = [(k, to_hiragana(r)) for k, r, _ in Provider.last_name_pairs] + list(
        EXTRA_FAMILY_NAMES
    )
    given_names = [
        (k, to_hiragana(r))
        for k, r, _ in (*Provider.first_name_female_pairs, *Provider.first_name_male_pairs)
    ] + list(EXTRA_GIVEN_NAMES)
    districts = [f"{n:02d}" for n in range(1, 10)]
    needs = [n.value for n in SupportNeed]
    people = []
    for _ in range(count):
        family, family_reading = rng.choice(family_names)
        given, given_reading = rng.choice(given_names)
        birth = _birth_date(rng)
        senior = birth.year < 1960
        phones = [Smartphone.NONE, Smartphone.FEATURE_PHONE, Smartphone.ANDROID, Smartphone.IPHONE]
        weights = [4, 3, 3, 2] if senior else [1, 1, 5, 5]
        people.append(
            {
                "family_name": family,
                "given_name": given,
                "family_reading": family_reading,
                "given_reading": given_reading,
                "birth_date": birth.isoformat(),
                "phone": _phone(rng),
                "district": rng.choice(districts),
                "kind": "related" if rng.random() < 0.05 else "resident",
                "support_needs": rng.sample(needs, k=rng.choice([0, 0, 0, 1, 1, 2]))
                if senior
                else [],
                "smartphone": rng.choices(phones, weights)[0].value,
                "notes": "",
            }
        )
    return people


def load_demo(store: Store, residents: int = 300, seed: int = 1) -> int:
    """Register `residents` demo residents (with consent) in one transaction; returns the count.

    Marks the desk as holding demo data (meta 'demo_data') so it can be shown and removed.
    """
    from kyojo_desk.records.resident import clean_resident_fields

    ensure_districts(store)
    people = demo_people(residents, seed)
    with store.transaction():
        store.insert_residents(
            [
                (
                    clean_resident_fields(values),
                    Consent(
                        scopes=[ConsentScope.KEEP_RECORD.value, ConsentScope.PHONE_CONTACT.value],
                        method=ConsentMethod.SIGNED_PAPER.value,
                        witnessed_by=DEMO_WITNESS,
                    ),
                )
                for values in people
            ]
        )
        store.set_meta("demo_data", "1")
        if store.get_meta("centre_name") is None:  # a practice desk needs no set-up questions
            store.set_meta("centre_name", "練習用 コミュニティセンター")
    return len(people)


def remove_demo(store: Store) -> int:
    """Erase every demo resident (those whose consent was witnessed as 練習用データ) and the demo
    mark. Erasure leaves no trace, and tells the server too if the desk ever synced them."""
    from kyojo_desk.sync.protocol import ERASURE_TABLE

    ids = [
        row[0]
        for row in store.db.execute(
            "SELECT DISTINCT resident_id FROM consents WHERE witnessed_by = ?", [DEMO_WITNESS]
        )
    ]
    with store.transaction():
        for resident_id in ids:
            store.apply_erasure(resident_id)
            store.changelog.record(ERASURE_TABLE, resident_id, {})
        store.set_meta("demo_data", "0")
    store.compact_after_erasure()
    return len(ids)
