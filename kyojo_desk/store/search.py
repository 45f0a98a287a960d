"""The resident search index: folded keys kept beside each resident, and the query behind
search-as-you-type.

Ranking, as people expect it: 0 = a whole name or reading equals the query, 1 = the name or
reading starts with it (the family name first), 2 = the given name or reading starts with it,
3 = it appears anywhere. Ties are in 五十音 order: by the whole reading, then the whole name.

The index is kept small (it is most of a desk's size) and every query reads it in order:
- `resident_index` holds one row of keys per listed resident. Its integer key, `position`,
  rises in 五十音 order, with gaps left for the people registered later. So every index on a
  key column (which ends with the position) lists equal keys already in 五十音 order, and so
  do both full-text tables, which return rows in position order: a query reads only the rows
  it shows, without a sort.
- one or two characters: `resident_grams` (full text, one token per one- or two-character
  piece of a name or reading and the best rank it has there), read one rank at a time;
  trigrams cannot find such pieces, and a scan of 100 000 names is too slow;
- three or more: exact matches and prefixes through the key indexes, the full-text trigram
  table `resident_text` for the rest;
- digits: the end of either phone number (the last digits people remember).
Both full-text tables keep no copy of their text (contentless): what was indexed for a
resident is made again from the keys in `resident_index` when it has to be taken out.
Names are folded with `fold_key`, readings with `reading_key` (long vowels, small kana).
"""

from __future__ import annotations

import functools
import re
import secrets
import weakref
from bisect import bisect_right
from collections.abc import Iterable
from itertools import chain
from operator import add
from typing import Any

from sqlite_utils import Database

from kyojo_desk.text.fold import fold_key, reading_key
from kyojo_desk.text.phone import phone_digits

_TOP = "\U0010ffff"  # sorts after every character, for prefix ranges
EXACT, FAMILY_PREFIX, GIVEN_PREFIX, ANYWHERE = 0, 1, 2, 3
SHORT_QUERY = 2  # queries up to this many characters are answered by resident_grams
# New residents get positions this far apart; a gap that fills up is made again by spreading
# the residents around it out (a few dozen rows), so positions stay small integers (3 bytes
# up to ~130 000 residents) in every index that ends with them.
SPACING = 64


def _gap_wanted(rows: int) -> int:
    """The mean gap a stretch of `rows` residents must have to be spread out, instead of a
    wider one. It grows with the stretch (2 for a few rows, up to SPACING // 2): spreading a
    stretch leaves each smaller stretch in it sparser than it needs to be, so the next spread
    there comes only after many more residents (a packed-memory array's thresholds); one
    threshold for every width makes each spread barely enough, and people registered again
    and again at one spot re-spread an ever wider stretch each time."""
    level = max(0, rows.bit_length() - 4)
    return min(SPACING // 2, 2 + level * 3)


_CHUNK = 500  # ids per `IN (…)` list
# From this many new residents at once (a full pulled page, an import) they are merged into the
# whole order read once, whatever the number of residents: one by one, each costs a few index
# searches and often moves some neighbours (0.1–1 ms), reading the order about 1 µs a resident;
# and the pages after it in a pull merge into the order kept from it (`_OrderMemo`, some 20 MB
# at 100 000 residents while a pull runs). 10 000 residents pulled into a desk of 100 000:
# 9 s of CPU one by one, 1.4 s merged.
MERGE_ALWAYS = 256

KEY_COLUMNS = (
    "family_name_key",
    "given_name_key",
    "family_reading_key",
    "given_reading_key",
    "phone_reversed",
    "phone2_reversed",
)
NAME = "family_name_key || given_name_key"  # the whole name (its index is on this expression)
READING = "family_reading_key || given_reading_key"  # the whole reading (likewise)
_ENTRY = f"position, resident_id, {', '.join(KEY_COLUMNS)}"

Keys = tuple[str, str, str, str, str, str]  # the values of KEY_COLUMNS


# -- keys ---------------------------------------------------------------------------------------


# The fields of a resident row that `index_keys` and `listed` read.
INDEXED_FIELDS = frozenset(
    ("family_name", "given_name", "family_reading", "given_reading", "phone", "phone2")
    + ("deleted", "merged_into")
)


def index_row(resident: dict[str, Any]) -> dict[str, str]:
    """The search keys of one resident row, by column of `resident_index`."""
    return dict(zip(KEY_COLUMNS, index_keys(resident), strict=True))


def index_keys(resident: dict[str, Any]) -> Keys:
    """The search keys of one resident row, in the order of KEY_COLUMNS."""
    return (
        fold_key(resident.get("family_name")),
        fold_key(resident.get("given_name")),
        reading_key(resident.get("family_reading")),
        reading_key(resident.get("given_reading")),
        phone_digits(resident.get("phone"))[::-1],
        phone_digits(resident.get("phone2"))[::-1],
    )


def order_of(keys: Keys) -> tuple[str, str]:
    """Where a resident stands in 五十音 order: the whole reading, then the whole name."""
    return keys[2] + keys[3], keys[0] + keys[1]


@functools.lru_cache(maxsize=1 << 16)  # names repeat: a town has a few hundred family names
def _pieces(key: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A key's characters and its two-character pieces, in order."""
    return tuple(key), tuple(map(add, key, key[1:]))


def _pieces_of_whole(first: str, second: str) -> Iterable[str]:
    """The characters, then the two-character pieces, of `first + second` (as `_pieces` of
    it would give them), made from the remembered pieces of each: only the piece across the
    two is new."""
    first_characters, first_pairs = _pieces(first)
    second_characters, second_pairs = _pieces(second)
    across = (first[-1] + second[0],) if first and second else ()
    return chain(first_characters, second_characters, first_pairs, across, second_pairs)


def gram_ranks(keys: Keys | dict[str, str]) -> dict[str, int]:
    """Every one- and two-character piece of a resident's keys with its best rank."""
    if isinstance(keys, dict):
        keys = tuple(keys[column] for column in KEY_COLUMNS)  # type: ignore[assignment]
    family_name, given_name, family_reading, given_reading = keys[:4]
    name, reading = family_name + given_name, family_reading + given_reading
    # Given from the worst rank to the best, so the last rank given to a piece is its best.
    # The pieces anywhere come in the order of the whole name's and reading's characters and
    # pairs, most of them already made (a resident's pull or import runs this once).
    ranks = dict.fromkeys(
        chain(
            _pieces_of_whole(family_name, given_name),
            _pieces_of_whole(family_reading, given_reading),
        ),
        ANYWHERE,
    )
    for key in (given_name, given_reading):
        if key:
            ranks[key[:1]] = ranks[key[:2]] = GIVEN_PREFIX
    for key in (name, reading):
        if key:
            ranks[key[:1]] = ranks[key[:2]] = FAMILY_PREFIX
    for key in (name, reading, family_name, given_name, family_reading, given_reading):
        if key and len(key) <= SHORT_QUERY:
            ranks[key] = EXACT
    return ranks


class _Tokens(dict[tuple[str, int], str]):
    """(piece, rank) → its full-text token, made on first use. A plain dict, not an LRU
    cache: a pulled page looks up some thirty tokens per resident, and a dict lookup costs
    half of an LRU cache's. A registry has some thousands of different pieces; past
    TOKENS_KEPT the tokens are all made again as they are asked for."""

    def __missing__(self, key: tuple[str, int]) -> str:
        if len(self) >= TOKENS_KEPT:
            self.clear()
        gram, rank = key
        token = self[key] = str(rank) + "".join(f"{ord(character):06x}" for character in gram)
        return token


TOKENS_KEPT = 1 << 16
_TOKENS = _Tokens()


def gram_token(gram: str, rank: int) -> str:
    """The full-text token of a piece at a rank: the rank, then each character as six hex
    digits (so the tokenizer never splits or folds a name's characters)."""
    return _TOKENS[gram, rank]


def text_document(keys: Keys) -> str:
    """What resident_text indexes by trigrams: whole name, whole reading, phone digits."""
    family_name, given_name, family_reading, given_reading, phone, phone2 = keys
    return "|".join(
        part
        for part in (family_name + given_name, family_reading + given_reading, phone[::-1])
        + (phone2[::-1],)
        if part
    )


def grams_document(keys: Keys) -> str:
    """What resident_grams indexes: the tokens of the short pieces of the name and reading
    (the phones play no part)."""
    return " ".join(map(_TOKENS.__getitem__, gram_ranks(keys).items()))


def documents(keys: Keys) -> tuple[str, str]:
    """What the two full-text tables index for a resident (text_document, grams_document)."""
    return text_document(keys), grams_document(keys)


def listed(resident: dict[str, Any] | None) -> bool:
    """Whether a resident row belongs in the registry: not deleted or merged, and not the
    nameless stub of a person of another desk who does not share their record."""
    return bool(
        resident
        and not resident.get("deleted")
        and not resident.get("merged_into")
        and (resident.get("family_name") or resident.get("family_reading"))
    )


# -- writing the index ----------------------------------------------------------------------------


def reindex(db: Database, resident: dict[str, Any] | None, resident_id: str) -> None:
    """Bring the index of one resident up to date (removed when deleted or merged)."""
    _bring_up_to_date(db, {resident_id: index_keys(resident) if listed(resident) else None})


def reindex_many(
    db: Database, resident_ids: list[str], known: dict[str, dict[str, Any]] | None = None
) -> None:
    """`reindex` for many residents at once (a pulled page, an import): their rows and index
    rows read a few hundred at a time, then set-based writes — removed rows deleted in one
    statement per table, changed keys updated in place when the 五十音 position still holds,
    the rest placed together (see `_add`). `known`: residents' stored values by id, where the
    caller has them (rows it just inserted); those that hold every field the index reads are
    not read again."""
    wanted: dict[str, Keys | None] = {}
    unknown: list[str] = []
    for resident_id in resident_ids:
        values = known.get(resident_id) if known else None
        if values is not None and values.keys() >= INDEXED_FIELDS:
            wanted[resident_id] = index_keys(values) if listed(values) else None
        else:
            unknown.append(resident_id)
    names = _indexed_columns(db) if unknown else []
    for start in range(0, len(unknown), _CHUNK):
        chunk = list(dict.fromkeys(unknown[start : start + _CHUNK]))
        cursor = db.conn.execute(
            f"SELECT {', '.join(names)} FROM residents"
            f" WHERE id IN ({', '.join('?' for _ in chunk)})",
            chunk,
        )
        rows = {row[0]: dict(zip(names, row, strict=True)) for row in cursor}
        for resident_id in chunk:
            row = rows.get(resident_id)
            wanted[resident_id] = index_keys(row) if listed(row) else None
    _bring_up_to_date(db, wanted)


def index_new(db: Database, residents: list[dict[str, Any]]) -> None:
    """Index residents that have no index rows yet (a bulk import, demo data)."""
    index_created(db, [(r["id"], r) for r in residents])


def index_created(db: Database, rows: list[tuple[str, dict[str, Any]]]) -> None:
    """`index_new` for rows given as (id, values without the id), as they are created."""
    _add(db, [(row_id, index_keys(values)) for row_id, values in rows if listed(values)])


def rebuild(db: Database) -> int:
    """Every key of every resident made again from the stored names (a migration after the
    folding rules change); returns how many residents are indexed."""
    _OrderMemo.forget(db)
    db.conn.execute("DELETE FROM resident_index")
    for table in ("resident_text", "resident_grams"):
        db.conn.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    wanted = _indexed_columns(db)
    cursor = db.conn.execute(
        f"SELECT {', '.join(wanted)} FROM residents WHERE deleted = 0 AND merged_into IS NULL"
    )
    residents = [dict(zip(wanted, values, strict=True)) for values in cursor.fetchall()]
    entries = [(r["id"], index_keys(r)) for r in residents if listed(r)]
    _add(db, entries)
    return len(entries)


def _indexed_columns(db: Database) -> list[str]:
    """`id` and the columns of `residents` the index reads (phone2 exists only from its
    migration on, and migrations before it rebuild the index too)."""
    columns = {row[1] for row in db.conn.execute("PRAGMA table_info(residents)").fetchall()}
    return ["id", *(c for c in sorted(INDEXED_FIELDS) if c in columns)]


def _entries(db: Database, column: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Rows of resident_index (position, resident_id, *keys) whose `column` is among `values`."""
    values = list(values)
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        found += db.conn.execute(
            f"SELECT {_ENTRY} FROM resident_index WHERE {column} IN"
            f" ({', '.join('?' for _ in chunk)})",
            chunk,
        ).fetchall()
    return found


def _bring_up_to_date(db: Database, wanted: dict[str, Keys | None]) -> None:
    """Make the index rows of these residents hold `wanted` (None: not listed)."""
    removed: list[tuple[Any, ...]] = []
    changed: list[tuple[tuple[Any, ...], Keys]] = []
    added: list[tuple[str, Keys]] = []
    present = set()
    for entry in _entries(db, "resident_id", wanted):
        resident_id, old_keys = entry[1], tuple(entry[2:])
        present.add(resident_id)
        new_keys = wanted[resident_id]
        if new_keys is None:
            removed.append(entry)
        elif new_keys == old_keys:
            continue
        elif order_of(new_keys) == order_of(old_keys):  # type: ignore[arg-type]
            changed.append((entry, new_keys))
        else:
            removed.append(entry)
            added.append((resident_id, new_keys))
    added += [
        (rid, keys) for rid, keys in wanted.items() if keys is not None and rid not in present
    ]
    _remove(db, removed)
    _change_in_place(db, changed)
    _add(db, added)


def _change_in_place(db: Database, changed: list[tuple[tuple[Any, ...], Keys]]) -> None:
    """New keys for residents whose 五十音 position still holds (a new phone number, a name
    split differently): only the columns and full-text documents that differ are rewritten,
    so each index is touched only where its column changed."""
    by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    texts: list[tuple[int, str, str]] = []
    grams: list[tuple[int, str, str]] = []
    for entry, keys in changed:
        position, old_keys = entry[0], tuple(entry[2:])
        columns = tuple(c for c, a, b in zip(KEY_COLUMNS, old_keys, keys, strict=True) if a != b)
        values = [b for a, b in zip(old_keys, keys, strict=True) if a != b]
        by_columns.setdefault(columns, []).append((*values, position))
        old_text, new_text = text_document(old_keys), text_document(keys)  # type: ignore[arg-type]
        if old_text != new_text:
            texts.append((position, old_text, new_text))
        if old_keys[:4] != keys[:4]:  # a new phone leaves the pieces as they were
            old_grams, new_grams = grams_document(old_keys), grams_document(keys)  # type: ignore[arg-type]
            if old_grams != new_grams:
                grams.append((position, old_grams, new_grams))
    for columns, rows in by_columns.items():
        db.conn.executemany(
            f"UPDATE resident_index SET {', '.join(f'{c} = ?' for c in columns)}"
            " WHERE position = ?",
            rows,
        )
    for table, column, documents_changed in (
        ("resident_text", "full_text", texts),
        ("resident_grams", "grams", grams),
    ):
        _forget(db, table, column, [(p, old) for p, old, _ in documents_changed])
        _index(db, table, column, [(p, new) for p, _, new in documents_changed])


def _index(db: Database, table: str, column: str, documents: list[tuple[int, str]]) -> None:
    db.conn.executemany(f"INSERT INTO {table}(rowid, {column}) VALUES (?, ?)", documents)


def _forget(db: Database, table: str, column: str, documents: list[tuple[int, str]]) -> None:
    """Take documents out of a contentless full-text table: it is told exactly what was
    indexed (made again from the keys it was made from)."""
    db.conn.executemany(
        f"INSERT INTO {table}({table}, rowid, {column}) VALUES ('delete', ?, ?)", documents
    )


def _write_documents(db: Database, placed: list[tuple[int, Keys]]) -> None:
    made = [(position, *documents(keys)) for position, keys in placed]
    _index(db, "resident_text", "full_text", [(p, text) for p, text, _ in made])
    _index(db, "resident_grams", "grams", [(p, tokens) for p, _, tokens in made])


def _forget_documents(db: Database, entries: list[tuple[Any, ...]]) -> None:
    """Take residents out of both full-text tables."""
    made = [(entry[0], *documents(tuple(entry[2:]))) for entry in entries]  # type: ignore[arg-type]
    _forget(db, "resident_text", "full_text", [(p, text) for p, text, _ in made])
    _forget(db, "resident_grams", "grams", [(p, tokens) for p, _, tokens in made])


def _remove(db: Database, entries: list[tuple[Any, ...]]) -> None:
    if not entries:
        return
    _OrderMemo.forget(db)
    _forget_documents(db, entries)
    db.conn.executemany(
        "DELETE FROM resident_index WHERE position = ?", [(entry[0],) for entry in entries]
    )


def _insert(db: Database, placed: list[tuple[int, str, Keys]]) -> None:
    _OrderMemo.forget(db)
    db.conn.executemany(
        f"INSERT INTO resident_index ({_ENTRY}) VALUES ({', '.join('?' * (2 + len(KEY_COLUMNS)))})",
        [(position, resident_id, *keys) for position, resident_id, keys in placed],
    )
    _write_documents(db, [(position, keys) for position, _, keys in placed])


# -- positions in 五十音 order ------------------------------------------------------------------


class _Plan:
    """Positions for a stretch of the order: `positions` holds the position of each resident
    in it, None for a new one (the new ones are at `new_at`, rising, with `new` their
    (resident id, keys)). Kept as plain lists, so a plan over the whole order (a large
    pulled page among thousands) costs little beyond reading the order; the planning itself
    visits only the new residents and the stretches spread out around them."""

    __slots__ = ("positions", "old", "new_at", "new", "spread")

    def __init__(
        self, positions: list[int | None], new_at: list[int], new: list[tuple[str, Keys]]
    ) -> None:
        self.positions = positions
        self.old = list(positions)
        self.new_at = new_at
        self.new = new
        self.spread: list[tuple[int, int]] = []  # stretches given new positions

    def assign(self, lower: int, upper: int | None) -> bool:
        """Give every new resident a position between its neighbours', strictly rising,
        inside (lower, upper) (upper None: no limit). A gap too narrow for its new residents
        is widened by spreading out the residents around it — a window that doubles until it
        is sparse enough. False when the bounds leave too little room (the caller then plans
        a wider stretch)."""
        positions = self.positions
        count = len(positions)
        for start in self.new_at:
            if positions[start] is not None:
                continue  # placed by the spreading of a stretch before it
            end = start + 1
            while end < count and positions[end] is None:
                end += 1
            before = positions[start - 1] if start else lower
            after = positions[end] if end < count else upper
            assert before is not None
            if after is None or after - before > end - start:
                self._spread(start, end, before, after)
                continue
            width = 8
            while True:
                low, high = max(0, start - width), min(count, end + width)
                before = positions[low - 1] if low else lower
                after = positions[high] if high < count else upper
                assert before is not None
                if after is None or (after - before) // (high - low + 1) >= _gap_wanted(high - low):
                    break
                if low == 0 and high == count:
                    return False
                width *= 2
            self._spread(low, high, before, after)
        return True

    def _spread(self, low: int, high: int, before: int, after: int | None) -> None:
        """Positions for [low, high), evenly between `before` and `after` (or SPACING apart)."""
        count = high - low
        positions = self.positions
        for offset in range(count):
            if after is None:
                positions[low + offset] = before + SPACING * (offset + 1)
            else:
                positions[low + offset] = before + (after - before) * (offset + 1) // (count + 1)
        self.spread.append((low, high))

    def write(self, db: Database) -> None:
        """Residents that moved are taken out and put back at their new positions, new ones
        are inserted."""
        old, positions = self.old, self.positions
        moved: dict[int, int] = {}
        for low, high in self.spread:
            for index in range(low, high):
                before = old[index]
                if before is not None and before != positions[index]:
                    moved[before] = positions[index]  # type: ignore[assignment]
        placed: list[tuple[int, str, Keys]] = []
        if moved:
            entries = _entries(db, "position", moved)
            _remove(db, entries)
            placed += [(moved[entry[0]], entry[1], tuple(entry[2:])) for entry in entries]  # type: ignore[misc]
        placed += [
            (positions[index], *item)  # type: ignore[misc]
            for index, item in zip(self.new_at, self.new, strict=True)
        ]
        _insert(db, placed)


def _indexed_count(db: Database) -> int:
    return int(db.conn.execute("SELECT count(*) FROM resident_index").fetchone()[0])


def _add(db: Database, added: list[tuple[str, Keys]]) -> None:
    """Index new residents, each at a position that keeps 五十音 order. Many at once (an
    import, a large pulled page, a rebuild: MERGE_ALWAYS or more, or many for the residents
    there are) are merged with the whole order read once (or taken from `_OrderMemo`, as the
    last such merge left it); a few are placed one by one among their neighbours."""
    if not added:
        return
    added.sort(key=lambda item: order_of(item[1]))
    memo = _OrderMemo.recall(db) if len(added) > 16 else None
    if len(added) > 16 and (
        memo is not None or len(added) >= MERGE_ALWAYS or len(added) * 32 > _indexed_count(db)
    ):
        if memo is None:
            rows = db.conn.execute(
                f"SELECT position, {READING}, {NAME} FROM resident_index ORDER BY position"
            ).fetchall()
            in_order = [row[0] for row in rows]
            orders = [row[1:] for row in rows]
        else:
            in_order, orders = memo.positions, memo.orders
        positions: list[int | None] = []
        merged_orders: list[tuple[str, str]] = []
        new_at: list[int] = []
        done = 0
        for item in added:  # sorted: each goes after those placed before with the same order
            order = order_of(item[1])
            point = bisect_right(orders, order, lo=done)
            positions += in_order[done:point]
            merged_orders += orders[done:point]
            new_at.append(len(positions))
            positions.append(None)
            merged_orders.append(order)
            done = point
        positions += in_order[done:]
        merged_orders += orders[done:]
        plan = _Plan(positions, new_at, added)
        plan.assign(0, None)
        plan.write(db)
        _OrderMemo.keep(db, plan.positions, merged_orders)  # type: ignore[arg-type]
        return
    for item in added:
        _place_one(db, item)


class _OrderMemo:
    """The whole 五十音 order as the last merge of many new residents left it — positions and
    (reading, name) in position order — kept for the next merge: a pull's pages are placed
    one after another among all the residents, and reading the whole order again for each
    page was a seventh of a 10 000-row pull. Trusted only while it is certainly the order in
    the database: every other write to the index forgets it (`_insert`, `_remove`,
    `rebuild`; keys changed in place keep their positions and order), a rolled-back
    transaction takes back the token it wrote in a temporary table, and a commit by another
    connection changes `PRAGMA data_version`. `forget` lets it go when a pull ends."""

    __slots__ = ("token", "data_version", "positions", "orders")
    _kept: weakref.WeakKeyDictionary[Database, _OrderMemo] = weakref.WeakKeyDictionary()

    def __init__(
        self, token: int, data_version: int, positions: list[int], orders: list[tuple[str, str]]
    ) -> None:
        self.token = token
        self.data_version = data_version
        self.positions = positions
        self.orders = orders

    @classmethod
    def keep(cls, db: Database, positions: list[int], orders: list[tuple[str, str]]) -> None:
        token = secrets.randbits(62)
        db.conn.execute("CREATE TEMP TABLE IF NOT EXISTS search_order_memo (token INTEGER)")
        db.conn.execute("DELETE FROM temp.search_order_memo")
        db.conn.execute("INSERT INTO temp.search_order_memo (token) VALUES (?)", [token])
        version = db.conn.execute("PRAGMA data_version").fetchone()[0]
        cls._kept[db] = cls(token, version, positions, orders)

    @classmethod
    def recall(cls, db: Database) -> _OrderMemo | None:
        memo = cls._kept.pop(db, None)
        if memo is None:
            return None
        try:
            row = db.conn.execute("SELECT token FROM temp.search_order_memo").fetchone()
        except db.conn.OperationalError:  # no such table: its transaction was rolled back
            return None
        if row is None or row[0] != memo.token:
            return None
        if db.conn.execute("PRAGMA data_version").fetchone()[0] != memo.data_version:
            return None
        return memo

    @classmethod
    def forget(cls, db: Database) -> None:
        cls._kept.pop(db, None)


def forget_order(db: Database) -> None:
    """Let go of the order kept between merges (`_OrderMemo`), e.g. when a pull ends."""
    _OrderMemo.forget(db)


def _place_one(db: Database, item: tuple[str, Keys]) -> None:
    previous = _last_at_or_before(db, *order_of(item[1]))
    width = 16
    while True:
        lower_rows = db.conn.execute(
            "SELECT position FROM resident_index WHERE position <= ? ORDER BY position DESC"
            " LIMIT ?",
            [previous, width + 1],
        ).fetchall()
        upper_rows = db.conn.execute(
            "SELECT position FROM resident_index WHERE position > ? ORDER BY position LIMIT ?",
            [previous, width + 1],
        ).fetchall()
        lower = lower_rows[width][0] if len(lower_rows) > width else 0
        upper = upper_rows[width][0] if len(upper_rows) > width else None
        positions: list[int | None] = [p for (p,) in reversed(lower_rows[:width])]
        plan = _Plan(
            [*positions, None, *(p for (p,) in upper_rows[:width])], [len(positions)], [item]
        )
        if plan.assign(lower, upper):
            plan.write(db)
            return
        width *= 4


def _last_at_or_before(db: Database, reading: str, name: str) -> int:
    """The position of the last resident whose order is at or before (reading, name); 0 when
    none is. Residents of one reading stand in name order, so the one wanted is found by
    halving their positions — a few index reads even when thousands share the reading (an
    import of one family, a sync of the same name): reading them all for each new one made
    such imports quadratic."""
    in_reading = f"SELECT position, {NAME} FROM resident_index WHERE {READING} = ?"
    last = db.conn.execute(f"{in_reading} ORDER BY position DESC LIMIT 1", [reading]).fetchone()
    if last is not None and last[1] <= name:
        return last[0]  # the common case: a new one goes at the end of its reading
    first = db.conn.execute(f"{in_reading} ORDER BY position LIMIT 1", [reading]).fetchone()
    if first is None or first[1] > name:
        row = db.conn.execute(
            f"SELECT position FROM resident_index WHERE {READING} < ?"
            f" ORDER BY {READING} DESC, position DESC LIMIT 1",
            [reading],
        ).fetchone()
        return row[0] if row else 0
    # first is at or before, last is after; the wanted one is in [low, ceiling).
    low, ceiling = first[0], last[0]
    while ceiling - low > 1:
        middle = (low + ceiling) // 2
        row = db.conn.execute(
            f"{in_reading} AND position >= ? AND position < ? ORDER BY position LIMIT 1",
            [reading, middle, ceiling],
        ).fetchone()
        if row is None:
            ceiling = middle
        elif row[1] <= name:
            low = row[0]
        else:
            ceiling = row[0]
    return low


# -- searching ------------------------------------------------------------------------------------


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


def _take(found: dict[str, tuple[int, int]], limit: int) -> list[str]:
    return [rid for rid, _ in sorted(found.items(), key=lambda item: item[1])][:limit]


_GRAMS_SQL = (
    "SELECT i.resident_id, i.position FROM resident_grams g "
    "JOIN resident_index i ON i.position = g.rowid "
    "WHERE resident_grams MATCH ? ORDER BY g.rowid LIMIT ?"
)


def _short_ids(db: Database, queries: list[str], limit: int) -> list[str]:
    """One rank at a time, each read in position order up to the limit; a rank's rows come
    after every better rank's, so once the limit is reached the worse ranks are not read."""
    found: dict[str, tuple[int, int]] = {}
    for rank in (EXACT, FAMILY_PREFIX, GIVEN_PREFIX, ANYWHERE):
        for q in queries:
            # Rows found at a better rank may come first: read that many more.
            for resident_id, position in db.conn.execute(
                _GRAMS_SQL, [f'"{gram_token(q, rank)}"', limit + len(found)]
            ):
                found.setdefault(resident_id, (rank, position))
        if len(found) >= limit:
            break
    return _take(found, limit)


def _long_ids(db: Database, queries: list[str], limit: int) -> list[str]:
    """Three or more characters: each rank from its own ordered index, stopping at the limit."""
    found: dict[str, tuple[int, int]] = {}
    conn = db.conn

    def add(rank: int, sql: str, params: list[Any]) -> None:
        for resident_id, position in conn.execute(sql, [*params, limit + len(found)]):
            if resident_id not in found or found[resident_id] > (rank, position):
                found[resident_id] = (rank, position)

    def enough(rank: int) -> bool:
        return sum(1 for r, _ in found.values() if r <= rank) >= limit

    select = "SELECT resident_id, position FROM resident_index"
    for q in queries:
        for column in ("family_name_key", "given_name_key", NAME) + (
            "family_reading_key",
            "given_reading_key",
            READING,
        ):
            add(EXACT, f"{select} WHERE {column} = ? ORDER BY position LIMIT ?", [q])
    if enough(EXACT):
        return _take(found, limit)
    for q in queries:
        # Within a reading range, (reading, position) order is position order.
        add(
            FAMILY_PREFIX,
            f"{select} WHERE {READING} >= ? AND {READING} < ? ORDER BY {READING}, position LIMIT ?",
            [q, q + _TOP],
        )
        add(
            FAMILY_PREFIX,
            f"{select} WHERE {NAME} >= ? AND {NAME} < ? ORDER BY position LIMIT ?",
            [q, q + _TOP],
        )
    if enough(FAMILY_PREFIX):
        return _take(found, limit)
    for q in queries:
        for column in ("given_name_key", "given_reading_key"):
            add(
                GIVEN_PREFIX,
                f"{select} WHERE {column} >= ? AND {column} < ? ORDER BY position LIMIT ?",
                [q, q + _TOP],
            )
    if enough(GIVEN_PREFIX):
        return _take(found, limit)
    for q in queries:
        if len(q) < 3:
            continue
        add(
            ANYWHERE,
            "SELECT i.resident_id, i.position FROM resident_text t "
            "JOIN resident_index i ON i.position = t.rowid "
            "WHERE resident_text MATCH ? ORDER BY t.rowid LIMIT ?",
            ['"' + q.replace('"', '""') + '"'],
        )
    return _take(found, limit)


def _phone_ids(db: Database, digits: str, limit: int) -> list[str]:
    """The end of either phone number; for three digits or more also anywhere in them."""
    found: dict[str, tuple[int, int]] = {}
    reversed_digits = digits[::-1]
    for column in ("phone_reversed", "phone2_reversed"):
        rows = db.conn.execute(
            f"SELECT resident_id, position FROM resident_index WHERE {column} >= ? AND "
            f"{column} < ? AND {column} != '' ORDER BY {column} LIMIT ?",
            [reversed_digits, reversed_digits + _TOP, limit],
        ).fetchall()
        for resident_id, position in rows:
            found[resident_id] = (0, position)
    if len(digits) >= 3 and len(found) < limit:
        rows = db.conn.execute(
            "SELECT i.resident_id, i.position FROM resident_text t "
            "JOIN resident_index i ON i.position = t.rowid "
            "WHERE resident_text MATCH ? ORDER BY t.rowid LIMIT ?",
            ['"' + digits + '"', limit + len(found)],
        ).fetchall()
        for resident_id, position in rows:
            found.setdefault(resident_id, (1, position))
    return _take(found, limit)


# -- lookups for other parts of the store ---------------------------------------------------------


def positions_of(db: Database, resident_ids: list[str]) -> dict[str, int]:
    """The 五十音 position of each listed resident among `resident_ids` (sorting by it sorts
    them in 五十音 order)."""
    return {entry[1]: entry[0] for entry in _entries(db, "resident_id", resident_ids)}


def same_person_ids(
    db: Database, reading: str, birth_date: str | None, phones: list[str]
) -> list[str]:
    """Listed residents who are probably the person described: the same whole reading (a
    `reading_key`) and birth date, or one of the same phone numbers (digits, 10 or more)."""
    return same_person_ids_many(db, [(reading, birth_date, phones)])[0]


def same_person_ids_many(
    db: Database, people: list[tuple[str, str | None, list[str]]]
) -> list[list[str]]:
    """`same_person_ids` for many people at once (a roster import): a few set-based look-ups
    a few hundred keys at a time, whatever the number of people."""
    readings = {reading for reading, birth, _ in people if reading and birth}
    by_reading: dict[tuple[str, str], list[str]] = {}
    for start in range(0, len(readings), _CHUNK):
        chunk = sorted(readings)[start : start + _CHUNK]
        for resident_id, reading, birth in db.conn.execute(
            f"SELECT i.resident_id, {READING}, r.birth_date FROM resident_index i"
            f" JOIN residents r ON r.id = i.resident_id WHERE {READING} IN"
            f" ({', '.join('?' for _ in chunk)}) ORDER BY i.position",
            chunk,
        ):
            by_reading.setdefault((reading, birth), []).append(resident_id)
    numbers = sorted({d[::-1] for _, _, phones in people for d in phones if len(d) >= 10})
    by_phone: dict[str, list[str]] = {}
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        for resident_id, reversed_digits in db.conn.execute(
            f"SELECT resident_id, phone_reversed FROM resident_index WHERE phone_reversed IN"
            f" ({marks}) AND phone_reversed != '' UNION SELECT resident_id, phone2_reversed FROM"
            f" resident_index WHERE phone2_reversed IN ({marks}) AND phone2_reversed != ''",
            chunk + chunk,
        ):
            by_phone.setdefault(reversed_digits, []).append(resident_id)
    found = []
    for reading, birth, phones in people:
        ids = list(by_reading.get((reading, birth or ""), [])) if reading and birth else []
        for digits in phones:
            if len(digits) >= 10:
                ids += sorted(by_phone.get(digits[::-1], []))
        found.append(list(dict.fromkeys(ids)))
    return found
