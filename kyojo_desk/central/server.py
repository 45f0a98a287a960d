"""Running the API with uvicorn: in the foreground (`kyojo-central serve`) or on a background
thread bound to a free loopback port (tests and benchmarks)."""

from __future__ import annotations

import gc
import os
import socket
import threading
import time

import uvicorn

from kyojo_desk.central.app import create_app
from kyojo_desk.central.storage import Storage

# The cyclic collector's thresholds in a serving process (Python's are 700, 10, 10): one push
# body is tens of thousands of short-lived objects, which at 700 start a collection every few
# dozen changes, each of which only finds them still alive.
GC_THRESHOLDS = (20_000, 20, 20)


def settle_heap() -> None:
    """Once a serving process has started: what exists now (modules, the app) lives as long as
    the process, so the cyclic collector stops walking it, and it runs less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def serve(storage: Storage, host: str, port: int, workers: int = 1, **app_options: float) -> None:
    """Serve until interrupted; with `workers` > 1, in that many processes (each opens the
    database itself; the schema is already migrated by `storage`)."""
    if workers > 1:
        from kyojo_desk.central.asgi import DATABASE_VARIABLE, WORKERS_VARIABLE

        os.environ[DATABASE_VARIABLE] = storage.url
        os.environ[WORKERS_VARIABLE] = str(workers)
        storage.close()
        uvicorn.run(
            "kyojo_desk.central.asgi:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )
        return
    app = create_app(storage, **app_options)
    settle_heap()
    uvicorn.run(app, host=host, port=port, log_level="info")


class BackgroundServer:
    """The real server on 127.0.0.1 and a free port, on a thread; stop() shuts it down.

    Usable as a context manager. `url` is the base URL desks use.
    """

    def __init__(
        self,
        storage: Storage,
        *,
        port: int = 0,
        **app_options: float,
    ) -> None:
        """`app_options` go to create_app (schema range, enrolment rate, compaction interval)."""
        self.storage = storage
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", port))
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(storage, **app_options),  # type: ignore[arg-type]
            log_level="warning",
            access_log=False,
            timeout_keep_alive=30,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def start(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the central server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.socket.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
