"""Child process for the feed crash test: runs the real `ingest-feeds` flow, one feed per
batch, but stops at a point of the Nth feed batch and waits to be SIGKILLed: `commit` stops
inside its transaction (every statement executed, COMMIT not yet issued), `fetch` right after
its first article page was fetched and kept, before anything of the batch is written.

Usage: python crash_child_feeds.py DB MARKER BATCH_NUMBER [commit|fetch]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from flows.ingest_feeds import ingest_feeds
from wirewatch.feeds.fetch import FetchResult
from wirewatch.feeds.pagecache import PageCache
from wirewatch.store import Store


def main() -> None:
    db, marker, batch_number = sys.argv[1:4]
    where = sys.argv[4] if len(sys.argv) > 4 else "commit"
    state = {"batches": 0, "inside_batch": False}
    original_write = Store.write_feed_batch
    original_commit = Store._commit
    original_put = PageCache.put

    def counted_write(self: Store, *args: object, **kwargs: object) -> object:
        state["batches"] += 1
        state["inside_batch"] = True
        try:
            return original_write(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            state["inside_batch"] = False

    def put(self: PageCache, result: FetchResult) -> None:
        original_put(self, result)
        # write_feed_batch is called after the poll: batch N polls while N-1 were counted.
        if where == "fetch" and state["batches"] == int(batch_number) - 1:
            Path(marker).write_text(f"page {result.url} fetched and kept, batch not written")
            time.sleep(600)  # the parent kills us here

    def commit(self: Store) -> None:
        if where == "commit" and state["inside_batch"] and state["batches"] == int(batch_number):
            Path(marker).write_text("inside the feed batch's transaction, before COMMIT")
            time.sleep(600)  # the parent kills us here
        original_commit(self)

    Store.write_feed_batch = counted_write  # type: ignore[method-assign]
    Store._commit = commit  # type: ignore[method-assign]
    PageCache.put = put  # type: ignore[method-assign]
    ingest_feeds(db=db, feeds_per_batch=1)


if __name__ == "__main__":
    main()
