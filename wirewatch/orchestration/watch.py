"""`wirewatch watch`: one long-lived process that ingests a folder whenever files land in it.

A thread follows the folder with watchfiles (inotify, or polling where the file system has no
events) and gathers relevant changes into bursts (`wirewatch.ingest.bursts`). The main thread
runs one `ingest-folder` flow run per burst, one at a time, so runs never write the database
concurrently; changes seen during a run gather into the next. The flow scans the whole folder
against the ledger, so a run picks up everything new, also what arrived while no watcher ran;
that is why the watcher runs once at start before it waits, and why a crashed watcher loses
nothing (the flow is idempotent; tests/test_watch.py kills one mid-run).

Two ways to run a burst: in this process (the default; imports and the coder stay loaded, so a
burst's run starts at once), or as a run of a served deployment (`--serve`): a child process
serves `ingest-folder` with `Flow.serve` and each burst is a deployment run it executes.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from wirewatch.config import Settings
from wirewatch.errors import TransientError, WirewatchError
from wirewatch.ingest import normalise
from wirewatch.ingest.bursts import SETTLE_MARGIN_S, Burst, BurstGatherer, ChangeFilter
from wirewatch.orchestration.tasks import CodingTools

# watchfiles' own grouping: report changes after this much quiet (ms) or at most this often;
# short, because the burst rules (quiet window, max wait) are applied here.
_WATCH_STEP_MS = 50
_WATCH_DEBOUNCE_MS = 400
# After a failed run, its burst is tried again this much later (plus new changes); sooner when
# the failure was transient (a reader or another run held the database file).
RETRY_AFTER_S = 30.0
TRANSIENT_RETRY_AFTER_S = 2.0
# The served deployment's runner is asked for scheduled runs this often (Prefect's default: 10).
_SERVE_POLL_S = 1
_SERVE_START_TIMEOUT_S = 120.0
_STOP_GRACE_S = 10.0


class WatchError(WirewatchError):
    """The watcher cannot go on (the served deployment did not start or died)."""


@dataclass(frozen=True)
class RunOutcome:
    """What one burst's flow run did, for the log line and what to schedule next."""

    run_name: str
    completed: bool
    message: str
    n_documents_new: int = 0
    n_files_deferred: int = 0
    retry_after_s: float = RETRY_AFTER_S


RunBurst = Callable[[dict[str, Any]], RunOutcome]


def run_in_process(flow: Any) -> RunBurst:
    """Run each burst as a flow run in this process (the flow's imports stay warm)."""

    def run(parameters: dict[str, Any]) -> RunOutcome:
        state = flow(**parameters, return_state=True)
        name = _flow_run_name(state.state_details.flow_run_id)
        return _outcome(name, state)

    return run


def _outcome(name: str, state: Any) -> RunOutcome:
    """A finished flow run's state as an outcome (a failure's exception, when the state holds
    it, says whether to retry soon)."""
    if state.is_completed():
        summary = state.result(raise_on_failure=False)
        return _completed(name, summary if isinstance(summary, dict) else {})
    try:
        error = state.result(raise_on_failure=False)
    except Exception:  # the result is not retrievable (not persisted)
        error = None
    return RunOutcome(
        name,
        False,
        f"{state.name}: {state.message or ''}".strip(),
        retry_after_s=TRANSIENT_RETRY_AFTER_S
        if isinstance(error, TransientError)
        else RETRY_AFTER_S,
    )


def warm_up(settings: Settings) -> None:
    """Load now what a run loads on its first new file and then keeps for the process (the
    language profiles, about 2.5 s; the event coder's dictionaries), so that the first burst
    after start is as quick as the later ones."""
    normalise.language_detector(settings.normalise)
    if settings.coding.enabled:
        CodingTools.load(settings.coding)


def _completed(name: str, summary: dict[str, Any]) -> RunOutcome:
    return RunOutcome(
        name,
        True,
        "completed",
        n_documents_new=int(summary.get("n_documents_new", 0)),
        n_files_deferred=int(summary.get("n_files_deferred", 0)),
    )


def _flow_run_name(flow_run_id: UUID | None) -> str:
    if flow_run_id is None:
        return "?"
    from prefect.client.orchestration import get_client

    try:
        with get_client(sync_client=True) as client:
            return client.read_flow_run(flow_run_id).name
    except Exception:  # the name is for the log line only
        return str(flow_run_id)


@dataclass
class Watcher:
    """Follows `folder` and runs `run_burst(parameters)` once per due burst."""

    folder: Path
    parameters: dict[str, Any]
    change_filter: ChangeFilter
    gatherer: BurstGatherer
    settle_s: float
    run_burst: RunBurst
    log: Callable[[str], None]
    force_polling: bool | None = None

    def __post_init__(self) -> None:
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._interrupted = False
        self.n_runs = 0

    def _follow(self) -> None:
        import watchfiles

        def keep(change: watchfiles.Change, path: str) -> bool:
            if change == watchfiles.Change.deleted:
                return False  # nothing to ingest (the scan closes vanished retries itself)
            if os.path.isdir(path):
                # A folder moved in brings files without an event each; a folder's own
                # modifications (entries added, e.g. a band index's) are not news.
                return change == watchfiles.Change.added and self.change_filter.relevant(
                    path, is_dir=True
                )
            return self.change_filter.relevant(path, is_dir=False)

        try:
            for changes in watchfiles.watch(
                self.folder,
                watch_filter=keep,
                debounce=_WATCH_DEBOUNCE_MS,
                step=_WATCH_STEP_MS,
                stop_event=self._stop,
                rust_timeout=1000,
                yield_on_timeout=True,
                raise_interrupt=False,
                force_polling=self.force_polling,
            ):
                if changes:
                    with self._changed:
                        self.gatherer.add((path for _change, path in changes), time.monotonic())
                        self._changed.notify_all()
            if not self._stop.is_set():
                raise WatchError("the file-system watch ended (was the folder removed?)")
        except BaseException as exc:  # the main loop reports it and stops
            with self._changed:
                self._error = exc
                self._changed.notify_all()

    def stop(self) -> None:
        self._stop.set()
        with self._changed:
            self._changed.notify_all()

    def _next_burst(self) -> Burst | None:
        """Wait until a burst is due (None once stopped)."""
        with self._changed:
            while not self._stop.is_set():
                if self._error is not None:
                    raise WatchError(f"watching {self.folder} failed: {self._error}")
                if not self.folder.is_dir():  # inotify says nothing when the folder goes
                    raise WatchError(f"{self.folder} is no longer a folder")
                due_at = self.gatherer.due_at()
                wait_s = None if due_at is None else due_at - time.monotonic()
                if wait_s is not None and wait_s <= 0:
                    return self.gatherer.take()
                self._changed.wait(timeout=wait_s if wait_s is not None else 1.0)
        return None

    def run_forever(self) -> None:
        """Run at start, then once per due burst, until stop() (or a signal's exception)."""
        self._thread = threading.Thread(target=self._follow, name="wirewatch-watch", daemon=True)
        self._thread.start()
        with self._changed:
            self.gatherer.request("start", time.monotonic())
        previous = self._note_interrupts()
        try:
            while (burst := self._next_burst()) is not None:
                self._run(burst)
                if self._interrupted:
                    raise KeyboardInterrupt
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            self.stop()
            self._thread.join(timeout=5)

    def _note_interrupts(self) -> Any:
        """Remember a SIGINT before Python raises it: DuckDB turns one that lands inside a
        query into its own InterruptException, which would otherwise look like a failed run
        and be retried instead of stopping the watcher. Returns the handler it replaced."""
        if threading.current_thread() is not threading.main_thread():
            return None

        def interrupted(signum: int, frame: Any) -> None:
            self._interrupted = True
            signal.default_int_handler(signum, frame)

        return signal.signal(signal.SIGINT, interrupted)

    def _run(self, burst: Burst) -> None:
        self.n_runs += 1
        started = time.monotonic()
        try:
            outcome = self.run_burst(self.parameters)
        except WatchError:
            raise
        except Exception as exc:
            if self._interrupted:
                raise KeyboardInterrupt from exc
            # e.g. the Prefect API did not answer: a long-lived process logs it and tries
            # again rather than dying
            outcome = RunOutcome("?", False, f"not started: {type(exc).__name__}: {exc}")
        elapsed = time.monotonic() - started
        now = time.monotonic()
        with self._changed:
            if not outcome.completed:
                # The burst's files are still new to the ledger: the retry picks them up.
                self.gatherer.request("retry", now + outcome.retry_after_s)
            elif outcome.n_files_deferred:
                # Files still being written when scanned: run again once they have settled.
                self.gatherer.request("still being written", now + self.settle_s + SETTLE_MARGIN_S)
        why = " + ".join(burst.reasons)
        self.log(
            f"burst {self.n_runs} ({why}): {len(burst.paths):,} files changed; "
            f"run {outcome.run_name} {outcome.message} in {elapsed:.1f} s"
            + (
                f": {outcome.n_documents_new:,} new documents, "
                f"{outcome.n_files_deferred:,} still being written"
                if outcome.completed
                else f"; retrying in {outcome.retry_after_s:.0f} s"
            )
        )


# --- the served deployment -------------------------------------------------------------------
def deployment_name(folder: Path) -> str:
    """The served deployment's name: the watched folder, so each watcher has its own."""
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", str(folder.resolve())).strip("-") or "root"
    return f"watch-{text}"[:100]


@contextmanager
def served_deployment(name: str, parameters: dict[str, Any], api_url: str) -> Iterator[RunBurst]:
    """Serve `ingest-folder` as deployment `name` in a child process (`Flow.serve`: a Runner,
    one run at a time) and yield a RunBurst that starts a deployment run and waits for it."""
    import json

    env = {
        **os.environ,
        "PREFECT_API_URL": api_url,
        # The runner looks for new deployment runs every second (Prefect's default: 10 s).
        "PREFECT_RUNNER_POLL_FREQUENCY": str(_SERVE_POLL_S),
        # Runs persist their summary (a small dict, in PREFECT_HOME's local storage), so the
        # watcher reads how many files were new or still being written.
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "true",
    }
    launcher = [sys.executable, "-m", "wirewatch.orchestration.local_server",
                str(os.getpid()), "--"]  # fmt: skip
    command = [sys.executable, "-m", "wirewatch.orchestration.watch", name, json.dumps(parameters)]
    process = subprocess.Popen(launcher + command, env=env, start_new_session=True)
    try:
        full_name = f"ingest-folder/{name}"
        _wait_deployment(full_name, process)

        def run(_parameters: dict[str, Any]) -> RunOutcome:
            return _run_deployment(full_name, process)

        yield run
    finally:
        _stop_group(process)


def _wait_deployment(full_name: str, process: subprocess.Popen[bytes]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + _SERVE_START_TIMEOUT_S
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise WatchError(f"the served deployment exited with code {process.returncode}")
            with suppress(ObjectNotFound):
                client.read_deployment_by_name(full_name)
                return
            time.sleep(0.5)
    raise WatchError(f"the deployment {full_name} was not served within {_SERVE_START_TIMEOUT_S} s")


def _run_deployment(full_name: str, process: subprocess.Popen[bytes]) -> RunOutcome:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    if process.poll() is not None:
        raise WatchError(f"the served deployment exited with code {process.returncode}")
    flow_run = run_deployment(full_name, timeout=0)
    with get_client(sync_client=True) as client:
        while True:
            flow_run = client.read_flow_run(flow_run.id)
            state = flow_run.state
            if state is not None and state.is_final():
                break
            if process.poll() is not None:
                raise WatchError(f"the served deployment exited with code {process.returncode}")
            time.sleep(0.2)
    return _outcome(flow_run.name, state)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    # SIGINT: Flow.serve shuts its runner down cleanly on KeyboardInterrupt.
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGINT)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=_STOP_GRACE_S)
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _serve(name: str, parameters: dict[str, Any]) -> None:
    """The served deployment's process: `ingest-folder` served with fixed parameters, at most
    one run at a time."""
    from wirewatch.orchestration.flow_loader import load_flow

    ingest_folder = load_flow("ingest_folder", "ingest_folder")
    ingest_folder.serve(
        name=name,
        parameters=parameters,
        limit=1,
        print_starting_message=False,
        tags=["wirewatch", "watch"],
        description=f"Runs of `wirewatch watch --serve` on {parameters['path']}",
    )


if __name__ == "__main__":
    # python -m wirewatch.orchestration.watch NAME PARAMETERS_JSON  (started by served_deployment)
    import json

    _serve(sys.argv[1], json.loads(sys.argv[2]))
