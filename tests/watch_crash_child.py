"""Child process for the watcher crash test: `wirewatch watch`, unchanged but for a pause inside
the Nth transaction of one kind (every statement executed, COMMIT not yet issued), where it
waits to be SIGKILLed.

Usage: python watch_crash_child.py MARKER STAGE CALL_NUMBER -- WATCH_ARGUMENTS...
STAGE is a Store method that writes one transaction (`write_batch`, `cluster_batch`, ...).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from wirewatch import cli
from wirewatch.store import Store


def main() -> None:
    marker, stage, call_number = sys.argv[1:4]
    watch_arguments = sys.argv[sys.argv.index("--") + 1 :]
    state = {"calls": 0, "inside": False}
    original_stage = getattr(Store, stage)
    original_commit = Store._commit

    def counted_stage(self: Store, *args: object, **kwargs: object) -> object:
        state["calls"] += 1
        state["inside"] = True
        try:
            return original_stage(self, *args, **kwargs)
        finally:
            state["inside"] = False

    def commit(self: Store) -> None:
        if state["inside"] and state["calls"] == int(call_number):
            Path(marker).write_text("inside the transaction, before COMMIT")
            time.sleep(600)  # the parent kills us here
        original_commit(self)

    setattr(Store, stage, counted_stage)
    Store._commit = commit  # type: ignore[method-assign]
    sys.argv = ["wirewatch", "watch", *watch_arguments]
    cli.main()


if __name__ == "__main__":
    main()
