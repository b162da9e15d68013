"""Store: the only module that writes to DuckDB.

Opens the database file, applies the numbered migrations in `sql/migrations/` (each once,
recorded with its checksum in `schema_migrations`), recreates the views in `sql/views/` when
their text changed, and writes each batch (documents, ledger rows, quarantine rows, run
counters) in one transaction from registered Arrow tables, so a crash leaves either the whole
batch or none of it. SQL lives in `sql/`; Python passes only `$name` parameters and Arrow tables.
With `[store] backend = "ducklake"` the same tables live in DuckLake (`lake.py`, `sql/lake/`),
written by several workers at once, each transaction under the catalog's write lock.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from wirewatch.config import DedupSettings
from wirewatch.dedup import bandindex
from wirewatch.dedup import reprints as dedup
from wirewatch.dedup.membership import ClusterMembership
from wirewatch.dedup.reprints import (
    CandidateSet,
    ClusterDecision,
    ClusteredDoc,
    Signatures,
    verify_pairs,
)
from wirewatch.errors import ConfigError, DatabaseLockedError, SqlParseError, StoreError
from wirewatch.ingest.paths import path_from_text, path_to_text
from wirewatch.schemas import (
    BATCH_DOCUMENTS,
    BATCH_FEED_ENTRIES,
    BATCH_FEED_FAILURES,
    BATCH_FEED_STATES,
    BATCH_QUARANTINE,
    CODED_DOCUMENTS,
    CODING_DOCUMENTS,
    DOCUMENT_FAILURES,
    EVENT_MENTIONS,
    FEED_ENTRY_CANDIDATES,
    FILE_STATS,
    MAX_CODED_CHARS,
    MAX_SHINGLED_CHARS,
    NEW_FEEDS,
    RETRYABLE_REASONS,
    Document,
    DocumentFailure,
    FileStat,
    QuarantineRecord,
    to_table,
)
from wirewatch.store import sharing
from wirewatch.store.lake import LakeTarget, Shard, extension_files, sql_literal
from wirewatch.store.sharing import SnapshotPolicy, SnapshotReading, SnapshotRecord, WriterIdentity

_FILE_ONLY_MARK = "-- file only"
_MIGRATION_NAME = re.compile(r"^(?P<version>\d{3})_(?P<name>[a-z0-9_]+)\.sql$")


# --- finding SQL files ----------------------------------------------------------------------
@lru_cache(maxsize=1)
def sql_root() -> Path:
    """`sql/` inside the installed wheel, or at the repository root in a source checkout."""
    packaged = resources.files("wirewatch").joinpath("sql")
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[2] / "sql"
    if source_tree.is_dir():
        return source_tree
    raise StoreError("sql/ folder not found inside the wirewatch package or beside it")


@cache
def sql_text(relative: str) -> str:
    """Text of one SQL file, e.g. `queries/insert_documents.sql`."""
    path = sql_root() / relative
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise StoreError(f"missing SQL file sql/{relative}") from exc


def _checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    text: str

    @property
    def checksum(self) -> str:
        return _checksum(self.text)

    @property
    def is_file_only(self) -> bool:
        """Marked `-- file only` on its first line: indexes, which DuckLake does not have."""
        return self.text.startswith(_FILE_ONLY_MARK)


def list_migrations() -> list[Migration]:
    migrations = []
    for path in sorted((sql_root() / "migrations").glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match is None:
            raise StoreError(f"migration file name {path.name} is not NNN_<verb>_<object>.sql")
        migrations.append(
            Migration(int(match.group("version")), path.stem, path.read_text(encoding="utf-8"))
        )
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a version number: {versions}")
    return migrations


def list_views() -> list[tuple[str, str]]:
    """(view name, SQL) for every file in sql/views/: `stg_*` first, then the rest by name."""
    paths = sorted((sql_root() / "views").glob("*.sql"))
    ordered = [p for p in paths if p.stem.startswith("stg_")] + [
        p for p in paths if not p.stem.startswith("stg_")
    ]
    return [(p.stem, p.read_text(encoding="utf-8")) for p in ordered]


# --- errors ---------------------------------------------------------------------------------
def _is_lock_conflict(exc: duckdb.Error) -> bool:
    message = str(exc).lower()
    return "lock" in message and ("conflicting" in message or "could not set" in message)


def _locked_error(db_path: str, message: str, waited_s: float = 0.0) -> DatabaseLockedError:
    waited = f"; waited {waited_s:.0f} s for it" if waited_s > 0 else ""
    return DatabaseLockedError(
        f"db={db_path} {sharing.describe_holder(db_path, message)}{waited}; "
        "DuckDB allows one writer and no readers alongside it. Wait for that run to end."
    )


def _map_duckdb_error(exc: duckdb.Error, db_path: str) -> Exception:
    """One place that decides what a DuckDB error means for the caller."""
    if _is_lock_conflict(exc):
        return _locked_error(db_path, str(exc))
    return StoreError(f"db={db_path}: {exc}")


_log = logging.getLogger(__name__)
Logger = logging.Logger | logging.LoggerAdapter  # type: ignore[type-arg]


def _connect_writer(
    db_path: str, config: dict[str, Any], busy_timeout_s: float, logger: Logger
) -> duckdb.DuckDBPyConnection:
    """Connect for writing; while another process holds the file, wait up to
    `busy_timeout_s`, saying once per holder for whom, then raise DatabaseLockedError."""
    started = time.monotonic()
    announced = ""
    pause = 0.1
    while True:
        try:
            return duckdb.connect(db_path, read_only=False, config=config)
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise _map_duckdb_error(exc, db_path) from exc
            waited = time.monotonic() - started
            if waited >= busy_timeout_s:
                raise _locked_error(db_path, str(exc), waited if busy_timeout_s else 0.0) from exc
            holder = sharing.describe_holder(db_path, str(exc))
            if holder != announced:
                logger.info(
                    "db=%s %s; waiting up to %.0f s", db_path, holder, busy_timeout_s - waited
                )
                announced = holder
            time.sleep(min(pause, busy_timeout_s - waited))
            pause = min(pause * 2, 1.0)


def _attach_lake(connection: duckdb.DuckDBPyConnection, attach_sql: str) -> None:
    """ATTACH the lake, again after a lost race to create a new catalog: two workers that
    attach an empty catalog at once both create its tables, and PostgreSQL refuses the
    second's; by then the first has made them, so the second ATTACH finds a catalog."""
    for attempt in range(_LAKE_INIT_ATTEMPTS):
        try:
            connection.execute(attach_sql)
            return
        except duckdb.Error as exc:
            lost_race = "Failed to initialize DuckLake" in str(exc) and (
                "already exists" in str(exc) or "duplicate key" in str(exc)
            )
            if not lost_race or attempt == _LAKE_INIT_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


_LAKE_INIT_ATTEMPTS = 5


def _connect_lake(
    target: LakeTarget, read_only: bool, *, sealed: bool = False
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the DuckLake tables attached (and in use) from `target`, the
    extensions loaded from their installed files; a writer also attaches the catalog as a
    plain PostgreSQL database for its write lock. `sealed` (a reader only): no file outside
    the data path, no further extension, settings locked (sql/lake/seal.sql)."""
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    connection = duckdb.connect(":memory:", config=config)
    try:
        for extension in extension_files():
            connection.execute(
                sql_text("lake/load_extension.sql").replace(
                    "{extension}", sql_literal(str(extension))
                )
            )
        Path(target.data_path).mkdir(parents=True, exist_ok=True)
        attach = "lake/attach_read_only.sql" if read_only else "lake/attach.sql"
        _attach_lake(
            connection,
            sql_text(attach)
            .replace("{catalog}", sql_literal(f"ducklake:postgres:{target.catalog}"))
            .replace("{data_path}", sql_literal(target.data_path)),
        )
        if not read_only:
            connection.execute(
                sql_text("lake/attach_write_lock.sql").replace(
                    "{catalog}", sql_literal(target.catalog)
                )
            )
        elif sealed:
            folder = sql_literal(str(Path(target.data_path)) + "/")
            connection.execute(sql_text("lake/seal.sql").replace("{data_path}", f"[{folder}]"))
    except duckdb.Error as exc:
        connection.close()
        raise StoreError(f"db={target.describe()}: {exc}") from exc
    return connection


# --- the store ------------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchOutcome:
    n_new: int
    n_duplicate: int
    n_quarantined: int


_CHECKPOINT_THRESHOLD = "256MB"

# Index lookups for the per-batch refreshes (migration 015). A hash join whose build side has
# at most `dynamic_or_filter_threshold` distinct keys pushes them into the probe side's scan
# as an IN filter, and a scan whose IN filter is on an indexed column looks the keys up in the
# ART index when at most `index_scan_max_count` rows match (the percentage is 0 so that bound
# does not grow with the table). A lookup costs microseconds per key and per matching row
# fetched, against a whole row group (122,880 rows) per key for a scan: so the index answers
# lookups of a batch's old rows, spread over the corpus, and a batch's own rows (many, in the
# newest row group) are still scanned, which zone maps limit to that row group
# (ARCHITECTURE, scale-out path, "Index lookups").
_LOOKUP_SETTINGS = {
    "dynamic_or_filter_threshold": 4096,
    "index_scan_max_count": 512,
    "index_scan_percentage": 0.0,
}


class Store:
    """A DuckDB file, migrated and with current views; use `Store.open`."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self.connection = connection
        self.path = path
        self.read_only = read_only
        self._band_index: bandindex.BandIndex | None = None
        self._membership: ClusterMembership | None = None
        # doc_id -> doc_seq of the documents pending_coding handed out, until they are written.
        self._pending_doc_seqs: dict[str, int] = {}
        # DuckLake: doc_id -> the newest queued story change when pending_coding read it as
        # canonical; its write checks the story changes after that (write_coded_batch).
        self._pending_read_through: dict[str, int] = {}
        # Set when a reader was given the read snapshot because a writer holds `path`.
        self.snapshot_reading: SnapshotReading | None = None
        self._writer: WriterIdentity | None = None
        self._snapshots: SnapshotPolicy | None = None
        self._last_snapshot: SnapshotRecord | None = None
        self._unpublished = False  # commits since the last snapshot
        self._snapshot_seconds = 0.0  # spent publishing, for the runs row
        self._logger: Logger = _log
        # DuckLake (`lake`): the transaction of a second connection holding the catalog's
        # write lock, and how many nested blocks want it held.
        self.lake: LakeTarget | None = None
        self._lock_holder: duckdb.DuckDBPyConnection | None = None
        self._lock_depth = 0
        self._lock_timeout_s = 0.0  # waiting for the lock; 0: as long as it takes
        self._shard: Shard | None = None

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        busy_timeout_s: float = 0.0,
        writer: WriterIdentity | None = None,
        snapshots: SnapshotPolicy | None = None,
        logger: Logger | None = None,
        lake: LakeTarget | None = None,
        shard: Shard | None = None,
    ) -> Store:
        """Open (and migrate) the database. A writer waits up to `busy_timeout_s` for another
        writer to finish, records itself as `writer` beside the file, and publishes read
        snapshots by `snapshots` (None: none). A reader that finds the file held reads the
        writer's last snapshot instead, when there is one (`snapshot_reading`).

        With `lake`, the tables are the DuckLake ones of that catalog and data path instead of
        the file `path`: many writers at once, each write transaction holding the catalog's
        write lock (no writer record, no read snapshot: readers read the lake). A `shard`
        limits the files and feeds this store hands out to its share."""
        if lake is not None:
            return cls._open_lake(lake, read_only, shard, busy_timeout_s, logger or _log)
        db_path = str(path)
        if read_only:
            if not Path(db_path).exists():
                raise StoreError(f"db={db_path} does not exist; run `wirewatch run` first")
            return cls._open_reader(db_path, {})
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        # The writer checkpoints when its write-ahead log passes _CHECKPOINT_THRESHOLD, and
        # on close. DuckDB's default (16 MB) checkpointed every few batches, and each
        # checkpoint rewrote the cluster tables' row groups that batches had deleted from, a
        # cost that grew with the corpus (commit 32 -> 398 ms per batch of 1,000 from the first
        # to the last 10k of 100k documents; docs/benchmarks.md). A batch logs ~3.5 MB, so this
        # checkpoints every ~70 batches. The log is replayed after a crash.
        config: dict[str, Any] = {"checkpoint_threshold": _CHECKPOINT_THRESHOLD}
        config.update(_LOOKUP_SETTINGS)
        connection = _connect_writer(db_path, config, busy_timeout_s, logger or _log)
        store = cls(connection, db_path, read_only)
        store._logger = logger or _log
        try:
            if writer is not None:
                store._writer = writer
                sharing.write_writer_file(db_path, writer)
            store.migrate()
            store.refresh_views()
            if snapshots is not None:
                store._start_snapshots(snapshots)
        except BaseException:
            store._release()
            raise
        return store

    @classmethod
    def _open_lake(
        cls,
        target: LakeTarget,
        read_only: bool,
        shard: Shard | None,
        busy_timeout_s: float,
        logger: Logger,
    ) -> Store:
        store = cls(_connect_lake(target, read_only), target.describe(), read_only)
        store.lake = target
        store._shard = shard
        store._lock_timeout_s = busy_timeout_s
        store._logger = logger
        if read_only:
            return store
        try:
            # Two workers starting together must not both apply the same migration.
            with store._serialised():
                store.migrate()
                store.refresh_views()
        except BaseException:
            store._release()
            raise
        return store

    @classmethod
    def open_sealed(cls, path: str | Path, *, lake: LakeTarget | None = None) -> Store:
        """Read-only and confined to this one file, for SQL a user types (`sql`, `status`,
        `report`): no other file (read_csv, COPY, ATTACH, EXPORT), no extension installed or
        loaded, and settings locked so no statement can undo any of this. While a writer holds
        the file, the writer's last read snapshot is opened instead (`snapshot_reading`).

        With `lake`: the DuckLake tables attached read-only, files confined to the lake's data
        path; writers do not hold a lake, so there is no snapshot to fall back on (nor need).
        The PostgreSQL extension's functions stay callable: see `outside_functions`."""
        if lake is not None:
            store = cls(_connect_lake(lake, read_only=True, sealed=True), lake.describe(), True)
            store.lake = lake
            return store
        db_path = str(path)
        if not Path(db_path).exists():
            raise StoreError(f"db={db_path} does not exist; run `wirewatch run` first")
        config = {
            "enable_external_access": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "lock_configuration": True,
        }
        return cls._open_reader(db_path, config)

    @classmethod
    def _open_reader(cls, db_path: str, config: dict[str, Any]) -> Store:
        try:
            connection = duckdb.connect(db_path, read_only=True, config=config)
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise _map_duckdb_error(exc, db_path) from exc
            reading = sharing.snapshot_reading(db_path, str(exc))
            if reading is None:
                raise _map_duckdb_error(exc, db_path) from exc
            try:
                connection = duckdb.connect(reading.snapshot, read_only=True, config=config)
            except duckdb.Error:
                raise _map_duckdb_error(exc, db_path) from exc
            store = cls(connection, db_path, read_only=True)
            store.snapshot_reading = reading
            return store
        return cls(connection, db_path, read_only=True)

    def statement_kinds(self, sql_text: str) -> list[tuple[str, str]]:
        """(statement type, its text) for each statement of `sql_text`, as DuckDB's own parser
        classifies it (SELECT, EXPLAIN, COPY, ATTACH, ...), without running anything."""
        try:
            return [(s.type.name, s.query) for s in self.connection.extract_statements(sql_text)]
        except duckdb.Error as exc:
            raise SqlParseError(str(exc)) from exc

    def outside_functions(self, sql_text: str) -> list[str]:
        """The functions `sql_text` (one SELECT) calls that reach past a sealed lake reader:
        the PostgreSQL extension's (postgres_scan, postgres_query, ...), which connect to any
        server a connection string names whatever `enable_external_access` says. Empty on a
        file, where that extension is never loaded, and for text DuckDB cannot serialise."""
        if self.lake is None:
            return []
        (tree,) = self._execute(
            "queries/serialize_statements.sql", {"sql_text": sql_text}
        ).fetchone()
        found: set[str] = set()
        pending: list[Any] = [json.loads(tree)]
        while pending:
            node = pending.pop()
            if isinstance(node, dict):
                name = node.get("function_name")
                if isinstance(name, str) and name.lower().startswith("postgres_"):
                    found.add(name.lower())
                pending.extend(node.values())
            elif isinstance(node, list):
                pending.extend(node)
        return sorted(found)

    def close(self, *, publish: bool = True) -> None:
        """Close the file; a writer first publishes a due read snapshot of what it committed
        since the last one (`publish`; not when unwinding from an error), and removes its
        record beside the file while it still holds it."""
        try:
            if publish and self._snapshots is not None and self._unpublished:
                self._publish_snapshot_if_due()
        finally:
            self._release()

    def _release(self) -> None:
        try:
            if self._writer is not None:
                sharing.remove_writer_file(self.path, self._writer)
        finally:
            self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_exc: object) -> None:
        self.close(publish=exc_type is None)

    # --- the read snapshot ---------------------------------------------------------------------
    def _start_snapshots(self, policy: SnapshotPolicy) -> None:
        """At open: the snapshot left by the last writer is current when it was copied from
        the file as it is now (checkpointed); otherwise publish one when due (at once when
        there is none)."""
        self._snapshots = policy
        self._last_snapshot = SnapshotRecord.read(self.path)
        self._execute("queries/checkpoint.sql")
        current = self._last_snapshot is not None and (
            self._last_snapshot.source == sharing.file_state(self.path)
        )
        self._unpublished = not current
        if not current:
            self._publish_snapshot_if_due()

    def _publish_snapshot_if_due(self) -> None:
        if self._snapshots is None or not self._snapshots.is_due(self._last_snapshot, time.time()):
            return
        started = time.perf_counter()
        try:
            self._execute("queries/checkpoint.sql")
            state_time = time.time()
            source = sharing.file_state(self.path)
            sharing.copy_snapshot(self.path, state_time)
        except (OSError, StoreError) as exc:
            # The batch is committed; readers keep the previous snapshot. Back off as if this
            # one had been published, so a full disk is not retried after every batch.
            self._last_snapshot = SnapshotRecord({}, time.time(), time.perf_counter() - started)
            self._snapshot_seconds += self._last_snapshot.seconds
            self._logger.warning("db=%s: read snapshot not published: %s", self.path, exc)
            return
        record = SnapshotRecord(source, state_time, time.perf_counter() - started)
        self._snapshot_seconds += record.seconds
        sharing.write_snapshot_record(self.path, record)
        self._last_snapshot = record
        self._unpublished = False

    # --- low-level helpers -------------------------------------------------------------------
    def _execute(
        self, relative: str, params: Mapping[str, Any] | None = None
    ) -> duckdb.DuckDBPyConnection:
        try:
            return self.connection.execute(sql_text(relative), dict(params) if params else None)
        except duckdb.Error as exc:
            raise _map_duckdb_error(exc, self.path) from exc

    @contextmanager
    def _serialised(self) -> Iterator[None]:
        """DuckLake: hold the catalog's write lock for the block (nested blocks share it), so
        this block's reads and writes see every commit before it and no other writer's in
        between. The file backend has one writer anyway: nothing to do."""
        if self.lake is None or self.read_only or self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        holder = self.connection.cursor()
        timeout_ms = round(self._lock_timeout_s * 1000)
        try:
            holder.begin()
            holder.execute(
                sql_text("lake/take_write_lock.sql").replace("{timeout_ms}", str(timeout_ms))
            )
        except duckdb.Error as exc:
            holder.close()
            if "lock timeout" in str(exc):
                raise DatabaseLockedError(
                    f"db={self.path}: another worker held the lake's write lock for "
                    f"{self._lock_timeout_s:.0f} s ([store] busy_timeout_seconds)"
                ) from exc
            raise _map_duckdb_error(exc, self.path) from exc
        self._lock_holder = holder
        self._lock_depth = 1
        try:
            yield
        finally:
            self._lock_depth = 0
            self._lock_holder = None
            try:
                holder.rollback()  # ends the lock's transaction, releasing the lock
            finally:
                holder.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN ... COMMIT, or ROLLBACK and re-raise (DuckLake: under the write lock)."""
        with self._serialised():
            self.connection.begin()
            try:
                yield
            except BaseException:
                self.connection.rollback()
                raise
            self._commit()
        if self._snapshots is not None:
            self._unpublished = True
            self._publish_snapshot_if_due()

    def _commit(self) -> None:
        # A separate method so fault-injection tests can stop a process right here.
        self.connection.commit()

    # --- schema --------------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply migrations not yet recorded; refuse if an applied one was edited."""
        self.connection.execute(sql_text("queries/create_schema_migrations.sql"))
        applied = {
            version: checksum
            for version, _name, checksum in self._execute(
                "queries/select_applied_migrations.sql"
            ).fetchall()
        }
        done: list[str] = []
        for migration in list_migrations():
            if migration.version in applied:
                if applied[migration.version] != migration.checksum:
                    raise StoreError(
                        f"migration {migration.name} was edited after it was applied to "
                        f"db={self.path}; add a new numbered migration instead"
                    )
                continue
            with self.transaction():
                if self.lake is None or not migration.is_file_only:
                    self.connection.execute(migration.text)
                self._execute(
                    "queries/record_migration.sql",
                    {
                        "version": migration.version,
                        "name": migration.name,
                        "checksum": migration.checksum,
                    },
                )
            done.append(migration.name)
        return done

    def refresh_views(self) -> list[str]:
        """(Re)create every view when the set of view files or their text changed."""
        views = list_views()
        wanted = sorted((name, _checksum(text)) for name, text in views)
        recorded = [
            tuple(row) for row in self._execute("queries/select_view_checksums.sql").fetchall()
        ]
        if recorded == wanted:
            return []
        wanted_names = {name for name, _ in wanted}
        current = pa.table({"name": [n for n, _ in wanted], "checksum": [c for _, c in wanted]})
        with self.transaction():
            for name, _checksum_value in recorded:
                if name not in wanted_names:
                    # An identifier cannot be a bound parameter; names come from our own files.
                    self.connection.execute(f'drop view if exists "{name}"')
            for _name, text in views:
                self.connection.execute(text)
            with self._registered(current_views=current):
                self._execute("queries/replace_view_checksums.sql")
        return [name for name, _ in views]

    # --- runs ----------------------------------------------------------------------------------
    def start_run(
        self, run_id: str, flow_name: str, root: str, parameters: Mapping[str, Any]
    ) -> int:
        """Record a new run; runs left `running` by a dead process become `abandoned`."""
        parameters_text = json.dumps(parameters, default=str, sort_keys=True)
        with self.transaction():
            if self.lake is None:
                abandoned = self._execute("queries/abandon_unfinished_runs.sql").fetchone()
            else:
                # Other workers' runs are running too: only this worker's own are abandoned.
                abandoned = self._execute(
                    "queries/abandon_unfinished_runs_alike.sql",
                    {"flow_name": flow_name, "root": root, "parameters": parameters_text},
                ).fetchone()
            self._execute(
                "queries/insert_run.sql",
                {
                    "run_id": run_id,
                    "flow_name": flow_name,
                    "root": root,
                    "parameters": parameters_text,
                },
            )
            if self.lake is not None:
                self._execute("queries/insert_event_refresh_hold.sql", {"run_id": run_id})
        return int(abandoned[0]) if abandoned else 0

    def finish_run(
        self,
        run_id: str,
        *,
        status: str,
        error: str | None,
        n_files_matched: int,
        n_files_unchanged: int,
        n_files_deferred: int,
        seconds_scan: float,
    ) -> None:
        with self.transaction():
            self._execute(
                "queries/finish_run.sql",
                {
                    "run_id": run_id,
                    "status": status,
                    "error": error,
                    "n_files_matched": n_files_matched,
                    "n_files_unchanged": n_files_unchanged,
                    "n_files_deferred": n_files_deferred,
                    "seconds_scan": seconds_scan,
                    # Every snapshot this store published so far (the one at close comes after).
                    "seconds_snapshot": self._snapshot_seconds,
                },
            )
            if self.lake is not None:
                self._execute("queries/delete_event_refresh_hold.sql", {"run_id": run_id})

    # --- ledger --------------------------------------------------------------------------------
    def select_changed(self, stats: Sequence[FileStat]) -> list[FileStat]:
        """The subset of scanned paths that are new, changed, or due a retry."""
        if self._shard is not None:
            stats = [s for s in stats if self._shard.owns(path_to_text(s.path))]
        if not stats:
            return []
        chunk = to_table(stats, FILE_STATS, {"path": path_to_text})
        with self._registered(scan_chunk=chunk):
            rows = self._execute("queries/select_changed_files.sql").fetchall()
        return [FileStat(path_from_text(path), *rest) for path, *rest in rows]

    def retry_paths(self, root: str) -> list[str]:
        """Stored paths of the `retry` rows under the folder `root` (stored text)."""
        prefix = root.rstrip("/") + "/"
        rows = self._execute("queries/select_retry_paths.sql", {"prefix": prefix}).fetchall()
        return [path for (path,) in rows if self._shard is None or self._shard.owns(path)]

    def close_vanished(self, run_id: str, paths: Sequence[str]) -> None:
        """`retry` rows whose files a finished scan did not find again become `vanished`."""
        vanished = pa.table({"path": pa.array(paths, pa.string())})
        with self._registered(vanished_paths=vanished), self.transaction():
            self._execute("queries/close_vanished_files.sql", {"run_id": run_id})

    def _insert_staged_documents(self, params: Mapping[str, Any]) -> tuple[int, int]:
        """Insert the registered `batch_documents` and their sightings, refresh the story
        clusters they join and queue those clusters' events; (new, duplicate) counts."""
        self._execute("queries/stage_batch_documents.sql")
        n_new, n_duplicate = self._execute("queries/count_staged_batch.sql").fetchone()
        self._execute("queries/insert_documents.sql", params)
        self._execute("queries/insert_document_sources.sql", params)
        self._execute("queries/stage_clusters_gaining_sources.sql")
        self._execute("queries/refresh_story_clusters.sql")
        self._queue_touched_clusters()
        return int(n_new), int(n_duplicate)

    def _add_batch_to_run(self, run_id: str, counts: Mapping[str, float], started: float) -> None:
        """Add one batch's counters and timings to its run's row."""
        self._execute(
            "queries/add_batch_to_run.sql",
            {
                "run_id": run_id,
                "n_deferred": int(counts.get("n_deferred", 0)),
                "bytes_read": int(counts.get("bytes_read", 0)),
                "seconds_read": float(counts.get("read_seconds", 0.0)),
                "seconds_normalise": float(counts.get("normalise_seconds", 0.0)),
                "seconds_lang": float(counts.get("lang_seconds", 0.0)),
                "seconds_store": time.perf_counter() - started,
            },
        )

    # --- batches -------------------------------------------------------------------------------
    def write_batch(
        self,
        run_id: str,
        documents: Sequence[Document],
        quarantine: Sequence[QuarantineRecord],
        counts: Mapping[str, float],
    ) -> BatchOutcome:
        """Documents, ledger rows, quarantine rows and run counters in one transaction."""
        started = time.perf_counter()
        params = {"run_id": run_id}
        with (
            self._registered(
                batch_documents=to_table(documents, BATCH_DOCUMENTS, {"source_path": path_to_text}),
                batch_quarantine=to_table(quarantine, BATCH_QUARANTINE, {"path": path_to_text}),
            ),
            self.transaction(),
        ):
            n_new, n_duplicate = self._insert_staged_documents(params)
            self._execute(
                "queries/stage_batch_files.sql",
                {"retryable_reasons": sorted(RETRYABLE_REASONS)},
            )
            self._execute("queries/update_files.sql", params)
            self._execute("queries/insert_files.sql", params)
            self._execute("queries/insert_quarantine.sql", params)
            self._add_batch_to_run(run_id, counts, started)
        return BatchOutcome(int(n_new), int(n_duplicate), len(quarantine))

    # --- dedup ---------------------------------------------------------------------------------
    def ensure_dedup_params(self, cfg: DedupSettings, hash_version: int) -> None:
        """Record the parameters that shape the index on first use; refuse different ones later."""
        wanted = {
            "shingle_words": cfg.shingle_words,
            "num_perm": cfg.num_perm,
            "bands": cfg.bands,
            "max_bucket": cfg.max_bucket,
            "seed": cfg.seed,
            "hash_version": hash_version,
        }
        stored = self._execute("queries/select_dedup_params.sql").fetchall()
        if not stored:
            with self.transaction():
                self._execute("queries/insert_dedup_params.sql", wanted)
            return
        if tuple(stored[0]) != tuple(wanted.values()):
            names = ", ".join(wanted)
            raise ConfigError(
                f"db={self.path} holds signatures made with ({names}) = {tuple(stored[0])}, "
                f"but the settings ask for {tuple(wanted.values())}; "
                "run `wirewatch recluster` to rebuild them"
            )

    def reset_dedup_state(self) -> None:
        """Drop signatures, band keys, clusters and the band-key index; the next run rebuilds
        them."""
        with self.transaction():
            self._execute("queries/reset_dedup_state.sql")
        self._band_index = None
        self._membership = None
        if (folder := self.band_index_folder) is not None:
            bandindex.remove(folder)

    def quarantine_documents(self, run_id: str, failures: Sequence[DocumentFailure]) -> None:
        """Quarantine rows for stored documents a later stage set aside, under the path each
        was first stored from (one transaction; a row already there is not added twice)."""
        if not failures:
            return
        with (
            self._registered(batch_failures=to_table(failures, DOCUMENT_FAILURES)),
            self.transaction(),
        ):
            self._execute("queries/insert_document_quarantine.sql", {"run_id": run_id})

    def pending_dedup(self, limit: int) -> list[tuple[str, int, str]]:
        """(doc_id, doc_seq, body) of documents without a signature, oldest first; a body is
        cut at MAX_SHINGLED_CHARS, all that its shingles are made of."""
        return self._execute(
            "queries/select_pending_dedup.sql",
            {"limit": limit, "max_chars": MAX_SHINGLED_CHARS},
        ).fetchall()

    @property
    def band_index_folder(self) -> Path | None:
        """`<db>.bandindex/` beside the database file; None for an in-memory database and for
        DuckLake (each worker keeps its copy in memory, brought up to date from the shared
        `lsh_bands` under the write lock before every batch)."""
        if self.lake is not None or self.path == ":memory:" or self.path.startswith(":memory:"):
            return None
        return Path(f"{self.path}.bandindex")

    def band_index(self) -> bandindex.BandIndex:
        """The band-key index, in step with `lsh_bands`: opened once per store, brought up to
        date after a crash between a batch's commit and its index update, and rebuilt from
        `lsh_bands` when missing, damaged, made with other parameters or ahead of the database."""
        if self._band_index is not None and self.lake is None:
            return self._band_index
        source = self._execute(
            "queries/select_band_index_source.sql",
            {"empty_watermark": bandindex.EMPTY_WATERMARK},
        ).fetchone()
        if source is None:
            raise StoreError(f"db={self.path} has no dedup_params row; call ensure_dedup_params")
        *params, max_clustered_seq = source
        fingerprint = hashlib.sha256(json.dumps(params, default=str).encode()).hexdigest()[:32]
        folder = self.band_index_folder
        # DuckLake: the copy this worker holds, to be brought up to date with other workers'.
        index = self._band_index
        if index is not None and index.fingerprint != fingerprint:
            index = None
        if index is None and folder is not None:
            index = bandindex.BandIndex.open(folder, fingerprint)
        if index is not None:
            (n_stored,) = self._execute(
                "queries/count_band_keys_upto.sql", {"watermark": index.watermark}
            ).fetchone()
            if index.watermark > max_clustered_seq or n_stored != index.n_rows:
                index = None
        if index is None:
            index = bandindex.BandIndex.create(folder, fingerprint)
        if max_clustered_seq > index.watermark:
            missing = self._execute(
                "queries/select_band_keys_after.sql", {"watermark": index.watermark}
            ).fetchnumpy()
            index.append(missing["band_key"], missing["doc_seq"], max_clustered_seq)
        self._band_index = index
        return index

    def cluster_membership(self) -> ClusterMembership:
        """The in-memory doc_seq -> cluster map, loaded from `document_clusters` on first use
        (see wirewatch/dedup/membership.py)."""
        if self._membership is None:
            rows = self._execute("queries/select_cluster_memberships.sql").fetchnumpy()
            self._membership = ClusterMembership.from_rows(
                rows["doc_seq"].astype(np.int64), rows["cluster_id"].tolist()
            )
        return self._membership

    def cluster_batch(
        self,
        run_id: str,
        doc_ids: Sequence[str],
        doc_seqs: Sequence[int],
        signatures: Signatures,
        band_keys: np.ndarray,
        decide: Callable[[CandidateSet], ClusterDecision],
        cfg: DedupSettings,
        seconds_hashing: float = 0.0,
    ) -> ClusterDecision:
        """`_cluster_batch`, for DuckLake under the write lock from the index lookup to the
        commit, so reprint matching sees every batch other workers clustered before it. A
        batch of which another worker clustered some documents since they were read as
        pending is dropped (an empty decision): the caller's next `pending_dedup` no longer
        lists them."""
        with self._serialised():
            if self.lake is not None:
                batch_seqs = pa.table({"doc_seq": pa.array(doc_seqs, pa.int64())})
                with self._registered(batch_seqs=batch_seqs):
                    (n_clustered,) = self._execute("queries/count_clustered_seqs.sql").fetchone()
                if n_clustered:
                    return ClusterDecision([], set(), set(), 0, 0, 0)
                # Other workers changed clusters since this store loaded them.
                self._membership = None
            return self._cluster_batch(
                run_id, doc_ids, doc_seqs, signatures, band_keys, decide, cfg, seconds_hashing
            )

    def _cluster_batch(
        self,
        run_id: str,
        doc_ids: Sequence[str],
        doc_seqs: Sequence[int],
        signatures: Signatures,
        band_keys: np.ndarray,
        decide: Callable[[CandidateSet], ClusterDecision],
        cfg: DedupSettings,
        seconds_hashing: float = 0.0,
    ) -> ClusterDecision:
        """Store signatures and band keys, find candidates through the band-key index (stored
        documents) and among the batch, let `decide` verify and plan, and write the plan: one
        transaction. The index gets the batch's keys after the commit. Borderline pairs are
        decided on exact shingle sets (the batch's from `signatures`, stored ones from
        `document_signatures.shingles`)."""
        n_bands = band_keys.shape[1]
        seqs = np.asarray(doc_seqs, dtype=np.int64)
        flat_keys = np.ascontiguousarray(band_keys.reshape(-1), dtype=np.int64)
        flat_seqs = np.repeat(seqs, n_bands)
        batch_signatures = pa.table(
            {
                "doc_id": pa.array(doc_ids, pa.string()),
                "doc_seq": pa.array(seqs, pa.int64()),
                "n_shingles": pa.array(signatures.n_shingles, pa.int32()),
                "signature": pa.array(
                    [row.astype("<u4").tobytes() for row in signatures.values], pa.binary()
                ),
                "shingles": pa.array(
                    [s.astype("<u4").tobytes() for s in signatures.shingle_sets]
                    if len(signatures.shingle_sets) == len(doc_ids)
                    else [None] * len(doc_ids),
                    pa.binary(),
                ),
            }
        )
        started = time.perf_counter()
        index = self.band_index()
        membership = self.cluster_membership()
        lookup = self._lookup_band_keys(index, flat_keys)
        shared = bandindex.count_shared_bands(band_keys, seqs, lookup, cfg.min_shared_bands)
        is_indexed = bandindex.rows_to_index(flat_keys, flat_seqs, lookup.n_stored, cfg.max_bucket)
        indexed_keys, indexed_seqs = flat_keys[is_indexed], flat_seqs[is_indexed]
        # A failed batch rolls back, and the map may hold part of it: reload it next time.
        self._membership = None
        with (
            self.transaction(),
            self._registered(
                batch_signatures=batch_signatures,
                shared_bands=pa.table(
                    {
                        "new_seq": shared.new_seq,
                        "old_seq": shared.old_seq,
                        "n_shared": shared.n_shared,
                    }
                ),
                indexed_bands=pa.table({"band_key": indexed_keys, "doc_seq": indexed_seqs}),
            ),
        ):
            self._execute("queries/insert_signatures.sql")
            seq_pairs = self._execute(
                "queries/select_candidate_pairs.sql", {"max_candidates": cfg.max_candidates}
            ).fetchall()
            self._execute("queries/insert_band_keys.sql")
            seq_pairs, exact_seq_pairs = self._verified_pairs(seq_pairs, seqs, signatures, cfg)
            batch_seqs = set(doc_seqs)
            other_seqs = np.array(
                sorted({seq for pair in seq_pairs for seq in pair} - batch_seqs), dtype=np.int64
            )
            member_seqs = membership.members_of_clusters_of(other_seqs)
            with self._registered(member_seqs=pa.table({"doc_seq": member_seqs})):
                member_rows = self._execute("queries/select_member_signatures.sql").fetchall()
            member_clusters = membership.cluster_ids_of(
                np.array([row[0] for row in member_rows], dtype=np.int64)
            )
            members = [
                ClusteredDoc(
                    doc_id,
                    cluster_id,
                    int(doc_seq),
                    int(n_shingles),
                    np.frombuffer(signature, dtype="<u4"),
                )
                for (doc_seq, doc_id, n_shingles, signature), cluster_id in zip(
                    member_rows, member_clusters, strict=True
                )
            ]
            id_of = dict(zip(doc_seqs, doc_ids, strict=True))
            id_of.update((m.doc_seq, m.doc_id) for m in members)
            pairs = [(id_of[a], id_of[b]) for a, b in seq_pairs if a in id_of and b in id_of]
            exact = {
                (id_of[a], id_of[b]): verdict
                for (a, b), verdict in exact_seq_pairs.items()
                if a in id_of and b in id_of
            }
            decision = decide(CandidateSet(doc_ids, doc_seqs, signatures, pairs, members, exact))
            seq_of = {doc_id: seq for seq, doc_id in id_of.items()}
            assignments = pa.table(
                {
                    "doc_id": pa.array([r[0] for r in decision.rows], pa.string()),
                    "doc_seq": pa.array([seq_of[r[0]] for r in decision.rows], pa.int64()),
                    "cluster_id": pa.array([r[1] for r in decision.rows], pa.string()),
                    "similarity": pa.array([r[2] for r in decision.rows], pa.float64()),
                    "method": pa.array([r[3] for r in decision.rows], pa.string()),
                    "is_canonical": pa.array([r[4] for r in decision.rows], pa.bool_()),
                }
            )
            self._write_cluster_plan(
                assignments, sorted(decision.touched_clusters), sorted(decision.merged_away)
            )
            self._execute(
                "queries/add_dedup_to_run.sql",
                {
                    "run_id": run_id,
                    "n_documents": len(doc_ids),
                    "n_reprints": decision.n_reprints,
                    "seconds": seconds_hashing + time.perf_counter() - started,
                },
            )
        membership.assign(
            assignments.column("doc_seq").to_numpy(), assignments.column("cluster_id").to_pylist()
        )
        self._membership = membership
        self._update_band_index(index, indexed_keys, indexed_seqs, int(seqs.max(initial=-1)))
        return decision

    def _write_cluster_plan(
        self, assignments: pa.Table, touched: Sequence[str], merged_away: Sequence[str]
    ) -> None:
        """Inside a transaction: replace the `document_clusters` rows of `assignments` (every
        member of every touched cluster), recompute the touched clusters' `story_clusters`
        rows, drop the merged-away ones, and queue the touched clusters' events."""
        with self._registered(
            cluster_assignments=assignments,
            batch_touched_clusters=pa.table({"cluster_id": pa.array(touched, pa.string())}),
            batch_merged_clusters=pa.table({"cluster_id": pa.array(merged_away, pa.string())}),
        ):
            self._execute("queries/stage_cluster_changes.sql")
            self._execute("queries/apply_cluster_assignments.sql")
            self._execute("queries/refresh_story_clusters.sql")
            self._queue_touched_clusters()

    def _verified_pairs(
        self,
        seq_pairs: list[tuple[int, int]],
        batch_seqs: np.ndarray,
        signatures: Signatures,
        cfg: DedupSettings,
    ) -> tuple[list[tuple[int, int]], dict[tuple[int, int], bool]]:
        """Inside the batch's transaction: the candidate pairs `verify_pairs` accepts, so that
        only clusters a verified pair reaches are read (most candidates are not reprints), and
        the verdicts of the borderline pairs decided on exact shingle sets."""
        if not seq_pairs:
            return [], {}
        pairs = np.asarray(seq_pairs, dtype=np.int64).reshape(-1, 2)
        stored_seqs = np.setdiff1d(pairs.reshape(-1), batch_seqs)
        with self._registered(candidate_seqs=pa.table({"doc_seq": stored_seqs})):
            stored = self._execute("queries/select_candidate_signatures.sql").fetchnumpy()
        n_bins = signatures.values.shape[1]
        stored_values = np.frombuffer(b"".join(stored["signature"]), dtype="<u4")
        all_seqs = np.concatenate([batch_seqs, stored["doc_seq"].astype(np.int64)])
        all_values = np.vstack([signatures.values, stored_values.reshape(-1, n_bins)])
        all_sizes = np.concatenate([signatures.n_shingles, stored["n_shingles"].astype(np.int64)])
        order = np.argsort(all_seqs, kind="stable")
        positions = np.minimum(np.searchsorted(all_seqs, pairs, sorter=order), len(order) - 1)
        rows = order[positions]
        # A pair whose stored side has no signature (none expected) is left to decide_clusters.
        is_known = np.all(all_seqs[rows] == pairs, axis=1)
        left, right = rows[:, 0], rows[:, 1]
        verdict = verify_pairs(
            all_values[left], all_sizes[left], all_values[right], all_sizes[right], cfg
        )
        is_duplicate = verdict.is_duplicate.copy()
        exact: dict[tuple[int, int], bool] = {}
        borderline = np.flatnonzero(dedup.is_borderline(verdict, cfg) & is_known)
        if len(borderline):
            decided = self._exact_verdicts(pairs[borderline], batch_seqs, signatures, cfg)
            for i, verdict_i in zip(borderline.tolist(), decided, strict=True):
                if verdict_i is not None:
                    is_duplicate[i] = verdict_i
                    exact[seq_pairs[i]] = verdict_i
        keep = is_duplicate | ~is_known
        return [seq_pairs[i] for i in np.flatnonzero(keep)], exact

    def _exact_verdicts(
        self,
        pairs: np.ndarray,
        batch_seqs: np.ndarray,
        signatures: Signatures,
        cfg: DedupSettings,
    ) -> list[bool | None]:
        """verify_pairs' rule on the exact shingle sets of each (doc_seq, doc_seq) pair; None
        where a set is unknown (rows clustered before migration 008: the estimate stands)."""
        set_of: dict[int, np.ndarray] = {}
        if len(signatures.shingle_sets) == len(batch_seqs):
            set_of.update(zip(batch_seqs.tolist(), signatures.shingle_sets, strict=True))
        stored_seqs = np.setdiff1d(pairs.reshape(-1), batch_seqs)
        if len(stored_seqs):
            with self._registered(shingle_seqs=pa.table({"doc_seq": stored_seqs})):
                stored = self._execute("queries/select_candidate_shingles.sql").fetchall()
            set_of.update(
                (int(seq), np.frombuffer(blob, dtype="<u4"))
                for seq, blob in stored
                if blob is not None
            )
        seqs = sorted(set_of)
        row_of = {seq: row for row, seq in enumerate(seqs)}
        known = [i for i, (a, b) in enumerate(pairs.tolist()) if a in row_of and b in row_of]
        verdicts: list[bool | None] = [None] * len(pairs)
        if known:
            left = np.array([row_of[int(pairs[i, 0])] for i in known], dtype=np.int64)
            right = np.array([row_of[int(pairs[i, 1])] for i in known], dtype=np.int64)
            decided = dedup.exact_verdicts([set_of[seq] for seq in seqs], left, right, cfg)
            for i, duplicate in zip(known, decided.is_duplicate.tolist(), strict=True):
                verdicts[i] = bool(duplicate)
        return verdicts

    def _lookup_band_keys(self, index: bandindex.BandIndex, keys: np.ndarray) -> bandindex.Lookup:
        # A separate method so the benchmark's profile can time the lookup on its own.
        return index.lookup(keys)

    def _update_band_index(
        self, index: bandindex.BandIndex, keys: np.ndarray, seqs: np.ndarray, watermark: int
    ) -> None:
        """After the batch's commit: its accepted band keys become a run of the index. On
        failure the store forgets the index, so its next use brings it up to date from
        `lsh_bands`, which already holds the batch."""
        try:
            index.append(keys, seqs, watermark)
        except BaseException as exc:
            self._band_index = None
            if isinstance(exc, OSError):
                raise StoreError(
                    f"db={self.path}: the batch is stored, but its band index update failed "
                    f"({exc}); the next clustering batch rebuilds the index"
                ) from exc
            raise

    # --- event coding --------------------------------------------------------------------------
    def pending_coding(
        self,
        coder_version: str,
        limit: int,
        languages: Sequence[str] = ("en",),
        *,
        every_shard: bool = False,
    ) -> pa.Table:
        """Canonical documents (one per story) in `languages` not yet coded by this version,
        oldest first, as a `CODING_DOCUMENTS` table. A body longer than MAX_CODED_CHARS comes
        cut one character after it, so the coder still sees that it was long.

        A sharded store lists its own shard's documents (by doc_id), so N workers code each
        story once; when its shard has none left, the other shards' newest ones (their workers
        take the oldest first), so a story whose canonical copy changed after its shard's
        worker stopped is still coded. `every_shard`: every document, oldest first."""
        shard = None if every_shard else self._shard
        pending = self._pending_coding(coder_version, limit, languages, shard, newest_first=False)
        if shard is not None and not pending.num_rows:
            pending = self._pending_coding(coder_version, limit, languages, None, newest_first=True)
        return pending

    def _pending_coding(
        self,
        coder_version: str,
        limit: int,
        languages: Sequence[str],
        shard: Shard | None,
        *,
        newest_first: bool,
    ) -> pa.Table:
        # DuckLake, read before the documents: a story change after it (by another worker)
        # is one they may not reflect.
        read_through = None
        if self.lake is not None:
            (read_through,) = self._execute("queries/select_queued_through.sql").fetchone()
        cursor = self._execute(
            "queries/select_pending_coding.sql",
            {
                "coder_version": coder_version,
                "limit": limit,
                "languages": list(languages),
                "max_chars": MAX_CODED_CHARS + 1,
                "shard_count": shard.count if shard else 1,
                "shard_index": shard.index if shard else 0,
                "newest_first": newest_first,
            },
        )
        table = cursor.to_arrow_table()
        if read_through is not None:
            self._pending_read_through.update(
                dict.fromkeys(table.column("doc_id").to_pylist(), int(read_through))
            )
        self._pending_doc_seqs.update(
            zip(
                table.column("doc_id").to_pylist(), table.column("doc_seq").to_pylist(), strict=True
            )
        )
        return table.drop_columns(["doc_seq"]).cast(CODING_DOCUMENTS)

    def write_coded_batch(
        self,
        run_id: str,
        coder_version: str,
        mentions: pa.Table,
        coded_docs: pa.Table,
        seconds_coding: float = 0.0,
    ) -> None:
        """One transaction: replace this version's rows for the batch's documents, drop its
        rows for documents that are no longer canonical, add the run's counters. An empty
        batch still drops stale rows (stories that merged since the last run)."""
        started = time.perf_counter()
        versions = set(mentions.column("coder_version").to_pylist()) | set(
            coded_docs.column("coder_version").to_pylist()
        )
        if versions - {coder_version}:
            raise StoreError(
                f"write_coded_batch for coder_version={coder_version} got rows of "
                f"{sorted(versions - {coder_version})}"
            )
        params = {"coder_version": coder_version}
        read_through = [
            self._pending_read_through.pop(doc_id)
            for doc_id in set(coded_docs.column("doc_id").to_pylist())
            | set(mentions.column("doc_id").to_pylist())
            if doc_id in self._pending_read_through
        ]
        with self.transaction():
            self._write_coded_rows(run_id, params, mentions, coded_docs)
            if self.lake is None:
                refreshed_through, _queued = self._execute(
                    "queries/select_event_refresh_window.sql", params
                ).fetchone()
                if refreshed_through is None:
                    self._execute("queries/stage_noncanonical_documents_full.sql", params)
                else:
                    self._execute(
                        "queries/stage_noncanonical_documents.sql", {"after": refreshed_through}
                    )
            else:
                self._stage_noncanonical_on_lake(run_id, params, min(read_through, default=None))
            self._execute(
                "queries/queue_noncanonical_events.sql", {**params, "seq": self._next_refresh_seq()}
            )
            self._execute("queries/delete_noncanonical_mentions.sql", params)
            self._execute("queries/delete_noncanonical_coded_documents.sql", params)
            self._add_coding_to_run(
                run_id,
                coded_docs.num_rows,
                mentions.num_rows,
                seconds_coding + time.perf_counter() - started,
            )

    def _stage_noncanonical_on_lake(
        self, run_id: str, params: Mapping[str, Any], read_through: int | None
    ) -> None:
        """Inside a transaction, on a lake: stage the documents that may have stopped being
        canonical: those of the story changes after this version's check mark (which moves to
        the newest change now), and after the point where this batch's documents were read.
        Workers share the queue and rebuild each other's events, so the rebuild's watermark
        may have passed a change that no check has seen, or that this batch's coder had not.
        The run's hold on the queue moves up to the oldest read mark it still needs."""
        (checked_through,) = self._execute(
            "queries/select_noncanonical_checked_through.sql", params
        ).fetchone()
        (queued_through,) = self._execute("queries/select_queued_through.sql").fetchone()
        # The marks below are kept, but the check reads every story: the two-worker shards test
        # still found a lake's events differing from the single file's once in about five
        # runs with the check from the marks (a race not yet found), never with whole passes.
        self._execute("queries/stage_noncanonical_documents_full.sql", params)
        self._execute("queries/delete_noncanonical_check_state.sql", params)
        self._execute(
            "queries/insert_noncanonical_check_state.sql",
            {**params, "through": max(int(queued_through), checked_through or 0)},
        )
        self._execute(
            "queries/update_event_refresh_hold.sql",
            {
                "run_id": run_id,
                "held_after": min(self._pending_read_through.values(), default=queued_through),
            },
        )

    def rebuild_events(self, coder_version: str, *, full: bool = False) -> int:
        """Re-aggregate this version's events from its mentions, counted over story clusters
        (insert_events.sql), in one transaction; returns the version's number of events.

        Only the events touched since the version's last rebuild are redone (the
        `event_refresh_queue` rows after its watermark): those that gained or lost mentions
        and those mentioned in a story cluster that changed. `full`, or a version never
        rebuilt before, redoes every event; both leave the same rows."""
        with self.transaction():
            return self._rebuild_events({"coder_version": coder_version}, full=full)

    def replace_coder_version(
        self,
        run_id: str,
        coder_version: str,
        code_batch: Callable[[pa.Table], tuple[pa.Table, pa.Table]],
        batch_size: int,
        languages: Sequence[str] = ("en",),
    ) -> tuple[int, int, int]:
        """Re-code every canonical document with `code_batch` (docs -> mentions, coded
        documents) and replace all of this version's mentions, coded documents and events in
        ONE transaction: a crash leaves the previous rows untouched. Returns (documents,
        mentions, events)."""
        started = time.perf_counter()
        params = {"coder_version": coder_version}
        n_documents = n_mentions = 0
        with self.transaction():
            self._execute("queries/delete_version_mentions.sql", params)
            self._execute("queries/delete_version_coded_documents.sql", params)
            # Every row of the version is gone, so "not coded yet" now means every canonical
            # document; each written batch drops out of the next page.
            while (
                docs := self.pending_coding(coder_version, batch_size, languages, every_shard=True)
            ).num_rows:
                mentions, coded_docs = code_batch(docs)
                self._write_coded_rows(run_id, params, mentions, coded_docs)
                if coded_docs.num_rows < docs.num_rows:
                    raise StoreError(
                        f"code_batch returned {coded_docs.num_rows} coded documents for "
                        f"{docs.num_rows} documents (coder_version={coder_version})"
                    )
                n_documents += coded_docs.num_rows
                n_mentions += mentions.num_rows
            n_events = self._rebuild_events(params, full=True)
            self._add_coding_to_run(run_id, n_documents, n_mentions, time.perf_counter() - started)
        # Every document it read is written and current: no read mark is needed any more.
        self._pending_read_through.clear()
        return n_documents, n_mentions, n_events

    def _write_coded_rows(
        self, run_id: str, params: Mapping[str, Any], mentions: pa.Table, coded_docs: pa.Table
    ) -> None:
        """Inside a transaction: replace this version's rows for the batch's documents, and
        quarantine the documents whose coding failed."""
        with self._registered(
            batch_mentions=mentions.cast(EVENT_MENTIONS),
            batch_coded_documents=coded_docs.cast(CODED_DOCUMENTS),
            batch_doc_seqs=self._batch_doc_seqs(mentions, coded_docs),
        ):
            self._execute(
                "queries/queue_batch_events.sql", {**params, "seq": self._next_refresh_seq()}
            )
            self._execute("queries/delete_batch_mentions.sql", params)
            self._execute("queries/delete_batch_coded_documents.sql", params)
            self._execute("queries/insert_event_mentions.sql")
            self._execute("queries/insert_coded_documents.sql")
            self._execute("queries/insert_coding_quarantine.sql", {"run_id": run_id})

    def _batch_doc_seqs(self, mentions: pa.Table, coded_docs: pa.Table) -> pa.Table:
        """(doc_id, doc_seq) of every document a coded batch names: from what pending_coding
        handed out, else looked up; a document that is not stored is an error, never a row
        written without its doc_seq."""
        doc_ids = sorted(
            set(coded_docs.column("doc_id").to_pylist())
            | set(mentions.column("doc_id").to_pylist())
        )
        seqs = {d: self._pending_doc_seqs.pop(d) for d in doc_ids if d in self._pending_doc_seqs}
        unknown = [d for d in doc_ids if d not in seqs]
        if unknown:
            with self._registered(
                unknown_doc_ids=pa.table({"doc_id": pa.array(unknown, pa.string())})
            ):
                seqs.update(self._execute("queries/select_batch_doc_seqs.sql").fetchall())
        missing = [d for d in doc_ids if d not in seqs]
        if missing:
            raise StoreError(
                f"db={self.path}: coded rows name {len(missing)} documents that are not stored "
                f"(first: {missing[0]})"
            )
        return pa.table(
            {
                "doc_id": pa.array(doc_ids, pa.string()),
                "doc_seq": pa.array([seqs[d] for d in doc_ids], pa.int64()),
            }
        )

    def _next_refresh_seq(self) -> int:
        (seq,) = self._execute("queries/select_next_refresh_seq.sql").fetchone()
        return int(seq)

    def _queue_touched_clusters(self) -> None:
        """Inside a transaction, after refresh_story_clusters.sql: their events need recounting."""
        self._execute("queries/queue_touched_clusters.sql", {"seq": self._next_refresh_seq()})

    def _rebuild_events(self, params: Mapping[str, Any], *, full: bool) -> int:
        """Inside a transaction: re-aggregate the events queued after the version's
        watermark (or all of them), move the watermark, prune what every version consumed."""
        refreshed_through, queued_through = self._execute(
            "queries/select_event_refresh_window.sql", params
        ).fetchone()
        window = {
            **params,
            # A lake re-aggregates every event (see _stage_noncanonical_on_lake).
            "full": full or refreshed_through is None or self.lake is not None,
            "after": refreshed_through or 0,
            # Nothing queued (or all pruned): keep the watermark where it was.
            "through": max(queued_through or 0, refreshed_through or 0),
        }
        if window["full"]:
            self._execute("queries/stage_refresh_events_full.sql", params)
        else:
            self._execute(
                "queries/stage_refresh_events.sql",
                {**params, "after": window["after"], "through": window["through"]},
            )
        self._execute("queries/delete_refresh_events.sql", params)
        self._execute("queries/insert_events.sql", params)
        self._execute("queries/delete_event_refresh_state.sql", params)
        self._execute(
            "queries/insert_event_refresh_state.sql",
            {**params, "through": window["through"]},
        )
        self._execute("queries/prune_event_refresh_queue.sql")
        counted = self._execute("queries/count_version_events.sql", params).fetchone()
        return int(counted[0]) if counted else 0

    def _add_coding_to_run(
        self, run_id: str, n_documents: int, n_mentions: int, seconds: float
    ) -> None:
        self._execute(
            "queries/add_coding_to_run.sql",
            {
                "run_id": run_id,
                "n_documents": n_documents,
                "n_mentions": n_mentions,
                "seconds": seconds,
            },
        )

    @contextmanager
    def _registered(self, **tables: pa.Table) -> Iterator[None]:
        """Arrow tables visible to SQL under the given names for the duration of the block."""
        for name, table in tables.items():
            self.connection.register(name, table)
        try:
            yield
        finally:
            for name in tables:
                self.connection.unregister(name)

    # --- reading -------------------------------------------------------------------------------
    def query(
        self, sql: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run ad hoc SQL (the `wirewatch sql` command); returns column names and rows."""
        try:
            cursor = self.connection.execute(sql, dict(params) if params else None)
        except duckdb.Error as exc:
            raise _map_duckdb_error(exc, self.path) from exc
        if cursor.description is None:
            return [], []
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()

    def named_query(
        self, relative: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one of the SQL files shipped in sql/ and return column names and rows."""
        return self.query(sql_text(relative), params)

    def copy_query(self, relative: str, params: Mapping[str, Any]) -> int:
        """Run one of the `COPY (...) TO $path` files in sql/; returns the rows written."""
        row = self._execute(relative, params).fetchone()
        return int(row[0]) if row else 0

    # --- feeds (migration 011) --------------------------------------------------------------------
    def add_feeds(self, feeds: pa.Table) -> list[str]:
        """Register feeds (`NEW_FEEDS` columns); URLs or names already registered are skipped.
        Returns the URLs added."""
        with self._registered(new_feeds=feeds.cast(NEW_FEEDS)), self.transaction():
            rows = self._execute("queries/insert_feeds.sql").fetchall()
        return [url for (url,) in rows]

    def remove_feed(self, key: str) -> list[str]:
        """Forget the feed whose URL or name is `key`; returns the URLs removed."""
        with self.transaction():
            rows = self._execute("queries/delete_feed.sql", {"key": key}).fetchall()
        return [url for (url,) in rows]

    def due_feeds(self, *, all_feeds: bool = False) -> list[dict[str, Any]]:
        """Feeds due a poll (every feed with all_feeds), as dicts of their state."""
        cursor = self._execute("queries/select_due_feeds.sql", {"all": all_feeds})
        columns = [d[0] for d in cursor.description or []]
        feeds = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        if self._shard is None:
            return feeds
        return [feed for feed in feeds if self._shard.owns(feed["url"])]

    def known_feed_entries(self, candidates: pa.Table) -> dict[str, tuple[str, str | None]]:
        """For candidate entries (`FEED_ENTRY_CANDIDATES`) seen before: guid -> (`guid` when
        this feed listed it, `url` when some feed had its canonical URL, the doc_id)."""
        if not candidates.num_rows:
            return {}
        with self._registered(candidate_entries=candidates.cast(FEED_ENTRY_CANDIDATES)):
            rows = self._execute("queries/select_known_feed_entries.sql").fetchall()
        return {guid: (known_by, doc_id) for guid, known_by, doc_id in rows}

    def write_feed_batch(
        self,
        run_id: str,
        documents: Sequence[Document],
        entries: pa.Table,
        failures: pa.Table,
        feed_states: pa.Table,
        counts: Mapping[str, float],
        *,
        max_backoff_seconds: float,
    ) -> BatchOutcome:
        """Documents and sightings of a batch of feed articles, their entries, the fetch
        failures and the feeds' new state, in one transaction: a crash leaves the batch's
        feeds as they were, to be polled again."""
        started = time.perf_counter()
        params = {"run_id": run_id}
        with (
            self._registered(
                batch_documents=to_table(documents, BATCH_DOCUMENTS),
                batch_quarantine=to_table([], BATCH_QUARANTINE),
                batch_feed_entries=entries.cast(BATCH_FEED_ENTRIES),
                batch_feed_failures=failures.cast(BATCH_FEED_FAILURES),
                batch_feed_states=feed_states.cast(BATCH_FEED_STATES),
            ),
            self.transaction(),
        ):
            n_new, n_duplicate = self._insert_staged_documents(params)
            self._execute("queries/insert_feed_entries.sql", params)
            self._execute("queries/insert_feed_fetch_failures.sql", params)
            self._execute(
                "queries/update_feed_states.sql", {"max_backoff_seconds": max_backoff_seconds}
            )
            self._add_batch_to_run(run_id, counts, started)
        return BatchOutcome(int(n_new), int(n_duplicate), failures.num_rows)
