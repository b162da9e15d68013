"""Throughput and memory of one `ingest_folder` run over a synthetic wire-copy corpus.

    .venv/bin/python bench/ingest.py [--n 10000] [--size 3000] [--seed 7] [--keep DIR]

Writes N distinct English articles of ~SIZE bytes (`bench/corpus.py`) into nested folders, runs
the real Prefect flow once into a fresh DuckDB file (settle_seconds=0, every other setting at
its default) and prints:

- documents per second over the run, from the `runs` row (ended_at - started_at). This window
  starts after the store is opened and migrated and ends when the run is marked finished, so
  it leaves out Python imports, the start-up of Prefect's temporary server and the artifacts;
- documents per second over the wall clock including those start-up costs, and per CPU-second
  of this process during the flow call (the figure least disturbed by other busy processes);
- peak RSS of this process and of its children (Prefect's temporary API server, which is
  stopped and reaped before it is measured, since RUSAGE_CHILDREN only counts reaped children);
- CPU time / wall time, i.e. how many cores were effectively used (DuckDB runs its own threads,
  the temporary server is a second process), and the load average before and after;
- the share of run time in each stage, from the `runs` row timers (scan, read, normalise
  without language detection, language detection, store, and any other `seconds_*` column a
  later migration adds, e.g. dedup); the rest of the run is Prefect task overhead and work no
  timer covers;
- PASS/FAIL against the targets: >= 150 docs/s on one core, peak RSS < 500 MB;
- a sha256 of wirewatch/**/*.py, flows/*.py and sql/**/*.sql, so figures can be tied to a state of
  the code.

Prefect's temporary server is started (by a health check) before the flow is called, so the
start-up is timed on its own; set PREFECT_API_URL to use a running server instead.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import GENERATOR_VERSION, CorpusStats, read_manifest, write_corpus

# Before Prefect is imported (the flows import it); the caller's environment wins.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
# A private Prefect home (its own SQLite database), removed at the end; created only when the
# caller has not set one, since setdefault would create the folder either way.
_OWN_PREFECT_HOME = (
    None if "PREFECT_HOME" in os.environ else tempfile.mkdtemp(prefix="wirewatch-bench-prefect-")
)
if _OWN_PREFECT_HOME is not None:
    os.environ.setdefault("PREFECT_HOME", _OWN_PREFECT_HOME)

TARGET_DOCS_PER_S = 150.0
TARGET_PEAK_RSS_MB = 500.0

# Every column, so stages and counters added by later migrations show up without edits here.
_RUN_ROW_SQL = """
select *, date_diff('microsecond', started_at, ended_at) / 1e6 as bench_seconds_run
from runs
order by started_at desc
limit 1
"""
_DOCUMENTS_SQL = """
select count(*), count(*) filter (where lang = 'en'), count(dateline_place), count(title)
from documents
"""


@dataclass(frozen=True)
class FlowTiming:
    """Wall-clock and CPU figures around the flow call, all in seconds."""

    import_s: float
    startup_s: float  # Prefect API health check: starts the temporary server if needed
    flow_s: float
    cpu_self_s: float  # this process, during the flow call
    cpu_children_s: float  # reaped children (the temporary server), whole lifetime
    ephemeral_server: bool
    load_before: float  # 1-minute load average: other processes competing for the cores
    load_after: float
    rss_before_flow_mb: float  # peak RSS after imports and server start, before the flow call
    error: str | None  # the exception the flow raised, if it failed
    # (sha256, n files) of wirewatch/, flows/ and sql/ before import and after the run: the flow's
    # code
    # is being edited by others, and SQL files are read lazily during the run.
    code_before: tuple[str, int]
    code_after: tuple[str, int]

    @property
    def wall_s(self) -> float:
        return self.import_s + self.startup_s + self.flow_s


@dataclass(frozen=True)
class RunRow:
    """The `runs` row of the benchmark run, plus what ended up in `documents`."""

    values: dict[str, Any]  # column name -> value, in table order
    seconds_run: float  # ended_at - started_at
    n_documents: int
    n_english: int
    n_datelines: int
    n_titles: int
    duckdb_threads: str

    def number(self, column: str) -> float:
        return float(self.values.get(column) or 0)

    @property
    def n_new(self) -> int:
        return int(self.number("n_documents_new"))


# Stage timers in the runs row; a `seconds_*` column not listed here is shown by its name.
_STAGE_LABELS = {
    "seconds_scan": "scan (walk + ledger lookup)",
    "seconds_read": "read",
    "seconds_normalise": "normalise, excluding language detection",
    "seconds_lang": "LANGUAGE DETECTION (langdetect)",
    "seconds_store": "store (DuckDB write)",
}


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (10000)")
    parser.add_argument("--size", type=int, default=3000, help="bytes per article (3000)")
    parser.add_argument("--seed", type=int, default=7, help="corpus random seed (7)")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="write the corpus here and keep it; reused if DIR holds the same n/size/seed",
    )
    return parser.parse_args(argv)


def _code_digest() -> tuple[str, int]:
    """sha256 over wirewatch/**/*.py, flows/*.py and sql/**/*.sql (paths and bytes) and the number
    of files:
    which state of the pipeline the figures belong to, while it changes under us."""
    repo = Path(__file__).resolve().parent.parent
    paths = sorted([*repo.glob("wirewatch/**/*.py"), *repo.glob("flows/*.py"),
                    *repo.glob("sql/**/*.sql")])
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(repo).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest(), len(paths)


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(who).ru_maxrss / per_mb


def _prepare_corpus(args: argparse.Namespace, work: Path) -> tuple[Path, CorpusStats, float, bool]:
    """(folder, stats, seconds to generate, reused) for the corpus the run will ingest."""
    folder = args.keep.expanduser().absolute() if args.keep else work / "corpus"
    if folder.is_dir() and any(folder.iterdir()):
        existing = read_manifest(folder)
        wanted = (args.n, args.size, args.seed, GENERATOR_VERSION)
        if existing is not None and (
            existing.n_files, existing.size, existing.seed, existing.version
        ) == wanted:
            return folder, existing, 0.0, True
        raise SystemExit(
            f"--keep {folder} is not empty and holds no corpus with n={args.n} "
            f"size={args.size} seed={args.seed} (generator v{GENERATOR_VERSION}); "
            "give an empty or new folder"
        )
    started = time.perf_counter()
    stats = write_corpus(folder, args.n, size=args.size, seed=args.seed)
    return folder, stats, time.perf_counter() - started, False


def _run_flow(corpus_dir: Path, db: Path) -> FlowTiming:
    """Import, start Prefect's API, run `ingest_folder` once, stop the temporary server."""
    code_before = _code_digest()
    started = time.perf_counter()
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    from flows.ingest_folder import ingest_folder
    from wirewatch.orchestration.local_server import prefect_api

    import_s = time.perf_counter() - started

    ephemeral = not PREFECT_API_URL.value()
    started = time.perf_counter()
    # The same temporary server `wirewatch run` starts when no API is configured.
    with prefect_api() as api_url:
        with get_client(sync_client=True) as client:
            failure = client.api_healthcheck()
        if failure is not None:
            raise SystemExit(f"Prefect API at {api_url} is not healthy: {failure}")
        startup_s = time.perf_counter() - started
        rss_before_flow_mb = _peak_rss_mb(resource.RUSAGE_SELF)

        load_before = os.getloadavg()[0]
        cpu_before = _cpu_seconds(resource.RUSAGE_SELF)
        started = time.perf_counter()
        error: str | None = None
        try:
            ingest_folder(path=str(corpus_dir), db=str(db), settle_seconds=0)
        except Exception as exc:  # still report what the runs row recorded
            error = f"{type(exc).__name__}: {exc}"
        flow_s = time.perf_counter() - started
        cpu_self_s = _cpu_seconds(resource.RUSAGE_SELF) - cpu_before
        load_after = os.getloadavg()[0]
    # Leaving prefect_api() stopped and reaped the temporary server: RUSAGE_CHILDREN has it.
    return FlowTiming(
        import_s=import_s,
        startup_s=startup_s,
        flow_s=flow_s,
        cpu_self_s=cpu_self_s,
        cpu_children_s=_cpu_seconds(resource.RUSAGE_CHILDREN),
        ephemeral_server=ephemeral,
        load_before=load_before,
        load_after=load_after,
        rss_before_flow_mb=rss_before_flow_mb,
        error=error,
        code_before=code_before,
        code_after=_code_digest(),
    )


def _read_run(db: Path) -> RunRow:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute(_RUN_ROW_SQL)
        row = cursor.fetchone()
        names = [d[0] for d in cursor.description or []]
        documents = con.execute(_DOCUMENTS_SQL).fetchone()
        threads = con.execute("select current_setting('threads')").fetchone()
    if row is None or documents is None or threads is None:
        raise SystemExit(f"db={db} has no runs row: the flow did not record its run")
    values = dict(zip(names, row, strict=True))
    seconds_run = float(values.pop("bench_seconds_run") or 0.0)
    return RunRow(values, seconds_run, *documents, duckdb_threads=str(threads[0]))


def _stages(run: RunRow) -> list[tuple[str, float]]:
    """(label, seconds) per stage timer, then the rest of the run as `other`."""
    stages = []
    for column in run.values:
        if not column.startswith("seconds_"):
            continue
        seconds = run.number(column)
        if column == "seconds_normalise":  # the normalise timer includes language detection
            seconds -= run.number("seconds_lang")
        stages.append((_STAGE_LABELS.get(column, column.removeprefix("seconds_")), seconds))
    in_stages = sum(seconds for _, seconds in stages)
    stages.append(("other (Prefect task overhead, between stages)", run.seconds_run - in_stages))
    return stages


def _line(label: str, value: str) -> None:
    print(f"  {label:<54} {value}")


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _report(
    args: argparse.Namespace,
    stats: CorpusStats,
    generate_s: float,
    reused: bool,
    timing: FlowTiming,
    run: RunRow,
) -> None:
    docs_per_s_run = run.n_new / run.seconds_run if run.seconds_run > 0 else 0.0
    docs_per_s_wall = run.n_new / timing.wall_s if timing.wall_s > 0 else 0.0
    rss_self = _peak_rss_mb(resource.RUSAGE_SELF)
    rss_children = _peak_rss_mb(resource.RUSAGE_CHILDREN)

    code_sha, n_code_files = timing.code_before
    print(f"wirewatch ingest benchmark: n={args.n} size={args.size} seed={args.seed}")
    _line("code: sha256 of wirewatch/, flows/ and sql/", f"{code_sha[:16]} ({n_code_files} files)")
    if timing.code_after != timing.code_before:
        _line("WARNING: code changed during the run, now", f"{timing.code_after[0][:16]}")
    print("corpus")
    _line("files (N)", f"{stats.n_files:,}")
    _line("mean bytes per file", f"{stats.mean_bytes:,.0f}")
    _line("total MB", f"{stats.total_bytes / 1e6:,.1f}")
    _line(
        "with dateline / with furniture",
        f"{stats.n_with_dateline:,} / {stats.n_with_furniture:,}",
    )
    _line("generation", "reused (--keep)" if reused else f"{generate_s:.1f} s")
    _line("sha256", stats.sha256[:16])

    print("result")
    _line("run status", str(run.values.get("status")))
    if timing.error:
        _line("flow raised", timing.error.splitlines()[0][:200])
    _line("documents stored (documents table)", f"{run.n_documents:,}")
    for column, value in run.values.items():
        if column.startswith("n_") or column == "bytes_read":
            _line(f"{column} (runs row)", f"{int(value or 0):,}")
    _line("lang = en", f"{run.n_english:,} of {run.n_documents:,}")
    _line("datelines parsed (written)", f"{run.n_datelines:,} ({stats.n_with_dateline:,})")
    _line("titles found", f"{run.n_titles:,}")

    print("time")
    _line("import prefect + flows", f"{timing.import_s:.1f} s")
    server = "temporary server start" if timing.ephemeral_server else "PREFECT_API_URL health check"
    _line(f"Prefect API ({server})", f"{timing.startup_s:.1f} s")
    _line("flow call", f"{timing.flow_s:.1f} s")
    _line("  of which the run (runs: ended_at - started_at)", f"{run.seconds_run:.1f} s")
    _line("  of which outside the run (open db, artifacts, ...)",
          f"{timing.flow_s - run.seconds_run:.1f} s")
    _line("wall clock incl. start-up", f"{timing.wall_s:.1f} s")
    _line("docs/s over the run (runs row)", f"{docs_per_s_run:,.1f}")
    _line("docs/s wall clock incl. start-up", f"{docs_per_s_wall:,.1f}")
    _line(
        "docs per CPU-second of this process (flow call)",
        f"{run.n_new / timing.cpu_self_s:,.1f}" if timing.cpu_self_s > 0 else "n/a",
    )
    if run.seconds_run > 0:
        _line("MB/s read over the run", f"{run.number('bytes_read') / 1e6 / run.seconds_run:,.2f}")

    print("stage shares of the run (runs row)")
    stages = _stages(run)
    for label, seconds in stages:
        share = seconds / run.seconds_run if run.seconds_run > 0 else 0.0
        ms_per_doc = 1000 * seconds / run.n_new if run.n_new else 0.0
        _line(label, f"{seconds:7.2f} s {share:6.1%}  {ms_per_doc:6.2f} ms/doc")

    print("resources")
    _line("os.cpu_count() / DuckDB threads", f"{os.cpu_count()} / {run.duckdb_threads}")
    _line(
        "load average before / after (other processes too)",
        f"{timing.load_before:.2f} / {timing.load_after:.2f}",
    )
    _line("CPU time this process (flow call)", f"{timing.cpu_self_s:.1f} s")
    _line(
        "cores used = CPU / wall (flow call)",
        f"{timing.cpu_self_s / timing.flow_s:.2f}" if timing.flow_s > 0 else "n/a",
    )
    _line("CPU time children (Prefect server, lifetime)", f"{timing.cpu_children_s:.1f} s")
    _line("peak RSS this process before the flow call", f"{timing.rss_before_flow_mb:,.0f} MB")
    _line("peak RSS this process", f"{rss_self:,.0f} MB")
    _line("peak RSS largest child (Prefect server)", f"{rss_children:,.0f} MB")

    print("targets")
    _line(
        f"docs/s over the run >= {TARGET_DOCS_PER_S:.0f} (one core)",
        f"{docs_per_s_run:,.1f}  {_verdict(docs_per_s_run >= TARGET_DOCS_PER_S)}",
    )
    _line(
        f"peak RSS this process < {TARGET_PEAK_RSS_MB:.0f} MB",
        f"{rss_self:,.0f} MB  {_verdict(rss_self < TARGET_PEAK_RSS_MB)}",
    )


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.n < 1 or args.size < 600:
        raise SystemExit("--n must be >= 1 and --size >= 600")
    work = Path(tempfile.mkdtemp(prefix="wirewatch-bench-"))
    try:
        corpus_dir, stats, generate_s, reused = _prepare_corpus(args, work)
        db = work / "bench.duckdb"
        timing = _run_flow(corpus_dir, db)
        run = _read_run(db)
        _report(args, stats, generate_s, reused, timing, run)
        ok = run.values.get("status") == "completed" and run.n_new == stats.n_files
        if not ok:
            print(f"warning: expected {stats.n_files:,} new documents, got {run.n_new:,}")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if _OWN_PREFECT_HOME is not None:
            shutil.rmtree(_OWN_PREFECT_HOME, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
