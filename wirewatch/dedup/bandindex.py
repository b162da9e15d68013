"""Band-key index: a derived, persistent copy of the `lsh_bands` table for candidate lookup.

Why it exists: DuckDB 1.5 has no index join, so joining a batch's 64,000 LSH band keys with
`lsh_bands` reads every stored row, and a batch's cost grows with the corpus
(bench/dedup_probe.py, docs/benchmarks.md "Dedup throughput"). This module keeps the same
(band_key, doc_seq) rows as a log-structured set of sorted runs, each two NumPy arrays saved as
`.npy` and opened with `mmap_mode="r"`: band keys in ascending order and the doc_seq of each.
A batch finds its keys in every run by binary search (`np.searchsorted`); the left and right
bounds of a key give its stored bucket size directly. New rows become a new run; runs of a
similar size are merged (size-tiered, `MERGE_FANOUT` at a time), so there are O(log N) runs and
each row is rewritten O(log N) times: a document's amortised cost is O(log N), not O(N).

DuckDB stays the source of truth; this is a cache of `lsh_bands` that the store keeps in step:
`manifest.json` records the dedup-parameter fingerprint, the highest doc_seq whose band keys it
holds (`watermark`), its row count and its runs. Writes put run files in place first (temp file,
fsync, rename) and then replace the manifest the same way, so the manifest always names complete
files; files it does not name are leftovers of an interrupted append or merge and are deleted on
open.

Inputs: band keys (int64) and doc_seqs (int64) of a batch. Outputs: `Lookup` (stored matches
and bucket sizes), `SharedBands` (candidate pairs with their number of shared bands), and the
mask of batch rows a capped bucket accepts.

Failure reasons: `BandIndex.open` returns None, and the caller rebuilds from `lsh_bands`, when
the manifest is missing, unreadable, of another format or fingerprint, or names a run file that
is missing, truncated or unsorted. `OSError` from writing propagates.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from wirewatch.dedup.reprints import concatenated_ranges

MANIFEST = "manifest.json"
_FORMAT = 1
# Runs in one size tier that trigger a merge into one run. More means fewer rewrites of each
# row but more runs for every lookup to search.
MERGE_FANOUT = 4
# Rows of the smallest tier; about one batch of 1,000 documents x 64 bands.
_BASE_TIER_ROWS = 1 << 16
# Watermark of an index that holds no document yet (doc_seq may start at 0).
EMPTY_WATERMARK = -1


# Runs from this size on get a bit filter of their keys (see `_Run.may_hold`).
_FILTER_MIN_ROWS = 1 << 16
# Filter bits per stored key: with one bit per key, about 1 - e^(-1/8) = 12 % of absent keys
# pass the filter and are searched for nothing.
_FILTER_BITS_PER_KEY = 8


class _Run:
    """One sorted run: band keys in ascending order and the doc_seq of each.

    A large run also keeps a bit filter of its keys (the keys are hashes, so their low bits are
    uniform): one bit per key in a table of about 8 bits per key. Most of a batch's keys are in
    no run, and the filter, small enough for the CPU caches, rules most of them out before the
    binary search, whose cost grows with the run."""

    def __init__(self, name: str, keys: np.ndarray, seqs: np.ndarray) -> None:
        self.name = name
        self.keys = keys
        self.seqs = seqs
        self._filter: np.ndarray | None = None
        self._filter_mask = np.uint64(0)
        if len(keys) >= _FILTER_MIN_ROWS:
            n_bits = 1 << int(np.ceil(np.log2(len(keys) * _FILTER_BITS_PER_KEY)))
            self._filter_mask = np.uint64(n_bits - 1)
            is_set = np.zeros(n_bits, dtype=bool)
            is_set[(np.asarray(keys).view(np.uint64) & self._filter_mask).astype(np.int64)] = True
            self._filter = np.packbits(is_set, bitorder="little")

    @property
    def n_rows(self) -> int:
        return len(self.keys)

    def may_hold(self, keys: np.ndarray) -> np.ndarray:
        """False for keys certainly not in the run; True for stored keys (and ~12 % of others)."""
        if self._filter is None:
            return np.ones(len(keys), dtype=bool)
        bit = (keys.view(np.uint64) & self._filter_mask).astype(np.int64)
        return ((self._filter[bit >> 3] >> (bit & 7).astype(np.uint8)) & 1).astype(bool)


@dataclass(frozen=True)
class Lookup:
    """Stored rows sharing a key with the probed keys: match i pairs probed key number
    `key_row[i]` with stored document `old_seq[i]`; `n_stored[j]` is key j's stored bucket size."""

    key_row: np.ndarray  # int64
    old_seq: np.ndarray  # int64
    n_stored: np.ndarray  # int64, one per probed key


@dataclass(frozen=True)
class SharedBands:
    """Candidate pairs (later document, earlier document) and how many band keys they share."""

    new_seq: np.ndarray
    old_seq: np.ndarray
    n_shared: np.ndarray


def _tier(n_rows: int) -> int:
    """Size tier: runs within a factor MERGE_FANOUT of each other share one."""
    tier, limit = 0, _BASE_TIER_ROWS * MERGE_FANOUT
    while n_rows >= limit:
        tier, limit = tier + 1, limit * MERGE_FANOUT
    return tier


def fsync_dir(folder: Path) -> None:
    """Make a rename or create inside `folder` durable (fsync of the folder itself)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_atomically(path: Path, write: Any) -> None:
    """Write through `write(file)` to a temp file beside `path`, fsync, rename over `path`."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def _sorted_by_key(keys: np.ndarray, seqs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows ordered by (band_key, doc_seq)."""
    order = np.lexsort((seqs, keys))
    return keys[order], seqs[order]


class BandIndex:
    """Sorted runs of (band_key, doc_seq) in `folder` (None: in memory only, for `:memory:`
    databases); use `open`, `create` or `build`."""

    def __init__(
        self, folder: Path | None, fingerprint: str, watermark: int, runs: list[_Run], next_run: int
    ) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.watermark = watermark
        self._runs = runs
        self._next_run = next_run

    # --- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path, fingerprint: str) -> BandIndex | None:
        """The index in `folder`, or None when it is missing, damaged or made for another
        fingerprint (the caller rebuilds it then). Deletes files the manifest does not name."""
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if manifest.get("format") != _FORMAT or manifest.get("fingerprint") != fingerprint:
                return None
            runs = [
                cls._load_run(folder, entry["name"], int(entry["n_rows"]))
                for entry in manifest["runs"]
            ]
            watermark, next_run = int(manifest["watermark"]), int(manifest["next_run"])
            if sum(run.n_rows for run in runs) != int(manifest["n_rows"]):
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        named = {f"{run.name}.{part}.npy" for run in runs for part in ("keys", "seqs")}
        for path in folder.iterdir():
            if path.name != MANIFEST and path.name not in named:
                path.unlink(missing_ok=True)
        return cls(folder, fingerprint, watermark, runs, next_run)

    @staticmethod
    def _load_run(folder: Path, name: str, n_rows: int) -> _Run:
        keys = np.load(folder / f"{name}.keys.npy", mmap_mode="r", allow_pickle=False)
        seqs = np.load(folder / f"{name}.seqs.npy", mmap_mode="r", allow_pickle=False)
        for array in (keys, seqs):
            if array.dtype != np.int64 or array.ndim != 1 or len(array) != n_rows:
                raise ValueError(f"run {name} does not match the manifest")
        if n_rows > 1 and not bool(np.all(keys[1:] >= keys[:-1])):
            raise ValueError(f"run {name} is not sorted")
        return _Run(name, keys, seqs)

    @classmethod
    def create(cls, folder: Path | None, fingerprint: str) -> BandIndex:
        """An empty index, replacing whatever `folder` held."""
        if folder is not None:
            remove(folder)
            folder.mkdir(parents=True)
        index = cls(folder, fingerprint, EMPTY_WATERMARK, [], 1)
        index._publish()
        return index

    @classmethod
    def build(
        cls,
        folder: Path | None,
        fingerprint: str,
        keys: np.ndarray,
        seqs: np.ndarray,
        watermark: int,
    ) -> BandIndex:
        """An index holding exactly these rows (e.g. all of `lsh_bands`), as one run."""
        index = cls.create(folder, fingerprint)
        index.append(keys, seqs, watermark)
        return index

    # --- reading -----------------------------------------------------------------------------
    @property
    def n_rows(self) -> int:
        return sum(run.n_rows for run in self._runs)

    @property
    def n_runs(self) -> int:
        return len(self._runs)

    def rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (band_key, doc_seq), ordered by key then doc_seq (for checks and tests)."""
        if not self._runs:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        keys = np.concatenate([run.keys for run in self._runs])
        seqs = np.concatenate([run.seqs for run in self._runs])
        return _sorted_by_key(keys, seqs)

    def lookup(self, keys: np.ndarray) -> Lookup:
        """Every stored row whose key is among `keys`, and each key's stored bucket size."""
        keys = np.asarray(keys, dtype=np.int64)
        # Searching in ascending order walks each run's pages once instead of at random.
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        n_stored = np.zeros(len(keys), dtype=np.int64)
        key_rows: list[np.ndarray] = []
        old_seqs: list[np.ndarray] = []
        for run in self._runs:
            if not run.n_rows:
                continue
            # Most keys are not stored: the filter rules out most of those, and the right
            # bound is searched only for keys found.
            maybe = np.flatnonzero(run.may_hold(sorted_keys))
            left = np.searchsorted(run.keys, sorted_keys[maybe], side="left")
            found = run.keys[np.minimum(left, run.n_rows - 1)] == sorted_keys[maybe]
            hits, left = maybe[found], left[found]
            if not len(hits):
                continue
            right = np.searchsorted(run.keys, sorted_keys[hits], side="right")
            counts = right - left
            n_stored[order[hits]] += counts
            key_rows.append(np.repeat(order[hits], counts))
            old_seqs.append(np.asarray(run.seqs[concatenated_ranges(left, counts)]))
        if not key_rows:
            empty = np.zeros(0, dtype=np.int64)
            return Lookup(key_row=empty, old_seq=empty.copy(), n_stored=n_stored)
        return Lookup(
            key_row=np.concatenate(key_rows).astype(np.int64),
            old_seq=np.concatenate(old_seqs).astype(np.int64),
            n_stored=n_stored,
        )

    # --- writing -----------------------------------------------------------------------------
    def append(self, keys: np.ndarray, seqs: np.ndarray, watermark: int) -> None:
        """Add rows as a new run (none: only the watermark moves), then merge full tiers."""
        keys = np.asarray(keys, dtype=np.int64)
        seqs = np.asarray(seqs, dtype=np.int64)
        if len(keys) != len(seqs):
            raise ValueError(f"append got {len(keys)} keys but {len(seqs)} doc_seqs")
        if len(keys):
            self._runs.append(self._write_run(*_sorted_by_key(keys, seqs)))
        self.watermark = max(self.watermark, int(watermark))
        self._publish()
        self._merge_full_tiers()

    def _merge_full_tiers(self) -> None:
        while True:
            tiers: dict[int, list[_Run]] = {}
            for run in self._runs:
                tiers.setdefault(_tier(run.n_rows), []).append(run)
            full = next((runs for runs in tiers.values() if len(runs) >= MERGE_FANOUT), None)
            if full is None:
                return
            self._merge(full[:MERGE_FANOUT])

    def _merge(self, runs: Sequence[_Run]) -> None:
        keys = np.concatenate([run.keys for run in runs])
        seqs = np.concatenate([run.seqs for run in runs])
        # Each run is sorted, so the stable sort (timsort) only merges them: O(n log k).
        order = np.argsort(keys, kind="stable")
        merged = self._write_run(keys[order], seqs[order])
        self._replace_runs(runs, merged)

    def _replace_runs(self, old: Sequence[_Run], merged: _Run) -> None:
        """Publish `merged` in place of `old`, then delete the old files."""
        old_names = {run.name for run in old}
        position = min(i for i, run in enumerate(self._runs) if run.name in old_names)
        kept = [run for run in self._runs if run.name not in old_names]
        self._runs = [*kept[:position], merged, *kept[position:]]
        self._publish()
        if self.folder is not None:
            for name in old_names:
                for part in ("keys", "seqs"):
                    (self.folder / f"{name}.{part}.npy").unlink(missing_ok=True)

    def _write_run(self, keys: np.ndarray, seqs: np.ndarray) -> _Run:
        name = f"run-{self._next_run:08d}"
        self._next_run += 1
        if self.folder is None:
            return _Run(name, keys, seqs)
        for part, array in (("keys", keys), ("seqs", seqs)):
            _write_atomically(
                self.folder / f"{name}.{part}.npy",
                lambda file, array=array: np.save(file, array, allow_pickle=False),
            )
        return self._load_run(self.folder, name, len(keys))

    def _publish(self) -> None:
        """Replace the manifest with the current runs and watermark (atomically)."""
        if self.folder is None:
            return
        manifest = {
            "format": _FORMAT,
            "fingerprint": self.fingerprint,
            "watermark": self.watermark,
            "n_rows": self.n_rows,
            "next_run": self._next_run,
            "runs": [{"name": run.name, "n_rows": run.n_rows} for run in self._runs],
        }
        text = json.dumps(manifest, indent=1).encode("utf-8")
        _write_atomically(self.folder / MANIFEST, lambda file: file.write(text))


def remove(folder: Path) -> None:
    """Delete an index folder, if there is one."""
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        raise OSError(f"could not delete the band index folder {folder}")


# --- what a batch does with a lookup ---------------------------------------------------------
def count_shared_bands(
    batch_keys: np.ndarray, batch_seqs: np.ndarray, lookup: Lookup, min_shared: int
) -> SharedBands:
    """Pairs (batch document, earlier document) sharing at least `min_shared` band keys, with
    the count: stored documents from `lookup` (made with `batch_keys.reshape(-1)`) and earlier
    documents of the batch itself. Every match is counted, capped buckets or not, as LSH would."""
    n_docs, n_bands = batch_keys.shape
    seqs = np.asarray(batch_seqs, dtype=np.int64)
    flat_keys = batch_keys.reshape(-1)
    flat_seqs = np.repeat(seqs, n_bands)
    # Within the batch: in (key, doc_seq) order, each row pairs with the rows before it in
    # its key group.
    order = np.lexsort((flat_seqs, flat_keys))
    sorted_keys, sorted_seqs = flat_keys[order], flat_seqs[order]
    group_start = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    group_sizes = np.diff(np.r_[group_start, len(sorted_keys)])
    starts = np.repeat(group_start, group_sizes)
    rank = np.arange(len(sorted_keys)) - starts
    partners = concatenated_ranges(starts, rank)
    new_in_batch = np.repeat(sorted_seqs, rank)
    old_in_batch = sorted_seqs[partners]

    new_seq = np.concatenate([flat_seqs[lookup.key_row], new_in_batch])
    old_seq = np.concatenate([lookup.old_seq, old_in_batch])
    if not len(new_seq):
        empty = np.zeros(0, dtype=np.int64)
        return SharedBands(empty, empty.copy(), empty.copy())
    # One int64 per pair: (old_seq - lowest) * n_docs + batch row of the new document.
    new_row = np.searchsorted(seqs, new_seq) if np.all(seqs[1:] > seqs[:-1]) else None
    lowest = int(old_seq.min())
    span = int(old_seq.max()) - lowest + 1
    if new_row is not None and span < (np.iinfo(np.int64).max // max(n_docs, 1)):
        pair = (old_seq - lowest) * n_docs + new_row
        unique, counts = np.unique(pair, return_counts=True)
        keep = counts >= min_shared
        return SharedBands(
            new_seq=seqs[unique[keep] % n_docs],
            old_seq=unique[keep] // n_docs + lowest,
            n_shared=counts[keep].astype(np.int64),
        )
    pairs = np.stack([old_seq, new_seq], axis=1)
    unique_pairs, counts = np.unique(pairs, axis=0, return_counts=True)
    keep = counts >= min_shared
    return SharedBands(
        new_seq=unique_pairs[keep, 1],
        old_seq=unique_pairs[keep, 0],
        n_shared=counts[keep].astype(np.int64),
    )


def rows_to_index(
    flat_keys: np.ndarray, flat_seqs: np.ndarray, n_stored: np.ndarray, max_bucket: int
) -> np.ndarray:
    """Mask of batch rows a bucket still accepts: a key keeps its `max_bucket` earliest
    documents, so a row is kept when its stored bucket plus the batch's earlier rows with that
    key leave room."""
    order = np.lexsort((flat_seqs, flat_keys))
    sorted_keys = flat_keys[order]
    group_start = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    group_sizes = np.diff(np.r_[group_start, len(sorted_keys)])
    rank = np.arange(len(sorted_keys)) - np.repeat(group_start, group_sizes)
    keep = np.empty(len(flat_keys), dtype=bool)
    keep[order] = n_stored[order] + rank < max_bucket
    return keep
