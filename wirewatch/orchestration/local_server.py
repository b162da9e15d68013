"""A temporary Prefect API server in a child process, for flow runs with no server configured.

Prefect's own embedded mode imports its server application (FastAPI, SQLAlchemy models, about
75 MB) into the flow process just to launch the same child process; starting the child here
keeps the flow process at the size it has against a real server, which is how deployments run.
Used only by the CLI and only when neither `PREFECT_API_URL` nor a settings context names an API.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from wirewatch.errors import WirewatchError

# uvicorn exits with 3 when its port was taken between our probe and its bind.
_UVICORN_PORT_IN_USE = 3
_STOP_GRACE_S = 10.0


class LocalServerError(WirewatchError):
    """The temporary Prefect server did not come up."""


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "false",  # the API is all a one-off run needs
        "PREFECT_SERVER_ANALYTICS_ENABLED": os.environ.get(
            "PREFECT_SERVER_ANALYTICS_ENABLED", "false"
        ),
    }
    command = [
        sys.executable, "-m", "uvicorn",
        "--factory", "prefect.server.api.server:create_app",
        "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "error", "--lifespan", "on",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=_STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stderr is not None:
        process.stderr.close()


def _wait_healthy(process: subprocess.Popen[bytes], api_url: str, timeout_s: float) -> bool:
    """True once /health answers 200; False if the process exited with port-in-use."""
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


@contextmanager
def prefect_api(timeout_s: float | None = None) -> Iterator[str]:
    """Yield a Prefect API URL: the configured one, or a temporary server's, stopped at exit."""
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    configured = configured_api_url()
    if configured is not None:
        yield configured
        return
    if timeout_s is None:
        timeout_s = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120"))
    for _attempt in range(3):
        port = _free_loopback_port()
        process = _start(port)
        api_url = f"http://127.0.0.1:{port}/api"
        if _wait_healthy(process, api_url, timeout_s):
            break
        _stop(process)
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


def _drain_prefect_workers() -> None:
    """Send buffered logs and events before the server they go to stops."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=5)
    EventsWorker.drain_all(timeout=5)
