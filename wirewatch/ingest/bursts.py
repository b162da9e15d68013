"""Bursts of folder changes for `wirewatch watch`: which changes matter, and when a gathered
burst is due to run.

Plain Python and clock-free: every call takes `now` (seconds on a monotonic clock), so the
coalescing rules are tested without waiting. The watcher (wirewatch/orchestration/watch.py)
feeds it file-system events and runs the `ingest-folder` flow once per burst.

A burst is due when the folder has been quiet for `quiet_s` (no relevant change since its last
one; at least `settle_seconds`, so every file in it has settled and the run does not defer it),
or `max_wait_s` after its first change however busy the folder stays (files still being written
then wait for the next burst). A run requested without a change (the run at start, a retry of
files the run found still being written, a retry after a failed run) is due at its own time.
Changes that arrive while a run goes on gather into the next burst.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from wirewatch.ingest.scan import compile_globs

# A file seen changed is settled once its mtime is settle_seconds old; a burst runs this much
# later than that, so the scan's own settle check (same threshold) never still defers it.
SETTLE_MARGIN_S = 0.2


class ChangeFilter:
    """Whether a changed path can matter to a scan of `root` with these globs: a matching file
    outside hidden folders, or a folder (a folder moved in brings its files with one event)."""

    def __init__(self, root: str, globs: Iterable[str]) -> None:
        self._root = root.rstrip(os.sep) or os.sep
        self._matcher: re.Pattern[str] = compile_globs(list(globs))

    def relevant(self, path: str, is_dir: bool) -> bool:
        relative = os.path.relpath(path, self._root)
        if relative == "." or relative.startswith(".." + os.sep) or relative == "..":
            return False
        parts = relative.split(os.sep)
        if any(part.startswith(".") for part in parts):
            return False  # the scan skips hidden entries
        return is_dir or self._matcher.match("/".join(parts)) is not None


@dataclass(frozen=True)
class Burst:
    """What one run is for: the changed paths gathered (possibly none) and why it runs."""

    paths: frozenset[str]
    reasons: tuple[str, ...]
    first_change: float | None
    last_change: float | None


@dataclass
class BurstGatherer:
    """Gathers changes into the next burst and says when it is due."""

    quiet_s: float
    max_wait_s: float
    _paths: set[str] = field(default_factory=set)
    _first_change: float | None = None
    _last_change: float | None = None
    # Runs asked for without a change: reason -> the earliest time it is due.
    _requests: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.quiet_s < 0 or self.max_wait_s < self.quiet_s:
            raise ValueError(
                f"need 0 <= quiet ({self.quiet_s}) <= max wait ({self.max_wait_s}) seconds"
            )

    def add(self, paths: Iterable[str], now: float) -> None:
        """Record paths changed at `now`. A path seen again (a file still being written) moves
        the quiet window on without counting twice."""
        changed = set(paths)
        if not changed:
            return
        self._paths |= changed
        if self._first_change is None:
            self._first_change = now
        self._last_change = now

    def request(self, reason: str, due_at: float) -> None:
        """Ask for a run at `due_at` even without a change (kept at the earliest asked)."""
        self._requests[reason] = min(due_at, self._requests.get(reason, due_at))

    def due_at(self) -> float | None:
        """When the gathered burst should run; None while nothing is pending."""
        candidates = list(self._requests.values())
        if self._first_change is not None and self._last_change is not None:
            candidates.append(
                min(self._last_change + self.quiet_s, self._first_change + self.max_wait_s)
            )
        return min(candidates) if candidates else None

    def take(self) -> Burst:
        """The gathered burst; the next one starts empty."""
        reasons = tuple(sorted(self._requests))
        if self._first_change is not None:
            reasons = ("changes", *reasons)
        burst = Burst(frozenset(self._paths), reasons, self._first_change, self._last_change)
        self._paths = set()
        self._first_change = self._last_change = None
        self._requests = {}
        return burst
