"""SQLite through sqlite-utils: schema and migrations, the Store, the change log, search."""

from kyojo_desk.store.store import Store

__all__ = ["Store"]
