"""`wirewatch run` leaves no process behind, whatever ends it: SIGTERM, SIGKILL, or a crash
whose server an earlier version left running (cleaned up at the next start)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from wirewatch.orchestration import local_server

pytestmark = pytest.mark.slow

SERVER_APP = "prefect.server.api.server:create_app"
BODY = (
    "Officials in the coastal province said on {day} that the regional council had approved "
    "plan number {n} to repair flood barriers, after talks between the governor and the "
    "mayors of {k} towns ended without a dispute over costs.\n"
)


def make_corpus(folder: Path, n_files: int) -> Path:
    """Enough distinct articles that the run is still going when it is signalled."""
    for n in range(n_files):
        path = folder / f"batch{n // 200:02d}" / f"article{n:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        day = ("Monday", "Tuesday", "Wednesday")[n % 3]
        path.write_text(
            f"Title: Flood barrier plan {n}\nPublished: 2026-10-{n % 28 + 1:02d}\n\n"
            + BODY.format(day=day, n=n, k=n % 17 + 2),
            encoding="utf-8",
        )
    return folder


def clean_env(tmp_path: Path) -> dict[str, str]:
    """No Prefect API configured, so the run starts its temporary server."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PREFECT_API") and key != "PREFECT_PROFILES_PATH"
    }
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    return env


def server_of(cli: psutil.Process) -> psutil.Process | None:
    for child in cli.children(recursive=True):
        try:
            if SERVER_APP in child.cmdline():
                return child
        except psutil.NoSuchProcess:
            continue
    return None


def wait_for_healthy_server(cli: psutil.Process, timeout_s: float = 180) -> psutil.Process:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert cli.is_running() and cli.status() != psutil.STATUS_ZOMBIE, "the run ended early"
        server = server_of(cli)
        if server is not None:
            command = server.cmdline()
            port = command[command.index("--port") + 1]
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                    return server
            except httpx.TransportError:
                pass
        time.sleep(0.2)
    raise AssertionError("the temporary Prefect server did not come up")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("orphans") / "corpus", 1500)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_signalled_run_leaves_no_process_of_its_tree(corpus, tmp_path, sig):
    cli_path = Path(sys.executable).with_name("wirewatch")
    db = tmp_path / "w.duckdb"
    process = subprocess.Popen(
        [str(cli_path), "run", str(corpus), "--db", str(db), "--quiet", "--settle-seconds", "0"],
        env=clean_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    tree: list[psutil.Process] = []
    try:
        cli = psutil.Process(process.pid)
        server = wait_for_healthy_server(cli)
        tree = [cli, *cli.children(recursive=True)]
        assert server in tree
        os.kill(process.pid, sig)
        process.wait(timeout=30)
        _gone, alive = psutil.wait_procs(tree, timeout=10)
        assert alive == [], f"left running after {sig.name}: {alive}"
        # Signalled mid-run, not after it: the run did not finish on its own.
        assert process.returncode != 0
    finally:
        for leftover in [process_ for process_ in tree if process_.is_running()]:
            leftover.kill()
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def test_a_stale_server_recorded_by_a_dead_run_is_killed_at_the_next_start(tmp_path):
    """A server that outlived its run (a system without PR_SET_PDEATHSIG, or an older
    wirewatch) is killed by the next start, found by its record."""
    records = tmp_path / "records"
    records.mkdir()
    port = 1  # never bound: the server need not come up, only exist with its command line
    server = subprocess.Popen(
        local_server.server_command(port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    finished_owner = subprocess.Popen([sys.executable, "-c", "pass"])
    finished_owner.wait()
    try:
        record = {
            "server_pid": server.pid,
            "server_started": local_server._process_started(server.pid),
            "owner_pid": finished_owner.pid,  # gone
            "owner_started": 0,
            "port": port,
        }
        (records / f"{server.pid}.json").write_text(json.dumps(record), encoding="utf-8")
        assert local_server.reap_stale_servers(records) == [server.pid]
        assert server.wait(timeout=10) == -signal.SIGKILL
        assert list(records.iterdir()) == []
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_a_record_whose_pid_is_now_another_program_kills_nothing(tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        record = {
            "server_pid": bystander.pid,
            "server_started": local_server._process_started(bystander.pid),
            "owner_pid": 0,
            "owner_started": 0,
            "port": 4200,
        }
        (records / f"{bystander.pid}.json").write_text(json.dumps(record), encoding="utf-8")
        assert local_server.reap_stale_servers(records) == []
        assert bystander.poll() is None
        assert list(records.iterdir()) == []
    finally:
        bystander.kill()
        bystander.wait()


def test_a_record_of_a_live_run_is_left_alone(tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    record = {
        "server_pid": os.getpid(),
        "server_started": local_server._process_started(os.getpid()),
        "owner_pid": os.getpid(),  # this test process: alive
        "owner_started": local_server._process_started(os.getpid()),
        "port": 4200,
    }
    path = records / "live.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert local_server.reap_stale_servers(records) == []
    assert path.exists()
