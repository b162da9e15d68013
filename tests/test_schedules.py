"""The schedules in prefect.yaml fire: a real `prefect server` (its scheduler service on, its loop
interval lowered through Prefect's own setting) creates Scheduled runs for the interval
deployment, and a process worker runs one of them to Completed, whose table artifact reads back
through the API. This proves the pinned stack (constraints.txt), not the interval's value: with
SQLAlchemy 2.1 the scheduler fails on every loop and creates no run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers import REPO_ROOT, scalar
from test_deployment import PREFECT, prefect_cli

INTERVAL_DEPLOYMENT = "ingest-folder/every-15-minutes"
SCHEDULER_WAIT_SECONDS = 90
SERVER_START_SECONDS = 120


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop_group(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL, to the process group the server leads (uvicorn is its child)."""
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def prefect_server(
    home: Path, log_path: Path, ui: bool = False, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """A real `prefect server start` on a free 127.0.0.1 port with its own PREFECT_HOME (and
    SQLite database), the scheduler looping every 2 s; yields the API URL. With `ui`, it also
    serves the UI, told the API's real port (the UI otherwise assumes port 4200). `extra_env`
    adds to or overrides these settings (e.g. PREFECT_API_DATABASE_CONNECTION_URL)."""
    port = _free_loopback_port()
    base_url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "true" if ui else "false",
        "PREFECT_UI_API_URL": f"{base_url}/api",
        "PREFECT_UI_URL": base_url,  # links in notifications
        "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "true",
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_LOGGING_LEVEL": "INFO",
    } | (extra_env or {})
    env.pop("PREFECT_API_URL", None)
    api_url = f"{base_url}/api"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so nothing it starts outlives it
        )
        try:
            deadline = time.monotonic() + SERVER_START_SECONDS
            while True:
                assert process.poll() is None, log_path.read_text(errors="replace")[-3000:]
                try:
                    if httpx.get(f"{api_url}/health", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "prefect server did not start in time"
                time.sleep(0.5)
            yield api_url
        finally:
            _stop_group(process)


def _api(api_url: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    response = httpx.request(method, f"{api_url}{path}", json=body, timeout=30)
    response.raise_for_status()
    return response.json()


def _flow_runs_of(api_url: str, deployment_id: str) -> list[dict[str, Any]]:
    return _api(
        api_url,
        "POST",
        "/flow_runs/filter",
        {"flow_runs": {"deployment_id": {"any_": [deployment_id]}}, "limit": 50},
    )


def _project_copy(target: Path) -> Path:
    """What a user deploys from: prefect.yaml, the flow entrypoints and the sample folder (the
    scheduled run writes its database here, so nothing lands in the repository)."""
    target.mkdir()
    shutil.copy2(REPO_ROOT / "prefect.yaml", target / "prefect.yaml")
    shutil.copytree(
        REPO_ROOT / "flows", target / "flows", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(REPO_ROOT / "seeds", target / "seeds")
    return target


@pytest.mark.slow
def test_the_scheduler_creates_runs_and_a_worker_completes_one(tmp_path):
    project = _project_copy(tmp_path / "project")
    server_log = tmp_path / "server.log"
    with prefect_server(tmp_path / "prefect-home", server_log) as api_url:
        created = prefect_cli(
            ["work-pool", "create", "wirewatch-local", "--type", "process"], api_url, cwd=project
        )
        assert created.returncode == 0, created.stdout + created.stderr
        # README's step: one database, one run at a time across all its deployments.
        limited = prefect_cli(
            ["work-pool", "set-concurrency-limit", "wirewatch-local", "1"], api_url, cwd=project
        )
        assert limited.returncode == 0, limited.stdout + limited.stderr
        deployed = prefect_cli(["deploy", "--all"], api_url, cwd=project)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        deployed_at = time.monotonic()

        flow_name, deployment_name = INTERVAL_DEPLOYMENT.split("/")
        deployment = _api(api_url, "GET", f"/deployments/name/{flow_name}/{deployment_name}")
        scheduled: list[dict[str, Any]] = []
        while time.monotonic() - deployed_at < SCHEDULER_WAIT_SECONDS:
            runs = _flow_runs_of(api_url, deployment["id"])
            scheduled = [r for r in runs if r["state"] and r["state"]["type"] == "SCHEDULED"]
            if scheduled:
                break
            time.sleep(1)
        waited = time.monotonic() - deployed_at
        log_text = server_log.read_text(errors="replace")
        assert scheduled, (
            f"no scheduled run within {SCHEDULER_WAIT_SECONDS} s; server log:\n{log_text[-4000:]}"
        )
        assert "Can't evaluate bulk DML" not in log_text
        first_created = min(datetime.fromisoformat(r["created"]) for r in scheduled)
        print(
            f"scheduler created {len(scheduled)} scheduled run(s) "
            f"{(first_created - datetime.fromisoformat(deployment['created'])).total_seconds():.1f}"
            f" s after the deployment was created (seen {waited:.1f} s after deploy --all ended)"
        )
        # Created by the scheduler (auto_scheduled), one interval apart, in the future.
        assert all(r["auto_scheduled"] for r in scheduled)

        # Bring the first scheduled run forward to now, so the worker picks it up at once
        # instead of in up to 15 minutes; it stays the scheduler's run with its parameters.
        run = min(scheduled, key=lambda r: r["expected_start_time"])
        now = datetime.now(UTC).isoformat()
        forced = _api(
            api_url,
            "POST",
            f"/flow_runs/{run['id']}/set_state",
            {
                "state": {
                    "type": "SCHEDULED",
                    "name": "Scheduled",
                    "state_details": {"scheduled_time": now},
                },
                "force": True,
            },
        )
        assert forced["status"] == "ACCEPT", forced
        worker = prefect_cli(
            ["worker", "start", "--pool", "wirewatch-local", "--run-once"],
            api_url,
            timeout=600,
            cwd=tmp_path,
        )
        assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-3000:]

        finished = _api(api_url, "GET", f"/flow_runs/{run['id']}")
        assert finished["state"]["type"] == "COMPLETED", finished["state"]
        artifacts = _api(
            api_url,
            "POST",
            "/artifacts/filter",
            {"artifacts": {"flow_run_id": {"any_": [run["id"]]}, "type": {"any_": ["table"]}}},
        )
        assert [a["key"] for a in artifacts] == ["ingest-folder-summary"]
        table = artifacts[0]["data"]
        rows = json.loads(table) if isinstance(table, str) else table
        measures = {row["measure"]: row["value"] for row in rows}
        assert measures["Flow run id"] == run["id"]
        assert measures["New documents"] > 0

    # The run worked in the project folder (the pull step), so its database is still there.
    db = project / "wirewatch.duckdb"
    assert scalar(db, "select run_id from runs") == run["id"]
    assert scalar(db, "select count(*) from documents") == measures["New documents"]
