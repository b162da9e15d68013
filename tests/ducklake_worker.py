"""Child process of tests/test_ducklake.py: one worker of a DuckLake store (the settings come
from WIREWATCH__STORE__* in its environment) that ingests one folder with the real flow.

Usage: python ducklake_worker.py FOLDER READY_MARKER GO_MARKER BATCH_SIZE
It imports everything, writes READY_MARKER, waits for GO_MARKER (so two workers start their
flows together), runs the flow and prints its summary as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from flows.ingest_folder import ingest_folder


def main() -> None:
    folder, ready, go, batch_size = sys.argv[1:5]
    Path(ready).write_text("ready")
    deadline = time.monotonic() + 300
    while not Path(go).exists():
        if time.monotonic() > deadline:
            raise SystemExit("never told to go")
        time.sleep(0.02)
    summary = ingest_folder(
        path=folder, db="unused-with-ducklake", batch_size=int(batch_size), settle_seconds=0
    )
    print(json.dumps(summary, default=str))


if __name__ == "__main__":
    main()
