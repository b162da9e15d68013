"""The `ingest-feeds` flow: one poll of the registered feeds into the DuckDB file.

Per batch of due feeds: fetch each feed (conditional GET), parse it, fetch and extract the page
of every new entry, normalise the articles like files and write them with the entries, the
failures and the feeds' new state in one transaction (`ingest-feed-batch`); then cluster
reprints (`cluster-documents`), code new stories (`code-events`, in the worker processes of
`[pipeline] workers`: this process holds no coder) and re-aggregate events
(`rebuild-events`), exactly as the folder flow does, and publish the report artifact.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from wirewatch.config import load_settings
from wirewatch.dedup import reprints as dedup
from wirewatch.feeds.pagecache import PageCache
from wirewatch.feeds.poll import DueFeed
from wirewatch.ingest import scan
from wirewatch.orchestration.run_names import feeds_run_name
from wirewatch.orchestration.tasks import (
    cluster_documents,
    code_events,
    finishing_run,
    ingest_feed_batch,
    publish_feeds_summary,
    publish_report,
    rebuild_events,
    report_markdown,
)
from wirewatch.orchestration.workers import CodingTools, PooledCoding, stage_pool
from wirewatch.orchestration.writing import (
    FLOW_RETRIES,
    FLOW_RETRY_DELAY_S,
    retry_only_transient,
    writing_store,
)
from wirewatch.store import Store

FLOW_NAME = "ingest-feeds"


@flow(
    name=FLOW_NAME,
    flow_run_name=feeds_run_name,
    log_prints=True,
    retries=FLOW_RETRIES,
    retry_delay_seconds=FLOW_RETRY_DELAY_S,
)
@retry_only_transient
def ingest_feeds(
    db: str = "wirewatch.duckdb",
    all_feeds: bool = False,
    feeds_per_batch: int = 50,
    config_file: str | None = None,
) -> dict[str, Any]:
    """Poll the feeds that are due (every feed with `all_feeds`) into the DuckDB file `db`.

    Args:
        db: The DuckDB file the feeds are registered in and the articles are written to.
        all_feeds: Poll every registered feed now, not only those whose next poll is due.
        feeds_per_batch: How many feeds are fetched, extracted and written per transaction.
        config_file: A wirewatch TOML settings file (the `[feeds]` section sets timeouts,
            size caps, politeness and the address policy); none reads the defaults.
    """
    logger = get_run_logger()
    settings = load_settings(config_file)
    run_id = str(flow_run.id or uuid.uuid4())
    tools: CodingTools | PooledCoding | None = None
    totals = dict.fromkeys(
        ("n_feeds", "n_not_modified", "n_failed_feeds", "n_entries_new", "n_documents_new",
         "n_documents_duplicate", "n_failures", "n_reprints", "n_documents_coded",
         "n_events"),
        0,
    )
    counts = scan.ScanCounts()

    def cluster_and_code(store: Store) -> None:
        totals["n_reprints"] += cluster_documents(
            store, run_id, settings.dedup, settings.ingest.batch_size
        )
        if tools is not None:
            # quote(): Prefect would otherwise walk the coder's dictionaries looking for futures.
            totals["n_documents_coded"] += code_events(
                store, run_id, quote(tools), settings.coding
            ).n_documents
            totals["n_events"] = rebuild_events(store, tools.version)

    # Coding runs in the worker processes of `[pipeline] workers`, as in the folder flow; they
    # load the coder before the database is taken for writing.
    with stage_pool(settings) as pool:
        if settings.coding.enabled:
            tools = pool.coding(settings.coding)
        with writing_store(db, FLOW_NAME, run_id, settings.store) as store:
            store.start_run(run_id, FLOW_NAME, "feeds", asdict(settings) | {"all": all_feeds})
            with finishing_run(store, run_id, counts):
                store.ensure_dedup_params(settings.dedup, dedup.HASH_VERSION)
                cluster_and_code(store)  # what a crashed run left unclustered or uncoded
                due = [DueFeed.from_row(row) for row in store.due_feeds(all_feeds=all_feeds)]
                counts.n_matched = len(due)
                for start in range(0, len(due), max(1, feeds_per_batch)):
                    chunk = due[start : start + max(1, feeds_per_batch)]
                    done = ingest_feed_batch(store, run_id, quote(chunk), settings)
                    totals["n_feeds"] += done.n_feeds
                    totals["n_not_modified"] += done.n_not_modified
                    totals["n_failed_feeds"] += done.n_failed_feeds
                    totals["n_entries_new"] += done.n_entries_new
                    totals["n_documents_new"] += done.n_new
                    totals["n_documents_duplicate"] += done.n_duplicate
                    totals["n_failures"] += done.n_failures
                    cluster_and_code(store)
                PageCache.beside(db).clear()  # every batch committed: no page is needed again
            _columns, reasons = store.named_query("queries/select_feed_failures.sql")
            report = report_markdown(store)

    summary: dict[str, Any] = {"run_id": run_id, "db": db, **totals}
    logger.info(
        "polled %(n_feeds)d feeds (%(n_not_modified)d not modified, %(n_failed_feeds)d failed): "
        "%(n_entries_new)d new entries, %(n_documents_new)d new documents, "
        "%(n_failures)d fetch failures recorded",
        summary,
    )
    publish_feeds_summary(summary, [(str(r), str(k), int(n)) for r, k, n, _ in reasons])
    publish_report(report)
    return summary


if __name__ == "__main__":
    ingest_feeds()
