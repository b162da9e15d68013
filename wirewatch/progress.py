"""Progress reporting without coupling stages to a UI: the CLI installs a sink for the
duration of a run; the flow reports to whatever sink is current (none by default)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class ProgressSink(Protocol):
    def batch_done(self, *, n_files: int, n_new: int, n_duplicate: int, n_quarantined: int) -> None:
        """Called after each committed batch."""


_current: ContextVar[ProgressSink | None] = ContextVar("wirewatch_progress", default=None)


@contextmanager
def reporting_to(sink: ProgressSink) -> Iterator[None]:
    token = _current.set(sink)
    try:
        yield
    finally:
        _current.reset(token)


def batch_done(*, n_files: int, n_new: int, n_duplicate: int, n_quarantined: int) -> None:
    sink = _current.get()
    if sink is not None:
        sink.batch_done(
            n_files=n_files, n_new=n_new, n_duplicate=n_duplicate, n_quarantined=n_quarantined
        )
