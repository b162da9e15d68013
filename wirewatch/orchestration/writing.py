"""How a flow takes a database for writing: one Prefect global concurrency limit per database
file, then the file itself (waiting, bounded, for another writer), recorded beside the file and
publishing read snapshots; and flow retries only for transient failures.

DuckDB lets one process write a file, so every flow that writes one database (ingest-folder,
recode-events, recluster-documents, and later feeds) queues on a limit named after the
resolved path, whichever deployment or work pool it runs in. The limit is only the queue that
shows in the Prefect UI; the file lock stays the guard, so a run whose API cannot grant a slot
(or a writer outside Prefect) still waits on the file instead of corrupting anything.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import ParamSpec, TypeVar

import httpx
from prefect import get_run_logger
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
from prefect.client.schemas.objects import ConcurrencyLeaseHolder
from prefect.concurrency.asyncio import ConcurrencySlotAcquisitionError
from prefect.concurrency.sync import concurrency
from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound
from prefect.runtime import flow_run

from wirewatch.config import StoreSettings
from wirewatch.errors import DatabaseLockedError, TransientError
from wirewatch.store import Store
from wirewatch.store.lake import LakeTarget, Shard
from wirewatch.store.sharing import SnapshotPolicy, WriterIdentity, read_writer_file

# Flow-level retries: a run that failed on something transient (the database still held after
# `busy_timeout_seconds`) runs again from the start, which the ledger makes idempotent. Any
# other failure (bad settings, a bug) is final: `retry_only_transient` says so to the server.
FLOW_RETRIES = 2
FLOW_RETRY_DELAY_S = 30

# Waiting for the database's slot: one attempt every this many seconds; a slot taken while no live
# writer record lies beside the database for this long belongs to a killed run.
_SLOT_ATTEMPT_S = 2.0
_ORPHANED_SLOT_S = 10.0

# Prefect names may not contain these.
_BANNED_IN_NAMES = re.compile(r"[/%&<>]")

P = ParamSpec("P")
R = TypeVar("R")


def database_limit_name(db: str | Path) -> str:
    """The global concurrency limit of one database file: its name and a digest of its
    resolved path, e.g. `wirewatch-db:wirewatch.duckdb:3f9c0a1b2c4d`."""
    resolved = Path(db).expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"wirewatch-db:{_BANNED_IN_NAMES.sub('_', resolved.name)}:{digest}"


def _ensure_limit(name: str) -> int:
    """Create the database's limit (1 slot) unless it exists; returns its active slots. A
    limit a user created or changed is left as it is."""
    with get_client(sync_client=True) as client:
        try:
            return client.read_global_concurrency_limit_by_name(name).active_slots
        except ObjectNotFound:
            pass
        with suppress(ObjectAlreadyExists):  # another run created it just now
            client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=1))
        return client.read_global_concurrency_limit_by_name(name).active_slots


def _slot_is_taken(exc: ConcurrencySlotAcquisitionError) -> bool:
    """Whether a refused acquisition means the slot is held (HTTP 423), not an API fault."""
    cause = exc.__cause__
    return isinstance(cause, httpx.HTTPStatusError) and cause.response.status_code == 423


@contextmanager
def database_slot(db: str, run_id: str, timeout_s: float) -> Iterator[None]:
    """Hold the database's global concurrency slot for the block, waiting up to `timeout_s`
    for it (DatabaseLockedError after that)."""
    logger = get_run_logger()
    name = database_limit_name(db)
    try:
        busy = _ensure_limit(name) > 0
    except Exception as exc:  # the API is down or refuses: the file lock still guards
        logger.warning("concurrency limit %s unavailable (%s); relying on the file lock", name, exc)
        yield
        return
    if busy:
        writer = read_writer_file(db)
        who = f"is being written by {writer.describe()}" if writer else "is taken by another run"
        logger.info(
            "db=%s %s; waiting up to %.0f s (concurrency limit %s)", db, who, timeout_s, name
        )
    try:
        holder = ConcurrencyLeaseHolder(type="flow_run", id=uuid.UUID(run_id))
    except ValueError:
        holder = None
    deadline = time.monotonic() + timeout_s
    orphaned_since: float | None = None
    while True:
        slot = ExitStack()
        try:
            # One request per attempt (max_retries=0) and no client-side timeout: a timeout
            # that fires while the server grants the slot leaves a lease nobody releases for
            # its 300 s (seen once in CI: a finished pair of runs left the slot taken).
            slot.enter_context(
                concurrency(
                    name,
                    occupy=1,
                    max_retries=0,
                    strict=True,
                    holder=holder,
                    # A renewal that fails once (the API busy) must not end a long run: the
                    # file lock still guards the database.
                    raise_on_lease_renewal_failure=False,
                )
            )
            break
        except ConcurrencySlotAcquisitionError as exc:
            if not _slot_is_taken(exc):
                logger.warning(
                    "concurrency limit %s refused (%s); relying on the file lock", name, exc
                )
                break  # `slot` holds nothing: the attempt entered no context
            if time.monotonic() >= deadline:
                writer = read_writer_file(db)
                who = "is taken by another run"
                if writer is not None:
                    who = f"is being written by {writer.describe()}"
                raise DatabaseLockedError(
                    f"db={db} {who}; waited {timeout_s:.0f} s for the concurrency limit {name}"
                ) from exc
            # A slot whose holder died (SIGKILL: its lease lives on for up to 300 s) shows
            # as no live writer record beside the database.
            if read_writer_file(db) is not None:
                orphaned_since = None
            else:
                orphaned_since = orphaned_since or time.monotonic()
                if time.monotonic() - orphaned_since >= _ORPHANED_SLOT_S:
                    logger.warning(
                        "the slot of %s is held by a run that no longer writes db=%s (killed?); "
                        "going ahead, the file lock still guards the database",
                        name,
                        db,
                    )
                    break
            time.sleep(max(0.0, min(_SLOT_ATTEMPT_S, deadline - time.monotonic())))
    with slot:
        yield


@contextmanager
def writing_store(db: str, flow_name: str, run_id: str, cfg: StoreSettings) -> Iterator[Store]:
    """The database open for writing by this run: its concurrency slot, then the file (the
    rest of `busy_timeout_seconds` to wait for it), the writer recorded beside it, read
    snapshots published as `cfg` says. With `[store] backend = "ducklake"`: the lake `cfg`
    names, with no slot (workers write at once) and this worker's shard."""
    logger = get_run_logger()
    lake = LakeTarget.of(cfg)
    if lake is not None:
        # DuckLake: many workers write at once, each write transaction under the catalog's
        # lock; `db` is not used (docs/scale-out.md).
        with Store.open(
            db,
            lake=lake,
            shard=Shard.parse(cfg.shard),
            busy_timeout_s=cfg.busy_timeout_seconds,
            logger=logger,
        ) as store:
            yield store
        return
    started = time.monotonic()
    with database_slot(db, run_id, cfg.busy_timeout_seconds):
        remaining = max(0.0, cfg.busy_timeout_seconds - (time.monotonic() - started))
        snapshots = (
            SnapshotPolicy(cfg.snapshot_interval_seconds, cfg.snapshot_cost_factor)
            if cfg.read_snapshot
            else None
        )
        with Store.open(
            db,
            busy_timeout_s=remaining,
            writer=WriterIdentity.of_this_process(flow_name, run_id),
            snapshots=snapshots,
            logger=logger,
        ) as store:
            yield store


def _forbid_flow_retries() -> None:
    """Tell the server this run's failure is final: Prefect 3.8.8 flows have no retry
    condition (tasks do), and the server retries any failed run that has retries left."""
    run_id = flow_run.id
    if not run_id:
        return
    try:
        with get_client(sync_client=True) as client:
            current = client.read_flow_run(uuid.UUID(str(run_id)))
            policy = current.empirical_policy.model_copy(update={"retries": 0})
            client.update_flow_run(uuid.UUID(str(run_id)), empirical_policy=policy)
    except Exception as exc:  # never hide the real failure behind this one
        get_run_logger().warning("could not mark the failure as final (%s)", exc)


def retry_only_transient(flow_function: Callable[P, R]) -> Callable[P, R]:
    """Under `@flow(retries=...)`: a failure that is not a TransientError is not retried."""

    @functools.wraps(flow_function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return flow_function(*args, **kwargs)
        except TransientError:
            raise
        except Exception:
            _forbid_flow_retries()
            raise

    return run
