"""Scan stage: find article files under a folder, keep only what is new or changed since the
last run (via the `files` ledger), leave files still being written for the next run, and read
the rest in bounded batches.

Input: a folder and `IngestSettings`. Output: batches of `FileStat`, then `RawFile` records.
Quarantine reasons: `not_a_file`, `symlink_loop`, `broken_symlink`, `file_vanished`,
`unreadable`, `too_large`.

Symlinks to files are followed; symlinks to folders are not descended into (no loops, no file
seen twice). Hidden entries (names starting with '.') are skipped.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wirewatch.config import IngestSettings
from wirewatch.errors import TerminalError
from wirewatch.schemas import (
    BROKEN_SYMLINK,
    FILE_VANISHED,
    NOT_A_FILE,
    SYMLINK_LOOP,
    TOO_LARGE,
    UNREADABLE,
    FileStat,
    QuarantineRecord,
    RawFile,
    StageResult,
)

# A file whose mtime is this far in the future is not "being written", it has a skewed clock.
_FUTURE_MTIME_TOLERANCE_S = 60.0
_READ_CHUNK = 1 << 20

SelectChanged = Callable[[Sequence[FileStat]], list[FileStat]]


@dataclass
class ScanCounts:
    """Running totals of one scan, for the run record."""

    n_matched: int = 0
    n_unchanged: int = 0
    n_deferred: int = 0
    seconds: float = 0.0
    deferred_paths: list[str] = field(default_factory=list)


def compile_globs(patterns: Sequence[str]) -> re.Pattern[str]:
    """Glob patterns -> one regex over '/'-separated relative paths.

    `*` and `?` stay within one path component, `**/` spans any number of folders (including
    none), `[...]` is a character class."""
    alternatives = []
    for pattern in patterns:
        out: list[str] = []
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                out.append("(?:[^/]+/)*")
                i += 3
            elif pattern.startswith("**", i):
                out.append(".*")
                i += 2
            elif pattern[i] == "*":
                out.append("[^/]*")
                i += 1
            elif pattern[i] == "?":
                out.append("[^/]")
                i += 1
            elif pattern[i] == "[":
                end = pattern.find("]", i + 2)
                if end == -1:
                    out.append(re.escape("["))
                    i += 1
                else:
                    body = pattern[i + 1 : end]
                    if body.startswith("!"):
                        body = "^" + body[1:]
                    out.append(f"[{body}]")
                    i = end + 1
            else:
                out.append(re.escape(pattern[i]))
                i += 1
        alternatives.append("".join(out))
    return re.compile("(?:" + "|".join(alternatives) + r")\Z")


def _problem(path: str, seq: int, reason: str, detail: str, st: os.stat_result | None) -> FileStat:
    size = st.st_size if st is not None else 0
    mtime = st.st_mtime_ns if st is not None else 0
    return FileStat(path, size, mtime, seq, reason, detail)


def _stat_entry(entry: os.DirEntry[str], seq: int) -> FileStat:
    """Stat what a matching entry points to; problems become a FileStat with a reason."""
    path = entry.path
    try:
        lst = entry.stat(follow_symlinks=False)
    except FileNotFoundError:
        return _problem(path, seq, FILE_VANISHED, "deleted while the folder was scanned", None)
    except OSError as exc:
        return _problem(path, seq, UNREADABLE, f"lstat failed: {exc.strerror}", None)
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _problem(path, seq, SYMLINK_LOOP, "resolving the symlink loops", lst)
        if exc.errno == errno.ENOENT:
            if stat.S_ISLNK(lst.st_mode):
                target = os.readlink(path)
                return _problem(path, seq, BROKEN_SYMLINK, f"target {target!r} does not exist", lst)
            return _problem(path, seq, FILE_VANISHED, "deleted while the folder was scanned", None)
        return _problem(path, seq, UNREADABLE, f"stat failed: {exc.strerror}", lst)
    if stat.S_ISDIR(st.st_mode):
        return _problem(path, seq, NOT_A_FILE, "a directory named like an article", st)
    if not stat.S_ISREG(st.st_mode):
        return _problem(path, seq, NOT_A_FILE, f"not a regular file (mode {st.st_mode:o})", st)
    return FileStat(path, st.st_size, st.st_mtime_ns, seq)


def walk_matching(root: Path, matcher: re.Pattern[str]) -> Iterator[FileStat]:
    """FileStat for every path the globs match: a folder's own entries by name, then its
    subfolders by name, depth first. A stable order makes `seq`, and so which of two identical
    files is the document's source, the same in every run."""
    seq = 0
    stack: list[tuple[str, str]] = [(str(root), "")]
    while stack:
        folder, relative = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(
                    (e for e in it if not e.name.startswith(".")), key=lambda e: e.name
                )
        except FileNotFoundError:
            continue  # folder removed during the scan; its files are simply not seen
        except OSError as exc:
            seq += 1
            yield FileStat(folder, 0, 0, seq, UNREADABLE, f"cannot list folder: {exc.strerror}")
            continue
        subfolders: list[tuple[str, str]] = []
        for entry in entries:
            rel = f"{relative}{entry.name}"
            is_real_dir = entry.is_dir(follow_symlinks=False)
            if is_real_dir:
                subfolders.append((entry.path, rel + "/"))
                # A folder is reported only when named like a file (`story.txt/`).
                if not Path(entry.name).suffix or not matcher.match(rel):
                    continue
            elif not matcher.match(rel):
                continue
            seq += 1
            yield _stat_entry(entry, seq)
        stack.extend(reversed(subfolders))


def iter_changed_batches(
    root: Path,
    cfg: IngestSettings,
    select_changed: SelectChanged,
    counts: ScanCounts,
    *,
    now: Callable[[], float] = time.time,
) -> Iterator[list[FileStat]]:
    """Batches (<= batch_size files, <= batch_bytes) of new or changed, settled paths.

    `select_changed` compares a chunk with the ledger; memory is bounded by one chunk plus one
    batch whatever the folder size."""
    if not root.is_dir():
        raise TerminalError(NOT_A_FILE, f"path={root} is not a folder")
    matcher = compile_globs(cfg.glob)
    pending: list[FileStat] = []
    pending_bytes = 0
    chunk: list[FileStat] = []

    def budget(item: FileStat) -> int:
        return item.size if item.size <= cfg.max_file_bytes else 0  # too large: never read

    def take_batches(final: bool) -> Iterator[list[FileStat]]:
        nonlocal pending, pending_bytes
        while pending and (
            final or len(pending) >= cfg.batch_size or pending_bytes >= cfg.batch_bytes
        ):
            cut, size = 0, 0
            for item in pending:
                cut += 1
                size += budget(item)
                if cut >= cfg.batch_size or size >= cfg.batch_bytes:
                    break
            batch, pending = pending[:cut], pending[cut:]
            pending_bytes -= size
            yield batch

    def flush_chunk() -> Iterator[list[FileStat]]:
        nonlocal pending_bytes
        started = time.perf_counter()
        clock = now()
        settled: list[FileStat] = []
        for item in chunk:
            age = clock - item.mtime_ns / 1e9
            if item.reason is None and -_FUTURE_MTIME_TOLERANCE_S < age < cfg.settle_seconds:
                counts.n_deferred += 1
                if len(counts.deferred_paths) < 20:
                    counts.deferred_paths.append(item.path)
                continue
            settled.append(item)
        changed = select_changed(settled) if settled else []
        counts.n_unchanged += len(settled) - len(changed)
        pending.extend(changed)
        pending_bytes += sum(budget(item) for item in changed)
        chunk.clear()
        counts.seconds += time.perf_counter() - started
        yield from take_batches(final=False)

    started = time.perf_counter()
    for item in walk_matching(root, matcher):
        counts.n_matched += 1
        chunk.append(item)
        if len(chunk) >= cfg.batch_size:
            counts.seconds += time.perf_counter() - started
            yield from flush_chunk()
            started = time.perf_counter()
    counts.seconds += time.perf_counter() - started
    yield from flush_chunk()
    yield from take_batches(final=True)


def _read_problem(item: FileStat, reason: str, detail: str) -> QuarantineRecord:
    return QuarantineRecord(
        path=item.path,
        reason=reason,
        detail=detail,
        size=item.size,
        mtime_ns=item.mtime_ns,
        sha256=None,
        seq=item.seq,
    )


def _read_one(item: FileStat, cfg: IngestSettings) -> RawFile | QuarantineRecord | None:
    """Bytes of one file, a quarantine record, or None if it changed while being read."""
    if item.reason is not None:
        return _read_problem(item, item.reason, item.detail or "")
    if item.size > cfg.max_file_bytes:
        return _read_problem(
            item, TOO_LARGE, f"{item.size} bytes > ingest.max_file_bytes={cfg.max_file_bytes}"
        )
    try:
        # O_NONBLOCK: a FIFO swapped in after the scan must not hang the batch.
        fd = os.open(item.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        if os.path.islink(item.path):
            return _read_problem(item, BROKEN_SYMLINK, "symlink target removed after the scan")
        return _read_problem(item, FILE_VANISHED, "deleted between scan and read")
    except PermissionError as exc:
        return _read_problem(item, UNREADABLE, f"permission denied ({exc.strerror})")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _read_problem(item, SYMLINK_LOOP, "resolving the symlink loops")
        return _read_problem(item, UNREADABLE, f"open failed: {exc.strerror}")
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            return _read_problem(item, NOT_A_FILE, f"not a regular file (mode {before.st_mode:o})")
        if before.st_size > cfg.max_file_bytes:
            return _read_problem(
                item,
                TOO_LARGE,
                f"{before.st_size} bytes > ingest.max_file_bytes={cfg.max_file_bytes}",
            )
        parts: list[bytes] = []
        remaining = cfg.max_file_bytes + 1
        while remaining > 0:
            block = os.read(fd, min(_READ_CHUNK, remaining))
            if not block:
                break
            parts.append(block)
            remaining -= len(block)
        after = os.fstat(fd)
    except OSError as exc:
        return _read_problem(item, UNREADABLE, f"read failed: {exc.strerror}")
    finally:
        os.close(fd)
    content = b"".join(parts)
    # Still being written: size or mtime moved since the scan or during the read.
    if (
        after.st_size != item.size
        or after.st_mtime_ns != item.mtime_ns
        or len(content) != after.st_size
    ):
        return None
    return RawFile(stat=item, content=content, sha256=hashlib.sha256(content).hexdigest())


def read_files(batch: Sequence[FileStat], *, cfg: IngestSettings) -> StageResult:
    """Read a batch; files that moved under us are deferred to the next run, not lost."""
    started = time.perf_counter()
    result = StageResult(counts={"n_deferred": 0, "bytes_read": 0})
    for item in batch:
        outcome = _read_one(item, cfg)
        if outcome is None:
            result.counts["n_deferred"] += 1
        elif isinstance(outcome, RawFile):
            result.rows.append(outcome)
            result.counts["bytes_read"] += len(outcome.content)
        else:
            result.quarantine.append(outcome)
    result.counts["read_seconds"] = time.perf_counter() - started
    return result
