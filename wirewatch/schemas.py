"""Records passed between stages, their Arrow schemas at the store boundary, and the
quarantine reason codes (stable snake_case; also listed in ARCHITECTURE.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa

# --- quarantine reasons -------------------------------------------------------------------
EMPTY_FILE = "empty_file"  # zero bytes
NO_TEXT = "no_text"  # decodes, but nothing is left after whitespace and furniture removal
BINARY = "binary"  # NUL bytes or a known binary signature (PDF, ZIP, images, gzip)
UNDECODABLE = "undecodable"  # no supported encoding gives plausible text
TOO_LARGE = "too_large"  # over ingest.max_file_bytes
UNREADABLE = "unreadable"  # permission denied or another OS error on open/read
SYMLINK_LOOP = "symlink_loop"  # resolving the path loops
BROKEN_SYMLINK = "broken_symlink"  # a symlink whose target does not exist
FILE_VANISHED = "file_vanished"  # deleted between scan and read
NOT_A_FILE = "not_a_file"  # a directory, FIFO, socket or device named like an article
OUTSIDE_FOLDER = "outside_folder"  # a symlink whose target lies outside the watched folder
# A stage raised on one document (a bug its input triggers): the document is set aside, the
# run goes on. One code per stage, so `quarantine_by_reason` says where it broke.
NORMALISE_FAILED = "normalise_failed"  # decoding or normalising the file raised
CLUSTER_FAILED = "cluster_failed"  # computing the stored document's signature raised
CODING_FAILED = "coding_failed"  # coding the canonical document into events raised

QUARANTINE_REASONS: tuple[str, ...] = (
    EMPTY_FILE,
    NO_TEXT,
    BINARY,
    UNDECODABLE,
    TOO_LARGE,
    UNREADABLE,
    SYMLINK_LOOP,
    BROKEN_SYMLINK,
    FILE_VANISHED,
    NOT_A_FILE,
    OUTSIDE_FOLDER,
    NORMALISE_FAILED,
    CLUSTER_FAILED,
    CODING_FAILED,
)

# --- quarantine stages (quarantine.stage) -------------------------------------------------
STAGE_READ = "read"  # scan and read: the file itself
STAGE_DECODE = "decode"
STAGE_NORMALISE = "normalise"
STAGE_DEDUP = "dedup"  # a stored document (quarantine.doc_id set)
STAGE_CODING = "coding"  # a stored document (quarantine.doc_id set)
REASON_STAGES: dict[str, str] = {
    EMPTY_FILE: STAGE_NORMALISE,
    NO_TEXT: STAGE_NORMALISE,
    NORMALISE_FAILED: STAGE_NORMALISE,
    BINARY: STAGE_DECODE,
    UNDECODABLE: STAGE_DECODE,
    CLUSTER_FAILED: STAGE_DEDUP,
    CODING_FAILED: STAGE_CODING,
}


def reason_stage(reason: str) -> str:
    """The stage a reason code belongs to; every other reason comes from scan or read."""
    return REASON_STAGES.get(reason, STAGE_READ)


# Reasons that depend on the file's surroundings rather than its bytes: the ledger marks these
# `retry`, so the next run looks at the file again even if its size and mtime did not change.
RETRYABLE_REASONS: frozenset[str] = frozenset({UNREADABLE, FILE_VANISHED, BROKEN_SYMLINK})

# --- file ledger statuses -----------------------------------------------------------------
STATUS_INGESTED = "ingested"  # produced a new document
STATUS_DUPLICATE = "duplicate"  # body identical to a document already stored
STATUS_QUARANTINED = "quarantined"  # bad bytes; skipped until the file changes
STATUS_RETRY = "retry"  # failed for a reason outside the bytes; tried again next run
# A retry row whose path a later complete scan of its folder no longer found (deleted, moved,
# or now a symlink to a file recorded under its own path): final, never retried; found again,
# the path is processed like a new one.
STATUS_VANISHED = "vanished"


@dataclass(frozen=True, slots=True)
class FileStat:
    """One path found by the scan, with the stat taken then."""

    path: str
    size: int
    mtime_ns: int
    seq: int  # position in scan order: the tie-breaker that makes reruns deterministic
    # Set when the scan already knows the path is bad (symlink loop, directory, ...).
    reason: str | None = None
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class RawFile:
    """A file's bytes, read and hashed."""

    stat: FileStat
    content: bytes
    sha256: str


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    path: str
    reason: str
    detail: str
    size: int | None = None
    mtime_ns: int | None = None
    sha256: str | None = None
    seq: int = 0

    @property
    def stage(self) -> str:
        return reason_stage(self.reason)


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """A stored document a later stage (dedup) could not process."""

    doc_id: str
    reason: str
    detail: str

    @property
    def stage(self) -> str:
        return reason_stage(self.reason)


@dataclass(frozen=True, slots=True)
class Document:
    """A normalised article, ready to store."""

    doc_id: str
    source_path: str
    seq: int
    size: int
    mtime_ns: int
    sha256: str
    encoding: str
    title: str | None
    byline: str | None
    outlet: str | None
    url: str | None
    published_date: date | None
    dateline_place: str | None
    dateline_month: int | None
    dateline_day: int | None
    dateline_agency: str | None
    dateline_raw: str | None
    lang: str
    lang_prob: float
    n_chars: int
    body: str
    normaliser_version: str


@dataclass
class StageResult:
    """What a stage returns: good rows, quarantined rows, and counters for the run record."""

    rows: list[Any] = field(default_factory=list)
    quarantine: list[QuarantineRecord] = field(default_factory=list)
    counts: dict[str, float] = field(default_factory=dict)


# --- Arrow schemas at the store boundary --------------------------------------------------
BATCH_DOCUMENTS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source_path", pa.string()),
        ("seq", pa.int64()),
        ("size", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("sha256", pa.string()),
        ("encoding", pa.string()),
        ("title", pa.string()),
        ("byline", pa.string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("published_date", pa.date32()),
        ("dateline_place", pa.string()),
        ("dateline_month", pa.int8()),
        ("dateline_day", pa.int8()),
        ("dateline_agency", pa.string()),
        ("dateline_raw", pa.string()),
        ("lang", pa.string()),
        ("lang_prob", pa.float64()),
        ("n_chars", pa.int64()),
        ("body", pa.string()),
        ("normaliser_version", pa.string()),
    ]
)

BATCH_QUARANTINE = pa.schema(
    [
        ("path", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("size", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("sha256", pa.string()),
        ("seq", pa.int64()),
        ("stage", pa.string()),
    ]
)

DOCUMENT_FAILURES = pa.schema(
    [
        ("doc_id", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("stage", pa.string()),
    ]
)

FILE_STATS = pa.schema(
    [
        ("path", pa.string()),
        ("size", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("seq", pa.int64()),
        ("reason", pa.string()),
        ("detail", pa.string()),
    ]
)


def to_table(
    records: Sequence[Any] | Iterable[Any],
    schema: pa.Schema,
    convert: Mapping[str, Callable[[Any], Any]] | None = None,
) -> pa.Table:
    """Dataclass records -> Arrow table with exactly `schema`'s columns; `convert` maps a
    column name to a function applied to each of its values (e.g. paths to stored text)."""
    names = schema.names
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for record in records:
        for name in names:
            columns[name].append(getattr(record, name))
    for name, function in (convert or {}).items():
        columns[name] = [None if value is None else function(value) for value in columns[name]]
    return pa.Table.from_pydict(columns, schema=schema)


# --- per-document text caps ------------------------------------------------------------------
# A file under the size cap can still be one 20 MB line. Dedup and coding read only a prefix of
# such a body (the store fetches no more), so their memory is bounded per document; the stored
# body stays whole. Only the first MAX_SHINGLED_CHARS make a document's shingles, and the coder
# reads at most MAX_CODED_CHARS, cut at a sentence end (coded_documents.n_chars_coded).
MAX_SHINGLED_CHARS = 1_000_000
MAX_CODED_CHARS = 100_000

# --- event coding -------------------------------------------------------------------------
# Canonical documents handed to the coding stage (Store.pending_coding).
CODING_DOCUMENTS = pa.schema(
    [
        ("doc_id", pa.string()),
        ("body", pa.string()),
        ("published_date", pa.date32()),
        ("dateline_month", pa.int8()),
        ("dateline_day", pa.int8()),
        ("dateline_place", pa.string()),
    ]
)

# One row per coded sentence event, in the column order of `event_mentions` (migration 006).
EVENT_MENTIONS = pa.schema(
    [
        ("coder_version", pa.string()),
        ("event_id", pa.string()),
        ("doc_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("sentence_start", pa.int32()),
        ("sentence_end", pa.int32()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("actor1_code", pa.string()),
        ("actor1_name", pa.string()),
        ("actor1_country", pa.string()),
        ("actor1_known_group", pa.string()),
        ("actor1_role", pa.string()),
        ("actor1_start", pa.int32()),
        ("actor1_end", pa.int32()),
        ("actor2_code", pa.string()),
        ("actor2_name", pa.string()),
        ("actor2_country", pa.string()),
        ("actor2_known_group", pa.string()),
        ("actor2_role", pa.string()),
        ("actor2_start", pa.int32()),
        ("actor2_end", pa.int32()),
        ("event_code", pa.string()),
        ("event_base_code", pa.string()),
        ("event_root_code", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("plover_type", pa.string()),
        ("action_start", pa.int32()),
        ("action_end", pa.int32()),
        ("event_date", pa.date32()),
        ("event_date_precision", pa.string()),
        ("location_name", pa.string()),
        ("location_country", pa.string()),
        ("location_fips", pa.string()),
        ("location_lat", pa.float64()),
        ("location_lon", pa.float64()),
        ("location_feature_id", pa.string()),
        ("location_type", pa.int8()),
        ("location_source", pa.string()),
        ("sentence_tone", pa.float64()),
        ("confidence", pa.float64()),
        ("in_raw_text", pa.bool_()),
        ("is_lead", pa.bool_()),
        ("coded_at", pa.timestamp("us", tz="UTC")),
        ("run_id", pa.string()),
    ]
)

# One row per coded document, also those with no event (`coded_documents`, migration 006).
CODED_DOCUMENTS = pa.schema(
    [
        ("coder_version", pa.string()),
        ("doc_id", pa.string()),
        ("n_sentences", pa.int32()),
        ("n_mentions", pa.int32()),
        ("doc_tone", pa.float64()),
        ("coded_at", pa.timestamp("us", tz="UTC")),
        ("run_id", pa.string()),
        # Characters of the body coded: fewer than documents.n_chars when the body was cut at
        # coding.MAX_CODED_CHARS; 0 when coding failed.
        ("n_chars_coded", pa.int64()),
        # NULL, or `coding_failed` with the document quarantined (not coded again by this
        # version); the detail goes to the quarantine row only.
        ("coding_error", pa.string()),
        ("coding_error_detail", pa.string()),
    ]
)

# Where an event's place came from (event_mentions.location_source).
LOCATION_FROM_SENTENCE = "sentence"
LOCATION_FROM_DATELINE = "dateline"
LOCATION_NONE = "none"

# --- feeds (wirewatch/feeds/, migration 011) ----------------------------------------------------
NEW_FEEDS = pa.schema([("url", pa.string()), ("name", pa.string()),
                       ("every_seconds", pa.float64()), ("ord", pa.int64())])
FEED_ENTRY_CANDIDATES = pa.schema(
    [("feed_url", pa.string()), ("guid", pa.string()), ("canonical_url", pa.string())]
)
BATCH_FEED_ENTRIES = pa.schema(
    [
        ("feed_url", pa.string()),
        ("guid", pa.string()),
        ("canonical_url", pa.string()),
        ("entry_url", pa.string()),
        ("title", pa.string()),
        ("published_at", pa.timestamp("us", tz="UTC")),
        ("body_source", pa.string()),
        ("fetch_reason", pa.string()),
        ("doc_id", pa.string()),
        ("lang_hint", pa.string()),
        ("seq", pa.int64()),
    ]
)
BATCH_FEED_FAILURES = pa.schema(
    [
        ("feed_url", pa.string()),
        ("url", pa.string()),
        ("kind", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("http_status", pa.int32()),
        ("seq", pa.int64()),
    ]
)
BATCH_FEED_STATES = pa.schema(
    [
        ("url", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("last_status", pa.int32()),
        ("last_error", pa.string()),
        ("failed", pa.bool_()),
        ("title", pa.string()),
    ]
)
