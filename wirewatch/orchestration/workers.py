"""The CPU stages of a run, in worker processes or in the run's own process.

A run's CPU time goes mostly to event coding and language detection, which are pure: files or
documents in, rows out. `StagePool` runs them in worker processes, each loading the coder's
dictionaries once, while the run's process does what must stay in one process: the ledger
scan, clustering and every DuckDB write (the database's one writer). Batches are read and
normalised ahead of the one being written, and the canonical documents of a coding round are
coded in several batches at once; results come back in order, so the rows written are the rows
a run without workers writes.

Between processes go lists of `FileStat`, plain tuples of document fields and Arrow tables,
never per-article objects with their classes. This module imports neither Prefect nor DuckDB,
so a worker stays small: it holds the stage code, NumPy, Arrow and the coder's dictionaries.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.util
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

import pyarrow as pa

from wirewatch.coding import mentions as coding
from wirewatch.coding.events import EventCoder
from wirewatch.coding.places import Gazetteer
from wirewatch.coding.tone import ToneScorer
from wirewatch.config import CodingSettings, Settings
from wirewatch.ingest import normalise, scan
from wirewatch.schemas import Document, FileStat, QuarantineRecord

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


# --- coding tools (loaded once per process) ---------------------------------------------------
@dataclass(frozen=True)
class CodingTools:
    """What the coding stage needs, loaded once per process (dictionaries, gazetteer,
    lexicon take about a second together)."""

    coder: EventCoder
    gazetteer: Gazetteer
    tone: ToneScorer

    @classmethod
    def load(cls, cfg: CodingSettings) -> CodingTools:
        """Loaded once per process while the user actor files stay as they are: a long-lived
        process (`wirewatch watch`, a worker) runs many flows, and loading takes seconds."""
        key = tuple(_actor_files_stamp(Path(folder)) for folder in cfg.extra_actor_dirs)
        cached = _loaded_tools.get(key)
        if cached is None:
            cached = cls(EventCoder.load(cfg.extra_actor_dirs), Gazetteer.load(), ToneScorer())
            _loaded_tools.clear()  # one set of dictionaries in memory, not one per edit
            _loaded_tools[key] = cached
        return cached

    @property
    def version(self) -> str:
        return self.coder.version

    @property
    def parallelism(self) -> int:
        return 1

    def code(self, docs: pa.Table, run_id: str) -> coding.CodingResult:
        return coding.code_documents(
            docs,
            coder=self.coder,
            gazetteer=self.gazetteer,
            tone=self.tone,
            run_id=run_id,
            coded_at=datetime.now(UTC),
        )

    def code_batches(
        self, batches: Sequence[pa.Table], run_id: str
    ) -> Iterator[tuple[coding.CodingResult, float]]:
        """(result, seconds coding) per batch, in order."""
        for docs in batches:
            started = time.perf_counter()
            result = self.code(docs, run_id)
            yield result, time.perf_counter() - started


_loaded_tools: dict[tuple[tuple[tuple[str, int, int], ...], ...], CodingTools] = {}


def _actor_files_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Each file of a user actor folder with its mtime and size: a changed file is reloaded."""
    if not folder.is_dir():
        return ((str(folder), -1, -1),)
    stamps = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


# --- read + normalise -------------------------------------------------------------------------
_DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))
_document_values = attrgetter(*_DOCUMENT_FIELDS)


@dataclass(frozen=True)
class PreparedBatch:
    """A batch read and normalised, ready for the store: documents as plain tuples of
    `Document` fields (cheap to send between processes), quarantine records, run counters."""

    n_files: int
    document_values: list[tuple[Any, ...]]
    quarantine: list[QuarantineRecord]
    counts: dict[str, float]

    @property
    def documents(self) -> list[Document]:
        return [Document(*values) for values in self.document_values]

    @property
    def n_deferred(self) -> int:
        return int(self.counts.get("n_deferred", 0))


def prepare_batch(batch: Sequence[FileStat], settings: Settings) -> PreparedBatch:
    """Read and normalise one batch (language detection included); pure, so it can run in
    any process."""
    read = scan.read_files(batch, cfg=settings.ingest)
    normalised = normalise.normalise_documents(read.rows, cfg=settings.normalise)
    return PreparedBatch(
        n_files=len(batch),
        document_values=[_document_values(document) for document in normalised.rows],
        quarantine=read.quarantine + normalised.quarantine,
        counts=read.counts | normalised.counts,
    )


# --- the worker side --------------------------------------------------------------------------
def _start_worker(parent_pid: int) -> None:
    """Each worker dies with the run's process (a SIGKILLed run leaves no worker behind) and
    leaves Ctrl-C to it: the run's process stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # A forkserver worker's parent is the fork server, and the fork server only exits when
    # every worker has (each holds its "alive" pipe), so the prctl alone would keep them all
    # waiting for a dead run: watch the run's process itself.
    threading.Thread(
        target=_exit_when_gone, args=(parent_pid,), name="wirewatch-run-watch", daemon=True
    ).start()


def _exit_when_gone(pid: int) -> None:
    """Exit this worker as soon as process `pid` has ended."""
    pidfd: int | None = None
    with contextlib.suppress(AttributeError, OSError):
        pidfd = os.pidfd_open(pid)  # Linux 5.3+: readable when the process ends
    if pidfd is not None and _alive(pid):
        select.select([pidfd], [], [])
    else:
        while _alive(pid):
            time.sleep(0.5)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _worker_coder_version(cfg: CodingSettings) -> str:
    return CodingTools.load(cfg).version


def _worker_code(
    docs: pa.Table, run_id: str, cfg: CodingSettings
) -> tuple[pa.Table, pa.Table, float]:
    started = time.perf_counter()
    result = CodingTools.load(cfg).code(docs, run_id)
    return result.mentions, result.coded_documents, time.perf_counter() - started


# --- the run's side ---------------------------------------------------------------------------
class _InProcess(Executor):
    """An executor that runs each call at once in this process (workers = 1)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to whoever asks for the result
            future.set_exception(exc)
        return future


class PooledCoding:
    """The coding stage on the pool's workers: the same interface as `CodingTools`, but the
    run's process holds no dictionaries, only the coder version a worker reported."""

    def __init__(self, pool: StagePool, cfg: CodingSettings) -> None:
        self._pool = pool
        self._cfg = cfg
        # One call per worker, side by side: each loads the dictionaries before the run.
        versions = {
            future.result()
            for future in [
                pool.submit(_worker_coder_version, cfg) for _ in range(pool.workers)
            ]
        }
        if len(versions) != 1:
            raise RuntimeError(f"worker processes loaded different coders: {sorted(versions)}")
        self.version: str = versions.pop()

    @property
    def parallelism(self) -> int:
        return self._pool.workers

    def code_batches(
        self, batches: Sequence[pa.Table], run_id: str
    ) -> Iterator[tuple[coding.CodingResult, float]]:
        """(result, seconds coding in the worker) per batch, in order; all batches are
        submitted at once, so the workers code them side by side."""
        futures = [self._pool.submit(_worker_code, docs, run_id, self._cfg) for docs in batches]
        for future in futures:
            mentions, coded_documents, seconds = future.result()
            yield coding.CodingResult(mentions, coded_documents), seconds


class StagePool:
    """Worker processes for the CPU stages (`workers` > 1), or this process (`workers` = 1).

    One pool per process and worker count, kept between flow runs (a watcher runs many, and
    each worker loads the coder once); `shutdown_pools` ends them, and they end with the
    process."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: Executor
        if workers > 1:
            executor = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=_worker_context(),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
            # The executor starts a worker per call while none is idle: start them all now
            # (they start side by side), not one by one as the first batches arrive.
            for started in [executor.submit(os.getpid) for _ in range(workers)]:
                started.result()
            self._executor = executor
        else:
            self._executor = _InProcess()

    @property
    def in_process(self) -> bool:
        return self.workers <= 1

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        return self._executor.submit(fn, *args)

    def call(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        return self.submit(fn, *args).result()

    def coding(self, cfg: CodingSettings) -> CodingTools | PooledCoding:
        """The coding stage: in this process with one worker, else on the workers."""
        if self.in_process:
            return CodingTools.load(cfg)
        return PooledCoding(self, cfg)

    def prepared_batches(
        self, batches: Iterable[list[FileStat]], settings: Settings
    ) -> Iterator[PreparedBatch]:
        """Each batch read and normalised, in order, with up to `batches_ahead_per_worker`
        x workers batches in flight ahead of the one the caller is writing."""
        if self.in_process:
            for batch in batches:
                yield prepare_batch(batch, settings)
            return
        ahead = self.workers * settings.pipeline.batches_ahead_per_worker
        in_flight: deque[Future[PreparedBatch]] = deque()
        source = iter(batches)
        exhausted = False
        try:
            while True:
                while not exhausted and len(in_flight) < ahead:
                    batch = next(source, None)
                    if batch is None:
                        exhausted = True
                    else:
                        in_flight.append(self.submit(prepare_batch, batch, settings))
                if not in_flight:
                    return
                yield in_flight.popleft().result()
        finally:
            # The run stopped early (an error): batches read ahead are not wanted.
            for future in in_flight:
                future.cancel()

    def worker_pids(self) -> list[int]:
        """The worker processes' ids (empty without workers), for the benchmarks."""
        processes = getattr(self._executor, "_processes", None) or {}
        return sorted(processes)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers start from a fork server that imported this module, not by forking the run's
    process (its Prefect and DuckDB threads may hold locks a forked child would inherit)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


_pools: dict[int, StagePool] = {}
_pools_lock = threading.Lock()


@contextmanager
def stage_pool(settings: Settings) -> Iterator[StagePool]:
    """This process's pool for `[pipeline] workers`, created on first use and kept for the
    next run; a pool whose worker died (BrokenProcessPool) is dropped, the next run starts
    new workers."""
    workers = settings.pipeline.worker_count()
    with _pools_lock:
        pool = _pools.get(workers)
        if pool is None:
            pool = _pools[workers] = StagePool(workers)
            if pool.workers > 1:
                # A process started by multiprocessing (Prefect's served flow runs) joins its
                # children before the interpreter's exit hooks would stop the workers: stop
                # them first, or that process never exits.
                multiprocessing.util.Finalize(None, shutdown_pools, exitpriority=100)
    try:
        yield pool
    except BrokenProcessPool:
        discard_pool(pool)
        raise


def discard_pool(pool: StagePool) -> None:
    """Drop a pool whose workers broke (a worker was killed): the next run starts a new one."""
    with _pools_lock:
        if _pools.get(pool.workers) is pool:
            del _pools[pool.workers]
    with contextlib.suppress(BrokenProcessPool):
        pool.shutdown()


def shutdown_pools() -> None:
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.shutdown()
