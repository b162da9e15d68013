"""Settings: embedded defaults, overridden by `wirewatch.toml`, then by environment, then by
explicit arguments (flow parameters or CLI options), each layer touching only the keys it sets.

Environment variables are named `WIREWATCH__<SECTION>__<KEY>`, e.g.
`WIREWATCH__INGEST__BATCH_SIZE=500`. Every value is validated on load and a bad one raises
`ConfigError` naming the key. Each stage receives only its own section.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from wirewatch.errors import ConfigError

CONFIG_FILE_NAME = "wirewatch.toml"
ENV_PREFIX = "WIREWATCH__"


@dataclass(frozen=True)
class IngestSettings:
    """How the folder is scanned and read."""

    # Glob patterns matched against paths relative to the scanned folder; `**/` spans folders.
    # Saved web pages (.html, .htm) go through the article extractor (wirewatch/feeds/extract.py).
    glob: tuple[str, ...] = ("**/*.txt", "**/*.html", "**/*.htm")
    # Files per batch: one task run and one database transaction each.
    batch_size: int = 1000
    # A batch is also cut when its files add up to this many bytes, so memory stays bounded.
    batch_bytes: int = 256 * 1024 * 1024
    # A file modified more recently than this is presumed still being written: next run.
    settle_seconds: float = 2.0
    # Larger files are quarantined as `too_large` without being read.
    max_file_bytes: int = 20 * 1024 * 1024
    # A symlink whose target lies outside the watched folder is quarantined as
    # `outside_folder` unless this is true (the folder is a boundary).
    follow_symlinks_outside: bool = False

    def validate(self) -> None:
        _require(bool(self.glob), "ingest.glob", "needs at least one pattern")
        for pattern in self.glob:
            _require(
                isinstance(pattern, str) and pattern.strip() != "",
                "ingest.glob",
                f"pattern {pattern!r} is empty",
            )
            _require(not pattern.startswith("/"), "ingest.glob", f"{pattern!r} must be relative")
        _require(self.batch_size >= 1, "ingest.batch_size", "must be >= 1")
        _require(self.batch_bytes >= 1024, "ingest.batch_bytes", "must be >= 1024")
        _require(self.settle_seconds >= 0, "ingest.settle_seconds", "must be >= 0")
        _require(self.max_file_bytes >= 1, "ingest.max_file_bytes", "must be >= 1")


@dataclass(frozen=True)
class NormaliseSettings:
    """How bytes become a clean title and body, and how language is decided."""

    # Below this many letters in the body, language is `und` (langdetect guesses wildly).
    min_lang_chars: int = 40
    # Below this top-language probability, language is `und`.
    min_lang_prob: float = 0.80
    # Detection reads at most this many body characters, in this many windows spread through
    # the body; lang_prob is the windows' mean posterior for the language found
    # (wirewatch/ingest/language.py; agreement with langdetect.detect and speed in
    # bench/language.py, docs/benchmarks.md).
    lang_sample_chars: int = 1000
    lang_windows: int = 6
    # Decoded text with more than this share of control characters is `undecodable`.
    max_control_char_ratio: float = 0.01

    def validate(self) -> None:
        _require(self.min_lang_chars >= 0, "normalise.min_lang_chars", "must be >= 0")
        _require(0.0 <= self.min_lang_prob <= 1.0, "normalise.min_lang_prob", "must be in [0, 1]")
        _require(self.lang_sample_chars >= 50, "normalise.lang_sample_chars", "must be >= 50")
        _require(self.lang_windows >= 1, "normalise.lang_windows", "must be >= 1")
        _require(
            0.0 <= self.max_control_char_ratio <= 1.0,
            "normalise.max_control_char_ratio",
            "must be in [0, 1]",
        )


@dataclass(frozen=True)
class DedupSettings:
    """How reprints are recognised. Stored signatures are only comparable when made with the
    same shingle_words, num_perm and seed; the store refuses to mix them."""

    # Words per shingle: longer shingles tell rewrites from reprints better, shorter ones
    # survive word edits better.
    shingle_words: int = 5
    # Bins of the one-permutation MinHash signature (a power of two).
    num_perm: int = 128
    # LSH bands; rows per band = num_perm // bands. More bands find lower-similarity pairs.
    bands: int = 64
    seed: int = 1
    # A candidate pair is one story when estimated Jaccard reaches this ... (thresholds from
    # the bench/neardup/evaluate.py --sweep on a generated 5k corpus, checked on a second one
    # they were not chosen on; figures in docs/benchmarks.md)
    min_jaccard: float = 0.3
    # ... or when the smaller document is contained in the larger at least this much
    # (a truncated reprint), provided it has at least min_containment_shingles shingles.
    min_containment: float = 0.9
    min_containment_shingles: int = 20
    # Candidates verified per new document: the ones sharing the most LSH bands, and at least
    # min_shared_bands of them. Two shared bands keep 99.8 % of pairs at Jaccard 0.35 but
    # almost none of the chance single-band matches between unrelated stories.
    max_candidates: int = 50
    min_shared_bands: int = 2
    # Documents kept per LSH band key (the earliest): bounds the work per new document when
    # boilerplate makes a key common. Part of the index's shape, like num_perm.
    max_bucket: int = 50
    # A candidate whose estimated Jaccard or containment lies within this distance of its
    # threshold (either side) is decided on the exact shingle sets of the two documents: the
    # estimate's standard deviation is ~0.04 at Jaccard 0.3 with 128 bins, so that close to a
    # threshold it decides by chance. 0 turns exact verification off. (Figures in
    # docs/benchmarks.md, "Dedup throughput".)
    exact_margin: float = 0.05

    def validate(self) -> None:
        _require(self.max_candidates >= 1, "dedup.max_candidates", "must be >= 1")
        _require(self.max_bucket >= 1, "dedup.max_bucket", "must be >= 1")
        _require(
            1 <= self.min_shared_bands <= self.bands,
            "dedup.min_shared_bands",
            "must be between 1 and bands",
        )
        _require(self.shingle_words >= 1, "dedup.shingle_words", "must be >= 1")
        _require(
            self.num_perm >= 16 and self.num_perm & (self.num_perm - 1) == 0,
            "dedup.num_perm",
            "must be a power of two >= 16",
        )
        _require(1 <= self.bands <= self.num_perm, "dedup.bands", "must be between 1 and num_perm")
        _require(0.0 < self.min_jaccard <= 1.0, "dedup.min_jaccard", "must be in (0, 1]")
        _require(0.0 < self.min_containment <= 1.0, "dedup.min_containment", "must be in (0, 1]")
        _require(
            self.min_containment_shingles >= 1,
            "dedup.min_containment_shingles",
            "must be >= 1",
        )
        _require(0.0 <= self.exact_margin <= 1.0, "dedup.exact_margin", "must be in [0, 1]")


@dataclass(frozen=True)
class CodingSettings:
    """How canonical documents are coded into events (wirewatch/coding/mentions.py)."""

    # Code events during `wirewatch run`; `wirewatch recode` codes regardless.
    enabled: bool = True
    # Canonical documents per coding batch: one task loop step and one transaction each.
    batch_size: int = 200
    # Languages the coder reads (documents.lang); other documents are not coded.
    languages: tuple[str, ...] = ("en",)
    # Folders of extra actor dictionaries (the CSV files of wirewatch/coding/data/actors/), read
    # after
    # the packaged ones; they become part of the coder version.
    extra_actor_dirs: tuple[str, ...] = ()

    def validate(self) -> None:
        _require(self.batch_size >= 1, "coding.batch_size", "must be >= 1")
        _require(bool(self.languages), "coding.languages", "needs at least one language")
        for folder in self.extra_actor_dirs:
            _require(
                Path(folder).expanduser().is_dir(),
                "coding.extra_actor_dirs",
                f"{folder!r} is not a folder",
            )


@dataclass(frozen=True)
class FeedsSettings:
    """How feeds and the articles they link to are fetched (wirewatch/feeds/)."""

    # Loopback addresses (127.0.0.0/8, ::1) may be fetched: for local servers and tests only.
    # Private, link-local and metadata addresses stay refused whatever this says.
    allow_loopback: bool = False
    # Requests in flight at once, over all hosts.
    max_concurrency: int = 8
    # Seconds between two requests to the same host.
    per_host_delay_seconds: float = 1.0
    # Deadlines: to connect, between two reads, and for a whole request (a server that sends
    # one byte a second never trips the read deadline).
    connect_timeout_seconds: float = 10.0
    read_timeout_seconds: float = 20.0
    request_timeout_seconds: float = 60.0
    # Retries after a 5xx, 429 or timeout, waiting backoff_seconds * 2**attempt or the server's
    # Retry-After, which is honoured up to max_retry_after_seconds (longer: give up).
    max_retries: int = 2
    backoff_seconds: float = 1.0
    max_retry_after_seconds: float = 120.0
    max_redirects: int = 5
    # Caps on a response body, both as sent and after decompression.
    max_feed_bytes: int = 10 * 1024 * 1024
    max_page_bytes: int = 5 * 1024 * 1024
    # New entries whose pages one feed may fetch per poll; the rest wait for the next poll.
    max_new_entries_per_poll: int = 200
    # Article pages that the site's robots.txt disallows for our User-Agent are not fetched.
    respect_robots: bool = True
    # After a failed poll the feed waits its interval times 2**failures, at most this long.
    max_backoff_seconds: float = 86400.0
    # Default poll interval of `wirewatch feeds add` (seconds).
    default_every_seconds: float = 900.0

    def validate(self) -> None:
        _require(self.max_concurrency >= 1, "feeds.max_concurrency", "must be >= 1")
        _require(self.per_host_delay_seconds >= 0, "feeds.per_host_delay_seconds", "must be >= 0")
        for key in ("connect_timeout_seconds", "read_timeout_seconds", "request_timeout_seconds"):
            _require(getattr(self, key) > 0, f"feeds.{key}", "must be > 0")
        _require(self.max_retries >= 0, "feeds.max_retries", "must be >= 0")
        _require(self.backoff_seconds >= 0, "feeds.backoff_seconds", "must be >= 0")
        _require(
            self.max_retry_after_seconds >= 0, "feeds.max_retry_after_seconds", "must be >= 0"
        )
        _require(self.max_redirects >= 0, "feeds.max_redirects", "must be >= 0")
        _require(self.max_feed_bytes >= 1024, "feeds.max_feed_bytes", "must be >= 1024")
        _require(self.max_page_bytes >= 1024, "feeds.max_page_bytes", "must be >= 1024")
        _require(
            self.max_new_entries_per_poll >= 1, "feeds.max_new_entries_per_poll", "must be >= 1"
        )
        _require(self.max_backoff_seconds >= 1, "feeds.max_backoff_seconds", "must be >= 1")
        _require(self.default_every_seconds >= 1, "feeds.default_every_seconds", "must be >= 1")


@dataclass(frozen=True)
class StoreSettings:
    """How a run shares the DuckDB file with other runs and with readers."""

    # A run that finds the file held by another writer waits this long for it (logging for
    # whom it waits), then fails with DatabaseLockedError, which retries the flow.
    busy_timeout_seconds: float = 300.0
    # Publish a read snapshot (`<db stem>.snapshot.duckdb`) while writing, so `sql`, `status`
    # and `report` answer from the last published state instead of exiting 3.
    read_snapshot: bool = True
    # The next snapshot comes no sooner than this after the last one ...
    snapshot_interval_seconds: float = 10.0
    # ... nor sooner than this many times the last one's duration (checkpoint and copy), so
    # publishing costs the writer at most about 1 / factor of its time.
    snapshot_cost_factor: float = 20.0
    # Where the tables live: "duckdb" (the one file given as `db`) or "ducklake" (Parquet
    # files under `data_path`, their catalog in the PostgreSQL database `catalog`), which
    # several workers on several machines write at once (docs/scale-out.md).
    backend: str = "duckdb"
    # ducklake: the catalog database as a libpq connection string, e.g.
    # "host=db.internal port=5432 dbname=wirewatch user=wirewatch" (a password comes from
    # PGPASSWORD or ~/.pgpass, never from this file).
    catalog: str = ""
    # ducklake: the folder every worker reads and writes the tables' Parquet files in (the same
    # shared mount on every machine).
    data_path: str = ""
    # "K/N": this worker ingests only the files and feeds whose stable hash modulo N is K;
    # empty: all of them. Give N workers 0/N .. N-1/N over the same folders and feeds.
    shard: str = ""

    def validate(self) -> None:
        _require(self.busy_timeout_seconds >= 0, "store.busy_timeout_seconds", "must be >= 0")
        _require(
            self.backend in ("duckdb", "ducklake"), "store.backend", "must be duckdb or ducklake"
        )
        if self.backend == "ducklake":
            _require(bool(self.catalog.strip()), "store.catalog", "ducklake needs a catalog")
            _require(bool(self.data_path.strip()), "store.data_path", "ducklake needs a data_path")
        if self.shard:
            k, _, n = self.shard.partition("/")
            _require(
                k.strip().isdigit() and n.strip().isdigit() and 0 <= int(k) < int(n),
                "store.shard",
                f"{self.shard!r} must be K/N with 0 <= K < N",
            )
        _require(
            self.snapshot_interval_seconds >= 0,
            "store.snapshot_interval_seconds",
            "must be >= 0",
        )
        _require(self.snapshot_cost_factor >= 1, "store.snapshot_cost_factor", "must be >= 1")


@dataclass(frozen=True)
class PipelineSettings:
    """How a run spreads its CPU stages over the machine's cores."""

    # Worker processes that read + normalise (language detection included) and code events
    # for the next batches while the run's own process writes the previous one (the database's
    # one writer). 0: one per core the process may use; 1: no workers, everything in the run's
    # process.
    workers: int = 0
    # Batches read ahead of the one being written, per worker: more keeps the workers busy
    # through a slow write, at the cost of holding that many batches in memory.
    batches_ahead_per_worker: int = 2

    def validate(self) -> None:
        _require(self.workers >= 0, "pipeline.workers", "must be >= 0 (0: one per core)")
        _require(
            self.batches_ahead_per_worker >= 1,
            "pipeline.batches_ahead_per_worker",
            "must be >= 1",
        )

    def worker_count(self) -> int:
        """The number of worker processes this setting asks for (1: none, work in-process)."""
        if self.workers:
            return self.workers
        return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                   else (os.cpu_count() or 1))


@dataclass(frozen=True)
class Settings:
    """All sections; build it with `load_settings`."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    normalise: NormaliseSettings = field(default_factory=NormaliseSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    coding: CodingSettings = field(default_factory=CodingSettings)
    feeds: FeedsSettings = field(default_factory=FeedsSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    pipeline: PipelineSettings = field(default_factory=PipelineSettings)

    def validate(self) -> None:
        self.ingest.validate()
        self.normalise.validate()
        self.dedup.validate()
        self.coding.validate()
        self.feeds.validate()
        self.store.validate()
        self.pipeline.validate()


def _require(ok: bool, key: str, message: str) -> None:
    if not ok:
        raise ConfigError(f"invalid setting {key}: {message}")


def _coerce(key: str, value: Any, target: Any) -> Any:
    """Convert a TOML or environment value to the type of the default it replaces."""
    try:
        if isinstance(target, tuple):
            if isinstance(value, str):
                value = [part.strip() for part in value.split(",") if part.strip()]
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise TypeError("expected a list of strings")
            return tuple(value)
        if isinstance(target, bool):
            if isinstance(value, str):
                if value.lower() in {"1", "true", "yes", "on"}:
                    return True
                if value.lower() in {"0", "false", "no", "off"}:
                    return False
                raise TypeError("expected true or false")
            return bool(value)
        if isinstance(value, bool):
            raise TypeError("expected a number, not true/false")
        if isinstance(target, int):
            if isinstance(value, float) and not value.is_integer():
                raise TypeError("expected an integer")
            return int(value)
        if isinstance(target, float):
            return float(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"invalid setting {key}: {value!r} ({exc})") from exc


def _apply(section: Any, name: str, values: Mapping[str, Any]) -> Any:
    known = {f.name: f for f in fields(section)}
    updates: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if key not in known:
            raise ConfigError(f"unknown setting {name}.{key}; known: {', '.join(sorted(known))}")
        updates[key] = _coerce(f"{name}.{key}", value, getattr(section, key))
    return dataclasses.replace(section, **updates)


def _env_layer(environ: Mapping[str, str]) -> dict[str, dict[str, str]]:
    layer: dict[str, dict[str, str]] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        parts = name[len(ENV_PREFIX) :].lower().split("__")
        if len(parts) != 2:
            raise ConfigError(f"environment variable {name} must be {ENV_PREFIX}<SECTION>__<KEY>")
        layer.setdefault(parts[0], {})[parts[1]] = value
    return layer


def load_settings(
    config_file: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Defaults, then the TOML file (explicit path, or ./wirewatch.toml if present), then
    environment, then `overrides` ({"ingest": {"batch_size": 10}}); validated."""
    layers: list[Mapping[str, Mapping[str, Any]]] = []
    path = Path(config_file) if config_file else Path(CONFIG_FILE_NAME)
    if config_file and not path.is_file():
        raise ConfigError(f"config file {path} does not exist")
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"config file {path} is not UTF-8 text (byte {exc.start}: {exc.reason}); "
                "TOML files must be UTF-8"
            ) from exc
        except OSError as exc:
            raise ConfigError(f"config file {path} cannot be read: {exc.strerror}") from exc
        try:
            layers.append(tomllib.loads(text))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    layers.append(_env_layer(os.environ if environ is None else environ))
    if overrides:
        layers.append(overrides)

    settings = Settings()
    sections = {f.name for f in fields(Settings)}
    for layer in layers:
        for section_name, values in layer.items():
            if section_name not in sections:
                raise ConfigError(
                    f"unknown settings section [{section_name}]; "
                    f"known: {', '.join(sorted(sections))}"
                )
            if not isinstance(values, Mapping):
                raise ConfigError(f"settings section [{section_name}] must be a table")
            section = _apply(getattr(settings, section_name), section_name, values)
            settings = dataclasses.replace(settings, **{section_name: section})
    settings.validate()
    return settings
