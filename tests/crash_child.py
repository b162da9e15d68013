"""Child process for the crash test: runs the real flow, but stops inside the Nth transaction
of one kind (every statement executed, COMMIT not yet issued) and waits to be SIGKILLed.

Usage: python crash_child.py FOLDER DB MARKER STAGE BATCH_NUMBER BATCH_SIZE
STAGE is `write_batch` (documents, ledger, quarantine), `cluster_batch` (signatures, clusters),
`write_coded_batch` (event mentions, coded documents) or `rebuild_events` (events).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from flows.ingest_folder import ingest_folder
from wirewatch.store import Store


def main() -> None:
    folder, db, marker, stage, batch_number, batch_size = sys.argv[1:7]
    state = {"batches": 0, "inside_batch": False}
    original_stage = getattr(Store, stage)
    original_commit = Store._commit

    def counted_stage(self: Store, *args: object, **kwargs: object) -> object:
        state["batches"] += 1
        state["inside_batch"] = True
        try:
            return original_stage(self, *args, **kwargs)
        finally:
            state["inside_batch"] = False

    def commit(self: Store) -> None:
        if state["inside_batch"] and state["batches"] == int(batch_number):
            Path(marker).write_text("inside the transaction, before COMMIT")
            time.sleep(600)  # the parent kills us here
        original_commit(self)

    setattr(Store, stage, counted_stage)
    Store._commit = commit  # type: ignore[method-assign]
    ingest_folder(path=folder, db=db, batch_size=int(batch_size), settle_seconds=0)


if __name__ == "__main__":
    main()
