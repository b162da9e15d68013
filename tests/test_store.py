"""Store: migrations, views, atomic batches, lock errors, on real DuckDB files."""

from __future__ import annotations

import dataclasses
import shutil
import time
from datetime import date
from functools import partial
from pathlib import Path

import duckdb
import pytest
from helpers import rows, scalar, write_lock_held_by_another_process

from wirewatch import schemas
from wirewatch.config import DedupSettings
from wirewatch.dedup.reprints import HASH_VERSION, decide_clusters, min_hasher
from wirewatch.errors import DatabaseLockedError, StoreError
from wirewatch.ingest.normalise import NORMALISER_VERSION, document_id
from wirewatch.schemas import Document, QuarantineRecord
from wirewatch.store.store import Store, list_migrations, list_views


def _document(body: str, path: str, seq: int) -> Document:
    return Document(
        doc_id=document_id(body),
        source_path=path,
        seq=seq,
        size=len(body),
        mtime_ns=1,
        sha256="0" * 64,
        encoding="utf-8",
        title="t",
        byline=None,
        outlet=None,
        url=None,
        published_date=date(2024, 3, 23),
        dateline_place="Ankara",
        dateline_month=3,
        dateline_day=23,
        dateline_agency="Xinhua",
        dateline_raw="ANKARA, March 23 (Xinhua) --",
        lang="en",
        lang_prob=0.99,
        n_chars=len(body),
        body=body,
        normaliser_version=NORMALISER_VERSION,
    )


def test_first_open_applies_every_migration_and_second_applies_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    Store.open(db).close()
    applied = rows(db, "select version, name, checksum from schema_migrations order by version")
    assert [(v, n) for v, n, _ in applied] == [(m.version, m.name) for m in list_migrations()]
    views_before = rows(db, "select name, checksum, created_at from schema_views order by name")
    assert [name for name, _, _ in views_before] == sorted(name for name, _ in list_views())

    with Store.open(db) as store:
        assert store.migrate() == []
        assert store.refresh_views() == []
    assert (
        rows(db, "select version, name, checksum from schema_migrations order by version")
        == applied
    )
    assert (
        rows(db, "select name, checksum, created_at from schema_views order by name")
        == views_before
    )


def test_edited_migration_is_refused(tmp_path):
    db = tmp_path / "w.duckdb"
    Store.open(db).close()
    with duckdb.connect(str(db)) as con:
        con.execute("update schema_migrations set checksum = 'edited' where version = 1")
    with pytest.raises(StoreError, match="001_create_runs"):
        Store.open(db)


def test_changed_view_text_recreates_views(tmp_path):
    db = tmp_path / "w.duckdb"
    Store.open(db).close()
    with duckdb.connect(str(db)) as con:
        con.execute("update schema_views set checksum = 'old' where name = 'language_mix'")
        con.execute("drop view language_mix")
    with Store.open(db) as store:  # open notices the mismatch and recreates the views
        assert store.refresh_views() == []
    assert scalar(db, "select count(*) from schema_views where checksum = 'old'") == 0
    assert scalar(db, "select count(*) from language_mix") == 0


def test_write_batch_is_all_or_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    with Store.open(db) as store:
        store.start_run("run-1", "test", str(tmp_path), {})
        good = _document("Turkey and Russia signed a deal.", "/a.txt", 1)
        broken = _document("A body.", "/b.txt", 2)
        broken = Document(**{**{f: getattr(broken, f) for f in broken.__slots__}, "lang": None})
        with pytest.raises(StoreError):
            store.write_batch("run-1", [good, broken], [], {})
    for table in ("documents", "files", "quarantine"):
        assert scalar(db, f"select count(*) from {table}") == 0, table
    assert scalar(db, "select n_batches from runs") == 0


def test_identical_bodies_in_one_batch_store_one_document_from_the_first_file(tmp_path):
    db = tmp_path / "w.duckdb"
    body = "Kenya and Ethiopia agreed joint border patrols on Tuesday."
    with Store.open(db) as store:
        store.start_run("run-1", "test", str(tmp_path), {})
        outcome = store.write_batch(
            "run-1",
            [_document(body, "/z-second.txt", 2), _document(body, "/a-first-in-scan.txt", 1)],
            [QuarantineRecord("/empty.txt", schemas.EMPTY_FILE, "0 bytes", 0, 1, None, 3)],
            {},
        )
    assert (outcome.n_new, outcome.n_duplicate, outcome.n_quarantined) == (1, 1, 1)
    assert rows(db, "select source_path from documents") == [("/a-first-in-scan.txt",)]
    assert rows(db, "select path, status from files order by path") == [
        ("/a-first-in-scan.txt", "ingested"),
        ("/empty.txt", "quarantined"),
        ("/z-second.txt", "duplicate"),
    ]


def test_documents_roundtrip_every_column(tmp_path):
    db = tmp_path / "w.duckdb"
    doc = _document("Body text here.", "/a.txt", 1)
    with Store.open(db) as store:
        store.start_run("run-1", "test", str(tmp_path), {})
        store.write_batch("run-1", [doc], [], {})
    [row] = rows(
        db,
        "select doc_id, source_path, title, published_date, dateline_place, dateline_month, "
        "dateline_day, dateline_agency, lang, lang_prob, n_chars, body from documents",
    )
    assert row == (
        doc.doc_id,
        "/a.txt",
        "t",
        date(2024, 3, 23),
        "Ankara",
        3,
        23,
        "Xinhua",
        "en",
        0.99,
        len("Body text here."),
        "Body text here.",
    )


def test_database_held_by_another_process_gives_a_clear_lock_error(tmp_path):
    db = tmp_path / "w.duckdb"
    with write_lock_held_by_another_process(db):
        with pytest.raises(DatabaseLockedError, match="another process"):
            Store.open(db)
        with pytest.raises(DatabaseLockedError):
            Store.open(db, read_only=True)
    time.sleep(0.1)
    Store.open(db).close()  # the lock went with the process


def test_read_only_open_of_missing_file_says_so(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nope.duckdb", read_only=True)


def test_band_key_bucket_keeps_the_earliest_max_bucket_documents_across_batches(tmp_path):
    # Five copies of one body share all 64 band keys: two arrive in one batch, three in the
    # next, so the second batch must count the stored copies once each however many of its
    # own documents share the key.
    cfg = dataclasses.replace(DedupSettings(), max_bucket=3)
    body = " ".join(f"word{i}" for i in range(200))
    with Store.open(tmp_path / "w.duckdb") as store:
        store.start_run("r1", "test", "", {})
        store.ensure_dedup_params(cfg, HASH_VERSION)
        _cluster_bodies(store, cfg, 1, [body] * 2)
        _cluster_bodies(store, cfg, 3, [body] * 3)
        buckets = store.query(
            "select band_key, list(doc_seq order by doc_seq) from lsh_bands group by band_key"
        )[1]
        clusters = store.query("select distinct cluster_id from document_clusters")[1]
    assert len(buckets) == cfg.bands
    assert all(seqs == [1, 2, 3] for _key, seqs in buckets)
    assert clusters == [("doc1",)]


def _cluster_bodies(store: Store, cfg: DedupSettings, first_seq: int, bodies: list[str]) -> None:
    hasher = min_hasher(cfg)
    seqs = list(range(first_seq, first_seq + len(bodies)))
    signatures = hasher.signatures(bodies)
    store.cluster_batch(
        "r1",
        [f"doc{seq}" for seq in seqs],
        seqs,
        signatures,
        hasher.band_keys(signatures.values),
        partial(decide_clusters, cfg=cfg),
        cfg,
    )


def _index_rows(store: Store) -> list[tuple[int, int]]:
    keys, seqs = store.band_index().rows()
    return sorted(zip(keys.tolist(), seqs.tolist(), strict=True))


def _lsh_bands(store: Store) -> list[tuple[int, int]]:
    return sorted(store.query("select band_key, doc_seq from lsh_bands")[1])


def _bodies(n: int, offset: int) -> list[str]:
    return [" ".join(f"w{(i + offset) * 7 + j}" for j in range(60)) for i in range(n)]


def test_band_index_behind_the_database_gets_exactly_the_missing_rows(tmp_path):
    cfg = DedupSettings()
    db = tmp_path / "w.duckdb"
    with Store.open(db) as store:
        store.start_run("r1", "test", "", {})
        store.ensure_dedup_params(cfg, HASH_VERSION)
        _cluster_bodies(store, cfg, 1, _bodies(3, 0))
        first_runs = {p.name for p in store.band_index_folder.glob("run-*")}
        saved = tmp_path / "saved-index"
        shutil.copytree(store.band_index_folder, saved)
        _cluster_bodies(store, cfg, 4, _bodies(3, 100))
    # As if the process died after the second batch's commit, before its index update.
    shutil.rmtree(f"{db}.bandindex")
    shutil.copytree(saved, f"{db}.bandindex")
    inodes = {name: (Path(f"{db}.bandindex") / name).stat().st_ino for name in first_runs}
    with Store.open(db) as store:
        index = store.band_index()
        assert index.watermark == 6
        assert _index_rows(store) == _lsh_bands(store)
        # Caught up by appending, not rebuilt: the first batch's run files are untouched.
        folder = store.band_index_folder
        assert {name: (folder / name).stat().st_ino for name in first_runs} == inodes
        assert len(list(folder.glob("run-*.keys.npy"))) == 2


def test_band_index_ahead_of_the_database_is_rebuilt_from_lsh_bands(tmp_path):
    cfg = DedupSettings()
    db = tmp_path / "w.duckdb"
    with Store.open(db) as store:
        store.start_run("r1", "test", "", {})
        store.ensure_dedup_params(cfg, HASH_VERSION)
        _cluster_bodies(store, cfg, 1, _bodies(3, 0))
    saved_db = tmp_path / "saved.duckdb"
    shutil.copy(db, saved_db)
    with Store.open(db) as store:
        _cluster_bodies(store, cfg, 4, _bodies(3, 100))
    # The database goes back to a copy from before the second batch; the index does not.
    shutil.copy(saved_db, db)
    with Store.open(db) as store:
        assert store.band_index().watermark == 3
        assert _index_rows(store) == _lsh_bands(store)


def test_reset_dedup_state_deletes_the_band_index(tmp_path):
    cfg = DedupSettings()
    with Store.open(tmp_path / "w.duckdb") as store:
        store.start_run("r1", "test", "", {})
        store.ensure_dedup_params(cfg, HASH_VERSION)
        _cluster_bodies(store, cfg, 1, _bodies(2, 0))
        assert store.band_index_folder.is_dir()
        store.reset_dedup_state()
        assert not store.band_index_folder.exists()
        store.ensure_dedup_params(cfg, HASH_VERSION)
        assert store.band_index().n_rows == 0
