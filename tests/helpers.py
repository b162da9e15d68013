"""Helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
REPO_SEEDS = REPO_ROOT / "seeds"
BENCH_EVENTS = REPO_ROOT / "bench" / "events"
# The gold scripts' modules (seed_refs, gold_stats) import each other by plain name; last on
# the path, so they shadow nothing installed.
sys.path.append(str(BENCH_EVENTS))

from seed_refs import missing_seeds_note, shared_seeds_dir  # noqa: E402

# The five shared seed articles (publishers' text, never in the repository): the one setting
# WIREWATCH_SHARED_SEEDS, default ../shared/seeds. Tests reach them through require_shared_seeds.
SHARED_SEEDS = shared_seeds_dir()
REQUIRE_SEEDS_SETTING = "WIREWATCH_REQUIRE_SHARED_SEEDS"


def require_shared_seeds() -> Path:
    """The shared seed folder; skips the test when it is missing (fails under CI's
    WIREWATCH_REQUIRE_SHARED_SEEDS=1, so no seed test goes unrun there)."""
    if SHARED_SEEDS.is_dir() and any(SHARED_SEEDS.glob("[0-9][0-9][0-9]_*.txt")):
        return SHARED_SEEDS
    reason = missing_seeds_note(SHARED_SEEDS)
    if os.environ.get(REQUIRE_SEEDS_SETTING, "") not in ("", "0"):
        pytest.fail(f"{REQUIRE_SEEDS_SETTING}=1 but {reason}")
    pytest.skip(reason)

# Every table a folder run writes; crash, queueing and watcher tests compare them in full
# (minus RUN_SPECIFIC_COLUMNS) with a clean run's.
RUN_TABLES = (
    "documents",
    "files",
    "quarantine",
    "document_sources",
    "document_signatures",
    "lsh_bands",
    "document_clusters",
    "story_clusters",
    "coded_documents",
    "event_mentions",
    "events",
)

# Columns that legitimately differ between two runs over the same input.
RUN_SPECIFIC_COLUMNS = (
    "ingested_at",
    "run_id",
    "first_seen_at",
    "last_seen_at",
    "seen_at",
    "processed_at",
    "coded_at",
    "date_added",
)


def ingest(folder: Path, db: Path, **kwargs: Any) -> dict[str, Any]:
    """Run the real flow (under the session's harness) with no settle delay."""
    from flows.ingest_folder import ingest_folder

    kwargs.setdefault("settle_seconds", 0)
    return ingest_folder(path=str(folder), db=str(db), **kwargs)


def table_rows(db: Path, table: str, exclude: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    """Full contents of a table, minus the columns named in `exclude`, in a stable order."""
    with duckdb.connect(str(db), read_only=True) as con:
        columns = [
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns "
                "where table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            if row[0] not in exclude
        ]
        select_list = ", ".join(f'"{c}"' for c in columns)
        return con.execute(f"select {select_list} from {table} order by all").fetchall()


def scalar(db: Path, sql: str, params: list[Any] | None = None) -> Any:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchone()[0]


def rows(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


_HOLD_WRITE_LOCK = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
con.execute("create table if not exists held (x int)")
print("locked", flush=True)
time.sleep(120)
"""


@contextmanager
def write_lock_held_by_another_process(db: Path) -> Iterator[None]:
    """A second process opens `db` for writing and keeps it until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_WRITE_LOCK, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def kill_when_paused(
    script: Path,
    args: list[str],
    marker: Path,
    api_url: str,
    extra_env: dict[str, str] | None = None,
    before_kill: Callable[[int], Any] | None = None,
) -> Any:
    """Start a crash-test child script, wait until it writes `marker` (it pauses inside a
    transaction there), then SIGKILL it. `before_kill(pid)`, if given, runs just before the
    kill and its result is returned (e.g. the processes the child had started)."""
    env = os.environ | {"PREFECT_API_URL": api_url} | (extra_env or {})
    observed = None
    child = subprocess.Popen(
        [sys.executable, str(script), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while not marker.exists():
            if child.poll() is not None:
                output = child.stdout.read().decode(errors="replace") if child.stdout else ""
                pytest.fail(f"child exited with {child.returncode} before pausing:\n{output}")
            if time.monotonic() > deadline:
                pytest.fail("child never reached the paused commit")
            time.sleep(0.05)
        if before_kill is not None:
            observed = before_kill(child.pid)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return observed


def report_artifacts(run_id: str) -> list[str]:
    """The `wirewatch-report` markdown artifacts one flow run published."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
    )

    from wirewatch.analytics.report import REPORT_ARTIFACT_KEY

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=[REPORT_ARTIFACT_KEY]),
                flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]),
            )
        )
    return [artifact.data for artifact in artifacts]
