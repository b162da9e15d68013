"""The `recluster-documents` flow: every signature and story cluster rebuilt with the current
`[dedup]` settings, then the stories whose canonical copy changed re-coded."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from wirewatch.config import load_settings
from wirewatch.dedup import reprints as dedup
from wirewatch.ingest import scan
from wirewatch.orchestration.run_names import recluster_run_name
from wirewatch.orchestration.tasks import (
    CodingTools,
    cluster_documents,
    code_events,
    finishing_run,
    publish_report,
    rebuild_events,
    report_markdown,
)
from wirewatch.orchestration.writing import (
    FLOW_RETRIES,
    FLOW_RETRY_DELAY_S,
    retry_only_transient,
    writing_store,
)

FLOW_NAME = "recluster-documents"


@flow(
    name=FLOW_NAME,
    flow_run_name=recluster_run_name,
    retries=FLOW_RETRIES,
    retry_delay_seconds=FLOW_RETRY_DELAY_S,
)
@retry_only_transient
def recluster_documents(
    db: str = "wirewatch.duckdb", config_file: str | None = None
) -> dict[str, Any]:
    """Drop every signature and story cluster and rebuild them with the current settings
    (after changing [dedup] settings, or to apply a new hashing version).

    Args:
        db: The DuckDB file whose story clusters are rebuilt.
        config_file: A wirewatch TOML settings file (its `[dedup]` section applies); empty:
            ./wirewatch.toml where the run works, if there is one.
    """
    settings = load_settings(config_file)
    run_id = str(flow_run.id or uuid.uuid4())
    with writing_store(db, FLOW_NAME, run_id, settings.store) as store:
        store.start_run(run_id, FLOW_NAME, "", asdict(settings))
        with finishing_run(store, run_id, scan.ScanCounts()):
            store.reset_dedup_state()
            store.ensure_dedup_params(settings.dedup, dedup.HASH_VERSION)
            n_reprints = cluster_documents(
                store, run_id, settings.dedup, settings.ingest.batch_size
            )
            if settings.coding.enabled:
                # New clusters can name new canonical copies: code them, drop the old ones'
                # rows and count events over the new clusters.
                tools = CodingTools.load(settings.coding)
                code_events(store, run_id, quote(tools), settings.coding)
                rebuild_events(store, tools.coder.version)
        _columns, cluster_rows = store.named_query("queries/count_story_clusters.sql")
        report = report_markdown(store)
    publish_report(report)
    n_clusters, n_multi = cluster_rows[0]
    get_run_logger().info(
        "rebuilt %d story clusters (%d with more than one document, %d reprints)",
        n_clusters,
        n_multi,
        n_reprints,
    )
    return {
        "run_id": run_id,
        "n_clusters": n_clusters,
        "n_multi_document_clusters": n_multi,
        "n_reprints": n_reprints,
    }
