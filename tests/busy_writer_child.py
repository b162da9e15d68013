"""A writer that holds a database open from its own process, for tests/test_busy_db.py:

    python busy_writer_child.py DB N_BATCHES BATCH_DOCS PAUSE_S INTERVAL_S COST_FACTOR RUN_ID

Opens DB as `ingest-folder` run RUN_ID (recorded beside the file, read snapshots published by
INTERVAL_S and COST_FACTOR), commits N_BATCHES batches of BATCH_DOCS documents PAUSE_S apart,
printing `committed <n documents>` after each commit, then `done`, and closes the database
when its stdin closes (printing `closed`)."""

from __future__ import annotations

import sys
import time
from datetime import date

from wirewatch.ingest.normalise import NORMALISER_VERSION, document_id
from wirewatch.schemas import Document
from wirewatch.store import Store
from wirewatch.store.sharing import SnapshotPolicy, WriterIdentity


def _document(batch: int, index: int) -> Document:
    body = f"Batch {batch} article {index}: the harbour board met the ferry owners again."
    return Document(
        doc_id=document_id(body),
        source_path=f"/in/b{batch:03d}/a{index:04d}.txt",
        seq=index,
        size=len(body),
        mtime_ns=1,
        sha256="0" * 64,
        encoding="utf-8",
        title=f"Harbour {batch}-{index}",
        byline=None,
        outlet=None,
        url=None,
        published_date=date(2024, 3, 23),
        dateline_place=None,
        dateline_month=None,
        dateline_day=None,
        dateline_agency=None,
        dateline_raw=None,
        lang="en",
        lang_prob=0.99,
        n_chars=len(body),
        body=body,
        normaliser_version=NORMALISER_VERSION,
    )


def main() -> None:
    db, n_batches, batch_docs, pause_s, interval_s, cost_factor, run_id = sys.argv[1:8]
    store = Store.open(
        db,
        writer=WriterIdentity.of_this_process("ingest-folder", run_id),
        snapshots=SnapshotPolicy(float(interval_s), float(cost_factor)),
    )
    print("open", flush=True)
    for batch in range(int(n_batches)):
        documents = [_document(batch, i) for i in range(int(batch_docs))]
        store.write_batch(run_id, documents, [], {})
        print(f"committed {(batch + 1) * int(batch_docs)}", flush=True)
        time.sleep(float(pause_s))
    print("done", flush=True)
    sys.stdin.readline()
    store.close()
    print("closed", flush=True)


if __name__ == "__main__":
    main()
