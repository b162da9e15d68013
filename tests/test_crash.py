"""A flow process SIGKILLed in the middle of writing a batch: the rerun must leave exactly the
rows a clean run leaves (full table contents compared, not counts)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import (
    RUN_SPECIFIC_COLUMNS,
    RUN_TABLES,
    ingest,
    kill_when_paused,
    rows,
    scalar,
    table_rows,
)

CHILD = Path(__file__).with_name("crash_child.py")
BATCH_SIZE = 4



def _kill_inside(
    stage: str, folder: Path, db: Path, batch_number: int, api_url: str, tmp: Path
) -> None:
    marker = tmp / f"paused-{stage}-{batch_number}"
    args = [str(folder), str(db), str(marker), stage, str(batch_number), str(BATCH_SIZE)]
    kill_when_paused(CHILD, args, marker, api_url)


def _assert_same_tables(actual_db: Path, expected_db: Path) -> None:
    for table in RUN_TABLES:
        expected = table_rows(expected_db, table, RUN_SPECIFIC_COLUMNS)
        assert table_rows(actual_db, table, RUN_SPECIFIC_COLUMNS) == expected, table


@pytest.mark.slow
@pytest.mark.parametrize("batch_number", [1, 3])
def test_sigkill_while_writing_a_batch_then_rerun_equals_clean_run(
    batch_number, seeds_copy, tmp_path, prefect_api_url
):
    clean_db = tmp_path / "clean.duckdb"
    ingest(seeds_copy, clean_db, batch_size=BATCH_SIZE)

    crashed_db = tmp_path / "crashed.duckdb"
    _kill_inside("write_batch", seeds_copy, crashed_db, batch_number, prefect_api_url, tmp_path)

    # Exactly the committed batches survived the kill; the paused one left nothing behind.
    committed_files = (batch_number - 1) * BATCH_SIZE
    assert scalar(crashed_db, "select count(*) from files") == committed_files
    assert rows(crashed_db, "select status from runs") == [("running",)]

    summary = ingest(seeds_copy, crashed_db, batch_size=BATCH_SIZE)
    assert summary["n_files_unchanged"] == committed_files
    _assert_same_tables(crashed_db, clean_db)
    statuses = rows(crashed_db, "select status from runs order by started_at")
    assert statuses == [("abandoned",), ("completed",)]


@pytest.mark.slow
def test_sigkill_while_clustering_then_rerun_equals_clean_run(
    seeds_copy, tmp_path, prefect_api_url
):
    clean_db = tmp_path / "clean.duckdb"
    ingest(seeds_copy, clean_db, batch_size=BATCH_SIZE)

    crashed_db = tmp_path / "crashed.duckdb"
    _kill_inside("cluster_batch", seeds_copy, crashed_db, 2, prefect_api_url, tmp_path)
    # The second batch's documents are stored but not yet clustered: the rerun finishes them.
    n_documents = scalar(crashed_db, "select count(*) from documents")
    n_signed = scalar(crashed_db, "select count(*) from document_signatures")
    assert n_signed < n_documents

    ingest(seeds_copy, crashed_db, batch_size=BATCH_SIZE)
    _assert_same_tables(crashed_db, clean_db)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stage", "call_number"), [("write_coded_batch", 3), ("rebuild_events", 1)]
)
def test_sigkill_while_coding_events_then_rerun_equals_clean_run(
    stage, call_number, seeds_copy, tmp_path, prefect_api_url
):
    clean_db = tmp_path / "clean.duckdb"
    ingest(seeds_copy, clean_db, batch_size=BATCH_SIZE)
    assert scalar(clean_db, "select count(*) from event_mentions") > 0
    assert scalar(clean_db, "select count(*) from events") > 0

    crashed_db = tmp_path / "crashed.duckdb"
    _kill_inside(stage, seeds_copy, crashed_db, call_number, prefect_api_url, tmp_path)
    # The paused transaction left nothing: events are missing or behind the mentions.
    n_events = scalar(crashed_db, "select count(*) from events")
    assert n_events < scalar(clean_db, "select count(*) from events")

    ingest(seeds_copy, crashed_db, batch_size=BATCH_SIZE)
    _assert_same_tables(crashed_db, clean_db)


# --- the band-key index beside the database (wirewatch/dedup/bandindex.py)
# ------------------------------
INDEX_CHILD = Path(__file__).with_name("crash_child_bandindex.py")


def _index_files(db: Path) -> tuple[dict[str, Any], set[str], list[tuple[int, int]]]:
    """The on-disk index as it is, without opening a Store (which would repair it): its
    manifest, the file names in its folder, and its (band_key, doc_seq) rows."""
    folder = Path(f"{db}.bandindex")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pairs: list[tuple[int, int]] = []
    for run in manifest["runs"]:
        keys = np.load(folder / f"{run['name']}.keys.npy")
        seqs = np.load(folder / f"{run['name']}.seqs.npy")
        pairs.extend(zip(keys.tolist(), seqs.tolist(), strict=True))
    return manifest, {p.name for p in folder.iterdir()}, sorted(pairs)


def _assert_index_mirrors_lsh_bands(db: Path) -> None:
    manifest, files, pairs = _index_files(db)
    assert pairs == sorted(rows(db, "select band_key, doc_seq from lsh_bands"))
    assert manifest["watermark"] == scalar(db, "select max(doc_seq) from document_signatures")
    named = {f"{r['name']}.{part}.npy" for r in manifest["runs"] for part in ("keys", "seqs")}
    assert files == named | {"manifest.json"}


def _kill_band_index_step(
    target: str, call_number: int, fanout: int, folder: Path, db: Path, api_url: str, tmp: Path
) -> None:
    marker = tmp / f"paused-{target}-{call_number}"
    args = [str(folder), str(db), str(marker), target, str(call_number), str(BATCH_SIZE)]
    kill_when_paused(INDEX_CHILD, [*args, str(fanout)], marker, api_url)


@pytest.mark.slow
def test_sigkill_after_commit_before_band_index_update_then_rerun_equals_clean_run(
    seeds_copy, tmp_path, prefect_api_url
):
    clean_db = tmp_path / "clean.duckdb"
    ingest(seeds_copy, clean_db, batch_size=BATCH_SIZE)
    _assert_index_mirrors_lsh_bands(clean_db)

    crashed_db = tmp_path / "crashed.duckdb"
    _kill_band_index_step(
        "Store._update_band_index", 2, 4, seeds_copy, crashed_db, prefect_api_url, tmp_path
    )
    # Batch 2 is committed in DuckDB, but the index stopped at batch 1.
    manifest, _files, pairs = _index_files(crashed_db)
    assert manifest["watermark"] < scalar(
        crashed_db, "select max(doc_seq) from document_signatures"
    )
    assert len(pairs) < scalar(crashed_db, "select count(*) from lsh_bands")

    ingest(seeds_copy, crashed_db, batch_size=BATCH_SIZE)
    _assert_same_tables(crashed_db, clean_db)
    _assert_index_mirrors_lsh_bands(crashed_db)


@pytest.mark.slow
def test_sigkill_in_the_middle_of_a_band_index_merge_then_rerun_equals_clean_run(
    seeds_copy, tmp_path, prefect_api_url
):
    clean_db = tmp_path / "clean.duckdb"
    ingest(seeds_copy, clean_db, batch_size=BATCH_SIZE)

    crashed_db = tmp_path / "crashed.duckdb"
    # With a fan-out of 2 the second batch's append merges two runs; stop after the merged
    # run's files are written, before the manifest names it.
    _kill_band_index_step(
        "BandIndex._replace_runs", 1, 2, seeds_copy, crashed_db, prefect_api_url, tmp_path
    )
    manifest, files, _pairs = _index_files(crashed_db)
    named = {f"{r['name']}.{part}.npy" for r in manifest["runs"] for part in ("keys", "seqs")}
    assert files - named - {"manifest.json"}, "the merged run's files should be left over"

    ingest(seeds_copy, crashed_db, batch_size=BATCH_SIZE)
    _assert_same_tables(crashed_db, clean_db)
    _assert_index_mirrors_lsh_bands(crashed_db)


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_band_index_manifest_damaged_between_runs_rebuilds_to_the_same_clusters(
    damage, seeds_copy, tmp_path, prefect
):
    # Two waves, so the second run's reprints are found through the index of the first.
    held_back = tmp_path / "held-back"
    shutil.move(seeds_copy / "outlets", held_back)
    clean_db, damaged_db = tmp_path / "clean.duckdb", tmp_path / "damaged.duckdb"
    for db in (clean_db, damaged_db):
        ingest(seeds_copy, db, batch_size=BATCH_SIZE)
    manifest = Path(f"{damaged_db}.bandindex") / "manifest.json"
    if damage == "missing":
        manifest.unlink()
    else:
        manifest.write_text('{"format": 1, "runs": [', encoding="utf-8")

    shutil.move(held_back, seeds_copy / "outlets")
    for db in (clean_db, damaged_db):
        ingest(seeds_copy, db, batch_size=BATCH_SIZE)
    assert scalar(clean_db, "select max(n_docs) from story_clusters") > 1
    _assert_same_tables(damaged_db, clean_db)
    _assert_index_mirrors_lsh_bands(damaged_db)
