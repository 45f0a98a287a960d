"""The resident search index: folded keys kept beside each resident, and the query behind
search-as-you-type.

Ranking, as people expect it: 0 = a whole name or reading equals the query, 1 = the name or
reading starts with it (the family name first), 2 = the given name or reading starts with it,
3 = it appears anywhere. Ties are in 五十音 order of the reading (`sort_key`).

Every query is answered from indexes that are already in that order, each read with the limit:
- one or two characters: `resident_grams` holds every one- and two-character piece of each
  name and reading with its best rank, keyed (gram, rank, sort_key), so the answer is the first
  rows of one index range (trigrams cannot find them, and a scan of 100 000 names is too slow);
- three or more: exact matches through (key, sort_key) indexes, prefixes through the
  `sort_key` (which starts with the reading) and name indexes, and the FTS5 trigram index for
  the rest;
- digits: the end of either phone number (the last digits people remember).
Names are folded with `fold_key`, readings with `reading_key` (long vowels, small kana).
"""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from kyojo_desk.text.fold import fold_key, reading_key
from kyojo_desk.text.phone import phone_digits

_TOP = "\U0010ffff"  # sorts after every character, for prefix ranges
EXACT, FAMILY_PREFIX, GIVEN_PREFIX, ANYWHERE = 0, 1, 2, 3
SHORT_QUERY = 2  # queries up to this many characters are answered by resident_grams


def index_row(resident: dict[str, Any]) -> dict[str, Any]:
    """The search keys of one resident row."""
    family_name = fold_key(resident.get("family_name"))
    given_name = fold_key(resident.get("given_name"))
    family_reading = reading_key(resident.get("family_reading"))
    given_reading = reading_key(resident.get("given_reading"))
    phones = [phone_digits(resident.get(name)) for name in ("phone", "phone2")]
    full_text = "|".join(
        part for part in (family_name + given_name, family_reading + given_reading, *phones) if part
    )
    return {
        "resident_id": resident["id"],
        # 五十音 order by the whole reading; the name breaks ties. A reading prefix is a range.
        "sort_key": f"{family_reading}{given_reading}\t{family_name}{given_name}",
        "family_name_key": family_name,
        "given_name_key": given_name,
        "name_key": family_name + given_name,
        "family_reading_key": family_reading,
        "given_reading_key": given_reading,
        "full_text": full_text,
        "phone_reversed": phones[0][::-1],
        "phone2_reversed": phones[1][::-1],
        "birth_date": resident.get("birth_date"),
    }


def gram_ranks(row: dict[str, Any]) -> dict[str, int]:
    """Every one- and two-character piece of a resident's keys with its best rank."""
    ranks: dict[str, int] = {}

    def offer(gram: str, rank: int) -> None:
        if gram and rank < ranks.get(gram, ANYWHERE + 1):
            ranks[gram] = rank

    full_keys = (row["name_key"], row["sort_key"].split("\t", 1)[0])
    for key in (*full_keys, row["family_name_key"], row["given_name_key"]):
        if len(key) <= SHORT_QUERY:
            offer(key, EXACT)
    for key in (row["family_reading_key"], row["given_reading_key"]):
        if len(key) <= SHORT_QUERY:
            offer(key, EXACT)
    for key in full_keys:
        for length in range(1, SHORT_QUERY + 1):
            offer(key[:length], FAMILY_PREFIX)
    for key in (row["given_name_key"], row["given_reading_key"]):
        for length in range(1, SHORT_QUERY + 1):
            offer(key[:length], GIVEN_PREFIX)
    for key in full_keys:
        for length in range(1, SHORT_QUERY + 1):
            for start in range(len(key) - length + 1):
                offer(key[start : start + length], ANYWHERE)
    return ranks


def _insert(db: Database, row: dict[str, Any]) -> None:
    columns = ", ".join(row)
    cursor = db.conn.execute(
        f"INSERT INTO resident_index ({columns}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    db.conn.executemany(
        "INSERT INTO resident_grams (gram, rank, sort_key, index_rowid) VALUES (?, ?, ?, ?)",
        [(g, r, row["sort_key"], cursor.lastrowid) for g, r in gram_ranks(row).items()],
    )


def _remove(db: Database, resident_id: str) -> None:
    old = db.conn.execute(
        "SELECT rowid, sort_key, family_name_key, given_name_key, name_key, family_reading_key,"
        " given_reading_key FROM resident_index WHERE resident_id = ?",
        [resident_id],
    ).fetchone()
    if old is None:
        return
    rowid, *keys = old
    row = dict(
        zip(
            (
                "sort_key",
                "family_name_key",
                "given_name_key",
                "name_key",
                "family_reading_key",
                "given_reading_key",
            ),
            keys,
            strict=True,
        )
    )
    # Each gram row is found by its whole primary key: no index on the rowid is needed.
    db.conn.executemany(
        "DELETE FROM resident_grams WHERE gram = ? AND rank = ? AND sort_key = ? AND index_rowid = ?",
        [(g, r, row["sort_key"], rowid) for g, r in gram_ranks(row).items()],
    )
    db.conn.execute("DELETE FROM resident_index WHERE rowid = ?", [rowid])


def reindex(db: Database, resident: dict[str, Any] | None, resident_id: str) -> None:
    """Bring the index of one resident up to date (removed when deleted or merged)."""
    _remove(db, resident_id)
    if not listed(resident):
        return
    _insert(db, index_row(resident))


def listed(resident: dict[str, Any] | None) -> bool:
    """Whether a resident row belongs in the registry: not deleted or merged, and not the
    nameless stub of a person of another desk who does not share their record."""
    return bool(
        resident
        and not resident.get("deleted")
        and not resident.get("merged_into")
        and (resident.get("family_name") or resident.get("family_reading"))
    )


def reindex_many(db: Database, resident_ids: list[str]) -> None:
    """`reindex` for many residents at once (a pulled page): their rows read a few hundred at
    a time, the old index rows removed, the live ones indexed as one batch."""
    for start in range(0, len(resident_ids), 500):
        chunk = resident_ids[start : start + 500]
        cursor = db.conn.execute(
            f"SELECT * FROM residents WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
        )
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor]
        # Only residents indexed before have index rows to remove (none, for new ones).
        indexed = db.conn.execute(
            "SELECT resident_id FROM resident_index WHERE resident_id IN"
            f" ({', '.join('?' for _ in chunk)})",
            chunk,
        ).fetchall()
        for (resident_id,) in indexed:
            _remove(db, resident_id)
        index_new(db, rows)


def index_new(db: Database, residents: list[dict[str, Any]]) -> None:
    """Index residents that have no index rows yet (a bulk import). Their gram rows go in as
    one sorted batch: appending to the index in key order costs a fraction of one insert per
    resident."""
    grams: list[tuple[str, int, str, int]] = []
    for resident in residents:
        if not listed(resident):
            continue
        row = index_row(resident)
        cursor = db.conn.execute(
            f"INSERT INTO resident_index ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            list(row.values()),
        )
        grams += [(g, r, row["sort_key"], cursor.lastrowid) for g, r in gram_ranks(row).items()]
    grams.sort()
    db.conn.executemany(
        "INSERT INTO resident_grams (gram, rank, sort_key, index_rowid) VALUES (?, ?, ?, ?)", grams
    )


def rebuild(db: Database) -> int:
    """Every key of every resident made again from the stored names (a migration after the
    folding rules change); returns how many residents are indexed."""
    db.conn.execute("DELETE FROM resident_grams")
    db.conn.execute("DELETE FROM resident_index")  # its trigger empties the trigram index too
    columns = [
        row[1] for row in db.conn.execute("PRAGMA table_info(residents)").fetchall()
    ]  # phone2 exists only from its migration on
    wanted = [
        c
        for c in ("id", "family_name", "given_name", "family_reading", "given_reading")
        + ("phone", "phone2", "birth_date")
        if c in columns
    ]
    cursor = db.conn.execute(
        f"SELECT {', '.join(wanted)} FROM residents WHERE deleted = 0 AND merged_into IS NULL"
    )
    residents = [dict(zip(wanted, values, strict=True)) for values in cursor.fetchall()]
    # The trigram index is filled once at the end instead of row by row through its insert
    # trigger (the trigger is put back exactly as it was, from its own stored definition).
    trigger_sql = db.conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'resident_index_ai'"
    ).fetchone()
    if trigger_sql:
        db.conn.execute("DROP TRIGGER resident_index_ai")
    index_new(db, residents)
    if trigger_sql:
        db.conn.execute("INSERT INTO resident_fts(resident_fts) VALUES ('rebuild')")
        db.conn.execute(trigger_sql[0])
    return len(residents)


def search_ids(db: Database, query: str, limit: int = 50) -> list[str]:
    """Resident ids matching `query`, best rank first, then in 五十音 order."""
    name_query = fold_key(query)
    if not name_query or limit <= 0:
        return []
    if re.fullmatch(r"[0-9\-]+", name_query):
        return _phone_ids(db, name_query.replace("-", ""), limit)
    queries = list(dict.fromkeys((name_query, reading_key(query))))
    if max(len(q) for q in queries) <= SHORT_QUERY:
        return _short_ids(db, queries, limit)
    return _long_ids(db, queries, limit)


def _take(found: dict[str, tuple[int, str]], limit: int) -> list[str]:
    return [rid for rid, _ in sorted(found.items(), key=lambda item: item[1])][:limit]


def _short_ids(db: Database, queries: list[str], limit: int) -> list[str]:
    found: dict[str, tuple[int, str]] = {}
    for q in queries:
        rows = db.conn.execute(
            "SELECT i.resident_id, g.rank, g.sort_key FROM resident_grams g "
            "JOIN resident_index i ON i.rowid = g.index_rowid "
            "WHERE g.gram = ? ORDER BY g.rank, g.sort_key LIMIT ?",
            [q, limit],
        ).fetchall()
        for resident_id, rank, sort_key in rows:
            found[resident_id] = min(found.get(resident_id, (rank, sort_key)), (rank, sort_key))
    return _take(found, limit)


def _long_ids(db: Database, queries: list[str], limit: int) -> list[str]:
    """Three or more characters: each rank from its own ordered index, stopping at the limit."""
    found: dict[str, tuple[int, str]] = {}
    conn = db.conn

    def add(rank: int, sql: str, params: list[Any]) -> None:
        for resident_id, sort_key in conn.execute(sql, [*params, limit]).fetchall():
            if resident_id not in found or found[resident_id] > (rank, sort_key):
                found[resident_id] = (rank, sort_key)

    def enough(rank: int) -> bool:
        return sum(1 for r, _ in found.values() if r <= rank) >= limit

    select = "SELECT resident_id, sort_key FROM resident_index"
    for q in queries:
        for column in ("family_name_key", "given_name_key", "name_key") + (
            "family_reading_key",
            "given_reading_key",
        ):
            add(EXACT, f"{select} WHERE {column} = ? ORDER BY sort_key LIMIT ?", [q])
        add(
            EXACT,
            f"{select} WHERE sort_key >= ? AND sort_key < ? LIMIT ?",
            [q + "\t", q + "\t" + _TOP],
        )
    if enough(EXACT):
        return _take(found, limit)
    for q in queries:
        add(FAMILY_PREFIX, f"{select} WHERE sort_key >= ? AND sort_key < ? LIMIT ?", [q, q + _TOP])
        add(
            FAMILY_PREFIX,
            f"{select} WHERE name_key >= ? AND name_key < ? ORDER BY sort_key LIMIT ?",
            [q, q + _TOP],
        )
    if enough(FAMILY_PREFIX):
        return _take(found, limit)
    for q in queries:
        for column in ("given_name_key", "given_reading_key"):
            add(
                GIVEN_PREFIX,
                f"{select} WHERE {column} >= ? AND {column} < ? ORDER BY sort_key LIMIT ?",
                [q, q + _TOP],
            )
    if enough(GIVEN_PREFIX):
        return _take(found, limit)
    for q in queries:
        if len(q) < 3:
            continue
        add(
            ANYWHERE,
            "SELECT i.resident_id, i.sort_key FROM resident_fts f "
            "JOIN resident_index i ON i.rowid = f.rowid "
            "WHERE resident_fts MATCH ? ORDER BY i.sort_key LIMIT ?",
            ['"' + q.replace('"', '""') + '"'],
        )
    return _take(found, limit)


def _phone_ids(db: Database, digits: str, limit: int) -> list[str]:
    """The end of either phone number; for three digits or more also anywhere in them."""
    found: dict[str, tuple[int, str]] = {}
    reversed_digits = digits[::-1]
    for column in ("phone_reversed", "phone2_reversed"):
        rows = db.conn.execute(
            f"SELECT resident_id, sort_key FROM resident_index WHERE {column} >= ? AND "
            f"{column} < ? ORDER BY {column} LIMIT ?",
            [reversed_digits, reversed_digits + _TOP, limit],
        ).fetchall()
        for resident_id, sort_key in rows:
            found[resident_id] = (0, sort_key)
    if len(digits) >= 3 and len(found) < limit:
        rows = db.conn.execute(
            "SELECT i.resident_id, i.sort_key FROM resident_fts f "
            "JOIN resident_index i ON i.rowid = f.rowid "
            "WHERE resident_fts MATCH ? ORDER BY i.sort_key LIMIT ?",
            ['"' + digits + '"', limit + len(found)],
        ).fetchall()
        for resident_id, sort_key in rows:
            found.setdefault(resident_id, (1, sort_key))
    return _take(found, limit)
