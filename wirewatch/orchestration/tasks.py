"""Prefect tasks shared by the flows in `flows/`: each wraps one stage call or one store
transaction over a whole batch.

Tasks carry whole batches: Prefect's per-task cost (~15 ms, ~30 KB of its own database) would
dominate per-article tasks. Every task that writes is never cached (its effect is the write)
and is retried only on transient failures, since each write is one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from wirewatch.analytics import report
from wirewatch.coding import mentions as coding
from wirewatch.config import CodingSettings, DedupSettings, Settings, load_settings
from wirewatch.dedup import reprints as dedup
from wirewatch.errors import TransientError, WirewatchError
from wirewatch.feeds import poll
from wirewatch.feeds.pagecache import PageCache
from wirewatch.ingest import normalise, scan
from wirewatch.orchestration.workers import (
    CodingTools,
    PooledCoding,
    PreparedBatch,
    discard_pool,
    stage_pool,
)
from wirewatch.store import Store

__all__ = ["CodingTools"]  # its home is workers.py; flows and the watcher import it here


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
def ingest_batch(store: Store, run_id: str, batch: PreparedBatch) -> IngestedBatch:
    """Store one batch read and normalised by `prepare_batch` (here or in a worker); the
    write is one transaction, so a retry after a transient failure starts from a clean slate."""
    outcome = store.write_batch(run_id, batch.documents, batch.quarantine, batch.counts)
    return IngestedBatch(
        n_files=batch.n_files,
        n_new=outcome.n_new,
        n_duplicate=outcome.n_duplicate,
        n_quarantined=outcome.n_quarantined,
        n_deferred=batch.n_deferred,
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
            failed = dedup.signature_failures(hasher, pending)
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


@dataclass(frozen=True)
class CodedTotals:
    n_documents: int = 0
    n_mentions: int = 0


@store_task("code-events")
def code_events(
    store: Store, run_id: str, tools: CodingTools | PooledCoding, cfg: CodingSettings
) -> CodedTotals:
    """Code every canonical document this coder version has not coded, a batch per
    transaction; with nothing to code, still drop rows of documents no longer canonical.

    With worker processes (`PooledCoding`) one round fetches a batch per worker, codes them
    side by side and writes them in order, each its own transaction as without workers."""
    version = tools.version
    n_documents = n_mentions = 0
    round_size = cfg.batch_size * tools.parallelism
    while (docs := store.pending_coding(version, round_size, cfg.languages)).num_rows:
        batches = [
            docs.slice(offset, cfg.batch_size) for offset in range(0, docs.num_rows, cfg.batch_size)
        ]
        for result, seconds_coding in tools.code_batches(batches, run_id):
            store.write_coded_batch(
                run_id,
                version,
                result.mentions,
                result.coded_documents,
                seconds_coding=seconds_coding,
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
def finishing_run(store: Store, run_id: str, counts: scan.ScanCounts) -> Iterator[None]:
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


def ingest_settings(
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


# The summary table's row labels in the Prefect UI; the flow's returned dict keeps its keys.
SUMMARY_LABELS = {
    "run_id": "Flow run id",
    "db": "Database",
    "n_files_matched": "Files matched",
    "n_files_unchanged": "Files unchanged (skipped)",
    "n_files_deferred": "Files still being written (next run)",
    "n_files_vanished": "Files vanished",
    "n_documents_new": "New documents",
    "n_documents_duplicate": "Exact duplicates",
    "n_quarantined": "Quarantined",
    "n_reprints": "Reprints of an earlier story",
    "n_documents_coded": "Stories coded",
    "n_event_mentions": "Event mentions",
    "n_events": "Events in the database",
    "n_feeds": "Feeds polled",
    "n_not_modified": "Feeds not modified (304)",
    "n_failed_feeds": "Feeds that failed",
    "n_entries_new": "New feed entries",
    "n_failures": "Fetch failures recorded",
}


def summary_label(key: str) -> str:
    """The UI label of a summary key; a key without one still reads as words, not a name."""
    return SUMMARY_LABELS.get(key) or key.removeprefix("n_").replace("_", " ").capitalize()


def publish_summary(summary: dict[str, Any], top_reasons: list[tuple[str, int]]) -> None:
    rows = [
        {"measure": summary_label(key), "value": value}
        for key, value in summary.items()
        if key != "root"
    ]
    rows += [
        {"measure": f"Quarantined (all time): {reason}", "value": n} for reason, n in top_reasons
    ]
    create_table_artifact(
        key="ingest-folder-summary",
        table=rows,
        description=f"Counts of this ingest of {summary['root']} into {summary['db']}",
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
        description=(
            f"What this run did with {summary['root']}, and the quarantine reasons of "
            f"{summary['db']} so far"
        ),
    )


def report_markdown(store: Store) -> str | None:
    """The analyst summary for the Prefect UI; None (logged) if a report query fails, since
    the run's data has already landed and its runs row says so."""
    try:
        return report.summary_markdown(report.collect_report(store.named_query))
    except WirewatchError as exc:
        get_run_logger().error("report artifact skipped: %s", exc)
        return None


def publish_report(markdown: str | None) -> None:
    if markdown is not None:
        create_markdown_artifact(
            key=report.REPORT_ARTIFACT_KEY,
            markdown=markdown,
            description=(
                "The analyst report after this run: events by CAMEO root and QuadClass, top "
                "dyads, the conflict/cooperation index, the most widely carried stories and "
                "the last runs (and the feeds, once one is registered)"
            ),
        )


# --- feeds (flows/ingest_feeds.py) ----------------------------------------------------------
@dataclass(frozen=True)
class IngestedFeedBatch:
    """Counts of one batch of feeds, for the flow's summary."""

    n_feeds: int
    n_not_modified: int
    n_failed_feeds: int
    n_entries_new: int
    n_new: int
    n_duplicate: int
    n_failures: int
    seconds_extract: float


@store_task("ingest-feed-batch")
def ingest_feed_batch(
    store: Store, run_id: str, feeds: list[poll.DueFeed], settings: Settings
) -> IngestedFeedBatch:
    """Poll a batch of feeds, normalise their new articles like files, and store documents,
    sightings, entries, failures and the feeds' state in one transaction."""
    counts = poll.PollCounts()
    # Pages fetched are kept beside the database until this batch commits: a rerun after a
    # crash reads them there instead of fetching them again.
    pages = PageCache.beside(store.path)
    # Pages are extracted in the `[pipeline] workers` processes while this one fetches.
    with stage_pool(settings) as workers:
        polls = poll.poll_feeds(
            feeds,
            settings.feeds,
            store.known_feed_entries,
            counts=counts,
            pages=pages,
            workers=None if workers.in_process else workers,
        )
    if counts.workers_broken:
        discard_pool(workers)  # the next batch starts new workers
    articles = [article for p in polls for article in p.articles]
    raws = [
        replace(article.raw, stat=replace(article.raw.stat, seq=seq))
        for seq, article in enumerate(articles)
    ]
    normalised = normalise.normalise_documents(raws, cfg=settings.normalise)
    doc_ids = {document.seq: document.doc_id for document in normalised.rows}
    set_aside = {record.seq: record for record in normalised.quarantine}
    entries: list[poll.EntryRow] = []
    failures = [failure for p in polls for failure in p.failures]
    for seq, article in enumerate(articles):
        if seq in doc_ids:
            article.entry.doc_id = doc_ids[seq]
        elif seq in set_aside:
            record = set_aside[seq]
            article.entry.body_source = poll.BODY_NONE
            article.entry.fetch_reason = article.entry.fetch_reason or record.reason
            failures.append(
                poll.FailureRow(
                    article.entry.feed_url, record.path, "page", record.reason, record.detail
                )
            )
        entries.append(article.entry)
    entries += [entry for p in polls for entry in p.entries]
    for seq, row in enumerate(entries):
        row.seq = seq
    for seq, failure in enumerate(failures):
        failure.seq = seq
    outcome = store.write_feed_batch(
        run_id,
        normalised.rows,
        poll.entry_table(entries),
        poll.failure_table(failures),
        poll.state_table(polls),
        {"bytes_read": counts.bytes_read, "read_seconds": counts.seconds_fetch} | normalised.counts,
        max_backoff_seconds=settings.feeds.max_backoff_seconds,
    )
    pages.release()
    return IngestedFeedBatch(
        n_feeds=len(polls),
        n_not_modified=sum(p.not_modified for p in polls),
        n_failed_feeds=sum(p.failed for p in polls),
        n_entries_new=len(articles),
        n_new=outcome.n_new,
        n_duplicate=outcome.n_duplicate,
        n_failures=len(failures),
        seconds_extract=counts.seconds_extract,
    )


def publish_feeds_summary(summary: dict[str, Any], reasons: list[tuple[str, str, int]]) -> None:
    rows = [{"measure": summary_label(key), "value": value} for key, value in summary.items()]
    rows += [{"measure": f"Failed ({kind}): {reason}", "value": n} for reason, kind, n in reasons]
    create_table_artifact(
        key="ingest-feeds-summary",
        table=rows,
        description=(
            "What this poll of the registered feeds did: feeds fetched, not modified and "
            "failed, new entries and documents, and fetch failures by reason"
        ),
    )
