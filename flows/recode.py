"""The `recode-events` flow: every story coded again with the current event coder, that coder
version's rows replaced in one transaction."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from wirewatch.config import load_settings
from wirewatch.ingest import scan
from wirewatch.orchestration.run_names import recode_run_name
from wirewatch.orchestration.tasks import (
    CodingTools,
    finishing_run,
    publish_report,
    recode_version,
    report_markdown,
)
from wirewatch.orchestration.writing import (
    FLOW_RETRIES,
    FLOW_RETRY_DELAY_S,
    retry_only_transient,
    writing_store,
)

FLOW_NAME = "recode-events"


@flow(
    name=FLOW_NAME,
    flow_run_name=recode_run_name,
    retries=FLOW_RETRIES,
    retry_delay_seconds=FLOW_RETRY_DELAY_S,
)
@retry_only_transient
def recode_events(db: str = "wirewatch.duckdb", config_file: str | None = None) -> dict[str, Any]:
    """Re-code every canonical document with the current coder and replace that coder
    version's mentions, coded documents and events in one transaction (after a coder or
    dictionary change, or to apply new date, place or tone rules).

    Args:
        db: The DuckDB file whose stories are coded again.
        config_file: A wirewatch TOML settings file (its `[coding]` section applies); empty:
            ./wirewatch.toml where the run works, if there is one.
    """
    settings = load_settings(config_file)
    run_id = str(flow_run.id or uuid.uuid4())
    tools = CodingTools.load(settings.coding)
    with writing_store(db, FLOW_NAME, run_id, settings.store) as store:
        store.start_run(run_id, FLOW_NAME, "", asdict(settings))
        with finishing_run(store, run_id, scan.ScanCounts()):
            n_documents, n_mentions, n_events = recode_version(
                store, run_id, quote(tools), settings.coding
            )
        report = report_markdown(store)
    publish_report(report)
    get_run_logger().info(
        "re-coded %d stories with coder %s: %d event mentions, %d events",
        n_documents,
        tools.coder.version,
        n_mentions,
        n_events,
    )
    return {
        "run_id": run_id,
        "coder_version": tools.coder.version,
        "n_documents_coded": n_documents,
        "n_event_mentions": n_mentions,
        "n_events": n_events,
    }
