"""Export stage: the current coder's events, and optionally their mentions, as files that GDELT
tooling reads.

Input: a store that runs `COPY` statements from `sql/queries/export_*.sql` (`Store.copy_query`),
a format, an output folder and an optional first event date. Output: one file per table in
that folder, written under a temporary name and renamed when complete, so a crash never leaves
a half-written export under the final name.

Formats (every one carries GDELT 2.0's columns: 61 for events, 16 for mentions; see the
`events_gdelt` and `mentions_gdelt` views for how our fields map onto them):
- `gdelt`: GDELT's own layout: tab-separated, no header, no quoting, codes as written
  (`0251` keeps its leading zero), NULL as an empty field. Files are named like GDELT's
  (`wirewatch.export.CSV`, `wirewatch.mentions.CSV`).
- `parquet`: the same columns and types, zstd-compressed.
- `csv`: the same columns, comma-separated with a header row.

Events with no resolvable date are not exported (GDELT's layout cannot say "undated");
`ExportResult.n_events_undated` says how many were left out.

Failure reasons: `ExportError` for an unknown format or an output path that is not a folder;
store errors (locked, bad SQL) propagate unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from wirewatch.errors import WirewatchError

EXPORT_FORMATS = ("gdelt", "parquet", "csv")
EXPORT_TABLES = ("events", "mentions")

# GDELT names its files <timestamp>.export.CSV / .mentions.CSV although they are tab-separated.
_FILE_NAMES = {
    ("gdelt", "events"): "wirewatch.export.CSV",
    ("gdelt", "mentions"): "wirewatch.mentions.CSV",
    ("parquet", "events"): "events.parquet",
    ("parquet", "mentions"): "mentions.parquet",
    ("csv", "events"): "events.csv",
    ("csv", "mentions"): "mentions.csv",
}


class ExportError(WirewatchError, ValueError):
    """An export was asked for in a way that cannot work (format, output path)."""


class CopyingStore(Protocol):
    """What the export needs from the store (wirewatch.store.store.Store provides it)."""

    def copy_query(self, relative: str, params: Mapping[str, Any]) -> int: ...

    def named_query(
        self, relative: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]: ...


@dataclass(frozen=True, slots=True)
class ExportFile:
    """One file of an export: which table, which COPY statement, where."""

    table: str
    query: str
    path: Path


@dataclass(frozen=True, slots=True)
class ExportResult:
    files: list[tuple[Path, int]]  # (file, rows written)
    n_events_undated: int  # events left out: no resolvable date


def plan_export(fmt: str, out_dir: Path, *, include_mentions: bool) -> list[ExportFile]:
    """The files an export writes, each with the COPY statement that writes it."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"format={fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    tables = EXPORT_TABLES if include_mentions else EXPORT_TABLES[:1]
    return [
        ExportFile(table, f"queries/export_{table}_{fmt}.sql", out_dir / _FILE_NAMES[fmt, table])
        for table in tables
    ]


def since_day(since: date | None) -> int | None:
    """A date as GDELT's SQLDATE integer (YYYYMMDD), the export's filter parameter."""
    return None if since is None else since.year * 10000 + since.month * 100 + since.day


def export_events(
    store: CopyingStore,
    fmt: str,
    out_dir: Path,
    *,
    since: date | None = None,
    include_mentions: bool = False,
) -> ExportResult:
    """Write the export's files into `out_dir` (created if missing); each file appears whole."""
    plan = plan_export(fmt, out_dir, include_mentions=include_mentions)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"out={out_dir} is a file; give a folder to write the export into")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, int]] = []
    for item in plan:
        partial = item.path.with_name(f".{item.path.name}.partial")
        try:
            n_rows = store.copy_query(
                item.query, {"path": str(partial), "since_day": since_day(since)}
            )
            os.replace(partial, item.path)
        finally:
            partial.unlink(missing_ok=True)
        written.append((item.path, n_rows))
    _columns, rows = store.named_query("queries/count_undated_events.sql")
    return ExportResult(files=written, n_events_undated=int(rows[0][0]))
