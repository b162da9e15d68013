"""Child process for the band-key index crash tests: runs the real flow, but stops on entering
the Nth call of one method and waits to be SIGKILLed.

Usage: python crash_child_bandindex.py FOLDER DB MARKER TARGET CALL_NUMBER BATCH_SIZE FANOUT
TARGET is `Store._update_band_index` (the batch is committed, the index not yet updated) or
`BandIndex._replace_runs` (a merged run is written, the manifest still names its inputs).
FANOUT sets bandindex.MERGE_FANOUT, so the small seed folder reaches a merge.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from flows.ingest_folder import ingest_folder
from wirewatch.dedup import bandindex
from wirewatch.store import Store

OWNERS = {"Store": Store, "BandIndex": bandindex.BandIndex}


def main() -> None:
    folder, db, marker, target, call_number, batch_size, fanout = sys.argv[1:8]
    owner_name, method_name = target.split(".")
    owner = OWNERS[owner_name]
    original = getattr(owner, method_name)
    calls = {"n": 0}

    def paused(self: object, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == int(call_number):
            Path(marker).write_text(f"entering {target} call {call_number}")
            time.sleep(600)  # the parent kills us here
        return original(self, *args, **kwargs)

    setattr(owner, method_name, paused)
    bandindex.MERGE_FANOUT = int(fanout)
    ingest_folder(path=folder, db=db, batch_size=int(batch_size), settle_seconds=0)


if __name__ == "__main__":
    main()
