"""A flow process SIGKILLed in the middle of writing a batch: the rerun must leave exactly the
rows a clean run leaves (full table contents compared, not counts)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import RUN_SPECIFIC_COLUMNS, ingest, rows, scalar, table_rows

CHILD = Path(__file__).with_name("crash_child.py")
BATCH_SIZE = 4


# Every table a run writes, compared in full (minus run ids and timestamps).
TABLES = (
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


def _kill_inside(
    stage: str, folder: Path, db: Path, batch_number: int, api_url: str, tmp: Path
) -> None:
    marker = tmp / f"paused-{stage}-{batch_number}"
    env = os.environ | {"PREFECT_API_URL": api_url}
    args = [str(folder), str(db), str(marker), stage, str(batch_number), str(BATCH_SIZE)]
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *args],
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
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def _assert_same_tables(actual_db: Path, expected_db: Path) -> None:
    for table in TABLES:
        expected = table_rows(expected_db, table, RUN_SPECIFIC_COLUMNS)
        assert table_rows(actual_db, table, RUN_SPECIFIC_COLUMNS) == expected, table


@pytest.mark.slow
@pytest.mark.parametrize("batch_number", [1, 3])
def test_sigkill_while_writing_a_batch_then_rerun_equals_clean_run(
    batch_number, seeds_copy, tmp_path, prefect_api_url
):
    clean_db = tmp_path / "clean.duckdb"
    ingest(seeds_copy, clean_db, batch_size=BATCH_SIZE)

    crashed_db = tmp_path / "crashed.duckdb"
    _kill_inside("write_batch", seeds_copy, crashed_db, batch_number, prefect_api_url, tmp_path)

    # Exactly the committed batches survived the kill; the paused one left nothing behind.
    committed_files = (batch_number - 1) * BATCH_SIZE
    assert scalar(crashed_db, "select count(*) from files") == committed_files
    assert rows(crashed_db, "select status from runs") == [("running",)]

    summary = ingest(seeds_copy, crashed_db, batch_size=BATCH_SIZE)
    assert summary["n_files_unchanged"] == committed_files
    _assert_same_tables(crashed_db, clean_db)
    statuses = rows(crashed_db, "select status from runs order by started_at")
    assert statuses == [("abandoned",), ("completed",)]


@pytest.mark.slow
def test_sigkill_while_clustering_then_rerun_equals_clean_run(
    seeds_copy, tmp_path, prefect_api_url
):
    clean_db = tmp_path / "clean.duckdb"
    ingest(seeds_copy, clean_db, batch_size=BATCH_SIZE)

    crashed_db = tmp_path / "crashed.duckdb"
    _kill_inside("cluster_batch", seeds_copy, crashed_db, 2, prefect_api_url, tmp_path)
    # The second batch's documents are stored but not yet clustered: the rerun finishes them.
    n_documents = scalar(crashed_db, "select count(*) from documents")
    n_signed = scalar(crashed_db, "select count(*) from document_signatures")
    assert n_signed < n_documents

    ingest(seeds_copy, crashed_db, batch_size=BATCH_SIZE)
    _assert_same_tables(crashed_db, clean_db)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stage", "call_number"), [("write_coded_batch", 3), ("rebuild_events", 1)]
)
def test_sigkill_while_coding_events_then_rerun_equals_clean_run(
    stage, call_number, seeds_copy, tmp_path, prefect_api_url
):
    clean_db = tmp_path / "clean.duckdb"
    ingest(seeds_copy, clean_db, batch_size=BATCH_SIZE)
    assert scalar(clean_db, "select count(*) from event_mentions") > 0
    assert scalar(clean_db, "select count(*) from events") > 0

    crashed_db = tmp_path / "crashed.duckdb"
    _kill_inside(stage, seeds_copy, crashed_db, call_number, prefect_api_url, tmp_path)
    # The paused transaction left nothing: events are missing or behind the mentions.
    n_events = scalar(crashed_db, "select count(*) from events")
    assert n_events < scalar(clean_db, "select count(*) from events")

    ingest(seeds_copy, crashed_db, batch_size=BATCH_SIZE)
    _assert_same_tables(crashed_db, clean_db)
