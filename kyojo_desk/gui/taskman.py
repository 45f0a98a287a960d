"""One task manager owns the threads.

Store work is serialised on one database thread (the Store's connection lives there); network and
PDF work run on a small pool beside it. Results come back to the main thread by a queued signal,
so worker code never touches a widget.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class _ResultBridge(QObject):
    """Carries (callback, value) from a worker thread to the main thread."""

    delivered = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.delivered.connect(self._deliver)

    @staticmethod
    def _deliver(callback: Callable[[Any], None], value: Any) -> None:
        callback(value)


class TaskManager(QObject):
    """Runs Store work on the database thread and other work on the pool."""

    busy_changed = Signal(bool)

    def __init__(self, open_store: Callable[[], Any]) -> None:
        super().__init__()
        self._db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kyojo-db")
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kyojo-pool")
        self._bridge = _ResultBridge()
        self._running = 0
        # Set when the desk closes: work on the pool that talks to the network (a sync
        # round) ends early instead of holding the closing window.
        self.stopping = threading.Event()
        self.store: Any = None
        self._db_thread.submit(self._open, open_store).result()

    def _open(self, open_store: Callable[[], Any]) -> None:
        self.store = open_store()

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> Future:
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)

        def finished(callback: Callable[[Any], None], value: Any) -> None:
            self._running -= 1
            if self._running == 0:
                self.busy_changed.emit(False)
            callback(value)

        def job() -> None:
            try:
                result = work()
            except BaseException as error:  # handed to the main thread, never swallowed
                if not isinstance(error, Exception):
                    raise
                from kyojo_desk.errors import KyojoError

                if isinstance(error, KyojoError):
                    # Its message may quote what was typed: log only its kind.
                    log.info("background task refused: %s", type(error).__name__)
                else:
                    log.error(
                        "background task failed:\n%s", "".join(traceback.format_exception(error))
                    )
                self._bridge.delivered.emit(lambda e: finished(on_error, e), error)
            else:
                self._bridge.delivered.emit(lambda r: finished(on_done, r), result)

        return executor.submit(job)

    def run_on_db(
        self,
        work: Callable[[Any], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> Future:
        """Run `work(store)` on the database thread."""
        return self._submit(self._db_thread, lambda: work(self.store), on_done, on_error)

    def run_in_pool(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> Future:
        """Run `work()` (network, PDF) beside the database thread."""
        return self._submit(self._pool, work, on_done, on_error)

    def run_on_db_now(self, work: Callable[[Any], Any]) -> Any:
        """Run `work(store)` on the database thread and wait (start-up and shut-down only)."""
        return self._db_thread.submit(lambda: work(self.store)).result()

    @property
    def idle(self) -> bool:
        return self._running == 0

    def shutdown(self) -> None:
        self.stopping.set()
        self._pool.shutdown(wait=True)
        if self.store is not None:
            self._db_thread.submit(self.store.close).result()
            self.store = None
        self._db_thread.shutdown(wait=True)
