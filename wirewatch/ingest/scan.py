"""Scan stage: find article files under a folder, keep only what is new or changed since the
last run (via the `files` ledger), leave files still being written for the next run, and read
the rest in bounded batches.

Input: a folder and `IngestSettings`. Output: batches of `FileStat`, then `RawFile` records.
Quarantine reasons: `not_a_file`, `symlink_loop`, `broken_symlink`, `outside_folder`,
`file_vanished`, `unreadable`, `too_large`.

The folder is a boundary. It is resolved once and only real folders are entered, so every
path is a resolved path: the ledger key of a file is the same whatever spelling of the folder
a run was given. A symlink to a file stands for its resolved target: followed when the target
lies inside the folder (or ingest.follow_symlinks_outside allows it), quarantined as
`outside_folder` otherwise, and skipped when the target is reached anyway (directly, or through
an earlier link), so one file is one ledger row. Symlinks to folders are not descended into (no
loops, no escape). Hidden entries (names starting with '.') are skipped.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wirewatch.config import IngestSettings
from wirewatch.errors import TerminalError
from wirewatch.ingest.paths import path_to_text
from wirewatch.schemas import (
    BROKEN_SYMLINK,
    FILE_VANISHED,
    NOT_A_FILE,
    OUTSIDE_FOLDER,
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
_GONE = "deleted while the folder was scanned"

SelectChanged = Callable[[Sequence[FileStat]], list[FileStat]]


@dataclass
class ScanCounts:
    """Running totals of one scan, for the run record."""

    n_matched: int = 0
    n_unchanged: int = 0
    n_deferred: int = 0
    n_vanished: int = 0
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


def _is_inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


class _Walker:
    """What one walk needs to judge a symlink: the resolved root, the globs, the setting, and
    the targets already reached through a symlink (so a file two links lead to is one row)."""

    def __init__(self, root: str, matcher: re.Pattern[str], follow_outside: bool) -> None:
        self.root = root
        self.matcher = matcher
        self.follow_outside = follow_outside
        self.link_targets: set[str] = set()

    def walked_directly(self, target: str) -> bool:
        """Whether the walk reaches `target` (a fully resolved path inside the root) by itself:
        no hidden component and a path the globs match. Its folders are real (resolved)."""
        relative = os.path.relpath(target, self.root)
        parts = relative.split(os.sep)
        if any(part.startswith(".") for part in parts):
            return False
        return self.matcher.match("/".join(parts)) is not None

    def stat_symlink(self, path: str, seq: int) -> FileStat | None:
        """A symlink stands for its resolved target, within the boundary; None when the target
        is reached anyway (directly by the walk, or through an earlier link)."""
        try:
            lst = os.lstat(path)
        except FileNotFoundError:
            return _problem(path, seq, FILE_VANISHED, _GONE, None)
        except OSError as exc:
            return _problem(path, seq, UNREADABLE, f"lstat failed: {exc.strerror}", None)
        try:
            target = os.path.realpath(path, strict=True)
        except FileNotFoundError:
            try:
                link = os.readlink(path)
            except OSError:
                return _problem(path, seq, FILE_VANISHED, _GONE, None)
            return _problem(path, seq, BROKEN_SYMLINK, f"target {link!r} does not exist", lst)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return _problem(path, seq, SYMLINK_LOOP, "resolving the symlink loops", lst)
            return _problem(path, seq, UNREADABLE, f"resolving failed: {exc.strerror}", lst)
        inside = _is_inside(target, self.root)
        if not inside and not self.follow_outside:
            return _problem(
                path,
                seq,
                OUTSIDE_FOLDER,
                f"target {path_to_text(target)!r} lies outside the watched folder "
                "(ingest.follow_symlinks_outside=false)",
                lst,
            )
        if (inside and self.walked_directly(target)) or target in self.link_targets:
            return None
        try:
            st = os.stat(target)
        except FileNotFoundError:
            return _problem(path, seq, BROKEN_SYMLINK, "target removed while scanning", lst)
        except OSError as exc:
            return _problem(path, seq, UNREADABLE, f"stat failed: {exc.strerror}", lst)
        if stat.S_ISDIR(st.st_mode):
            return _problem(
                path, seq, NOT_A_FILE, "symlink to a directory named like an article", st
            )
        if not stat.S_ISREG(st.st_mode):
            return _problem(path, seq, NOT_A_FILE, f"not a regular file (mode {st.st_mode:o})", st)
        self.link_targets.add(target)
        return FileStat(target, st.st_size, st.st_mtime_ns, seq)


def _stat_entry(entry: os.DirEntry[str], seq: int) -> FileStat:
    """Stat a matching entry that is not a symlink; problems become a FileStat with a reason."""
    path = entry.path
    try:
        st = entry.stat(follow_symlinks=False)
    except FileNotFoundError:
        return _problem(path, seq, FILE_VANISHED, _GONE, None)
    except OSError as exc:
        return _problem(path, seq, UNREADABLE, f"lstat failed: {exc.strerror}", None)
    if stat.S_ISDIR(st.st_mode):
        return _problem(path, seq, NOT_A_FILE, "a directory named like an article", st)
    if not stat.S_ISREG(st.st_mode):
        return _problem(path, seq, NOT_A_FILE, f"not a regular file (mode {st.st_mode:o})", st)
    return FileStat(path, st.st_size, st.st_mtime_ns, seq)


def walk_matching(
    root: Path,
    matcher: re.Pattern[str],
    *,
    follow_outside: bool = False,
    unlisted: list[str] | None = None,
) -> Iterator[FileStat]:
    """FileStat for every path the globs match: a folder's own entries by name, then its
    subfolders by name, depth first. A stable order makes `seq`, and so which of two identical
    files is the document's source, the same in every run.

    `root` is resolved here and folders are entered only when real (never through a symlink),
    so every path below it is resolved too: one file, one path, whatever spelling of the
    folder a run was given. A symlink stands for its resolved target (see `_Walker`). Folders
    that could not be listed are appended to `unlisted`."""
    resolved = os.path.realpath(root)
    walker = _Walker(resolved, matcher, follow_outside)
    seq = 0
    stack: list[tuple[str, str]] = [(resolved, "")]
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
            if unlisted is not None:
                unlisted.append(folder)
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
            if entry.is_symlink():
                found = walker.stat_symlink(entry.path, seq)
                if found is not None:
                    yield found
            else:
                yield _stat_entry(entry, seq)
        stack.extend(reversed(subfolders))


def iter_changed_batches(
    root: Path,
    cfg: IngestSettings,
    select_changed: SelectChanged,
    counts: ScanCounts,
    *,
    now: Callable[[], float] = time.time,
    retry_paths: Collection[str] = (),
    close_vanished: Callable[[list[str]], None] | None = None,
) -> Iterator[list[FileStat]]:
    """Batches (<= batch_size files, <= batch_bytes) of new or changed, settled paths.

    `select_changed` compares a chunk with the ledger; memory is bounded by one chunk plus one
    batch whatever the folder size. `retry_paths` are the ledger's `retry` rows under `root`
    (stored text); once the walk has finished, those it did not find again (outside folders
    it could not list) are handed to `close_vanished`."""
    if not root.is_dir():
        raise TerminalError(NOT_A_FILE, f"path={path_to_text(str(root))} is not a folder")
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

    awaited = set(retry_paths)
    unlisted: list[str] = []
    started = time.perf_counter()
    walk = walk_matching(
        root, matcher, follow_outside=cfg.follow_symlinks_outside, unlisted=unlisted
    )
    for item in walk:
        counts.n_matched += 1
        if awaited:
            awaited.discard(path_to_text(item.path))
        chunk.append(item)
        if len(chunk) >= cfg.batch_size:
            counts.seconds += time.perf_counter() - started
            yield from flush_chunk()
            started = time.perf_counter()
    gone = sorted(
        path
        for path in awaited
        if not any(_is_inside(path, path_to_text(folder)) for folder in unlisted)
    )
    if gone and close_vanished is not None:
        close_vanished(gone)
        counts.n_vanished += len(gone)
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
        # O_NONBLOCK: a FIFO swapped in after the scan must not hang the batch. O_NOFOLLOW:
        # scanned paths are resolved, so a symlink here was swapped in after the scan.
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW
        fd = os.open(item.path, flags)
    except FileNotFoundError:
        return _read_problem(item, FILE_VANISHED, "deleted between scan and read")
    except PermissionError as exc:
        return _read_problem(item, UNREADABLE, f"permission denied ({exc.strerror})")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None  # replaced by a symlink since the scan: the next scan judges it
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
