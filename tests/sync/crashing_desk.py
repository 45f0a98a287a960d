"""A desk process that dies on purpose in the middle of a sync round (run by the tests).

python -m tests.sync.crashing_desk DB_PATH after-fetch   # exits right after a page arrives
python -m tests.sync.crashing_desk DB_PATH mid-apply N   # SIGKILL after N rows applied
"""

from __future__ import annotations

import os
import signal
import sys

from kyojo_desk.store import Store
from kyojo_desk.sync.engine import sync_once


def main() -> None:
    path, mode = sys.argv[1], sys.argv[2]
    store = Store.open(path)
    if mode == "after-fetch":

        def progress(stage: str, count: int) -> None:
            if stage == "pulled-page" and count:
                os._exit(3)  # the page was fetched; nothing of it applied

        sync_once(store, progress=progress)
    elif mode == "mid-apply":
        limit = int(sys.argv[3])
        applied = []

        def kill_midway(_store: Store, row_ids: list[str]) -> None:
            applied.extend(row_ids)
            if len(applied) >= limit:
                os.kill(os.getpid(), signal.SIGKILL)

        for table in ("residents", "consents"):
            Store.after_write.setdefault(table, []).append(kill_midway)
        sync_once(store)
    sys.exit(0)


if __name__ == "__main__":
    main()
