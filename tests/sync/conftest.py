"""A real central server on 127.0.0.1 and real desks, for each storage backend.

PostgreSQL: $KYOJO_TEST_POSTGRES_URL (a server URL whose user may create databases) when set;
otherwise a throwaway cluster is made with initdb + pg_ctl in a temp dir on a free port (as the
`postgres` user when running as root, since initdb refuses root). Without either, PostgreSQL
tests are skipped — unless KYOJO_REQUIRE_POSTGRES=1 (CI), where that is a failure.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import pwd
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kyojo_desk.central.server import BackgroundServer
from kyojo_desk.central.storage import DEFAULT_CITY, Storage, open_storage, sqlite_path
from kyojo_desk.store import Store
from kyojo_desk.store.changelog import wire_value
from kyojo_desk.store.schema import SYNCED_TABLES
from kyojo_desk.sync.engine import SyncReport, enroll, sync_once


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def find_postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


class ThrowawayCluster:
    """A PostgreSQL cluster in a temp dir, trust auth, listening on 127.0.0.1 only."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="kyojo-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *command: str) -> None:
        subprocess.run(
            [*self.as_user, *command], check=True, capture_output=True, cwd=str(self.dir)
        )

    def start(self) -> str:
        self.run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        self.run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c full_page_writes=off -c max_connections=200",
            "start",
        )
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self.run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """URL of a PostgreSQL server on which tests may create and drop databases."""
    given = os.environ.get("KYOJO_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    bin_dir = find_postgres_bin()
    required = os.environ.get("KYOJO_REQUIRE_POSTGRES") == "1"
    if bin_dir is None:
        if required:
            pytest.fail("KYOJO_REQUIRE_POSTGRES=1 but no PostgreSQL server could be found")
        pytest.skip("no PostgreSQL server here (set KYOJO_TEST_POSTGRES_URL or install it)")
    cluster = ThrowawayCluster(bin_dir)
    try:
        url = cluster.start()
    except (subprocess.CalledProcessError, KeyError) as error:
        cluster.stop()
        if required:
            pytest.fail(f"could not start PostgreSQL: {error}")
        pytest.skip(f"could not start PostgreSQL: {error}")
    yield url
    cluster.stop()


def database_url(admin_url: str, name: str) -> str:
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{name}"


class Central:
    """One central server under test: its storage, its running API and helpers."""

    def __init__(
        self, backend: str, db_url: str, tmp_path: Path, admin_url: str | None = None
    ) -> None:
        self.backend = backend
        self.admin_url = admin_url
        self.db_url = db_url
        self.tmp_path = tmp_path
        self.storage: Storage = open_storage(db_url)
        self.server: BackgroundServer | None = None
        self.port = 0
        self.desks: list[Store] = []

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url

    def start(self, **options: Any) -> Central:
        # The same port every time, so enrolled desks find the server after a restart.
        # Tests enrol many desks from 127.0.0.1: the enrolment rate limit is not under test
        # here (tests/sync/test_central_v2.py tests it with its own server).
        options.setdefault("enroll_burst", 10_000)
        self.server = BackgroundServer(self.storage, port=self.port, **options).start()
        self.port = self.server.port
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
        self.storage.close()

    def restart(self, lock_timeout_ms: int = 5000, **options: Any) -> None:
        """Stop and start again on the same database (options: schema_min, schema_max)."""
        self.stop()
        self.storage = open_storage(self.db_url, lock_timeout_ms)
        self.start(**options)

    def backup(self) -> Any:
        """A copy of the server database as it is now (server stopped meanwhile)."""
        self.stop()
        if self.backend == "sqlite":
            copy = self.tmp_path / f"central-backup-{uuid.uuid4().hex[:6]}.db"
            source = sqlite3.connect(sqlite_path(self.db_url))
            with sqlite3.connect(copy) as target:
                source.backup(target)
            target.close()
            source.close()
        else:
            import psycopg

            copy = f"{self.db_url.rpartition('/')[2]}_bak"
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {copy} TEMPLATE {self.db_url.rpartition('/')[2]}")
        self.restart()
        return copy

    def restore(self, copy: Any) -> None:
        """Put a backup back in place of the live database, as an operator would."""
        self.stop()
        if self.backend == "sqlite":
            live = Path(sqlite_path(self.db_url))
            for suffix in ("-wal", "-shm"):
                Path(str(live) + suffix).unlink(missing_ok=True)
            shutil.copyfile(copy, live)
        else:
            import psycopg

            name = self.db_url.rpartition("/")[2]
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {name} TEMPLATE {copy}")
                conn.execute(f"DROP DATABASE {copy}")
        self.restart()

    def desk(self, name: str, city: str = DEFAULT_CITY) -> Store:
        """A new desk database, enrolled in `city`."""
        path = self.tmp_path / "desks" / name / "kyojo.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        store = Store.open(path)
        enroll(store, self.url, self.storage.create_enroll_code(name, city=city))
        self.desks.append(store)
        return store

    def close_desks(self) -> None:
        for store in self.desks:
            with contextlib.suppress(Exception):  # a test may have closed it already
                store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Central]:
    """The real central server on 127.0.0.1, with SQLite and with PostgreSQL storage."""
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path / 'central.db'}"
        admin = None
        name = None
    else:
        import psycopg

        admin = request.getfixturevalue("postgres_admin_url")
        name = f"kyojo_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        db_url = database_url(admin, name)
    central = Central(request.param, db_url, tmp_path, admin)
    central.start()
    yield central
    central.close_desks()
    central.stop()
    if admin is not None:
        import psycopg

        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def release_0_1_central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """The central database of release 0.1 (tests/fixtures/release_0_1), loaded on SQLite and on
    PostgreSQL and opened with today's code, so every migration since has run on it."""
    from tests.fixtures.release_0_1 import load_central_postgres, load_central_sqlite

    if request.param == "sqlite":
        storage = open_storage(f"sqlite:///{load_central_sqlite(tmp_path / 'central.db')}")
        yield storage
        storage.close()
        return
    import psycopg

    admin = request.getfixturevalue("postgres_admin_url")
    name = f"kyojo_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        load_central_postgres(database_url(admin, name))
        storage = open_storage(database_url(admin, name))
        yield storage
        storage.close()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def after_this_millisecond() -> None:
    """Return once the wall clock has moved to a later millisecond, so that the next edit's
    stamp is later than every stamp made so far in this process (orders two desks' edits)."""
    start = time.time_ns() // 1_000_000
    while time.time_ns() // 1_000_000 <= start:
        time.sleep(0.0005)


def sync(store: Store, **options: Any) -> SyncReport:
    """One round with short retry pauses (the real retry logic, quicker)."""
    options.setdefault("backoff_s", 0.05)
    return sync_once(store, **options)


def desk_rows(store: Store, table: str) -> dict[str, dict[str, Any]]:
    """Every row of a synced table on a desk, synced fields only, as stored."""
    spec = SYNCED_TABLES[table]
    rows = {}
    for row in store.db.query(f"SELECT * FROM [{table}]"):
        rows[row["id"]] = {name: row[name] for name in spec.fields}
    return rows


def desk_data(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    return {table: desk_rows(store, table) for table in SYNCED_TABLES}


def server_matches(central: Central, store: Store, city: str = DEFAULT_CITY) -> list[str]:
    """Differences between the server's values and a desk's (empty when they agree)."""
    problems = []
    for table in SYNCED_TABLES:
        server = central.storage.rows(city, table)
        desk = desk_rows(store, table)
        if set(server) != set(desk):
            problems.append(f"{table}: rows {sorted(set(server) ^ set(desk))}")
            continue
        spec = SYNCED_TABLES[table]
        for row_id, fields in server.items():
            for name, value in fields.items():
                # The server holds typed values (JSON lists as lists); the desk JSON text.
                held = wire_value(spec, name, desk[row_id].get(name))
                if held != value:
                    problems.append(f"{table}/{row_id}/{name}: {value!r} != {held!r}")
    return problems


def register(store: Store, **values: Any) -> str:
    """Register a resident (with consent) on a desk; returns the id."""
    from kyojo_desk.records.resident import Consent

    defaults = {
        "family_name": "山田",
        "given_name": "太郎",
        "family_reading": "やまだ",
        "given_reading": "たろう",
    }
    defaults.update(values)
    # Shared with the city: these tests are about sync itself (test_consent_sync.py: stubs).
    consent = Consent(
        scopes=["keep_record", "share_with_city"], method="signed_paper", witnessed_by="受付 花子"
    )
    return store.register_resident(defaults, consent, allow_duplicate=True).id


def json_dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
