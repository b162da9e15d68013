"""Two runs of different deployments started at the same moment on one database, against a real
`prefect server` with a process worker: both complete, one waits for the other (the per-database
global concurrency limit the flows take, not the work pool's limit, which is left unset here),
and the tables equal one clean run's."""

from __future__ import annotations

import sys
import time
from datetime import datetime

import pytest
from helpers import REPO_ROOT, RUN_SPECIFIC_COLUMNS, RUN_TABLES, ingest, rows, table_rows
from test_deployment import prefect_cli
from test_schedules import _api, _project_copy, prefect_server

sys.path.insert(0, str(REPO_ROOT / "bench"))
from corpus import write_corpus

from wirewatch.orchestration.writing import database_limit_name

N_ARTICLES = 300  # enough for each run to hold the database for seconds


def _start(api_url: str, deployment: str, parameters: dict[str, object]) -> str:
    flow_name, name = deployment.split("/")
    found = _api(api_url, "GET", f"/deployments/name/{flow_name}/{name}")
    created = _api(
        api_url,
        "POST",
        f"/deployments/{found['id']}/create_flow_run",
        {"parameters": parameters},
    )
    return str(created["id"])


def _times(run: dict) -> tuple[datetime, datetime]:
    return datetime.fromisoformat(run["start_time"]), datetime.fromisoformat(run["end_time"])


@pytest.mark.slow
def test_two_deployments_on_one_database_queue_and_leave_a_clean_runs_tables(prefect, tmp_path):
    project = _project_copy(tmp_path / "project")
    articles = tmp_path / "articles"
    write_corpus(articles, N_ARTICLES, size=3000, seed=11)
    db = tmp_path / "shared.duckdb"
    with prefect_server(tmp_path / "prefect-home", tmp_path / "server.log") as api_url:
        created = prefect_cli(
            ["work-pool", "create", "wirewatch-local", "--type", "process"], api_url, cwd=project
        )
        assert created.returncode == 0, created.stdout + created.stderr
        deployed = prefect_cli(["deploy", "--all"], api_url, cwd=project)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr

        # Both runs exist before the worker starts, so it submits them together.
        ingest_run = _start(
            api_url,
            "ingest-folder/every-15-minutes",
            {"path": str(articles), "db": str(db), "settle_seconds": 0},
        )
        recode_run = _start(api_url, "recode-events/manual", {"db": str(db)})
        started = time.monotonic()
        worker = prefect_cli(
            ["worker", "start", "--pool", "wirewatch-local", "--run-once", "--limit", "2"],
            api_url,
            timeout=900,
            cwd=tmp_path,
        )
        assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-3000:]
        print(f"both runs done {time.monotonic() - started:.1f} s after the worker started")

        finished = {
            rid: _api(api_url, "GET", f"/flow_runs/{rid}") for rid in (ingest_run, recode_run)
        }
        for run in finished.values():
            assert run["state"]["type"] == "COMPLETED", run["state"]
        limit = _api(api_url, "GET", f"/v2/concurrency_limits/{database_limit_name(db)}")
        assert (limit["limit"], limit["active_slots"]) == (1, 0)

    # The flow processes overlapped (the worker ran both at once) ...
    (ingest_start, ingest_end), (recode_start, recode_end) = (
        _times(finished[ingest_run]),
        _times(finished[recode_run]),
    )
    assert ingest_start < recode_end and recode_start < ingest_end
    # ... but their writes did not: one run's database work began after the other's ended.
    db_runs = rows(
        db, "select run_id, flow_name, status, started_at, ended_at from runs order by started_at"
    )
    assert {(r[1], r[2]) for r in db_runs} == {
        ("ingest-folder", "completed"),
        ("recode-events", "completed"),
    }
    first, second = db_runs
    assert second[3] >= first[4], db_runs
    print(f"{first[1]} wrote first; {second[1]} waited and wrote after it")

    clean = tmp_path / "clean.duckdb"
    ingest(articles, clean)
    for table in RUN_TABLES:
        expected = table_rows(clean, table, RUN_SPECIFIC_COLUMNS)
        assert table_rows(db, table, RUN_SPECIFIC_COLUMNS) == expected, table
