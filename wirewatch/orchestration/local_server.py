"""A temporary Prefect API server in a child process, for flow runs with no server configured.

Prefect's own embedded mode imports its server application (FastAPI, SQLAlchemy models, about
75 MB) into the flow process just to launch the same child process; starting the child here
keeps the flow process at the size it has against a real server, which is how deployments run.
Used only by the CLI and only when neither `PREFECT_API_URL` nor a settings context names an API.

The server never outlives the process that started it, whatever ends that process: on Linux the
kernel sends it SIGKILL when its parent dies (PR_SET_PDEATHSIG, set by this module run as a tiny
launcher that then execs the server); it leads a process group of its own, which is killed on a
normal exit; and each server is recorded under `<PREFECT_HOME>/wirewatch-servers/` so that one
left by an earlier crash (on systems without PDEATHSIG) is killed by the next start.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from wirewatch.errors import WirewatchError

# uvicorn exits with 3 when its port was taken between our probe and its bind.
_UVICORN_PORT_IN_USE = 3
_STOP_GRACE_S = 10.0
# The configured API must answer (any HTTP status) within this.
_REACHABLE_TIMEOUT_S = 5.0
_SERVER_APP = "prefect.server.api.server:create_app"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_RECORDS_DIR = "wirewatch-servers"
# Servers this process started and has not stopped yet, for kill_running_servers.
_running: set[subprocess.Popen[bytes]] = set()


class LocalServerError(WirewatchError):
    """The temporary Prefect server did not come up, or the configured API does not answer."""


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_command(port: int) -> list[str]:
    """The command line of a temporary server; stale-server cleanup matches it."""
    return [
        sys.executable, "-m", "uvicorn",
        "--factory", _SERVER_APP,
        "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "error", "--lifespan", "on",
    ]  # fmt: skip


def _start(port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "false",  # the API is all a one-off run needs
        "PREFECT_SERVER_ANALYTICS_ENABLED": os.environ.get(
            "PREFECT_SERVER_ANALYTICS_ENABLED", "false"
        ),
    }
    # The launcher (this module's __main__) binds the server's life to ours, then execs it,
    # so the process we hold is the server itself. A launcher rather than Popen's preexec_fn,
    # which may deadlock when the parent has threads (Prefect's log and event workers).
    launcher = [sys.executable, "-m", "wirewatch.orchestration.local_server",
                str(os.getpid()), "--"]
    process = subprocess.Popen(
        launcher + server_command(port),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: killed as one, and Ctrl-C spares it
    )
    _running.add(process)
    return process


def _kill_group(pgid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def kill_running_servers() -> None:
    """SIGKILL every temporary server this process started (a last resort before exiting
    without unwinding, where PDEATHSIG is missing)."""
    for process in list(_running):
        _kill_group(process.pid, signal.SIGKILL)


def _stop(process: subprocess.Popen[bytes]) -> None:
    _running.discard(process)
    if process.poll() is None:
        _kill_group(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=_STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            _kill_group(process.pid, signal.SIGKILL)
            process.wait()
    # Anything the server started in its group goes with it.
    _kill_group(process.pid, signal.SIGKILL)
    if process.stderr is not None:
        process.stderr.close()


def _wait_healthy(process: subprocess.Popen[bytes], api_url: str, timeout_s: float) -> bool:
    """True once /health answers 200; False if the process exited with port-in-use."""
    import httpx

    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            code = process.poll()
            if code == _UVICORN_PORT_IN_USE:
                return False
            if code is not None:
                detail = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise LocalServerError(
                    f"temporary Prefect server exited with code {code}: {detail.strip()[-2000:]}"
                )
            try:
                if client.get(f"{api_url}/health").status_code == 200:
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    _stop(process)
    raise LocalServerError(
        f"temporary Prefect server did not answer {api_url}/health within {timeout_s:.0f} s; "
        "raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or start `prefect server "
        "start` and set PREFECT_API_URL"
    )


def configured_api_url() -> str | None:
    """The Prefect API the current settings name, if any (env, profile or settings context)."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


def check_reachable(api_url: str, timeout_s: float = _REACHABLE_TIMEOUT_S) -> None:
    """Raise LocalServerError unless something answers HTTP at `api_url` (any status: Prefect
    Cloud answers /health differently, but a refused or silent port is never an API)."""
    import httpx

    try:
        with httpx.Client(timeout=timeout_s) as client:
            client.get(f"{api_url.rstrip('/')}/health")
    except httpx.HTTPError as exc:
        raise LocalServerError(
            f"the Prefect API at {api_url} (PREFECT_API_URL) does not answer "
            f"({type(exc).__name__}: {exc}); start that server, or unset PREFECT_API_URL "
            "to let wirewatch start a temporary one"
        ) from None


# --- records of running servers, for cleaning up after a crash --------------------------------
@dataclass(frozen=True)
class ServerRecord:
    server_pid: int
    server_started: int  # clock ticks since boot (/proc/<pid>/stat): tells a reused pid apart
    owner_pid: int
    owner_started: int
    port: int


def _process_started(pid: int) -> int | None:
    """The start time of a live process (Linux /proc), None if it is gone or unknowable."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # Field 22; the command name (field 2) is parenthesised and may contain spaces.
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[19])


def _command_line(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def records_dir() -> Path:
    from prefect.settings import get_current_settings

    return Path(get_current_settings().home) / _RECORDS_DIR


def _write_record(folder: Path, process: subprocess.Popen[bytes], port: int) -> Path | None:
    server_started = _process_started(process.pid)
    owner_started = _process_started(os.getpid())
    if server_started is None or owner_started is None:
        return None  # no /proc: nothing a later start could check a record against
    record = ServerRecord(process.pid, server_started, os.getpid(), owner_started, port)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{process.pid}.json"
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(asdict(record)), encoding="utf-8")
    partial.replace(path)
    return path


def reap_stale_servers(folder: Path) -> list[int]:
    """Kill the temporary servers recorded in `folder` whose owner is gone; returns their pids.

    A record is only acted on when the recorded pid still has the recorded start time and the
    temporary server's command line, so a reused pid is never killed."""
    killed: list[int] = []
    for path in sorted(folder.glob("*.json")):
        try:
            record = ServerRecord(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            path.unlink(missing_ok=True)
            continue
        if _process_started(record.owner_pid) == record.owner_started:
            continue  # its run is still going
        command = _command_line(record.server_pid)
        if (
            _process_started(record.server_pid) == record.server_started
            and _SERVER_APP in command
            and str(record.port) in command
        ):
            _kill_group(record.server_pid, signal.SIGKILL)
            killed.append(record.server_pid)
        path.unlink(missing_ok=True)
    return killed


@contextmanager
def prefect_api(timeout_s: float | None = None) -> Iterator[str]:
    """Yield a Prefect API URL: the configured one (checked to answer), or a temporary
    server's, stopped at exit. Enter and leave it in the same thread: the server's parent-death
    signal fires when the thread that started it ends."""
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    configured = configured_api_url()
    if configured is not None:
        check_reachable(configured)
        yield configured
        return
    if timeout_s is None:
        timeout_s = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120"))
    folder = records_dir()
    reap_stale_servers(folder)
    for _attempt in range(3):
        port = _free_loopback_port()
        process = _start(port)
        record = _write_record(folder, process, port)
        try:
            healthy = _wait_healthy(process, api_url := f"http://127.0.0.1:{port}/api", timeout_s)
        except BaseException:
            _stop(process)
            if record is not None:
                record.unlink(missing_ok=True)
            raise
        if healthy:
            break
        _stop(process)
        if record is not None:
            record.unlink(missing_ok=True)
    else:
        raise LocalServerError("no free loopback port for the temporary Prefect server")
    try:
        # No UI URL: the temporary server serves no UI and is gone when the run ends, so
        # Prefect's "View at <url>" log line would point nowhere.
        with temporary_settings(updates={PREFECT_API_URL: api_url, PREFECT_UI_URL: ""}):
            try:
                yield api_url
            finally:
                _drain_prefect_workers()
    finally:
        _stop(process)
        if record is not None:
            record.unlink(missing_ok=True)


def _drain_prefect_workers() -> None:
    """Send buffered logs and events before the server they go to stops."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=5)
    EventsWorker.drain_all(timeout=5)


def _exec_bound_to_parent(parent_pid: int, command: list[str]) -> None:
    """Become `command`, killed by the kernel when `parent_pid` (our parent) dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    # The parent may have died before the prctl took effect: then nobody needs the server.
    if os.getppid() != parent_pid:
        sys.exit(1)
    os.execv(command[0], command)


if __name__ == "__main__":
    # python -m wirewatch.orchestration.local_server PARENT_PID -- COMMAND...
    _exec_bound_to_parent(int(sys.argv[1]), sys.argv[3:])
