"""Cost of the end-of-run events rebuild: incremental (what a run does) against full.

    .venv/bin/python bench/events_rebuild.py [--events 300000] [--docs 100000] [--touched 1000]

Fills a fresh database from `bench/views_data.sql` (the synthetic corpus of bench/views.py:
N events, 1.5 mentions per event over the documents, one story cluster per 4 documents), runs
one full rebuild so the coder version has a watermark, then plays one run's coding: the
`--touched` newest canonical documents are written again with `Store.write_coded_batch`
(their mentions unchanged), which queues their events. The database is copied twice and each
copy is rebuilt in its own child process, one incrementally and one in full, so each peak RSS
is that rebuild's alone. Prints seconds and peak RSS of each, and checks that both leave
identical `events` tables.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from wirewatch.schemas import CODED_DOCUMENTS, EVENT_MENTIONS
from wirewatch.store import Store

VERSION = "bench-1"


def _status_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    return int(status.split(f"{field}:")[1].split()[0]) / 1024


def _peak_rss_mb() -> float:
    # VmHWM, not ru_maxrss: Linux carries the forking parent's peak into a child's ru_maxrss
    # across exec, and the parent holds the filled database.
    return _status_mb("VmHWM")


def _current_rss_mb() -> float:
    return _status_mb("VmRSS")


def rebuild_child(db: Path, full: bool) -> None:
    """Child process: one rebuild; prints a JSON line with seconds and RSS."""
    with Store.open(db) as store:
        store.query("select count(*) from event_mentions")  # open and warm the file
        before = _current_rss_mb()
        peak_before = _peak_rss_mb()
        started = time.perf_counter()
        n_events = store.rebuild_events(VERSION, full=full)
        seconds = time.perf_counter() - started
        peak = _peak_rss_mb()  # before closing: the checkpoint on close is not the rebuild
    print(json.dumps({"seconds": seconds, "rss_before": before, "rss_peak": peak,
                      "rss_peak_before": peak_before,
                      "n_events": n_events}))


def play_run(db: Path, n_touched: int) -> tuple[int, int]:
    """Rewrite the newest `n_touched` canonical documents' coded rows, as a run's coding
    batches would; returns (documents, mentions) written."""
    with Store.open(db) as store:
        con = store.connection
        docs = con.execute(
            "select doc_id from document_clusters where is_canonical "
            "order by doc_seq desc limit ?",
            [n_touched],
        ).to_arrow_table()
        con.register("touched_docs", docs)
        mentions = con.execute(
            "select * from event_mentions where doc_id in (select doc_id from touched_docs)"
        ).to_arrow_table()
        coded = con.execute(
            "select * from coded_documents where doc_id in (select doc_id from touched_docs)"
        ).to_arrow_table()
        con.unregister("touched_docs")
        # The failure detail goes to the quarantine row, not to coded_documents.
        coded = coded.append_column(
            "coding_error_detail", pa.nulls(coded.num_rows, pa.string())
        )
        store.start_run("bench-run", "bench", "", {})
        store.write_coded_batch(
            "bench-run",
            VERSION,
            mentions.select(EVENT_MENTIONS.names).cast(EVENT_MENTIONS),
            coded.select(CODED_DOCUMENTS.names).cast(CODED_DOCUMENTS),
        )
    return coded.num_rows, mentions.num_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=300_000)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--touched", type=int, default=1_000)
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--child", choices=["incremental", "full"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        rebuild_child(args.db, full=args.child == "full")
        return

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from views import fill

    work = Path(tempfile.mkdtemp(prefix="wirewatch-bench-rebuild-"))
    db = work / "base.duckdb"
    Store.open(db).close()  # migrations
    seconds_fill = fill(db, args.events, args.docs)
    with Store.open(db) as store:
        # The pipeline codes canonical copies only; the synthetic data gives every document
        # mentions, so keep the canonical copies' (events keep every id they still have).
        store.query(
            "delete from event_mentions where doc_id in "
            "(select doc_id from document_clusters where not is_canonical)"
        )
        started = time.perf_counter()
        store.rebuild_events(VERSION, full=True)
        seconds_first = time.perf_counter() - started
        n_mentions = store.query("select count(*) from event_mentions")[1][0][0]
    n_docs, n_run_mentions = play_run(db, args.touched)
    with duckdb.connect(str(db), read_only=True) as con:
        (n_queued,) = con.execute("select count(*) from event_refresh_queue").fetchone()

    print(f"corpus        {args.events:,} events, {n_mentions:,} mentions, {args.docs:,} documents "
          f"(filled in {seconds_fill:.1f} s; first full rebuild {seconds_first:.2f} s, untimed)")
    print(f"one run       {n_docs:,} canonical documents recoded, {n_run_mentions:,} mentions, "
          f"{n_queued:,} queued changes")
    results = {}
    for mode in ("incremental", "full"):
        copy = work / f"{mode}.duckdb"
        shutil.copyfile(db, copy)
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode, "--db", str(copy)],
            check=True, capture_output=True, text=True,
        ).stdout
        results[mode] = json.loads(out.strip().splitlines()[-1])
        r = results[mode]
        print(f"{mode:<12}  {r['seconds']:7.3f} s   RSS {r['rss_before']:4.0f} MB before, "
              f"peak {r['rss_peak']:4.0f} MB after (+{r['rss_peak'] - r['rss_peak_before']:.0f} MB "
              f"over the peak before it)   {r['n_events']:,} events")
    tables = []
    for mode in ("incremental", "full"):
        with duckdb.connect(str(work / f"{mode}.duckdb"), read_only=True) as con:
            tables.append(con.execute("select * from events order by all").fetchall())
    same = tables[0] == tables[1]
    ratio = results["full"]["seconds"] / results["incremental"]["seconds"]
    print(f"full / incremental time {ratio:.1f}x; events tables identical: {same}")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
