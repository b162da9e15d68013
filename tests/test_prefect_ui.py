"""What the Prefect UI shows of wirewatch explains itself: every flow parameter has a description
(from the flow's `Args:` docstring section), every artifact a description, the summary table
human labels, and each run a name that says which folder and database it worked on."""

from __future__ import annotations

import inspect
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO_ROOT, REPO_SEEDS, ingest

from flows.ingest_feeds import ingest_feeds
from flows.ingest_folder import ingest_folder
from flows.recluster import recluster_documents
from flows.recode import recode_events
from wirewatch.orchestration.run_names import ingest_run_name, recode_run_name

FLOWS = {
    "flows/ingest_feeds.py:ingest_feeds": ingest_feeds,
    "flows/ingest_folder.py:ingest_folder": ingest_folder,
    "flows/recode.py:recode_events": recode_events,
    "flows/recluster.py:recluster_documents": recluster_documents,
}


def test_every_flow_file_is_checked_here() -> None:
    """A new flow must join FLOWS, so its parameters and run name are checked too."""
    files = {p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "flows").glob("*.py")}
    assert files - {"flows/__init__.py"} == {e.partition(":")[0] for e in FLOWS}


def test_every_flow_names_its_runs() -> None:
    assert all(flow_fn.flow_run_name is not None for flow_fn in FLOWS.values())


@pytest.mark.parametrize("entrypoint", sorted(FLOWS))
def test_every_flow_parameter_has_a_description(entrypoint: str) -> None:
    from prefect.utilities.callables import parameter_schema_from_entrypoint

    flow_fn = FLOWS[entrypoint]
    # The schema the flow object carries, and the one `prefect deploy` builds from the source.
    file_part, _, fn_name = entrypoint.partition(":")
    from_source = parameter_schema_from_entrypoint(f"{REPO_ROOT / file_part}:{fn_name}")
    for schema in (flow_fn.parameters, from_source):
        descriptions = {
            name: prop.get("description", "") for name, prop in schema.properties.items()
        }
        assert set(descriptions) == set(inspect.signature(flow_fn.fn).parameters)
        missing = [name for name, text in descriptions.items() if len(text) < 20]
        assert missing == [], f"{entrypoint}: no description for {missing}"


def _flow_run(run_id: str) -> Any:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_flow_run(run_id)


def _artifacts(run_id: str) -> list[Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        return client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
        )


@pytest.fixture(scope="module")
def ingested(prefect_api_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One real ingest of a copy of the sample folder named `seeds`, into `w.duckdb`."""
    work = tmp_path_factory.mktemp("ui")
    folder = work / "seeds"
    shutil.copytree(REPO_SEEDS, folder)
    summary = ingest(folder, work / "w.duckdb")
    return summary | {"db_path": work / "w.duckdb"}


def test_runs_are_named_after_their_folder_and_database(ingested: dict[str, Any]) -> None:
    assert _flow_run(ingested["run_id"]).name == "ingest seeds → w.duckdb"
    for flow_fn, name in (
        (recode_events, "recode → w.duckdb"),
        (recluster_documents, "recluster → w.duckdb"),
    ):
        result = flow_fn(db=str(ingested["db_path"]))
        assert _flow_run(result["run_id"]).name == name


def test_run_names_use_the_flows_defaults_and_the_folder_a_dot_means(
    prefect_api_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect import flow
    from prefect.runtime import flow_run

    monkeypatch.chdir(tmp_path)

    @flow(flow_run_name=ingest_run_name)
    def probe_ingest(path: str = "corpus/", db: str = "data/news.duckdb") -> str:
        return str(flow_run.name)

    @flow(flow_run_name=recode_run_name)
    def probe_recode(db: str = "w.duckdb") -> str:
        return str(flow_run.name)

    assert probe_ingest() == "ingest corpus → news.duckdb"
    assert probe_ingest(path=".") == f"ingest {tmp_path.name} → news.duckdb"
    assert probe_ingest(path=str(tmp_path / "a" / "b") + "/") == "ingest b → news.duckdb"
    assert probe_recode(db=str(tmp_path / "x" / "other.duckdb")) == "recode → other.duckdb"


def test_summary_table_shows_labels_and_every_artifact_a_description(
    ingested: dict[str, Any],
) -> None:
    artifacts = {a.key: a for a in _artifacts(ingested["run_id"])}
    assert set(artifacts) == {"ingest-folder-summary", "ingest-folder-report", "wirewatch-report"}
    for key, artifact in artifacts.items():
        assert artifact.description and len(artifact.description) > 20, key
    rows = artifacts["ingest-folder-summary"].data
    rows = rows if isinstance(rows, list) else json.loads(rows)
    measures = {row["measure"]: row["value"] for row in rows}
    raw_keys = [m for m in measures if re.fullmatch(r"[a-z0-9_]+", m)]
    assert raw_keys == []
    # The labels carry the flow's own numbers (its returned keys stay as they were).
    assert measures["Files matched"] == ingested["n_files_matched"] > 0
    assert measures["New documents"] == ingested["n_documents_new"] > 0
    assert measures["Exact duplicates"] == ingested["n_documents_duplicate"]
    assert measures["Flow run id"] == ingested["run_id"]
    assert "seeds" in artifacts["ingest-folder-summary"].description
