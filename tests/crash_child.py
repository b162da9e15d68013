"""Child process for the crash test: runs the real flow, but stops inside batch N's
transaction (every statement executed, COMMIT not yet issued) and waits to be SIGKILLed.

Usage: python crash_child.py FOLDER DB MARKER BATCH_NUMBER BATCH_SIZE
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from flows.pipeline import ingest_folder
from flows.store import Store


def main() -> None:
    folder, db, marker, batch_number, batch_size = sys.argv[1:6]
    state = {"batches": 0, "inside_batch": False}
    original_write_batch = Store.write_batch
    original_commit = Store._commit

    def write_batch(self: Store, *args: object, **kwargs: object) -> object:
        state["batches"] += 1
        state["inside_batch"] = True
        try:
            return original_write_batch(self, *args, **kwargs)
        finally:
            state["inside_batch"] = False

    def commit(self: Store) -> None:
        if state["inside_batch"] and state["batches"] == int(batch_number):
            Path(marker).write_text("inside the transaction, before COMMIT")
            time.sleep(600)  # the parent kills us here
        original_commit(self)

    Store.write_batch = write_batch  # type: ignore[method-assign]
    Store._commit = commit  # type: ignore[method-assign]
    ingest_folder(path=folder, db=db, batch_size=int(batch_size), settle_seconds=0)


if __name__ == "__main__":
    main()
