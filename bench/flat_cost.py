"""Per-batch cost of every statement a batch runs after its documents are read, by corpus size.

    .venv/bin/python bench/flat_cost.py [--sizes 100000 1000000] [--batches 3] [--batch 1000]
                                        [--recent 0]

For each size N, a fresh database is filled in bulk by SQL (`bench/views_data.sql`, the
synthetic corpus of bench/views.py: 3N events, 1.5 mentions per event, one story cluster per 4
documents; the mentions of non-canonical copies are dropped, as the pipeline codes canonical
copies only) and rebuilt in full once, so the coder version has a watermark. A child process
then plays `--batches` batches as a run would, each of `--batch` documents:

- write: the batch's documents (2 % of them exact copies of stored documents spread over the
  corpus, which add sightings to old stories) through `Store._insert_staged_documents`;
- match: reprint matching's reads and writes in DuckDB (`Store._cluster_batch`): the batch's
  signatures are stored, and the signatures and shingle sets of the stored candidates (6 %
  of the batch, spread over the corpus) and of the members of the old stories they reach are
  read (the band-key index beside the file is timed by bench/dedup.py);
- cluster: the new documents become one-document stories, except that 2 % join old stories
  spread over the corpus and 1 % become the fuller canonical copy of an old story
  (`Store._write_cluster_plan`, as `cluster_batch` writes a plan);
- code: the canonical new documents are coded, three mentions each, half of them of stored
  events (`Store.write_coded_batch`);
- rebuild: `Store.rebuild_events`.

"Spread over the corpus" is the worst case; `--recent N` draws the old stories and the stored
events a batch touches from the newest N documents instead (a news batch's reprints and
events are mostly days old).

Every statement `Store._execute` runs is timed; the script prints ms per batch (median over
the batches) per statement and stage for each size, wall-clock and CPU time of the process
(all of DuckDB's threads), the ratio of the largest size to the smallest (target <= 1.5), the
cost of one checkpoint after the batches and the child's peak RSS (VmHWM). On a shared
machine wall-clock time includes waiting for a core, which CPU time does not: compare CPU
ratios when the load average is above the core count.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from wirewatch.schemas import BATCH_DOCUMENTS, CODED_DOCUMENTS, EVENT_MENTIONS
from wirewatch.store import Store

VERSION = "bench-1"
STAGES = ("write", "match", "cluster", "code", "rebuild")


def _status_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    return int(status.split(f"{field}:")[1].split()[0]) / 1024


def fill(db: Path, n_docs: int) -> float:
    """A corpus of `n_docs` documents with a rebuilt events table; returns seconds."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from views import fill as fill_views

    started = time.perf_counter()
    Store.open(db).close()  # migrations
    fill_views(db, 3 * n_docs, n_docs)
    with Store.open(db) as store:
        # Signatures (512 bytes) and shingle sets (~1 KB) of every document, as reprint
        # matching reads them; distinct per document, like real ones.
        store.query(
            "insert into document_signatures by name "
            "select doc_id, doc_seq, 200 as n_shingles, "
            "encode(repeat(md5(doc_id), 16)) as signature, "
            "encode(repeat(md5(doc_id || 's'), 32)) as shingles from documents"
        )
        store.query(
            "delete from event_mentions where doc_id in "
            "(select doc_id from document_clusters where not is_canonical)"
        )
        store.rebuild_events(VERSION, full=True)
    return time.perf_counter() - started


class StatementTimer:
    """Wraps `Store._execute`, adding each statement file's wall time and the process's CPU
    time (all of DuckDB's threads) to the current stage."""

    def __init__(self, store: Store) -> None:
        self.stage = ""
        self.ms: dict[tuple[str, str], float] = defaultdict(float)
        self.cpu_ms: dict[tuple[str, str], float] = defaultdict(float)
        original = store._execute

        def timed(relative: str, params: Mapping[str, Any] | None = None) -> Any:
            started, started_cpu = time.perf_counter(), time.process_time()
            cursor = original(relative, params)
            name = Path(relative).stem
            self.ms[(self.stage, name)] += (time.perf_counter() - started) * 1000
            self.cpu_ms[(self.stage, name)] += (time.process_time() - started_cpu) * 1000
            return cursor

        store._execute = timed  # type: ignore[method-assign]


def _spread(n_docs: int, count: int, offset: int, recent: int) -> list[int]:
    """`count` doc_seqs spread evenly over the newest `recent` stored documents (all of the
    corpus, 0 .. n_docs - 1, when `recent` is 0)."""
    window = min(recent, n_docs) if recent else n_docs
    step = max(window // max(count, 1), 1)
    return [n_docs - window + (offset + i * step) % window for i in range(count)]


def play_batch(
    store: Store, timer: StatementTimer, n_docs: int, size: int, k: int, recent: int
) -> None:
    """One batch through write, cluster, code and rebuild."""
    con = store.connection
    run_id = "bench-run"
    n_copies = size // 50
    n_join = size // 50
    n_fuller = size // 100
    copies = _spread(n_docs, n_copies, 7 + k, recent)
    new_ids = [f"new{k:03d}x{i:05d}" for i in range(size - n_copies)]
    doc_ids = new_ids + [f"doc{seq}" for seq in copies]
    rows = {
        "doc_id": doc_ids,
        "source_path": [f"/bench/batch{k}/{i}.txt" for i in range(size)],
        "seq": list(range(size)),
        "size": [3000] * size,
        "mtime_ns": [0] * size,
        "sha256": [f"{i:064x}" for i in range(size)],
        "encoding": ["utf-8"] * size,
        "lang": ["en"] * size,
        "lang_prob": [0.99] * size,
        "n_chars": [3000] * size,
        "body": ["body"] * size,
        "normaliser_version": ["bench"] * size,
    }
    batch = pa.table(
        {f.name: pa.array(rows.get(f.name, [None] * size), f.type) for f in BATCH_DOCUMENTS}
    )
    timer.stage = "write"
    with store._registered(batch_documents=batch), store.transaction():
        store._insert_staged_documents({"run_id": run_id})

    # Plan: new documents alone, except n_join joining old stories and n_fuller becoming the
    # canonical copy of old stories; the plan holds every member of every touched cluster.
    joined = [f"doc{seq - seq % 4}" for seq in _spread(n_docs, n_join, 101 + k, recent)]
    fuller = [f"doc{seq - seq % 4}" for seq in _spread(n_docs, n_fuller, 203 + k, recent)]
    fuller = [c for c in fuller if c not in joined]
    con.register("bench_new", pa.table({"doc_id": new_ids}))
    new_seqs = dict(
        con.execute(
            "select doc_id, doc_seq from documents where doc_id in (select doc_id from bench_new)"
        ).fetchall()
    )
    con.unregister("bench_new")
    con.register("bench_old", pa.table({"cluster_id": joined + fuller}))
    old_members = con.execute(
        "select doc_id, doc_seq, cluster_id, similarity, method, is_canonical "
        "from document_clusters where cluster_id in (select cluster_id from bench_old)"
    ).fetchall()
    con.unregister("bench_old")
    new_cluster = {doc_id: doc_id for doc_id in new_ids}
    new_cluster.update(zip(new_ids[: len(joined)], joined, strict=True))
    new_cluster.update(zip(new_ids[len(joined) : len(joined) + len(fuller)], fuller, strict=True))
    fuller_docs = set(new_ids[len(joined) : len(joined) + len(fuller)])
    fuller_clusters = set(fuller)
    plan: list[tuple[str, int, str, float, str, bool]] = [
        (d, s, c, sim, m, canon and c not in fuller_clusters)
        for d, s, c, sim, m, canon in old_members
    ]
    plan += [
        (d, new_seqs[d], new_cluster[d], 0.9, "near", new_cluster[d] == d or d in fuller_docs)
        for d in new_ids
    ]
    assignments = pa.table(
        {
            "doc_id": pa.array([r[0] for r in plan], pa.string()),
            "doc_seq": pa.array([r[1] for r in plan], pa.int64()),
            "cluster_id": pa.array([r[2] for r in plan], pa.string()),
            "similarity": pa.array([r[3] for r in plan], pa.float64()),
            "method": pa.array([r[4] for r in plan], pa.string()),
            "is_canonical": pa.array([r[5] for r in plan], pa.bool_()),
        }
    )
    touched = sorted(set(joined) | fuller_clusters | set(new_ids[len(joined) + len(fuller) :]))

    # Reprint matching's reads (Store._cluster_batch): the batch's signatures are stored, then
    # the stored candidates' signatures (those the joining and fuller copies match, and as
    # many that do not verify), the shingle sets of borderline ones, and the signatures of
    # every member of the clusters verified pairs reach.
    timer.stage = "match"
    batch_signatures = pa.table(
        {
            "doc_id": pa.array(new_ids, pa.string()),
            "doc_seq": pa.array([new_seqs[d] for d in new_ids], pa.int64()),
            "n_shingles": pa.array([200] * len(new_ids), pa.int32()),
            "signature": pa.array([d.encode() * 16 for d in new_ids], pa.binary()),
            "shingles": pa.array([d.encode() * 32 for d in new_ids], pa.binary()),
        }
    )
    matched = sorted({int(d[3:]) for d in joined + fuller})
    unverified = _spread(n_docs, len(matched), 307 + k, recent)
    candidates = pa.table({"doc_seq": pa.array(sorted(set(matched + unverified)), pa.int64())})
    members = pa.table({"doc_seq": pa.array(sorted(r[1] for r in old_members), pa.int64())})
    with store.transaction():
        with store._registered(batch_signatures=batch_signatures):
            store._execute("queries/insert_signatures.sql")
        with store._registered(candidate_seqs=candidates):
            store._execute("queries/select_candidate_signatures.sql").fetchall()
        with store._registered(shingle_seqs=candidates):
            store._execute("queries/select_candidate_shingles.sql").fetchall()
        with store._registered(member_seqs=members):
            store._execute("queries/select_member_signatures.sql").fetchall()

    timer.stage = "cluster"
    with store.transaction():
        store._write_cluster_plan(assignments, touched, [])
        # the copies' stories gained sources in the write step; cluster_batch refreshes those
        # in the write transaction already

    # Coding: every canonical new document, three mentions, half of stored events.
    coded = [d for d in new_ids if new_cluster[d] == d or d in fuller_docs]
    template = (
        con.execute("select * from event_mentions where coder_version = ? limit 1", [VERSION])
        .to_arrow_table()
        .select(EVENT_MENTIONS.names)
        .cast(EVENT_MENTIONS)
    )
    # Stored events: event i is mentioned by document i % n_docs (views_data.sql), so the
    # recent ones are those of the newest documents.
    first_event, n_events = (n_docs - recent, recent) if recent else (0, 3 * n_docs)
    mention_rows = []
    for i, doc_id in enumerate(coded):
        for j in range(3):
            event_id = (
                f"ev{first_event + (i * 7919 + j * 104729 + k * 13) % n_events}"
                if j % 2 == 0
                else f"evnew{k:03d}x{i:05d}x{j}"
            )
            mention_rows.append((doc_id, event_id, j))
    base = template.to_pylist()[0]
    mentions = pa.Table.from_pylist(
        [
            {**base, "doc_id": d, "event_id": e, "sentence_index": j, "is_lead": j == 0}
            for d, e, j in mention_rows
        ],
        schema=EVENT_MENTIONS,
    )
    coded_docs = pa.Table.from_pylist(
        [
            {
                "coder_version": VERSION,
                "doc_id": d,
                "n_sentences": 10,
                "n_mentions": 3,
                "doc_tone": -1.0,
                "coded_at": base["coded_at"],
                "run_id": run_id,
                "n_chars_coded": 3000,
                "coding_error": None,
                "coding_error_detail": None,
            }
            for d in coded
        ],
        schema=CODED_DOCUMENTS,
    )
    timer.stage = "code"
    store.write_coded_batch(run_id, VERSION, mentions, coded_docs)
    timer.stage = "rebuild"
    store.rebuild_events(VERSION)


def child(db: Path, n_docs: int, n_batches: int, size: int, recent: int) -> None:
    """Play the batches on `db`; print one JSON line: ms per statement per batch, peak RSS."""
    with Store.open(db) as store:
        store.start_run("bench-run", "bench", "", {})
        store.query("select count(*) from event_mentions")
        rss_before = _status_mb("VmRSS")
        per_batch: list[dict[tuple[str, str], float]] = []
        per_batch_cpu: list[dict[tuple[str, str], float]] = []
        for k in range(n_batches):
            timer = StatementTimer(store)
            play_batch(store, timer, n_docs, size, k, recent)
            per_batch.append(dict(timer.ms))
            per_batch_cpu.append(dict(timer.cpu_ms))
            store._execute = Store._execute.__get__(store)  # type: ignore[method-assign]
        peak = _status_mb("VmHWM")
        # A checkpoint writes the batches' changes to the file (the writer makes one every
        # ~70 batches, at 256 MB of log): its cost, indexes included.
        started, started_cpu = time.perf_counter(), time.process_time()
        store._execute("queries/checkpoint.sql")
        checkpoint_ms = (time.perf_counter() - started) * 1000
        checkpoint_cpu_ms = (time.process_time() - started_cpu) * 1000
    keys = sorted({key for batch in per_batch for key in batch})
    medians, cpu_medians = (
        {
            f"{stage}/{name}": statistics.median(batch.get((stage, name), 0.0) for batch in runs)
            for stage, name in keys
        }
        for runs in (per_batch, per_batch_cpu)
    )
    print(
        json.dumps(
            {
                "ms": medians,
                "cpu_ms": cpu_medians,
                "rss_before_mb": rss_before,
                "rss_peak_mb": peak,
                "checkpoint_ms": checkpoint_ms,
                "checkpoint_cpu_ms": checkpoint_cpu_ms,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument(
        "--recent",
        type=int,
        default=0,
        help="draw the old stories and events a batch touches from the newest N documents "
        "(0: from the whole corpus, the worst case)",
    )
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the databases in")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.sizes[0], args.batches, args.batch, args.recent)
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="wirewatch-bench-flat-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, Any]] = {}
    for n_docs in args.sizes:
        base = work / f"base{n_docs}.duckdb"
        if not base.exists():
            seconds = fill(work / "filling.duckdb", n_docs)
            (work / "filling.duckdb").rename(base)
            print(f"filled {n_docs:,} documents in {seconds:.0f} s", flush=True)
        run = work / f"run{n_docs}.duckdb"
        shutil.copyfile(base, run)
        # Migrations (an index build is a one-time cost) run here, so that the child's peak
        # RSS is that of its batches.
        Store.open(run).close()
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--db",
                str(run),
                "--sizes",
                str(n_docs),
                "--batches",
                str(args.batches),
                "--batch",
                str(args.batch),
                "--recent",
                str(args.recent),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[n_docs] = json.loads(out.strip().splitlines()[-1])
        run.unlink()
    small, large = min(results), max(results)
    names = sorted(
        {name for r in results.values() for name in r["ms"]},
        key=lambda n: (STAGES.index(n.split("/")[0]), n),
    )
    header = "".join(f"{n:>10,}" for n in sorted(results))
    touched = f"newest {args.recent:,} documents" if args.recent else "whole corpus"
    print(f"old stories and events touched: {touched}")
    print(
        f"{'ms per batch of ' + str(args.batch):<48}{'wall':>{10 * len(results)}}  ratio"
        f"{'CPU':>{10 * len(results)}}  ratio  ({large // small}x corpus)"
    )
    print(f"{'':<48}{header}       {header}")
    totals: dict[str, dict[int, dict[str, float]]] = {
        kind: {n: defaultdict(float) for n in results} for kind in ("ms", "cpu_ms")
    }

    def row(label: str, values: dict[str, dict[int, float]]) -> str:
        line = f"{label:<48}"
        for kind in ("ms", "cpu_ms"):
            cells = "".join(f"{values[kind][n]:10.1f}" for n in sorted(results))
            small_value = values[kind][small]
            ratio = values[kind][large] / small_value if small_value > 0 else float("nan")
            line += f"{cells}  {ratio:5.2f}"
        return line

    for name in names:
        values = {kind: {n: results[n][kind].get(name, 0.0) for n in results} for kind in totals}
        for kind in totals:
            for n, v in values[kind].items():
                totals[kind][n][name.split("/")[0]] += v
        print(row(name, values))
    for stage in STAGES:
        print(
            row(
                "stage " + stage,
                {kind: {n: totals[kind][n][stage] for n in results} for kind in totals},
            )
        )
    print(
        row(
            f"checkpoint after the {args.batches} batches",
            {
                kind: {n: results[n][f"checkpoint_{kind}"] for n in results}
                for kind in ("ms", "cpu_ms")
            },
        )
    )
    cells = "".join(f"{results[n]['rss_peak_mb']:10.0f}" for n in sorted(results))
    print(
        f"{'peak RSS of the batch process, MB':<56}{cells}  "
        f"{results[large]['rss_peak_mb'] / results[small]['rss_peak_mb']:6.2f}"
    )
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
