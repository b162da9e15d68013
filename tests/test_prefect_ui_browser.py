"""The Prefect UI of a real `prefect server` (with `prefect --no-prompt deploy --all` and a process
worker), rendered by headless Chromium: the interval deployment's page lists the runs its
scheduler created, a completed run's page shows the run's name and its artifacts' descriptions,
and the custom-run form describes every parameter. The README's automation
(automations/notify-on-failure.yaml) is created with `prefect automation create --from-file` and
notifies a loopback webhook when a run fails.

Chromium reaches nothing but 127.0.0.1: every other host resolves to nothing and goes to a dead
proxy."""

from __future__ import annotations

import html
import json
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import REPO_ROOT
from test_deployment import prefect_cli
from test_report import _chromium_or_skip
from test_schedules import (
    INTERVAL_DEPLOYMENT,
    SCHEDULER_WAIT_SECONDS,
    _api,
    _flow_runs_of,
    _project_copy,
    prefect_server,
)

AUTOMATION_FILE = REPO_ROOT / "automations" / "notify-on-failure.yaml"
BLOCK_NAME = "wirewatch-alerts"
WINDOW = (1400, 1000)
# Virtual time the single-page app gets to fetch from the API and render, per attempt.
RENDER_BUDGETS_MS = (20_000, 60_000)
NOTIFY_WAIT_SECONDS = 60
UPCOMING_PAGE_SIZE = 5


def _chromium_args(profile: Path, budget_ms: int) -> list[str]:
    return [
        _chromium_or_skip(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
        # Loopback only: other hosts do not resolve, and anything else goes to a closed port.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--proxy-server=http://127.0.0.1:9",
        f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--virtual-time-budget={budget_ms}",
    ]


def _visible_text(dom: str) -> str:
    """The page's text, tags, scripts and styles removed, whitespace collapsed."""
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", dom)))


def _rendered_text(url: str, profile: Path, wanted: list[str]) -> str:
    """The text of the page at `url` once the SPA has rendered all of `wanted` (a longer
    budget on a second attempt, for a loaded machine); the last text if it never does."""
    text = ""
    for budget in RENDER_BUDGETS_MS:
        started = time.monotonic()
        dom = subprocess.run(
            [*_chromium_args(profile, budget), "--dump-dom", url],
            check=True, capture_output=True, text=True, timeout=180,
        ).stdout
        text = _visible_text(dom)
        rendered = all(w in text for w in wanted)
        print(f"  {url}: {time.monotonic() - started:.1f} s, "
              f"{'rendered' if rendered else 'not rendered'} within {budget} ms virtual time")
        if rendered:
            break
    return text


def _screenshot(url: str, png: Path, profile: Path) -> np.ndarray:
    from PIL import Image

    subprocess.run(
        [*_chromium_args(profile, RENDER_BUDGETS_MS[0]), f"--screenshot={png}", url],
        check=True, capture_output=True, timeout=180,
    )
    with Image.open(png) as image:
        assert image.size == WINDOW
        return np.asarray(image.convert("RGB"))


def _assert_not_blank(pixels: np.ndarray, png: Path) -> None:
    """A rendered page, not an empty or error screen: many colours, and text and panels
    covering a real share of it."""
    background = np.median(pixels.reshape(-1, 3), axis=0)
    differs = np.abs(pixels.astype(np.int16) - background.astype(np.int16)).max(axis=2) > 24
    n_colours = len(np.unique(pixels.reshape(-1, 3), axis=0))
    assert differs.mean() > 0.02 and n_colours > 100, (png, differs.mean(), n_colours)


@contextmanager
def webhook_receiver() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """An HTTP server on 127.0.0.1 that keeps every JSON body POSTed to it."""
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            received.append(json.loads(body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/notify", received
    finally:
        server.shutdown()
        server.server_close()


def _create_notification_block(api_url: str, url: str) -> str:
    """The block a user creates in the UI (Blocks, +, Custom Webhook); its id, looked up by
    name the way README's recipe does."""
    from prefect.blocks.notifications import CustomWebhookNotificationBlock
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        CustomWebhookNotificationBlock(
            name=BLOCK_NAME,
            url=url,
            json_data={"subject": "{{subject}}", "body": "{{body}}"},
        ).save(BLOCK_NAME)
    return _api(
        api_url, "GET", f"/block_types/slug/custom-webhook/block_documents/name/{BLOCK_NAME}"
    )["id"]


def _run_deployment(api_url: str, project: Path, *params: str) -> str:
    """`prefect deployment run` of the interval deployment; the new run's id."""
    args = ["deployment", "run", INTERVAL_DEPLOYMENT]
    for param in params:
        args += ["--param", param]
    started = prefect_cli(args, api_url, cwd=project)
    assert started.returncode == 0, started.stdout + started.stderr
    return re.search(r"UUID: ([0-9a-f-]{36})", started.stdout).group(1)


def _work_one(api_url: str, cwd: Path) -> None:
    worker = prefect_cli(
        ["worker", "start", "--pool", "wirewatch-local", "--run-once"],
        api_url, timeout=600, cwd=cwd,
    )
    assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-3000:]


@pytest.mark.slow
def test_prefect_ui_shows_upcoming_runs_run_names_and_notifies_on_failure(tmp_path):
    _chromium_or_skip()  # before a server is started for nothing
    started = time.monotonic()

    def phase(name: str) -> None:
        print(f"{time.monotonic() - started:6.1f} s  {name}")

    project = _project_copy(tmp_path / "project")
    profile = tmp_path / "chromium-profile"
    with (
        prefect_server(tmp_path / "prefect-home", tmp_path / "server.log", ui=True) as api_url,
        webhook_receiver() as (webhook_url, notifications),
    ):
        base_url = api_url.removesuffix("/api")
        for args in (
            ["work-pool", "create", "wirewatch-local", "--type", "process"],
            ["work-pool", "set-concurrency-limit", "wirewatch-local", "1"],
            ["deploy", "--all"],
        ):
            done = prefect_cli(args, api_url, cwd=project)
            assert done.returncode == 0, done.stdout + done.stderr

        phase("deployed")
        # README's recipe: the block's id into the automation file, then create it.
        block_id = _create_notification_block(api_url, webhook_url)
        automation = tmp_path / "notify-on-failure.yaml"
        automation.write_text(
            AUTOMATION_FILE.read_text(encoding="utf-8").replace("BLOCK_DOCUMENT_ID", block_id),
            encoding="utf-8",
        )
        created = prefect_cli(["automation", "create", "--from-file", str(automation)], api_url)
        assert created.returncode == 0, created.stdout + created.stderr
        assert "Created automation 'wirewatch-run-failed'" in created.stdout

        phase("automation created")
        flow_name, deployment_name = INTERVAL_DEPLOYMENT.split("/")
        deployment = _api(api_url, "GET", f"/deployments/name/{flow_name}/{deployment_name}")
        # The parameter descriptions reached the server (Prefect parses the Args: docstring).
        properties = deployment["parameter_openapi_schema"]["properties"]
        assert all(p.get("description") for p in properties.values()), properties

        deadline = time.monotonic() + SCHEDULER_WAIT_SECONDS
        while not (scheduled := [r for r in _flow_runs_of(api_url, deployment["id"])
                                 if r["state"]["type"] == "SCHEDULED"]):
            assert time.monotonic() < deadline, "the scheduler created no run"
            time.sleep(1)

        phase("scheduler created runs")
        completed_id = _run_deployment(api_url, project)
        _work_one(api_url, tmp_path)
        phase("a run completed")
        failed_id = _run_deployment(api_url, project, "path=no-such-folder")
        _work_one(api_url, tmp_path)
        phase("a run failed")
        completed = _api(api_url, "GET", f"/flow_runs/{completed_id}")
        failed = _api(api_url, "GET", f"/flow_runs/{failed_id}")
        assert completed["state"]["type"] == "COMPLETED", completed["state"]
        assert failed["state"]["type"] == "FAILED", failed["state"]
        assert completed["name"] == "ingest seeds → wirewatch.duckdb"
        assert failed["name"] == "ingest no-such-folder → wirewatch.duckdb"

        # The deployment page's Upcoming tab lists every run the scheduler created.
        upcoming_url = f"{base_url}/v2/deployments/deployment/{deployment['id']}?tab=Upcoming"
        # The tab pages 5 runs, oldest first: the first 5 the scheduler created.
        scheduled = [r for r in _flow_runs_of(api_url, deployment["id"])
                     if r["state"]["type"] == "SCHEDULED"]
        scheduled_names = [r["name"] for r in sorted(
            scheduled, key=lambda r: r["expected_start_time"])][:UPCOMING_PAGE_SIZE]
        assert len(scheduled_names) >= 3 and all(r["auto_scheduled"] for r in scheduled)
        text = _rendered_text(upcoming_url, profile, scheduled_names)
        missing = [name for name in scheduled_names if name not in text]
        assert missing == [], f"upcoming runs not listed: {missing}\n{text[:3000]}"
        assert "Every 15 minutes" in text and "Scheduled" in text
        pixels = _screenshot(upcoming_url, tmp_path / "deployment.png", profile)
        _assert_not_blank(pixels, tmp_path / "deployment.png")

        phase("deployment page checked")
        # The completed run's page: its name, its state, its artifacts with their descriptions.
        run_url = f"{base_url}/v2/runs/flow-run/{completed_id}"
        text = _rendered_text(run_url, profile, [completed["name"], "Completed"])
        assert completed["name"] in text and "Completed" in text, text[:3000]
        pixels = _screenshot(run_url, tmp_path / "flow-run.png", profile)
        _assert_not_blank(pixels, tmp_path / "flow-run.png")
        artifacts = _api(
            api_url, "POST", "/artifacts/filter",
            {"artifacts": {"flow_run_id": {"any_": [completed_id]}}},
        )
        descriptions = [a["description"] for a in artifacts]
        assert len(descriptions) == 3 and all(descriptions), descriptions
        text = _rendered_text(f"{run_url}?tab=Artifacts", profile, descriptions)
        assert [d for d in descriptions if d not in text] == [], text[:3000]

        phase("run page checked")
        # The custom-run form explains each parameter.
        form_url = f"{base_url}/v2/deployments/deployment/{deployment['id']}/run"
        wanted = [p["description"].replace("\n", " ") for p in properties.values()]
        text = _rendered_text(form_url, profile, wanted)
        assert [w for w in wanted if w not in text] == [], text[:3000]

        phase("run form checked")
        # The automation notified the webhook of the failed run, with a link to it.
        deadline = time.monotonic() + NOTIFY_WAIT_SECONDS
        while not notifications and time.monotonic() < deadline:
            time.sleep(0.5)
        assert len(notifications) == 1, notifications  # the completed run sent none
        phase("notified")
        note = notifications[0]
        assert note["subject"] == f"wirewatch: flow run {failed['name']} failed"
        assert "ended Failed" in note["body"] and "no-such-folder is not a folder" in note["body"]
        assert f"{base_url}/runs/flow-run/{failed_id}" in note["body"]
