"""One database, several processes: a run that finds the file held waits for it (bounded, saying
for whom), flows retry only transient failures, and readers read the writer's last published
snapshot instead of exiting 3. Real DuckDB files, a real writer process
(`busy_writer_child.py`), real Prefect flow runs under the session's harness."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from helpers import ingest, scalar, write_lock_held_by_another_process
from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.errors import DatabaseLockedError
from wirewatch.orchestration.writing import database_limit_name
from wirewatch.store import Store
from wirewatch.store.sharing import (
    SnapshotPolicy,
    SnapshotRecord,
    WriterIdentity,
    snapshot_path,
    write_writer_file,
    writer_path,
)

CHILD = Path(__file__).with_name("busy_writer_child.py")
HELD_RUN_ID = "run-held"
runner = CliRunner()


@contextmanager
def writer_process(
    db: Path,
    *,
    n_batches: int = 1,
    batch_docs: int = 10,
    pause_s: float = 0.0,
    interval_s: float = 0.0,
    cost_factor: float = 0.0,
) -> Iterator[subprocess.Popen]:
    """`busy_writer_child.py` holding `db` as ingest-folder run HELD_RUN_ID; closing its stdin
    makes it close the database. Yields once the database is open."""
    child = subprocess.Popen(
        [
            sys.executable,
            str(CHILD),
            str(db),
            str(n_batches),
            str(batch_docs),
            str(pause_s),
            str(interval_s),
            str(cost_factor),
            HELD_RUN_ID,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        yield child
    finally:
        if child.stdin is not None and not child.stdin.closed:
            child.stdin.close()
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()


def _read_until(child: subprocess.Popen, last: str) -> list[str]:
    lines = []
    assert child.stdout is not None
    while (line := child.stdout.readline().strip()) != last:
        assert line, f"writer ended before printing {last!r}: {lines}"
        lines.append(line)
    return lines


def _finish_later(child: subprocess.Popen, seconds: float) -> threading.Timer:
    assert child.stdin is not None
    timer = threading.Timer(seconds, child.stdin.close)
    timer.start()
    return timer


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _capturing_logger() -> tuple[logging.Logger, _Lines]:
    logger = logging.getLogger(f"test-busy-db-{uuid.uuid4()}")
    logger.setLevel(logging.INFO)
    handler = _Lines()
    logger.addHandler(handler)
    return logger, handler


# --- a busy database waits ---------------------------------------------------------------------
def test_a_second_writer_waits_for_the_first_and_logs_for_whom(tmp_path):
    db = tmp_path / "w.duckdb"
    logger, lines = _capturing_logger()
    with writer_process(db) as child:
        _read_until(child, "done")
        _finish_later(child, 2.0)
        started = time.monotonic()
        with Store.open(db, busy_timeout_s=60, logger=logger) as store:
            waited = time.monotonic() - started
            assert store.query("select count(*) from documents")[1] == [(10,)]
    assert waited >= 1.5
    assert len(lines.lines) == 1, lines.lines
    assert lines.lines[0].startswith(
        f"db={db} is being written by ingest-folder run {HELD_RUN_ID} (pid {child.pid}) since "
    )
    assert "waiting up to 60 s" in lines.lines[0]
    assert not writer_path(db).exists()  # each writer removed its record on close


def test_the_wait_is_bounded_and_the_error_names_the_holder(tmp_path):
    db = tmp_path / "w.duckdb"
    with writer_process(db) as child:
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError) as raised:
            Store.open(db, busy_timeout_s=1.0)
        elapsed = time.monotonic() - started
    message = str(raised.value)
    assert 1.0 <= elapsed < 10, elapsed
    assert f"is being written by ingest-folder run {HELD_RUN_ID} (pid {child.pid})" in message
    assert "waited 1 s" in message


def test_a_stale_writer_record_is_not_named(tmp_path):
    """A record left by a dead process (SIGKILL) names nobody; DuckDB's pid is named instead."""
    db = tmp_path / "w.duckdb"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = WriterIdentity("recode-events", "run-stale", dead.pid, os.uname().nodename, "x")
    write_writer_file(db, stale)
    with write_lock_held_by_another_process(db), pytest.raises(DatabaseLockedError) as raised:
        Store.open(db, busy_timeout_s=0.2)
    assert "run-stale" not in str(raised.value)
    assert "is open for writing in another process (pid " in str(raised.value)


def test_a_flow_run_waits_for_the_writer_then_completes(prefect, seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    with writer_process(db) as child:
        _read_until(child, "done")
        _finish_later(child, 3.0)
        summary = ingest(seeds_copy, db)
    assert summary["n_documents_new"] > 0
    assert scalar(db, "select status from runs where run_id = ?", [summary["run_id"]]) == (
        "completed"
    )
    assert not writer_path(db).exists()


def _flow_run_count(state) -> int:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_flow_run(state.state_details.flow_run_id).run_count


def test_the_flow_retries_a_held_database_but_not_bad_settings(
    prefect, seeds_copy, tmp_path, monkeypatch
):
    from flows.ingest_folder import ingest_folder

    quick = ingest_folder.with_options(retry_delay_seconds=0)
    db = tmp_path / "w.duckdb"
    monkeypatch.setenv("WIREWATCH__STORE__BUSY_TIMEOUT_SECONDS", "0.5")
    with writer_process(db):
        state = quick(path=str(seeds_copy), db=str(db), settle_seconds=0, return_state=True)
    assert state.is_failed()
    assert "DatabaseLockedError" in state.message or "being written" in state.message
    assert _flow_run_count(state) == 1 + quick.retries == 3

    bad = quick(
        path=str(seeds_copy), db=str(db), config_file=str(tmp_path / "none.toml"),
        return_state=True,
    )
    assert bad.is_failed()
    assert _flow_run_count(bad) == 1  # a ConfigError is final: no retry of the whole flow


def test_the_database_limit_is_one_per_resolved_path_and_created_by_the_flow(
    prefect, seeds_copy, tmp_path, monkeypatch
):
    from prefect.client.orchestration import get_client

    monkeypatch.chdir(tmp_path)
    db = tmp_path / "w.duckdb"
    assert database_limit_name("w.duckdb") == database_limit_name(db)
    assert database_limit_name(tmp_path / "." / "w.duckdb") == database_limit_name(db)
    assert database_limit_name(tmp_path / "other.duckdb") != database_limit_name(db)
    ingest(seeds_copy, db)
    with get_client(sync_client=True) as client:
        limit = client.read_global_concurrency_limit_by_name(database_limit_name(db))
    assert (limit.limit, limit.active, limit.active_slots) == (1, True, 0)


# --- SQL while a run writes --------------------------------------------------------------------
def test_readers_get_the_snapshot_while_a_run_writes_then_the_database(tmp_path):
    db = tmp_path / "w.duckdb"
    with writer_process(db, n_batches=3, batch_docs=5) as child:
        _read_until(child, "done")
        answer = runner.invoke(
            app, ["sql", "select count(*) as n from documents", "--db", str(db), "--format", "csv"]
        )
        assert answer.exit_code == 0, answer.output
        assert answer.output.splitlines()[-1] == "15"
        notice = " ".join(answer.output.split())
        assert f"is being written by ingest-folder run {HELD_RUN_ID} (pid {child.pid})" in notice
        assert "reading the state published at" in notice
        assert str(snapshot_path(db)) in notice
        status = runner.invoke(app, ["status", "--db", str(db)])
        assert status.exit_code == 0, status.output
        assert "reading the state published at" in status.output
    after = runner.invoke(app, ["sql", "select count(*) as n from documents", "--db", str(db)])
    assert after.exit_code == 0 and "15" in after.output
    assert "snapshot" not in after.output  # the run ended: the database itself


def test_a_reader_without_a_snapshot_still_exits_3(tmp_path):
    db = tmp_path / "w.duckdb"
    with write_lock_held_by_another_process(db):
        result = runner.invoke(app, ["sql", "select 1", "--db", str(db)])
    assert result.exit_code == 3
    assert "another process" in " ".join(result.output.split())


def test_the_snapshot_only_ever_holds_whole_committed_batches(tmp_path):
    """Readers open the snapshot as fast as they can while the writer commits and publishes
    after every batch: each opens, and counts a batch boundary, never less than before."""
    db = tmp_path / "w.duckdb"
    batch_docs, n_batches = 25, 40
    counts: list[int] = []
    with writer_process(db, n_batches=n_batches, batch_docs=batch_docs, pause_s=0.02) as child:
        done = threading.Event()

        def wait_for_done() -> None:
            _read_until(child, "done")
            done.set()

        threading.Thread(target=wait_for_done, daemon=True).start()
        while not done.is_set():
            with duckdb.connect(str(snapshot_path(db)), read_only=True) as con:
                counts.append(con.execute("select count(*) from documents").fetchone()[0])
    assert all(n % batch_docs == 0 for n in counts), sorted(set(counts))
    assert counts == sorted(counts)
    assert len(set(counts)) >= 3, sorted(set(counts))
    # After the run the snapshot holds its final state.
    assert scalar(snapshot_path(db), "select count(*) from documents") == batch_docs * n_batches


def test_publishing_waits_by_the_policy_and_skips_a_current_snapshot(tmp_path):
    db = tmp_path / "w.duckdb"
    with Store.open(db, snapshots=SnapshotPolicy(interval_s=0, cost_factor=1)):
        pass
    first = SnapshotRecord.read(db)
    assert first is not None and first.seconds > 0
    mtime = snapshot_path(db).stat().st_mtime_ns
    # Nothing changed since: a writer opening and closing again copies nothing.
    with Store.open(db, snapshots=SnapshotPolicy(interval_s=0, cost_factor=1)):
        pass
    assert snapshot_path(db).stat().st_mtime_ns == mtime
    # A long interval: commits leave the snapshot as it was, labelled with its time.
    with Store.open(db, snapshots=SnapshotPolicy(interval_s=3600, cost_factor=1)) as store:
        store.start_run("r1", "ingest-folder", "", {})
    assert snapshot_path(db).stat().st_mtime_ns == mtime
    assert scalar(snapshot_path(db), "select count(*) from runs") == 0
    policy = SnapshotPolicy(interval_s=10, cost_factor=20)
    record = SnapshotRecord({}, published_at=1000.0, seconds=2.0)
    assert not policy.is_due(record, 1000.0 + 39.9)  # 20 x 2 s of copying
    assert policy.is_due(record, 1000.0 + 40.0)
    assert policy.is_due(None, 0.0)


def test_store_settings_come_from_the_environment_and_are_checked():
    from wirewatch.config import load_settings
    from wirewatch.errors import ConfigError

    settings = load_settings(environ={"WIREWATCH__STORE__BUSY_TIMEOUT_SECONDS": "5"})
    assert settings.store.busy_timeout_seconds == 5.0
    assert settings.store.read_snapshot is True
    with pytest.raises(ConfigError, match=r"store\.busy_timeout_seconds"):
        load_settings(environ={"WIREWATCH__STORE__BUSY_TIMEOUT_SECONDS": "-1"})
    with pytest.raises(ConfigError, match=r"store\.snapshot_cost_factor"):
        load_settings(environ={"WIREWATCH__STORE__SNAPSHOT_COST_FACTOR": "0.5"})
