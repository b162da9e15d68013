"""The band-key index (wirewatch/dedup/bandindex.py) against brute-force references: lookups, bucket
sizes, shared-band counts, the bucket cap, merges, and reopening from its files."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import numpy as np
import pytest

from wirewatch.dedup import bandindex
from wirewatch.dedup.bandindex import MANIFEST, BandIndex, count_shared_bands, rows_to_index

FINGERPRINT = "params-a"


def _random_rows(rng: np.random.Generator, n: int, first_seq: int) -> tuple[np.ndarray, ...]:
    # Few distinct keys, so buckets hold several documents and lookups hit many of them.
    keys = rng.integers(-50, 50, size=n, dtype=np.int64) * 7_919
    seqs = np.arange(first_seq, first_seq + n, dtype=np.int64)
    return keys, seqs


def _reference_lookup(stored: list[tuple[int, int]], probe: np.ndarray) -> list[tuple[int, int]]:
    by_key: dict[int, list[int]] = collections.defaultdict(list)
    for key, seq in stored:
        by_key[key].append(seq)
    return sorted((row, seq) for row, key in enumerate(probe.tolist()) for seq in by_key[key])


@pytest.mark.parametrize("on_disk", [True, False])
def test_lookup_after_many_appends_finds_every_stored_row_and_bucket_size(tmp_path, on_disk):
    rng = np.random.default_rng(7)
    index = BandIndex.create(tmp_path / "idx" if on_disk else None, FINGERPRINT)
    stored: list[tuple[int, int]] = []
    for batch in range(12):
        keys, seqs = _random_rows(rng, 40, batch * 40)
        index.append(keys, seqs, watermark=int(seqs.max()))
        stored.extend(zip(keys.tolist(), seqs.tolist(), strict=True))

    probe = rng.integers(-60, 60, size=200, dtype=np.int64) * 7_919
    lookup = index.lookup(probe)
    found = sorted(zip(lookup.key_row.tolist(), lookup.old_seq.tolist(), strict=True))
    assert found == _reference_lookup(stored, probe)
    bucket_sizes = collections.Counter(key for key, _ in stored)
    assert lookup.n_stored.tolist() == [bucket_sizes[k] for k in probe.tolist()]
    assert index.n_rows == len(stored)
    assert index.watermark == 12 * 40 - 1


def test_appends_of_equal_runs_merge_so_runs_stay_logarithmic(tmp_path, monkeypatch):
    monkeypatch.setattr(bandindex, "_BASE_TIER_ROWS", 16)
    index = BandIndex.create(tmp_path / "idx", FINGERPRINT)
    rng = np.random.default_rng(1)
    for batch in range(256):
        index.append(*_random_rows(rng, 16, batch * 16), watermark=batch * 16 + 15)
    # 4,096 rows in runs of 16: tiers of 16, 64, 256, 1,024 and 4,096 rows, fewer than
    # MERGE_FANOUT runs in each.
    assert index.n_runs <= (bandindex.MERGE_FANOUT - 1) * 5
    assert index.n_runs < 10
    keys, seqs = index.rows()
    assert len(keys) == 4_096
    assert sorted(seqs.tolist()) == list(range(4_096))
    files = {p.name for p in (tmp_path / "idx").iterdir()}
    assert files == {MANIFEST} | {
        f"{entry['name']}.{part}.npy"
        for entry in json.loads((tmp_path / "idx" / MANIFEST).read_text())["runs"]
        for part in ("keys", "seqs")
    }


def test_reopened_index_has_same_rows_and_drops_files_the_manifest_does_not_name(tmp_path):
    folder = tmp_path / "idx"
    index = BandIndex.create(folder, FINGERPRINT)
    rng = np.random.default_rng(3)
    for batch in range(5):
        index.append(*_random_rows(rng, 30, batch * 30), watermark=batch * 30 + 29)
    leftover = folder / "run-99999999.keys.npy"
    np.save(leftover, np.arange(3, dtype=np.int64))

    reopened = BandIndex.open(folder, FINGERPRINT)
    assert reopened is not None
    assert reopened.watermark == index.watermark
    for mine, theirs in zip(reopened.rows(), index.rows(), strict=True):
        assert mine.tolist() == theirs.tolist()
    assert not leftover.exists()


def _damage_missing_manifest(folder: Path) -> None:
    (folder / MANIFEST).unlink()


def _damage_garbage_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_bytes(b"\x00not json{")


def _damage_truncated_run(folder: Path) -> None:
    run = sorted(folder.glob("run-*.keys.npy"))[0]
    run.write_bytes(run.read_bytes()[:-8])


def _damage_unsorted_run(folder: Path) -> None:
    run = sorted(folder.glob("run-*.keys.npy"))[0]
    np.save(run, np.load(run)[::-1].copy())


@pytest.mark.parametrize(
    "damage",
    [
        _damage_missing_manifest,
        _damage_garbage_manifest,
        _damage_truncated_run,
        _damage_unsorted_run,
    ],
)
def test_damaged_index_opens_as_none_so_the_store_rebuilds_it(tmp_path, damage):
    folder = tmp_path / "idx"
    index = BandIndex.create(folder, FINGERPRINT)
    index.append(np.arange(10, dtype=np.int64), np.arange(10, dtype=np.int64), watermark=9)
    damage(folder)
    assert BandIndex.open(folder, FINGERPRINT) is None


def test_index_made_with_other_parameters_opens_as_none(tmp_path):
    folder = tmp_path / "idx"
    BandIndex.create(folder, FINGERPRINT)
    assert BandIndex.open(folder, "params-b") is None
    assert BandIndex.open(folder, FINGERPRINT) is not None


def test_shared_band_counts_match_pairwise_reference_with_stored_and_batch_documents():
    rng = np.random.default_rng(11)
    n_bands = 6
    index = BandIndex.create(None, FINGERPRINT)
    stored_keys = rng.integers(0, 5, size=(20, n_bands)) + np.arange(n_bands) * 100
    stored_seqs = np.arange(20, dtype=np.int64)
    index.append(stored_keys.reshape(-1), np.repeat(stored_seqs, n_bands), watermark=19)
    batch_keys = (rng.integers(0, 5, size=(8, n_bands)) + np.arange(n_bands) * 100).astype(np.int64)
    batch_seqs = np.arange(20, 28, dtype=np.int64)

    lookup = index.lookup(batch_keys.reshape(-1))
    shared = count_shared_bands(batch_keys, batch_seqs, lookup, min_shared=2)
    got = sorted(
        zip(shared.old_seq.tolist(), shared.new_seq.tolist(), shared.n_shared.tolist(), strict=True)
    )

    every_keys = np.vstack([stored_keys, batch_keys])
    every_seqs = np.concatenate([stored_seqs, batch_seqs])
    expected = []
    for i, new_seq in enumerate(batch_seqs.tolist()):
        for j, old_seq in enumerate(every_seqs.tolist()):
            if old_seq < new_seq:
                n = int((every_keys[j] == batch_keys[i]).sum())
                if n >= 2:
                    expected.append((old_seq, new_seq, n))
    assert got == sorted(expected)
    assert expected  # the random keys make pairs on both sides
    assert any(old >= 20 for old, _, _ in expected) and any(old < 20 for old, _, _ in expected)


def test_bucket_cap_keeps_the_earliest_documents_counting_stored_ones():
    keys = np.array([5, 5, 5, 9, 9, 5], dtype=np.int64)
    seqs = np.array([12, 10, 11, 10, 11, 13], dtype=np.int64)
    n_stored = np.array([1, 1, 1, 0, 0, 1], dtype=np.int64)
    # Key 5 has one stored document and room for two more: seqs 10 and 11 (the earliest).
    assert rows_to_index(keys, seqs, n_stored, max_bucket=3).tolist() == [
        False,
        True,
        True,
        True,
        True,
        False,
    ]


def test_append_with_mismatched_lengths_is_refused(tmp_path):
    index = BandIndex.create(tmp_path / "idx", FINGERPRINT)
    with pytest.raises(ValueError, match="3 keys but 2 doc_seqs"):
        index.append(np.arange(3), np.arange(2), watermark=1)
