"""The `ingest-folder` flow: new and changed articles of a folder into the DuckDB file.

Per batch: read and normalise the files, write them in one transaction (`ingest-batch`),
cluster reprints (`cluster-documents`), code the canonical copy of every new story
(`code-events`) and re-aggregate the events the batch touched (`rebuild-events`). Reading,
normalising and coding run in worker processes (`[pipeline] workers`), the next batches while
this process writes the current one: it is the database's one writer and holds no coder.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from wirewatch import progress
from wirewatch.coding.events import coder_build
from wirewatch.dedup import reprints as dedup
from wirewatch.ingest import scan
from wirewatch.ingest.paths import path_to_text
from wirewatch.orchestration.run_names import ingest_run_name
from wirewatch.orchestration.tasks import (
    cluster_documents,
    code_events,
    finishing_run,
    ingest_batch,
    ingest_settings,
    publish_report,
    publish_summary,
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

FLOW_NAME = "ingest-folder"


@flow(
    name=FLOW_NAME,
    flow_run_name=ingest_run_name,
    log_prints=True,
    retries=FLOW_RETRIES,
    retry_delay_seconds=FLOW_RETRY_DELAY_S,
)
@retry_only_transient
def ingest_folder(
    path: str = "seeds",
    db: str = "wirewatch.duckdb",
    glob: list[str] | None = None,
    batch_size: int | None = None,
    settle_seconds: float | None = None,
    max_file_bytes: int | None = None,
    config_file: str | None = None,
) -> dict[str, Any]:
    """Ingest new and changed articles under `path` into the DuckDB file `db`.

    Args:
        path: The folder to ingest, searched recursively; relative paths start in the folder
            the run works in (for a deployment, the one `prefect deploy` ran in).
        db: The DuckDB file the documents go into; created with its tables on the first run.
        glob: File patterns relative to the folder (`**` spans folders); empty: the
            configured `[ingest] glob`, by default `**/*.txt`.
        batch_size: Files per batch, each batch one transaction; empty: `[ingest] batch_size`
            (1000).
        settle_seconds: A file modified less than this many seconds ago is still being
            written and waits for the next run; empty: `[ingest] settle_seconds` (2).
        max_file_bytes: Larger files are quarantined as too_large; empty:
            `[ingest] max_file_bytes` (20 MiB).
        config_file: A wirewatch TOML settings file; empty: ./wirewatch.toml where the run
            works, if there is one.
    """
    logger = get_run_logger()
    settings = ingest_settings(config_file, glob, batch_size, settle_seconds, max_file_bytes)
    # Resolved once: the ledger keys files by resolved path, so `../corpus`, `/abs/corpus` and
    # a symlinked parent folder are one folder.
    root = Path(path).expanduser().resolve()
    root_text = path_to_text(str(root))
    run_id = str(flow_run.id or uuid.uuid4())
    totals = {
        "n_documents_new": 0,
        "n_documents_duplicate": 0,
        "n_quarantined": 0,
        "n_reprints": 0,
        "n_documents_coded": 0,
        "n_event_mentions": 0,
        "n_events": 0,
    }
    tools: CodingTools | PooledCoding | None = None

    def code_new_documents(store: Store) -> None:
        if tools is not None:
            # quote(): Prefect would otherwise walk the coder's dictionaries looking for futures.
            coded = code_events(store, run_id, quote(tools), settings.coding)
            totals["n_documents_coded"] += coded.n_documents
            totals["n_event_mentions"] += coded.n_mentions
            # After every batch, not once at the end: each rebuild then re-aggregates one
            # batch's events, so its memory does not grow with the size of the run.
            totals["n_events"] = rebuild_events(store, tools.version)

    counts = scan.ScanCounts()
    n_deferred_on_read = 0

    # Workers (and the coder in them) start before the database is taken for writing.
    with stage_pool(settings) as pool:
        if settings.coding.enabled:
            tools = pool.coding(settings.coding)
            logger.info(
                "event coder %s, %s, %d worker process(es)",
                tools.version,
                coder_build(),
                pool.workers,
            )
        with writing_store(db, FLOW_NAME, run_id, settings.store) as store:
            abandoned = store.start_run(run_id, FLOW_NAME, root_text, asdict(settings))
            if abandoned:
                logger.warning("marked %d earlier unfinished run(s) as abandoned", abandoned)
            with finishing_run(store, run_id, counts):
                store.ensure_dedup_params(settings.dedup, dedup.HASH_VERSION)
                # Finish what an earlier run left undone (a crash between write and cluster).
                totals["n_reprints"] += cluster_documents(
                    store, run_id, settings.dedup, settings.ingest.batch_size
                )
                code_new_documents(store)
                batches = scan.iter_changed_batches(
                    root,
                    settings.ingest,
                    store.select_changed,
                    counts,
                    retry_paths=store.retry_paths(root_text),
                    close_vanished=partial(store.close_vanished, run_id),
                )
                for batch in pool.prepared_batches(batches, settings):
                    # quote(): Prefect would otherwise walk every record looking for futures.
                    done = ingest_batch(store, run_id, quote(batch))
                    totals["n_reprints"] += cluster_documents(
                        store, run_id, settings.dedup, settings.ingest.batch_size
                    )
                    code_new_documents(store)
                    n_deferred_on_read += done.n_deferred
                    totals["n_documents_new"] += done.n_new
                    totals["n_documents_duplicate"] += done.n_duplicate
                    totals["n_quarantined"] += done.n_quarantined
                    progress.batch_done(
                        n_files=done.n_files,
                        n_new=done.n_new,
                        n_duplicate=done.n_duplicate,
                        n_quarantined=done.n_quarantined,
                    )
            _columns, reason_rows = store.named_query("queries/top_quarantine_reasons.sql")
            report = report_markdown(store)

    summary: dict[str, Any] = {
        "run_id": run_id,
        "root": root_text,
        "db": db,
        "n_files_matched": counts.n_matched,
        "n_files_unchanged": counts.n_unchanged,
        "n_files_deferred": counts.n_deferred + n_deferred_on_read,
        "n_files_vanished": counts.n_vanished,
        **totals,
    }
    if counts.deferred_paths:
        logger.info(
            "still being written, left for the next run: %s",
            ", ".join(path_to_text(p) for p in counts.deferred_paths),
        )
    logger.info(
        "ingested %(n_documents_new)d new documents, %(n_documents_duplicate)d duplicates, "
        "%(n_quarantined)d quarantined, %(n_files_unchanged)d unchanged files skipped, "
        "%(n_reprints)d recognised as reprints of an earlier story, "
        "%(n_documents_coded)d stories coded into %(n_event_mentions)d event mentions",
        summary,
    )
    publish_summary(summary, [(str(r), int(n)) for r, n in reason_rows])
    publish_report(report)
    return summary


if __name__ == "__main__":
    ingest_folder()
