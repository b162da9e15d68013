"""prefect.yaml deploys against a real Prefect API, and a real process worker runs the
deployment end to end into a DuckDB file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO_ROOT, REPO_SEEDS, scalar

PREFECT = str(Path(sys.executable).with_name("prefect"))


def prefect_cli(
    args: list[str],
    api_url: str,
    timeout: float = 300,
    cwd: Path = REPO_ROOT,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """`prefect --no-prompt ARGS` against the API at `api_url`, run in `cwd` (with `extra_env`
    added to this process's environment)."""
    env = os.environ | (extra_env or {})
    env |= {"PREFECT_API_URL": api_url, "PREFECT_LOGGING_LEVEL": "INFO"}
    return subprocess.run(
        [PREFECT, "--no-prompt", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.slow
def test_prefect_yaml_deploys_and_a_worker_runs_the_deployment(prefect_api_url, tmp_path):
    from prefect.client.orchestration import get_client

    created = prefect_cli(
        ["work-pool", "create", "wirewatch-local", "--type", "process"], prefect_api_url
    )
    assert created.returncode == 0, created.stdout + created.stderr
    deployed = prefect_cli(["deploy", "--all"], prefect_api_url)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr

    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name("ingest-folder/every-15-minutes")
    assert deployment.entrypoint == "flows/ingest_folder.py:ingest_folder"
    assert deployment.parameters == {"path": "seeds", "db": "wirewatch.duckdb"}
    assert [s.schedule.interval.total_seconds() for s in deployment.schedules] == [900]
    with get_client(sync_client=True) as client:
        recode = client.read_deployment_by_name("recode-events/manual")
        recluster = client.read_deployment_by_name("recluster-documents/manual")
    assert recode.entrypoint == "flows/recode.py:recode_events"
    assert recluster.entrypoint == "flows/recluster.py:recluster_documents"
    for manual in (recode, recluster):
        assert manual.schedules == []  # manual trigger only
        assert manual.parameters == {"db": "wirewatch.duckdb"}
    for each in (deployment, recode, recluster):
        # The UI's run form describes every parameter (the flows' `Args:` docstring sections).
        properties = each.parameter_openapi_schema["properties"]
        assert properties and all(p.get("description") for p in properties.values()), properties
        # Runs work in the folder `prefect deploy` ran in, never in a deleted clone.
        assert each.pull_steps == [
            {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO_ROOT)}}
        ]
        # A second run of the same deployment waits for the first instead of failing on the lock.
        assert each.global_concurrency_limit.limit == 1
        assert each.concurrency_options.collision_strategy.value == "ENQUEUE"

    folder = tmp_path / "articles"
    shutil.copytree(REPO_SEEDS, folder)
    db = tmp_path / "deployed.duckdb"
    run = prefect_cli(
        [
            "deployment",
            "run",
            "ingest-folder/every-15-minutes",
            "--param",
            f"path={folder}",
            "--param",
            f"db={db}",
            "--param",
            "settle_seconds=0",
        ],
        prefect_api_url,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    worker = prefect_cli(
        ["worker", "start", "--pool", "wirewatch-local", "--run-once"], prefect_api_url, timeout=600
    )
    assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-3000:]

    assert scalar(db, "select status from runs") == "completed"
    assert scalar(db, "select count(*) from documents") > 0
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs()
        # Only the run we asked for (the schedule may have queued future ones).
        deployed_runs = [
            r
            for r in runs
            if r.deployment_id == deployment.id and r.parameters.get("db") == str(db)
        ]
    assert [r.state.type.value for r in deployed_runs] == ["COMPLETED"]
    # The run id recorded in DuckDB is the Prefect flow-run id, so the two can be joined.
    assert scalar(db, "select run_id from runs") == str(deployed_runs[0].id)
