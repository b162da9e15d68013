"""`wirewatch run` with no Prefect server configured: a temporary one in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from helpers import scalar


def test_prefect_api_under_a_configured_server_yields_it_and_starts_nothing(prefect_api_url):
    from wirewatch.orchestration.local_server import configured_api_url, prefect_api

    assert configured_api_url() == prefect_api_url
    with prefect_api() as api_url:
        assert api_url == prefect_api_url


def test_run_without_a_server_uses_a_temporary_one_and_leaves_no_process(seeds_copy, tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PREFECT_API") and key != "PREFECT_PROFILES_PATH"
    }
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")  # a fresh machine's Prefect home
    db = tmp_path / "wirewatch.duckdb"
    cli = Path(sys.executable).with_name("wirewatch")
    process = subprocess.Popen(
        [str(cli), "run", str(seeds_copy), "--db", str(db), "--quiet", "--settle-seconds", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a group of its own, led by the CLI: pgid == pid
    )
    _stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert scalar(db, "select count(*) from documents") == 17
    assert scalar(db, "select status from runs") == "completed"
    # Nothing of the CLI's own process group outlives it. (The temporary server runs in a group
    # of its own; tests/test_no_orphans.py follows the whole process tree, signals included.)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError("a process of the run's group (the temporary server) is still alive")
