"""Readers while a run writes: `wirewatch sql` during a real `wirewatch run`, and what they
cost the run.

    .venv/bin/python bench/readers.py [--n 10000] [--size 3000] [--seed 7] [--readers 20]

Writes N articles (`bench/corpus.py`, as bench/ingest.py does), then in this one invocation:

1. `wirewatch run CORPUS --db quiet.duckdb` with nothing reading (event coding on, settle 0);
2. `wirewatch run CORPUS --db busy.duckdb` while READERS `wirewatch sql "select count(*) from
   documents"` subprocesses start one by one, spread evenly over the first run's duration
   (from the moment the run records itself as the database's writer).

It prints every reader's start offset, latency (spawn to exit), exit code, the count it got and
where it read (the snapshot or the database); the latency p50 and p95; the readers' exit
codes; a reader's latency on the idle database after the runs (the command's own start-up);
each run's documents per second over its `runs` row (ended_at - started_at) and over the
command's wall clock, and the seconds it spent publishing snapshots (`runs.seconds_snapshot`,
the writer's cost, measured directly, which other load on the machine hardly blurs); and the
busy/quiet throughput ratio, against the targets: no reader
exits 3, reader p95 < 2 s, the busy run within 15 % of the quiet one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import write_corpus

REPO = Path(__file__).resolve().parent.parent
WIREWATCH = str(Path(sys.executable).with_name("wirewatch"))
READER_SQL = "select count(*) from documents"
TARGET_P95_S = 2.0
TARGET_RATIO = 0.85


@dataclass(frozen=True)
class Reading:
    offset_s: float  # after the writer recorded itself
    latency_s: float
    exit_code: int
    count: str
    source: str  # "snapshot" or "database"


@dataclass(frozen=True)
class RunFigures:
    wall_s: float
    run_s: float  # runs row: ended_at - started_at
    n_new: int
    snapshot_s: float  # runs row: seconds_snapshot, publishing read snapshots

    @property
    def docs_per_s(self) -> float:
        return self.n_new / self.run_s if self.run_s else 0.0


def _environment(prefect_home: Path) -> dict[str, str]:
    return os.environ | {
        "PREFECT_HOME": str(prefect_home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }


def _read(db: Path, env: dict[str, str], started: float, offset: float) -> Reading:
    began = time.perf_counter()
    done = subprocess.run(
        [WIREWATCH, "sql", READER_SQL, "--db", str(db), "--format", "csv"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    latency = time.perf_counter() - began
    lines = done.stdout.strip().splitlines()
    count = lines[-1] if done.returncode == 0 and lines else done.stderr.strip()[-120:]
    source = "snapshot" if "snapshot" in done.stderr else "database"
    return Reading(offset, latency, done.returncode, count, source)


def _run(
    corpus: Path, db: Path, env: dict[str, str], readers: int, spread_s: float
) -> tuple[RunFigures, list[Reading]]:
    """One `wirewatch run`; with readers > 0, start them spread over `spread_s` seconds."""
    began = time.perf_counter()
    process = subprocess.Popen(
        [WIREWATCH, "run", str(corpus), "--db", str(db), "--settle-seconds", "0", "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    readings: list[Reading] = []
    threads: list[threading.Thread] = []
    if readers:
        writer_file = Path(f"{db}.writer.json")
        while not writer_file.exists() and process.poll() is None:
            time.sleep(0.05)
        writing_since = time.perf_counter()
        lock = threading.Lock()

        def read_at(offset: float) -> None:
            reading = _read(db, env, writing_since, offset)
            with lock:
                readings.append(reading)

        for i in range(readers):
            offset = spread_s * i / readers
            time.sleep(max(0.0, writing_since + offset - time.perf_counter()))
            thread = threading.Thread(target=read_at, args=(offset,))
            thread.start()
            threads.append(thread)
    _out, err = process.communicate()
    wall = time.perf_counter() - began
    for thread in threads:
        thread.join()
    if process.returncode != 0:
        raise SystemExit(f"wirewatch run into {db} exited {process.returncode}:\n{err[-3000:]}")
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        seconds, n_new, snapshot_s = con.execute(
            "select date_diff('microsecond', started_at, ended_at) / 1e6, n_documents_new, "
            "seconds_snapshot from runs order by started_at desc limit 1"
        ).fetchone()
    figures = RunFigures(wall, float(seconds), int(n_new), float(snapshot_s or 0.0))
    return figures, sorted(readings, key=lambda r: r.offset_s)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (10000)")
    parser.add_argument("--size", type=int, default=3000, help="bytes per article (3000)")
    parser.add_argument("--seed", type=int, default=7, help="corpus random seed (7)")
    parser.add_argument("--readers", type=int, default=20, help="readers during the run (20)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="wirewatch-bench-readers-"))
    try:
        corpus = work / "corpus"
        write_corpus(corpus, args.n, size=args.size, seed=args.seed)
        env = _environment(work / "prefect-home")
        load_before = os.getloadavg()[0]
        quiet, _ = _run(corpus, work / "quiet.duckdb", env, 0, 0.0)
        busy, readings = _run(corpus, work / "busy.duckdb", env, args.readers, quiet.run_s)
        load_after = os.getloadavg()[0]
        idle = [_read(work / "busy.duckdb", env, 0.0, 0.0).latency_s for _ in range(3)]
        print(f"articles {args.n} x ~{args.size} B, {args.readers} readers, event coding on")
        print(f"load average (1 min) before {load_before:.2f}, after {load_after:.2f}")
        print("reader  start s  latency s  exit  source    answer")
        for i, r in enumerate(readings, 1):
            print(
                f"{i:6d}  {r.offset_s:7.1f}  {r.latency_s:9.3f}  {r.exit_code:4d}  "
                f"{r.source:8s}  {r.count}"
            )
        latencies = [r.latency_s for r in readings]
        p50 = statistics.median(latencies) if latencies else 0.0
        p95 = _percentile(latencies, 0.95) if latencies else 0.0
        n_locked = sum(r.exit_code == 3 for r in readings)
        n_failed = sum(r.exit_code != 0 for r in readings)
        ratio = busy.docs_per_s / quiet.docs_per_s if quiet.docs_per_s else 0.0
        print(f"reader latency p50 {p50:.3f} s, p95 {p95:.3f} s (target p95 < {TARGET_P95_S} s)")
        idle_s = statistics.median(idle)
        print(f"reader latency on the idle database (the command's start-up): {idle_s:.3f} s")
        print(f"readers exiting 3: {n_locked} (target 0); exiting non-zero: {n_failed}")
        print(
            f"from the snapshot: {sum(r.source == 'snapshot' for r in readings)}, "
            f"from the database: {sum(r.source == 'database' for r in readings)}"
        )
        for label, run in (("without readers", quiet), ("with readers", busy)):
            print(
                f"run {label}: {run.n_new} new documents, {run.docs_per_s:.1f} docs/s over the "
                f"run ({run.run_s:.1f} s), {run.n_new / run.wall_s:.1f} docs/s over the command "
                f"({run.wall_s:.1f} s); publishing snapshots {run.snapshot_s:.1f} s "
                f"({100 * run.snapshot_s / run.run_s:.1f} % of the run)"
            )
        print(f"throughput with / without readers: {ratio:.3f} (target >= {TARGET_RATIO})")
        ok = n_locked == 0 and n_failed == 0 and p95 < TARGET_P95_S and ratio >= TARGET_RATIO
        print("PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
