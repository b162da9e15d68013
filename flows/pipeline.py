"""Prefect flows: thin compositions of the stage functions, which stay free of Prefect.

`ingest_folder` scans a folder, reads and normalises what is new or changed in batches, and
writes each batch in one transaction. After each batch it clusters reprints and codes the
canonical document of every new story into events (`code-events`), then re-aggregates the
events that batch touched (`rebuild-events`). `recode_events` re-codes every story with the
current coder in one transaction; `recluster_documents` rebuilds the story clusters.

Tasks carry whole batches: Prefect's per-task cost (~15 ms, ~30 KB of its own database) would
dominate per-article tasks.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from flows import coding, dedup, normalise, progress, report, scan
from flows.config import CodingSettings, DedupSettings, Settings, load_settings
from flows.errors import TransientError, WirewatchError
from flows.events import EventCoder, coder_build
from flows.places import Gazetteer
from flows.schemas import CLUSTER_FAILED, DocumentFailure, FileStat
from flows.store import Store
from flows.tone import ToneScorer

FLOW_INGEST_FOLDER = "ingest-folder"
FLOW_RECLUSTER = "recluster-documents"
FLOW_RECODE = "recode-events"


def _retry_transient(_task: object, _run: object, state: Any) -> bool:
    """Retry only failures that may pass (a held lock); bad input never gets a second go."""
    try:
        state.result()
    except TransientError:
        return True
    except Exception:
        return False
    return False


def store_task(name: str) -> Any:
    """A task that writes to the store: never cached (its effect is the write), retried only
    on transient failures (a held lock), since each write is one transaction."""
    return task(
        name=name,
        cache_policy=NO_CACHE,
        retries=3,
        retry_delay_seconds=2,
        retry_condition_fn=_retry_transient,
    )


@dataclass(frozen=True)
class IngestedBatch:
    """What a batch task hands back to the flow: counts only. Prefect keeps every task result
    referenced until its flow run ends, so returning records would grow memory per batch."""

    n_files: int
    n_new: int
    n_duplicate: int
    n_quarantined: int
    n_deferred: int


@store_task("ingest-batch")
def ingest_batch(
    store: Store, run_id: str, batch: list[FileStat], settings: Settings
) -> IngestedBatch:
    """Read, normalise and store one batch; the write is one transaction, so a retry after a
    transient failure starts from a clean slate."""
    read = scan.read_files(batch, cfg=settings.ingest)
    normalised = normalise.normalise_documents(read.rows, cfg=settings.normalise)
    outcome = store.write_batch(
        run_id,
        normalised.rows,
        read.quarantine + normalised.quarantine,
        read.counts | normalised.counts,
    )
    return IngestedBatch(
        n_files=len(batch),
        n_new=outcome.n_new,
        n_duplicate=outcome.n_duplicate,
        n_quarantined=outcome.n_quarantined,
        n_deferred=int(read.counts["n_deferred"]),
    )


@store_task("cluster-documents")
def cluster_documents(store: Store, run_id: str, cfg: DedupSettings, batch_size: int) -> int:
    """Signatures and story clusters for every document that has none yet, oldest first."""
    hasher = dedup.min_hasher(cfg)
    decide = partial(dedup.decide_clusters, cfg=cfg)
    n_reprints = 0
    while pending := store.pending_dedup(batch_size):
        started = time.perf_counter()
        try:
            signatures = hasher.signatures([body for _, _, body in pending])
        except TransientError:
            raise
        except Exception:
            # One document broke the batch's hashing: find it, set it aside, go on.
            failed = _documents_failing_to_hash(hasher, pending)
            store.quarantine_documents(run_id, failed)
            if not failed:
                raise
            continue
        doc_ids = [doc_id for doc_id, _, _ in pending]
        band_keys = hasher.band_keys(signatures.values)
        decision = store.cluster_batch(
            run_id,
            doc_ids,
            [doc_seq for _, doc_seq, _ in pending],
            signatures,
            band_keys,
            decide,
            cfg,
            seconds_hashing=time.perf_counter() - started,
        )
        n_reprints += decision.n_reprints
    return n_reprints


def _documents_failing_to_hash(
    hasher: dedup.MinHasher, pending: list[tuple[str, int, str]]
) -> list[DocumentFailure]:
    """The documents whose signature raises on its own, with the message."""
    failed: list[DocumentFailure] = []
    for doc_id, _doc_seq, body in pending:
        try:
            hasher.signatures([body])
        except TransientError:
            raise
        except Exception as exc:
            failed.append(
                DocumentFailure(doc_id, CLUSTER_FAILED, f"{type(exc).__name__}: {exc}"[:500])
            )
    return failed


@dataclass(frozen=True)
class CodingTools:
    """What the coding stage needs, loaded once per flow run (dictionaries, gazetteer,
    lexicon take about a second together)."""

    coder: EventCoder
    gazetteer: Gazetteer
    tone: ToneScorer

    @classmethod
    def load(cls, cfg: CodingSettings) -> CodingTools:
        return cls(EventCoder.load(cfg.extra_actor_dirs), Gazetteer.load(), ToneScorer())

    def code(self, docs: pa.Table, run_id: str) -> coding.CodingResult:
        return coding.code_documents(
            docs,
            coder=self.coder,
            gazetteer=self.gazetteer,
            tone=self.tone,
            run_id=run_id,
            coded_at=datetime.now(UTC),
        )


@dataclass(frozen=True)
class CodedTotals:
    n_documents: int = 0
    n_mentions: int = 0


@store_task("code-events")
def code_events(store: Store, run_id: str, tools: CodingTools, cfg: CodingSettings) -> CodedTotals:
    """Code every canonical document this coder version has not coded, a batch per
    transaction; with nothing to code, still drop rows of documents no longer canonical."""
    version = tools.coder.version
    n_documents = n_mentions = 0
    while (docs := store.pending_coding(version, cfg.batch_size, cfg.languages)).num_rows:
        started = time.perf_counter()
        result = tools.code(docs, run_id)
        store.write_coded_batch(
            run_id,
            version,
            result.mentions,
            result.coded_documents,
            seconds_coding=time.perf_counter() - started,
        )
        n_documents += result.coded_documents.num_rows
        n_mentions += result.mentions.num_rows
    if n_documents == 0:
        store.write_coded_batch(
            run_id, version, coding.empty_mentions(), coding.empty_coded_documents()
        )
    return CodedTotals(n_documents, n_mentions)


@store_task("rebuild-events")
def rebuild_events(store: Store, coder_version: str) -> int:
    """One events row per distinct event of this coder version, counted over story clusters."""
    return store.rebuild_events(coder_version)


@store_task("recode-version")
def recode_version(
    store: Store, run_id: str, tools: CodingTools, cfg: CodingSettings
) -> tuple[int, int, int]:
    """Re-code every canonical document and swap this version's rows in one transaction."""

    def code_batch(docs: pa.Table) -> tuple[pa.Table, pa.Table]:
        result = tools.code(docs, run_id)
        return result.mentions, result.coded_documents

    return store.replace_coder_version(
        run_id, tools.coder.version, code_batch, cfg.batch_size, cfg.languages
    )


@contextmanager
def _finishing_run(store: Store, run_id: str, counts: scan.ScanCounts) -> Iterator[None]:
    """Mark the run completed when the block ends, or failed with the error that ended it."""
    status, error = "failed", None
    try:
        yield
        status = "completed"
    except BaseException as exc:
        error = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        store.finish_run(
            run_id,
            status=status,
            error=error,
            n_files_matched=counts.n_matched,
            n_files_unchanged=counts.n_unchanged,
            n_files_deferred=counts.n_deferred,
            seconds_scan=counts.seconds,
        )


def _settings(
    config_file: str | None,
    glob: list[str] | None,
    batch_size: int | None,
    settle_seconds: float | None,
    max_file_bytes: int | None,
) -> Settings:
    return load_settings(
        config_file,
        overrides={
            "ingest": {
                "glob": glob,
                "batch_size": batch_size,
                "settle_seconds": settle_seconds,
                "max_file_bytes": max_file_bytes,
            }
        },
    )


def _publish_summary(summary: dict[str, Any], top_reasons: list[tuple[str, int]]) -> None:
    rows = [{"measure": key, "value": value} for key, value in summary.items() if key != "root"]
    rows += [{"measure": f"quarantined: {reason}", "value": n} for reason, n in top_reasons]
    create_table_artifact(
        key="ingest-folder-summary", table=rows, description=f"Ingest of {summary['root']}"
    )
    reasons = "\n".join(f"| {reason} | {n} |" for reason, n in top_reasons) or "| (none) | 0 |"
    create_markdown_artifact(
        key="ingest-folder-report",
        markdown=(
            f"# Ingest of `{summary['root']}`\n\n"
            f"- new documents: **{summary['n_documents_new']}**\n"
            f"- exact duplicates: {summary['n_documents_duplicate']}\n"
            f"- quarantined: {summary['n_quarantined']}\n"
            f"- unchanged files skipped: {summary['n_files_unchanged']}\n"
            f"- still being written (next run): {summary['n_files_deferred']}\n"
            f"- stories coded: {summary['n_documents_coded']} "
            f"({summary['n_event_mentions']} event mentions; {summary['n_events']} events "
            "in the database)\n\n"
            f"| quarantine reason (all time) | files |\n|---|---|\n{reasons}\n"
        ),
    )


def _report_markdown(store: Store) -> str | None:
    """The analyst summary for the Prefect UI; None (logged) if a report query fails, since
    the run's data has already landed and its runs row says so."""
    try:
        return report.summary_markdown(report.collect_report(store.named_query))
    except WirewatchError as exc:
        get_run_logger().error("report artifact skipped: %s", exc)
        return None


def _publish_report(markdown: str | None) -> None:
    if markdown is not None:
        create_markdown_artifact(key=report.REPORT_ARTIFACT_KEY, markdown=markdown)


@flow(name=FLOW_INGEST_FOLDER, log_prints=True)
def ingest_folder(
    path: str = "seeds",
    db: str = "wirewatch.duckdb",
    glob: list[str] | None = None,
    batch_size: int | None = None,
    settle_seconds: float | None = None,
    max_file_bytes: int | None = None,
    config_file: str | None = None,
) -> dict[str, Any]:
    """Ingest new and changed articles under `path` into the DuckDB file `db`."""
    logger = get_run_logger()
    settings = _settings(config_file, glob, batch_size, settle_seconds, max_file_bytes)
    root = Path(path).expanduser().absolute()
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
    tools = CodingTools.load(settings.coding) if settings.coding.enabled else None
    if tools is not None:
        logger.info("event coder %s, %s", tools.coder.version, coder_build())

    def code_new_documents(store: Store) -> None:
        if tools is not None:
            # quote(): Prefect would otherwise walk the coder's dictionaries looking for futures.
            coded = code_events(store, run_id, quote(tools), settings.coding)
            totals["n_documents_coded"] += coded.n_documents
            totals["n_event_mentions"] += coded.n_mentions
            # After every batch, not once at the end: each rebuild then re-aggregates one
            # batch's events, so its memory does not grow with the size of the run.
            totals["n_events"] = rebuild_events(store, tools.coder.version)

    counts = scan.ScanCounts()
    n_deferred_on_read = 0

    with Store.open(db) as store:
        abandoned = store.start_run(run_id, FLOW_INGEST_FOLDER, str(root), asdict(settings))
        if abandoned:
            logger.warning("marked %d earlier unfinished run(s) as abandoned", abandoned)
        with _finishing_run(store, run_id, counts):
            store.ensure_dedup_params(settings.dedup, dedup.HASH_VERSION)
            # Finish what an earlier run left undone (a crash between write and cluster).
            totals["n_reprints"] += cluster_documents(
                store, run_id, settings.dedup, settings.ingest.batch_size
            )
            code_new_documents(store)
            batches = scan.iter_changed_batches(root, settings.ingest, store.select_changed, counts)
            for batch in batches:
                # quote(): Prefect would otherwise walk every record looking for futures.
                done = ingest_batch(store, run_id, quote(batch), settings)
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
        report_markdown = _report_markdown(store)

    summary: dict[str, Any] = {
        "run_id": run_id,
        "root": str(root),
        "db": db,
        "n_files_matched": counts.n_matched,
        "n_files_unchanged": counts.n_unchanged,
        "n_files_deferred": counts.n_deferred + n_deferred_on_read,
        **totals,
    }
    if counts.deferred_paths:
        logger.info(
            "still being written, left for the next run: %s", ", ".join(counts.deferred_paths)
        )
    logger.info(
        "ingested %(n_documents_new)d new documents, %(n_documents_duplicate)d duplicates, "
        "%(n_quarantined)d quarantined, %(n_files_unchanged)d unchanged files skipped, "
        "%(n_reprints)d recognised as reprints of an earlier story, "
        "%(n_documents_coded)d stories coded into %(n_event_mentions)d event mentions",
        summary,
    )
    _publish_summary(summary, [(str(r), int(n)) for r, n in reason_rows])
    _publish_report(report_markdown)
    return summary


@flow(name=FLOW_RECLUSTER)
def recluster_documents(
    db: str = "wirewatch.duckdb", config_file: str | None = None
) -> dict[str, Any]:
    """Drop every signature and story cluster and rebuild them with the current settings
    (after changing [dedup] settings, or to apply a new hashing version)."""
    settings = load_settings(config_file)
    run_id = str(flow_run.id or uuid.uuid4())
    with Store.open(db) as store:
        store.start_run(run_id, FLOW_RECLUSTER, "", asdict(settings))
        with _finishing_run(store, run_id, scan.ScanCounts()):
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
        report_markdown = _report_markdown(store)
    _publish_report(report_markdown)
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


@flow(name=FLOW_RECODE)
def recode_events(db: str = "wirewatch.duckdb", config_file: str | None = None) -> dict[str, Any]:
    """Re-code every canonical document with the current coder and replace that coder
    version's mentions, coded documents and events in one transaction (after a coder or
    dictionary change, or to apply new date, place or tone rules)."""
    settings = load_settings(config_file)
    run_id = str(flow_run.id or uuid.uuid4())
    tools = CodingTools.load(settings.coding)
    with Store.open(db) as store:
        store.start_run(run_id, FLOW_RECODE, "", asdict(settings))
        with _finishing_run(store, run_id, scan.ScanCounts()):
            n_documents, n_mentions, n_events = recode_version(
                store, run_id, quote(tools), settings.coding
            )
        report_markdown = _report_markdown(store)
    _publish_report(report_markdown)
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


if __name__ == "__main__":
    ingest_folder()
