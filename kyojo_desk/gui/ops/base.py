"""An operation: Store work run on the database thread, then success or failure on the main
thread, then one `changes_applied` for every page.

    register_resident(parent=self, values=..., consent=...).success(self._saved).run_in_background()

Errors go to `.failure(...)` when given, else to `show_error`, so none is ever swallowed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QWidget

from kyojo_desk.gui.context import Changes, DeskContext

T = TypeVar("T")
log = logging.getLogger(__name__)


def context_of(widget: QWidget) -> DeskContext:
    """The DeskContext of the window a widget belongs to."""
    current: Any = widget
    while current is not None:
        context = getattr(current, "desk_context", None)
        if isinstance(context, DeskContext):
            return context
        current = current.parent()
    raise RuntimeError("widget is not inside a desk window")


class Operation(Generic[T]):
    """Store work with callbacks. `changes` names the tables the work writes (empty: read-only)."""

    def __init__(
        self,
        *,
        parent: QWidget,
        work: Callable[[Any], T],
        changes: tuple[str, ...] = (),
        in_pool: bool = False,
    ) -> None:
        self.parent = parent
        self.work = work
        self.changes = changes
        self.in_pool = in_pool
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation[T]:
        self._on_failure = callback
        return self

    def run_in_background(self) -> None:
        context = context_of(self.parent)

        started = time.perf_counter()

        def done(result: T) -> None:
            log.info(
                "operation done in %.0f ms (changed: %s)",
                (time.perf_counter() - started) * 1000,
                ", ".join(self.changes) or "nothing",
            )
            if self._on_success is not None:
                self._on_success(result)
            if self.changes:
                context.changes_applied.emit(Changes(frozenset(self.changes)))

        def failed(error: BaseException) -> None:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                from kyojo_desk.gui.errors import show_error

                show_error(parent=self.parent, error=error)

        if self.in_pool:
            context.taskman.run_in_pool(self.work, done, failed)
        else:
            context.taskman.run_on_db(self.work, done, failed)
