"""Crash soak: SIGKILL `wirewatch run` at random moments, rerun, compare with a clean run.

    .venv/bin/python bench/crash_soak.py [--trials 50] [--n 2000] [--reprints 500] [--seed 13]
                                          [--batch-size 100] [--keep DIR]

Writes a corpus of `--n` distinct articles (bench/corpus.py) plus `--reprints` copies of some
of them: a fifth byte-identical, the rest with another headline and byline and their last
paragraph dropped (near duplicates the dedup stage must cluster). One `wirewatch run` over it
into a fresh DuckDB file is the clean run. Then, per trial, a fresh DuckDB file: `wirewatch
run` is started and SIGKILLed after a random delay (seeded; uniform over the clean run's wall
time), then `wirewatch run` is run again to completion, and every table a run writes is
compared in full with the clean run's, minus run ids and timestamps (the comparison of
tests/test_crash.py, whose table list and helpers this script imports).

All runs use one Prefect API server this script starts (wirewatch.orchestration.local_server), so
each run
pays no server start-up and a killed run leaves no server behind. Printed: trials, how many
runs were killed before they finished (a delay past the run's end kills nothing), how many
kills left a run row `running`, and the mismatches, naming the tables.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))

from corpus import write_corpus  # noqa: E402
from helpers import RUN_SPECIFIC_COLUMNS, table_rows  # noqa: E402
from test_crash import TABLES  # noqa: E402

WIREWATCH = Path(sys.executable).with_name("wirewatch")


def write_soak_corpus(folder: Path, n: int, n_reprints: int, seed: int) -> int:
    """`n` articles plus `n_reprints` exact and near copies; returns the number of files."""
    write_corpus(folder, n, seed=seed)
    originals = sorted(folder.rglob("article-*.txt"))
    rng = random.Random(seed)
    reprints = folder / "reprints"
    reprints.mkdir()
    for index in range(n_reprints):
        source = rng.choice(originals)
        text = source.read_text(encoding="utf-8")
        if index % 5 == 0:
            copy = text
        else:
            paragraphs = text.rstrip("\n").split("\n\n")
            kept = paragraphs[1:-1] if len(paragraphs) > 3 else paragraphs[1:]
            copy = "\n\n".join([f"Reprint {index}: {paragraphs[0]}", *kept]) + "\n"
        (reprints / f"reprint-{index:05d}.txt").write_text(copy, encoding="utf-8")
    return n + n_reprints


def run_command(corpus: Path, db: Path, batch_size: int) -> list[str]:
    return [
        str(WIREWATCH),
        "run",
        str(corpus),
        "--db",
        str(db),
        "--settle-seconds",
        "0",
        "--batch-size",
        str(batch_size),
        "--quiet",
    ]


def run_to_completion(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def run_and_kill(command: list[str], env: dict[str, str], delay: float) -> bool:
    """Start the run, SIGKILL its process group after `delay` seconds; True if it was still
    running then (False: it had already finished)."""
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches any child too
    )
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        return True
    finally:  # also when the soak itself is interrupted: no run is left behind
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_status(db: Path) -> list[str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return [row[0] for row in con.execute("select status from runs").fetchall()]


def differing_tables(actual: Path, expected: Path) -> list[str]:
    return [
        table
        for table in TABLES
        if table_rows(actual, table, RUN_SPECIFIC_COLUMNS)
        != table_rows(expected, table, RUN_SPECIFIC_COLUMNS)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--n", type=int, default=2000, help="distinct articles (2000)")
    parser.add_argument("--reprints", type=int, default=500, help="reprint files (500)")
    parser.add_argument("--seed", type=int, default=13, help="corpus and kill-time seed (13)")
    parser.add_argument("--batch-size", type=int, default=100, help="files per batch (100)")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temp one)")
    args = parser.parse_args(argv)

    from wirewatch.orchestration.local_server import prefect_api

    work = args.keep or Path(tempfile.mkdtemp(prefix="wirewatch-crash-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    n_files = write_soak_corpus(corpus, args.n, args.reprints, args.seed)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    kills = left_running = 0
    mismatches: list[tuple[int, float, list[str]]] = []
    try:
        with prefect_api() as api_url:
            env = os.environ | {"PREFECT_API_URL": api_url}
            clean_db = work / "clean.duckdb"
            clean_db.unlink(missing_ok=True)
            clean_s = run_to_completion(run_command(corpus, clean_db, args.batch_size), env)
            print(f"corpus: {n_files} files ({args.reprints} reprints); clean run {clean_s:.1f} s")
            for trial in range(1, args.trials + 1):
                db = work / "trial.duckdb"
                db.unlink(missing_ok=True)
                shutil.rmtree(work / "trial.duckdb.bandindex", ignore_errors=True)
                command = run_command(corpus, db, args.batch_size)
                delay = rng.uniform(0.0, clean_s)
                killed = run_and_kill(command, env, delay)
                kills += killed
                if killed and db.exists() and "running" in run_status(db):
                    left_running += 1
                run_to_completion(command, env)
                differing = differing_tables(db, clean_db)
                if differing:
                    mismatches.append((trial, delay, differing))
                print(
                    f"trial {trial}: kill at {delay:.1f} s, "
                    f"{'killed' if killed else 'had finished'}, "
                    f"{'MISMATCH ' + ', '.join(differing) if differing else 'tables equal'}",
                    flush=True,
                )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"trials: {args.trials}")
    print(f"kills: {kills} (runs killed before they finished; {left_running} left `running`)")
    print(f"mismatches: {len(mismatches)}")
    for trial, delay, tables in mismatches:
        print(f"  trial {trial} (kill at {delay:.1f} s): {', '.join(tables)}")
    print(f"wall time: {(time.perf_counter() - started) / 60:.1f} min")
    return 1 if mismatches else 0


if __name__ == "__main__":
    raise SystemExit(main())
