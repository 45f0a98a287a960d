"""The resident search index: folded keys kept beside each resident, and the query behind
search-as-you-type.

Queries of three or more characters go through an FTS5 trigram index (substring anywhere in a
name or reading). Trigrams cannot find one or two characters, so short queries match the start
of a family or given name or reading through ordinary indexes, then fill up with a bounded
substring scan. Digits match the end of a phone number (the last digits people remember).
"""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from kyojo_desk.text.fold import fold_key
from kyojo_desk.text.phone import phone_digits

KEY_COLUMNS = ("family_reading_key", "given_reading_key", "family_name_key", "given_name_key")
_TOP = "\U0010ffff"  # sorts after every character, for prefix ranges


def index_row(resident: dict[str, Any]) -> dict[str, Any]:
    """The search keys of one resident row."""
    family_name = fold_key(resident.get("family_name"))
    given_name = fold_key(resident.get("given_name"))
    family_reading = fold_key(resident.get("family_reading"))
    given_reading = fold_key(resident.get("given_reading"))
    digits = phone_digits(resident.get("phone"))
    full_text = "|".join(
        part for part in (family_name + given_name, family_reading + given_reading, digits) if part
    )
    return {
        "resident_id": resident["id"],
        # 五十音 order: by reading, family then given; the name keys break ties.
        "sort_key": f"{family_reading}\t{given_reading}\t{family_name}{given_name}",
        "family_name_key": family_name,
        "given_name_key": given_name,
        "family_reading_key": family_reading,
        "given_reading_key": given_reading,
        "full_text": full_text,
        "phone_reversed": digits[::-1],
        "birth_date": resident.get("birth_date"),
    }


def reindex(db: Database, resident: dict[str, Any] | None, resident_id: str) -> None:
    """Bring the index of one resident up to date (removed when deleted or merged)."""
    db.conn.execute("DELETE FROM resident_index WHERE resident_id = ?", [resident_id])
    if resident is None or resident.get("deleted") or resident.get("merged_into"):
        return
    row = index_row(resident)
    columns = ", ".join(row)
    db.conn.execute(
        f"INSERT INTO resident_index ({columns}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )


def _rank_sql() -> str:
    """0 = a whole name or reading equals the query, 1 = one starts with it, 2 = contains it."""
    return (
        "CASE WHEN :q IN (family_reading_key || given_reading_key, family_name_key || given_name_key,"
        " family_reading_key, given_reading_key, family_name_key, given_name_key) THEN 0 "
        "WHEN " + " OR ".join(f"substr({c}, 1, :qlen) = :q" for c in KEY_COLUMNS) + " THEN 1 "
        "ELSE 2 END"
    )


def search_ids(db: Database, query: str, limit: int = 50) -> list[str]:
    """Resident ids matching `query`, best match first, then in 五十音 order."""
    q = fold_key(query)
    if not q:
        return []
    params = {"q": q, "qlen": len(q), "limit": limit}
    rank = _rank_sql()
    if re.fullmatch(r"[0-9\-]+", q):
        digits = q.replace("-", "")
        params["rev"], params["rev_top"] = digits[::-1], digits[::-1] + _TOP
        # Read in the phone index's own order with the limit, then sort the few found.
        rows = db.execute(
            "SELECT resident_id, sort_key FROM resident_index WHERE phone_reversed >= :rev AND "
            "phone_reversed < :rev_top ORDER BY phone_reversed LIMIT :limit",
            params,
        ).fetchall()
        found = [rid for rid, _ in sorted(rows, key=lambda row: row[1])]
        if len(digits) >= 3 and len(found) < limit:
            found += _trigram(db, digits, limit, rank, exclude=found)
        return found[:limit]
    if len(q) >= 3:
        return _trigram(db, q, limit, rank)
    # One or two characters: starts-with through the indexes. Each key column is read in its
    # own index order with the limit, so a common first kana never sorts thousands of rows;
    # a family reading prefix is a range of sort_key itself (which starts with that reading).
    params["top"] = q + _TOP
    candidates: dict[str, tuple[int, str]] = {}
    ranges = [("sort_key", "sort_key")] + [(c, c) for c in KEY_COLUMNS[1:]]
    for column, order in ranges:
        rows = db.execute(
            f"SELECT resident_id, sort_key, {' , '.join(KEY_COLUMNS)} FROM resident_index "
            f"WHERE {column} >= :q AND {column} < :top ORDER BY {order} LIMIT :limit",
            params,
        ).fetchall()
        for resident_id, sort_key, *keys in rows:
            rank = 0 if q in keys else 1
            candidates[resident_id] = min(
                candidates.get(resident_id, (rank, sort_key)), (rank, sort_key)
            )
    found = [rid for rid, _ in sorted(candidates.items(), key=lambda item: item[1])][:limit]
    if len(found) < limit:
        # Only columns of the covering index, so the scan never reads the table itself.
        params["rest"] = limit + len(found)
        rows = db.execute(
            "SELECT resident_id, sort_key FROM resident_index INDEXED BY resident_index_scan "
            "WHERE instr(full_text, :q) > 0 LIMIT :rest",
            params,
        ).fetchall()
        seen = set(found)
        found += [rid for rid, _ in sorted(rows, key=lambda row: row[1]) if rid not in seen]
    return found[:limit]


def _trigram(db: Database, q: str, limit: int, rank: str, exclude: list[str] = ()) -> list[str]:
    phrase = '"' + q.replace('"', '""') + '"'
    rows = db.execute(
        f"SELECT i.resident_id, {rank} AS rank FROM resident_fts f "
        "JOIN resident_index i ON i.rowid = f.rowid "
        "WHERE resident_fts MATCH :phrase ORDER BY rank, i.sort_key LIMIT :limit",
        {"q": q, "qlen": len(q), "phrase": phrase, "limit": limit + len(exclude)},
    ).fetchall()
    skip = set(exclude)
    return [r[0] for r in rows if r[0] not in skip][:limit]
