"""Child process for the feed crash test: runs the real `ingest-feeds` flow, one feed per
batch, but stops inside the Nth feed batch's transaction (every statement executed, COMMIT not
yet issued) and waits to be SIGKILLed.

Usage: python crash_child_feeds.py DB MARKER BATCH_NUMBER
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from flows.ingest_feeds import ingest_feeds
from wirewatch.store import Store


def main() -> None:
    db, marker, batch_number = sys.argv[1:4]
    state = {"batches": 0, "inside_batch": False}
    original_write = Store.write_feed_batch
    original_commit = Store._commit

    def counted_write(self: Store, *args: object, **kwargs: object) -> object:
        state["batches"] += 1
        state["inside_batch"] = True
        try:
            return original_write(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            state["inside_batch"] = False

    def commit(self: Store) -> None:
        if state["inside_batch"] and state["batches"] == int(batch_number):
            Path(marker).write_text("inside the feed batch's transaction, before COMMIT")
            time.sleep(600)  # the parent kills us here
        original_commit(self)

    Store.write_feed_batch = counted_write  # type: ignore[method-assign]
    Store._commit = commit  # type: ignore[method-assign]
    ingest_feeds(db=db, feeds_per_batch=1)


if __name__ == "__main__":
    main()
