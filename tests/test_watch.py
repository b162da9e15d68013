"""`wirewatch watch`: the burst rules (plain Python), then the real command in a child process
against the session's Prefect server, with real files and a real DuckDB file: a dropped file is
queryable soon after it settles, a thousand files make few runs, and a watcher killed mid-batch
and restarted leaves the rows of a clean run."""

from __future__ import annotations

import itertools
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from helpers import RUN_SPECIFIC_COLUMNS, RUN_TABLES, ingest, rows, table_rows

from wirewatch.ingest.bursts import BurstGatherer, ChangeFilter

CRASH_CHILD = Path(__file__).with_name("watch_crash_child.py")
# The target for runs; its latency target (< 3 s from settling to queryable) is a
# figure this test prints (docs/benchmarks.md, "Watch a folder"), not an assertion: on a shared
# 2-core machine the same code measured 1.6 s at load 5 and 5.5 s at load 10. The assertion
# only catches a file left for a later burst or a poll (a bound no load here comes near).
MAX_RUNS_FOR_A_THOUSAND_FILES = 10
MAX_SECONDS_SETTLED_TO_QUERYABLE_ANY_LOAD = 30.0

BODY = (
    "Officials in the river town of {town} said on {day} that crews had cleared {n} culverts "
    "before the spring melt, and that the regional council would pay for {k} new pumps once "
    "the survey of the lower fields is finished.\n"
)


def write_article(folder: Path, n: int, name: str | None = None) -> Path:
    path = folder / (name or f"article{n:05d}.txt")
    path.parent.mkdir(parents=True, exist_ok=True)
    day = ("Monday", "Thursday", "Saturday")[n % 3]
    text = f"Title: Culvert report {n}\n\n" + BODY.format(
        town=f"Millford-{n}", day=day, n=n, k=n % 9 + 2
    )
    path.write_text(text, encoding="utf-8")
    return path


# --- the burst rules -------------------------------------------------------------------------
def test_a_burst_is_due_after_the_quiet_window_and_a_busy_one_at_the_max_wait():
    gatherer = BurstGatherer(quiet_s=2.0, max_wait_s=10.0)
    assert gatherer.due_at() is None
    gatherer.add(["/w/a.txt"], now=100.0)
    assert gatherer.due_at() == 102.0
    gatherer.add(["/w/a.txt", "/w/b.txt"], now=101.5)  # a is still being written
    assert gatherer.due_at() == 103.5
    for step in range(1, 20):  # changes every second: never quiet
        gatherer.add([f"/w/c{step}.txt"], now=101.5 + step)
    assert gatherer.due_at() == 110.0
    burst = gatherer.take()
    assert burst.reasons == ("changes",)
    assert len(burst.paths) == 2 + 19
    assert (burst.first_change, burst.last_change) == (100.0, 120.5)
    assert gatherer.due_at() is None  # the next burst starts empty


def test_requested_runs_join_the_burst_at_the_earliest_time_asked():
    gatherer = BurstGatherer(quiet_s=1.0, max_wait_s=5.0)
    gatherer.request("start", 50.0)
    gatherer.request("retry", 80.0)
    gatherer.request("retry", 70.0)
    assert gatherer.due_at() == 50.0
    gatherer.add(["/w/x.txt"], now=49.0)
    burst = gatherer.take()
    assert burst.reasons == ("changes", "retry", "start")
    assert burst.paths == frozenset({"/w/x.txt"})
    gatherer.add([], now=60.0)  # no change is no burst
    assert gatherer.due_at() is None


def test_burst_windows_are_checked():
    with pytest.raises(ValueError, match="max wait"):
        BurstGatherer(quiet_s=3.0, max_wait_s=1.0)


def test_only_changes_the_scan_would_read_count(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    changes = ChangeFilter(str(root), ["**/*.txt"])
    assert changes.relevant(str(root / "a.txt"), is_dir=False)
    assert changes.relevant(str(root / "sub" / "b.txt"), is_dir=False)
    assert changes.relevant(str(root / "sub"), is_dir=True)  # a folder moved in
    assert not changes.relevant(str(root / "a.txt.part"), is_dir=False)
    assert not changes.relevant(str(root / ".hidden" / "c.txt"), is_dir=False)
    assert not changes.relevant(str(root / ".d.txt"), is_dir=False)
    assert not changes.relevant(str(tmp_path / "elsewhere.txt"), is_dir=False)
    assert not changes.relevant(str(root), is_dir=True)


# --- the watcher loop over real file events (the flow run replaced by a recorder) -------------
def test_changes_during_a_run_queue_into_one_next_run_never_a_concurrent_one(tmp_path):
    from wirewatch.orchestration.watch import RunOutcome, Watcher

    folder = tmp_path / "in"
    folder.mkdir()
    spans: list[tuple[float, float]] = []
    lines: list[str] = []

    def run_burst(_parameters: dict[str, Any]) -> RunOutcome:
        started = time.monotonic()
        if len(spans) == 1:  # the first run after the one at start: files keep arriving
            for n in range(5):
                write_article(folder, n + 10)
                time.sleep(0.1)
        time.sleep(0.5)
        spans.append((started, time.monotonic()))
        # The second and third runs find a file still being written: a follow-up run is asked
        # for, which joins the burst of the files that arrived meanwhile, or runs on its own.
        deferred = int(len(spans) in (2, 3))
        return RunOutcome(f"run-{len(spans)}", True, "completed", n_files_deferred=deferred)

    watcher = Watcher(
        folder=folder,
        parameters={},
        change_filter=ChangeFilter(str(folder), ["**/*.txt"]),
        gatherer=BurstGatherer(quiet_s=0.3, max_wait_s=5.0),
        settle_s=0.2,
        run_burst=run_burst,
        log=lines.append,
    )

    def drop_files_then_stop() -> None:
        while not spans:
            time.sleep(0.05)
        for n in range(3):
            write_article(folder, n)
        deadline = time.monotonic() + 30
        while len(spans) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.5)  # no fifth run comes
        watcher.stop()

    threading.Thread(target=drop_files_then_stop, daemon=True).start()
    watcher.run_forever()
    print("\n".join(lines))
    assert len(spans) == 4, lines
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    assert "burst 1 (start): 0 files changed" in lines[0]
    assert "burst 2 (changes): 3 files changed" in lines[1]
    assert "burst 3 (changes + still being written): 5 files changed" in lines[2]
    assert "burst 4 (still being written): 0 files changed" in lines[3]


def test_the_watcher_stops_with_an_error_when_its_folder_goes(tmp_path):
    from wirewatch.orchestration.watch import RunOutcome, Watcher, WatchError

    folder = tmp_path / "in"
    folder.mkdir()
    watcher = Watcher(
        folder=folder,
        parameters={},
        change_filter=ChangeFilter(str(folder), ["**/*.txt"]),
        gatherer=BurstGatherer(quiet_s=0.3, max_wait_s=5.0),
        settle_s=0.2,
        run_burst=lambda _parameters: RunOutcome("run", True, "completed"),
        log=print,
    )
    threading.Timer(1.0, lambda: folder.rmdir()).start()
    with pytest.raises(WatchError, match="no longer a folder"):
        watcher.run_forever()


# --- arguments, checked before any Prefect server starts ------------------------------------
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing-folder"], "does not exist or is not a folder"),
        (["{folder}", "--settle-seconds", "-1"], "ingest.settle_seconds"),
        (["{folder}", "--settle-seconds", "5", "--max-wait", "3"], "--max-wait"),
        (["{folder}", "--glob", "/abs/*.txt"], "must be relative"),
    ],
)
def test_bad_watch_arguments_exit_2_with_a_message(arguments, message, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from wirewatch.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    arguments = [a.replace("{folder}", str(tmp_path / "in")) for a in arguments]
    result = CliRunner().invoke(app, ["watch", *arguments, "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert not (tmp_path / "w.duckdb").exists()


# --- the real command ------------------------------------------------------------------------
class WatcherProcess:
    """`wirewatch watch` (or the crash child) in a child process, its output read line by line."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout_s: float = 240.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            if line is None:
                self.process.wait()
                pytest.fail(
                    f"watcher exited ({self.process.returncode}) before {pattern!r}:\n"
                    + "\n".join(self.lines)
                )
            self.lines.append(line)
            print(line)
            if match := re.search(pattern, line):
                return match
        pytest.fail(f"no line matching {pattern!r} within {timeout_s} s:\n" + "\n".join(self.lines))

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=60)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def watch_env(api_url: str, **settings: str) -> dict[str, str]:
    return os.environ | {"PREFECT_API_URL": api_url, **settings}


def watch_command(folder: Path, db: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "wirewatch.cli", "watch", str(folder), "--db", str(db), *options]


def poll_until(db: Path, sql: str, done: Any, timeout_s: float, interval_s: float = 0.1) -> Any:
    """Read `sql` read-only until `done(value)`; the file is locked while a run writes (the
    open fails then, and is tried again)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with duckdb.connect(str(db), read_only=True) as con:
                value = con.execute(sql).fetchone()[0]
            if done(value):
                return value
        except duckdb.Error:
            pass  # not created yet, or a run holds it
        time.sleep(interval_s)
    pytest.fail(f"{sql!r} never satisfied within {timeout_s} s")


@pytest.mark.slow
def test_a_dropped_file_is_queryable_once_it_settles_not_before(tmp_path, prefect_api_url):
    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    folder.mkdir()
    settle_s = 1.0
    watcher = WatcherProcess(
        watch_command(folder, db, "--settle-seconds", str(settle_s)), watch_env(prefect_api_url)
    )
    try:
        watcher.wait_for(r"burst 1 \(start\).* completed")
        latencies = []
        for n in range(3):
            path = write_article(folder, n)
            settled_at = path.stat().st_mtime + settle_s
            # Read once the run has finished, not while it writes: a reader holding the file
            # as the run opens it would make that run fail and retry.
            watcher.wait_for(r"completed in .*: 1 new documents")
            poll_until(
                db,
                f"select count(*) from documents where title = 'Culvert report {n}'",
                lambda count: count == 1,
                timeout_s=60,
            )
            latencies.append(time.time() - settled_at)
        print(f"settled -> queryable: {', '.join(f'{s:.2f}' for s in latencies)} s")
        assert max(latencies) < MAX_SECONDS_SETTLED_TO_QUERYABLE_ANY_LOAD
        # Never before it settled: the watcher waits out the settle time.
        assert min(latencies) > 0
        assert watcher.stop(signal.SIGTERM) == 128 + signal.SIGTERM
    finally:
        watcher.kill()
    assert rows(db, "select count(*), count(distinct status) from runs") == [(4, 1)]


@pytest.mark.slow
def test_a_thousand_files_dropped_at_once_make_at_most_ten_runs(tmp_path, prefect_api_url):
    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    folder.mkdir()
    watcher = WatcherProcess(
        watch_command(folder, db, "--settle-seconds", "1"),
        watch_env(prefect_api_url, WIREWATCH__CODING__ENABLED="false"),
    )
    try:
        watcher.wait_for(r"burst 1 \(start\).* completed")
        started = time.monotonic()
        for n in range(1000):  # as a copy of 1,000 files would
            write_article(folder, n)
        written = time.monotonic()
        poll_until(db, "select count(*) from documents", lambda count: count == 1000, timeout_s=600)
        print(
            f"1,000 files written in {written - started:.1f} s, "
            f"all queryable {time.monotonic() - written:.1f} s later"
        )
        assert watcher.stop(signal.SIGINT) == 0
    finally:
        watcher.kill()
    (n_runs,) = rows(db, "select count(*) from runs where status = 'completed'")[0]
    print(f"1,000 files: {n_runs - 1} runs after the one at start")
    assert n_runs - 1 <= MAX_RUNS_FOR_A_THOUSAND_FILES
    assert rows(db, "select count(*) from runs where status <> 'completed'") == [(0,)]
    assert rows(db, "select count(*), count(distinct doc_id) from files") == [(1000, 1000)]


@pytest.mark.slow
@pytest.mark.parametrize(("stage", "call_number"), [("write_batch", 2), ("cluster_batch", 3)])
def test_sigkill_of_the_watcher_mid_batch_then_a_restart_equals_a_clean_run(
    stage, call_number, seeds_copy, tmp_path, prefect_api_url
):
    for n in range(12):
        write_article(seeds_copy / "local", n)
    env = watch_env(prefect_api_url, WIREWATCH__INGEST__BATCH_SIZE="4")
    crashed_db = tmp_path / "crashed.duckdb"
    marker = tmp_path / "paused"
    child = WatcherProcess(
        [sys.executable, str(CRASH_CHILD), str(marker), stage, str(call_number), "--",
         str(seeds_copy), "--db", str(crashed_db), "--settle-seconds", "0"],
        env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240
        while not marker.exists():
            assert child.process.poll() is None, "\n".join(child.lines)
            assert time.monotonic() < deadline, "the watcher never reached the paused commit"
            time.sleep(0.05)
        os.kill(child.process.pid, signal.SIGKILL)
        assert child.process.wait(timeout=30) == -signal.SIGKILL
    finally:
        child.kill()

    # While no watcher ran, more files arrived: the restart's run at start picks them up.
    for n in range(12, 15):
        write_article(seeds_copy / "local", n)
    watcher = WatcherProcess(watch_command(seeds_copy, crashed_db, "--settle-seconds", "0"), env)
    try:
        watcher.wait_for(r"burst 1 \(start\).* completed")
        assert watcher.stop(signal.SIGINT) == 0
    finally:
        watcher.kill()

    clean_db = tmp_path / "clean.duckdb"
    ingest(seeds_copy, clean_db, batch_size=4)
    for table in RUN_TABLES:
        expected = table_rows(clean_db, table, RUN_SPECIFIC_COLUMNS)
        assert table_rows(crashed_db, table, RUN_SPECIFIC_COLUMNS) == expected, table
    assert rows(crashed_db, "select status from runs order by started_at") == [
        ("abandoned",),
        ("completed",),
    ]


@pytest.mark.slow
def test_served_each_burst_is_a_run_of_the_served_deployment(tmp_path, prefect_api_url):
    from uuid import UUID

    from prefect.client.orchestration import get_client

    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    folder.mkdir()
    write_article(folder, 0)
    watcher = WatcherProcess(
        watch_command(folder, db, "--settle-seconds", "0", "--serve"),
        watch_env(prefect_api_url, WIREWATCH__CODING__ENABLED="false"),
    )
    try:
        name = watcher.wait_for(r"serving deployment (ingest-folder/\S+)").group(1)
        watcher.wait_for(r"burst 1 \(start\).* completed in .*: 1 new documents")
        write_article(folder, 1)
        watcher.wait_for(r"burst 2 \(changes\): 1 files changed; .* completed in .*: 1 new doc")
        assert watcher.stop(signal.SIGINT) == 0
    finally:
        watcher.kill()
    run_ids = [UUID(run_id) for (run_id,) in rows(db, "select run_id from runs")]
    assert len(run_ids) == 2
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name(name)
        flow_runs = [client.read_flow_run(run_id) for run_id in run_ids]
    assert {flow_run.deployment_id for flow_run in flow_runs} == {deployment.id}
    assert all(flow_run.state.is_completed() for flow_run in flow_runs)
    assert deployment.parameters["path"] == str(folder.resolve())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "exit_code"), [(signal.SIGINT, 0), (signal.SIGTERM, 128 + signal.SIGTERM)]
)
def test_a_signal_mid_run_abandons_the_run_and_exits_cleanly(
    sig, exit_code, tmp_path, prefect_api_url
):
    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    for n in range(1500):
        write_article(folder, n)
    watcher = WatcherProcess(
        watch_command(folder, db, "--settle-seconds", "0"), watch_env(prefect_api_url)
    )
    try:
        deadline = time.monotonic() + 240
        while not db.exists():  # the run at start has opened the database
            assert watcher.process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(1.0)
        started = time.monotonic()
        assert watcher.stop(sig) == exit_code
        print(f"{sig.name} mid-run: exited {exit_code} after {time.monotonic() - started:.1f} s")
    finally:
        watcher.kill()
    # The run is recorded as ended, not left `running`; its open batch rolled back.
    [(status, n_new)] = rows(db, "select status, n_documents_new from runs")
    assert status == "failed"
    assert rows(db, "select count(*) from documents") == [(n_new,)]
