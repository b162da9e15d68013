"""Helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent
REPO_SEEDS = REPO_ROOT / "seeds"
SHARED_SEEDS = REPO_ROOT.parent / "shared" / "seeds"

# Columns that legitimately differ between two runs over the same input.
RUN_SPECIFIC_COLUMNS = ("ingested_at", "run_id", "first_seen_at", "processed_at")


def ingest(folder: Path, db: Path, **kwargs: Any) -> dict[str, Any]:
    """Run the real flow (under the session's harness) with no settle delay."""
    from flows.pipeline import ingest_folder

    kwargs.setdefault("settle_seconds", 0)
    return ingest_folder(path=str(folder), db=str(db), **kwargs)


def table_rows(db: Path, table: str, exclude: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    """Full contents of a table, minus the columns named in `exclude`, in a stable order."""
    with duckdb.connect(str(db), read_only=True) as con:
        columns = [
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns "
                "where table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
            if row[0] not in exclude
        ]
        select_list = ", ".join(f'"{c}"' for c in columns)
        return con.execute(f"select {select_list} from {table} order by all").fetchall()


def scalar(db: Path, sql: str, params: list[Any] | None = None) -> Any:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchone()[0]


def rows(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()
