"""How a batch's band-key lookup costs grow with the index, for the ways DuckDB can do it.

    .venv/bin/python bench/dedup_probe.py [--docs 10000 100000] [--repeat 3]

For each index size N (stored documents), a fresh DuckDB file gets an `lsh_bands` table of
N x 64 random BIGINT keys (the shape of `sql/migrations/005_create_dedup_tables.sql`), and one
batch of 1,000 documents x 64 keys, of which 2,000 are stored keys, is looked up by:

- hash join: the batch's keys joined with `lsh_bands`, as `stage_band_matches.sql` does;
- hash join on a key-sorted copy: what zonemap pruning could gain (the min/max of 64,000
  random keys spans the whole key range, so no row group is skipped);
- ART index, IN-list: `create index` on band_key, then `band_key in (<literal keys>)` in
  chunks of 2,048, the only form for which DuckDB 1.5 uses the index (it has no index join);
- keyed upsert: one row per key with its doc_seq list, `insert ... on conflict do update ...
  returning`, which finds existing keys through the primary key's ART (rolled back).

Printed: the best of --repeat runs, in ms per batch, per N. Figures here are for choosing a
design, not for docs/s: the real path is timed by bench/dedup.py.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

BANDS = 64
BATCH = 1000
STORED_HITS = 2000  # batch keys that are already in the index
IN_LIST_CHUNK = 2048


def best_ms(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best * 1e3


def random_keys(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, n, dtype=np.int64)


def build(
    n_docs: int, folder: Path, rng: np.random.Generator
) -> tuple[duckdb.DuckDBPyConnection, np.ndarray]:
    """A DuckDB file holding the index in the layouts compared, and one batch's keys."""
    connection = duckdb.connect(str(folder / f"probe-{n_docs}.duckdb"))
    keys = random_keys(rng, n_docs * BANDS)
    seqs = np.repeat(np.arange(n_docs, dtype=np.int64), BANDS)
    connection.register("stored", pa.table({"band_key": keys, "doc_seq": seqs}))
    for statement in (
        "create table lsh_bands as select band_key, doc_seq from stored",
        "create table lsh_sorted as select * from lsh_bands order by band_key",
        "create table lsh_art as select * from lsh_bands",
        "create index lsh_art_key on lsh_art (band_key)",
        "create table lsh_keyed (band_key bigint primary key, doc_seqs bigint[] not null)",
        "insert into lsh_keyed select band_key, list(doc_seq) from lsh_bands group by band_key",
        "checkpoint",
        "set index_scan_max_count = 1000000",
    ):
        connection.execute(statement)
    connection.unregister("stored")
    hits = rng.choice(keys, STORED_HITS, replace=False)
    batch = np.concatenate([hits, random_keys(rng, BATCH * BANDS - STORED_HITS)])
    rng.shuffle(batch)
    batch_seqs = np.repeat(np.arange(BATCH, dtype=np.int64) + n_docs, BANDS)
    connection.register("batch_bands", pa.table({"band_key": batch, "doc_seq": batch_seqs}))
    return connection, batch


def hash_join(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    return connection.execute(
        f"select count(*) from batch_bands as n join {table} as o on o.band_key = n.band_key"
    ).fetchone()[0]


def art_in_lists(connection: duckdb.DuckDBPyConnection, batch: np.ndarray) -> int:
    found = 0
    for start in range(0, len(batch), IN_LIST_CHUNK):
        literals = ",".join(str(key) for key in batch[start : start + IN_LIST_CHUNK].tolist())
        found += len(
            connection.execute(
                f"select doc_seq from lsh_art where band_key in ({literals})"
            ).fetchall()
        )
    return found


def keyed_upsert(connection: duckdb.DuckDBPyConnection) -> None:
    connection.begin()
    connection.execute(
        "insert into lsh_keyed as o "
        "select band_key, list(doc_seq) from batch_bands group by band_key "
        "on conflict (band_key) do update set doc_seqs = o.doc_seqs || excluded.doc_seqs "
        "returning band_key, doc_seqs"
    ).fetchall()
    connection.rollback()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(1)
    folder = Path(tempfile.mkdtemp(prefix="wirewatch-bench-probe-"))
    print(f"one batch: {BATCH:,} documents x {BANDS} keys, {STORED_HITS:,} of them stored")
    print(
        f"{'stored docs':>12s} {'index rows':>11s}   ms per batch: {'hash join':>9s} "
        f"{'sorted':>7s} {'ART IN-list':>11s} {'keyed upsert':>12s}"
    )
    for n_docs in args.docs:
        connection, batch = build(n_docs, folder, rng)
        found = (hash_join(connection, "lsh_bands"), art_in_lists(connection, batch))
        assert found == (STORED_HITS, STORED_HITS), found
        timings = [
            best_ms(partial(hash_join, connection, "lsh_bands"), args.repeat),
            best_ms(partial(hash_join, connection, "lsh_sorted"), args.repeat),
            best_ms(partial(art_in_lists, connection, batch), args.repeat),
            best_ms(partial(keyed_upsert, connection), args.repeat),
        ]
        print(
            f"{n_docs:12,d} {n_docs * BANDS:11,d}                 {timings[0]:9.0f} "
            f"{timings[1]:7.0f} {timings[2]:11.0f} {timings[3]:12.0f}"
        )
        connection.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
