"""Event storage: mentions written per coder version, events rebuilt over story clusters,
canonical changes, re-coding. Documents and clusters come from the real ingest flow (coding
switched off); mentions are rows built here, so each test states given rows in, rows out."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pytest
from helpers import REPO_SEEDS, ingest, rows, scalar, table_rows

from wirewatch.coding.mentions import (
    empty_coded_documents,
    empty_mentions,
    event_id,
    global_event_id,
)
from wirewatch.errors import StoreError
from wirewatch.schemas import CODED_DOCUMENTS, EVENT_MENTIONS
from wirewatch.store import Store

pytestmark = pytest.mark.usefixtures("prefect")

ORIGINAL = REPO_SEEDS / "wire" / "reuters" / "kenya-ethiopia-border-security-pact.txt"
VERSION = "test-coder-1"
CODED_AT = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_coder_in_the_flow(monkeypatch):
    monkeypatch.setenv("WIREWATCH__CODING__ENABLED", "false")


def _reprint(text: str, headline: str, keep: float, furniture: str) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    body = paragraphs[1 : max(3, int(len(paragraphs) * keep))]
    return "\n".join([headline, "", *body, "", furniture]) + "\n"


def _family(folder: Path) -> None:
    """A wire story, two outlet reprints and an exact copy of one: 3 bodies, 4 sources."""
    original = ORIGINAL.read_text(encoding="utf-8")
    folder.mkdir(exist_ok=True)
    (folder / "wire.txt").write_text(original, encoding="utf-8")
    herald = _reprint(original, "Pact signed", 0.9, "More News")
    (folder / "herald.txt").write_text(herald, encoding="utf-8")
    (folder / "herald-copy.txt").write_text(herald, encoding="utf-8")
    post = _reprint(original, "Raids pact", 0.6, "Share this article")
    (folder / "post.txt").write_text(post, encoding="utf-8")


def _mention(doc_id: str, sentence_index: int = 0, event_code: str = "057", **extra) -> dict:
    when = extra.pop("event_date", date(2026, 3, 3))
    row = {name: None for name in EVENT_MENTIONS.names}
    row |= {
        "coder_version": VERSION,
        "event_id": event_id(VERSION, when, "day", "KEN", "ETH", event_code, "184745"),
        "doc_id": doc_id,
        "sentence_index": sentence_index,
        "sentence_start": 100 * sentence_index,
        "sentence_end": 100 * sentence_index + 90,
        "evidence_start": 100 * sentence_index,
        "evidence_end": 100 * sentence_index + 40,
        "actor1_code": "KEN",
        "actor1_name": "Kenya",
        "actor1_country": "KEN",
        "actor2_code": "ETH",
        "actor2_name": "Ethiopia",
        "actor2_country": "ETH",
        "event_code": event_code,
        "event_base_code": event_code[:3],
        "event_root_code": event_code[:2],
        "quad_class": 1,
        "goldstein": 8.0,
        "action_start": 100 * sentence_index + 15,
        "action_end": 100 * sentence_index + 21,
        "event_date": when,
        "event_date_precision": "day",
        "location_name": "Nairobi",
        "location_country": "KEN",
        "location_fips": "KE",
        "location_lat": -1.28,
        "location_lon": 36.82,
        "location_feature_id": "184745",
        "location_type": 4,
        "location_source": "sentence",
        "sentence_tone": 10.0,
        "confidence": 0.9,
        "in_raw_text": True,
        "is_lead": sentence_index == 0,
        "coded_at": CODED_AT,
        "run_id": "test-run",
    }
    return row | extra


def _mentions(*rows_: dict) -> pa.Table:
    return pa.Table.from_pylist(list(rows_), schema=EVENT_MENTIONS)


def _coded(*doc_ids: str, n_mentions: int = 1, version: str = VERSION) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "coder_version": version,
                "doc_id": doc_id,
                "n_sentences": 5,
                "n_mentions": n_mentions,
                "doc_tone": 2.5,
                "coded_at": CODED_AT,
                "run_id": "test-run",
            }
            for doc_id in doc_ids
        ],
        schema=CODED_DOCUMENTS,
    )


def _canonical(db: Path) -> str:
    return scalar(db, "select canonical_doc_id from story_clusters")


def test_pending_coding_gives_only_the_canonical_copy_of_each_story(tmp_path):
    db = tmp_path / "w.duckdb"
    _family(tmp_path / "in")
    ingest(tmp_path / "in", db)
    assert scalar(db, "select count(*) from documents") == 3
    canonical = _canonical(db)
    with Store.open(db) as store:
        pending = store.pending_coding(VERSION, 10)
        assert pending.column("doc_id").to_pylist() == [canonical]
        assert pending.column("dateline_place").to_pylist() == ["Nairobi"]
        assert store.pending_coding(VERSION, 10, languages=("fr",)).num_rows == 0
        store.write_coded_batch("test-run", VERSION, empty_mentions(), _coded(canonical))
        assert store.pending_coding(VERSION, 10).num_rows == 0
        assert store.pending_coding("another-version", 10).num_rows == 1


def test_reprint_family_of_three_is_one_event_counting_every_article_and_source(tmp_path):
    db = tmp_path / "w.duckdb"
    _family(tmp_path / "in")
    ingest(tmp_path / "in", db)
    canonical = _canonical(db)
    with Store.open(db) as store:
        store.start_run("test-run", "test", "", {})
        # The same event in two sentences of the story, and a second event.
        mentions = _mentions(
            _mention(canonical, 0), _mention(canonical, 3), _mention(canonical, 4, "043")
        )
        store.write_coded_batch("test-run", VERSION, mentions, _coded(canonical, n_mentions=3))
        assert store.rebuild_events(VERSION) == 2

    signed = event_id(VERSION, date(2026, 3, 3), "day", "KEN", "ETH", "057", "184745")
    assert rows(
        db,
        "select num_mentions, num_articles, num_sources, is_root_event, first_doc_id, "
        "avg_tone, global_event_id from events where event_id = ?",
        [signed],
    ) == [(2, 3, 4, True, canonical, 2.5, global_event_id(signed))]
    assert rows(
        db, "select n_documents_coded, n_event_mentions from runs where run_id = ?", ["test-run"]
    ) == [(1, 3)]


def test_rebuild_events_twice_gives_the_same_rows(tmp_path):
    db = tmp_path / "w.duckdb"
    _family(tmp_path / "in")
    ingest(tmp_path / "in", db)
    canonical = _canonical(db)
    with Store.open(db) as store:
        store.write_coded_batch(
            "test-run",
            VERSION,
            _mentions(_mention(canonical), _mention(canonical, 2, "043")),
            _coded(canonical, n_mentions=2),
        )
        store.rebuild_events(VERSION)
    first = table_rows(db, "events")
    with Store.open(db) as store:
        store.rebuild_events(VERSION)
    assert table_rows(db, "events") == first
    assert len(first) == 2


def test_fuller_copy_becoming_canonical_replaces_the_old_canonicals_mentions(tmp_path):
    db = tmp_path / "w.duckdb"
    folder = tmp_path / "in"
    _family(folder)
    ingest(folder, db)
    old = _canonical(db)
    with Store.open(db) as store:
        store.write_coded_batch("test-run", VERSION, _mentions(_mention(old)), _coded(old))

    original = ORIGINAL.read_text(encoding="utf-8")
    extra = "\n\nIGAD's executive secretary welcomed the pact and offered to fund two posts.\n"
    (folder / "fuller.txt").write_text(original + extra * 3, encoding="utf-8")
    ingest(folder, db)
    new = _canonical(db)
    assert new != old
    with Store.open(db) as store:
        assert store.pending_coding(VERSION, 10).column("doc_id").to_pylist() == [new]
        store.write_coded_batch("test-run", VERSION, _mentions(_mention(new)), _coded(new))
        store.rebuild_events(VERSION)
    assert rows(db, "select doc_id from event_mentions") == [(new,)]
    assert rows(db, "select doc_id from coded_documents") == [(new,)]
    assert rows(db, "select num_articles, num_sources, first_doc_id from events") == [(4, 5, new)]


def test_empty_batch_still_drops_rows_of_documents_no_longer_canonical(tmp_path):
    paragraphs = [p for p in ORIGINAL.read_text(encoding="utf-8").split("\n") if p.strip()]
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "w.duckdb"
    (folder / "a.txt").write_text("\n".join(paragraphs[1:6]), encoding="utf-8")
    (folder / "b.txt").write_text("\n".join(paragraphs[6:]), encoding="utf-8")
    ingest(folder, db)
    first, second = (r[0] for r in rows(db, "select canonical_doc_id from story_clusters"))
    with Store.open(db) as store:
        store.write_coded_batch(
            "test-run",
            VERSION,
            _mentions(_mention(first), _mention(second)),
            _coded(first, second),
        )
        assert store.rebuild_events(VERSION) == 1
    # A whole copy bridges both stories: one cluster, a new canonical, both old ones stale.
    (folder / "whole.txt").write_text("\n".join(paragraphs[1:]), encoding="utf-8")
    ingest(folder, db)
    with Store.open(db) as store:
        store.write_coded_batch("test-run", VERSION, empty_mentions(), empty_coded_documents())
        # The incremental rebuild drops the event whose only mentions went with them.
        assert store.rebuild_events(VERSION) == 0
    assert scalar(db, "select count(*) from event_mentions") == 0
    assert scalar(db, "select count(*) from coded_documents") == 0


def test_rewriting_a_batch_replaces_its_rows_instead_of_adding(tmp_path):
    db = tmp_path / "w.duckdb"
    _family(tmp_path / "in")
    ingest(tmp_path / "in", db)
    canonical = _canonical(db)
    with Store.open(db) as store:
        for _ in range(2):
            store.write_coded_batch(
                "test-run", VERSION, _mentions(_mention(canonical)), _coded(canonical)
            )
    assert scalar(db, "select count(*) from event_mentions") == 1
    assert scalar(db, "select count(*) from coded_documents") == 1


def test_batch_of_another_coder_version_is_refused(tmp_path):
    db = tmp_path / "w.duckdb"
    with Store.open(db) as store, pytest.raises(StoreError, match="coder_version"):
        store.write_coded_batch("r", "other", empty_mentions(), _coded("x", version=VERSION))


def test_recode_replaces_only_that_versions_rows_atomically(tmp_path):
    db = tmp_path / "w.duckdb"
    _family(tmp_path / "in")
    ingest(tmp_path / "in", db)
    canonical = _canonical(db)
    other = _mention(canonical, coder_version="older-coder")
    other["event_id"] = "older-event"
    with Store.open(db) as store:
        store.start_run("test-run", "test", "", {})
        store.write_coded_batch(
            "test-run", VERSION, _mentions(_mention(canonical)), _coded(canonical)
        )
        store.write_coded_batch(
            "test-run", "older-coder", _mentions(other), _coded(canonical, version="older-coder")
        )
        store.rebuild_events(VERSION)
        store.rebuild_events("older-coder")
    before = {
        table: table_rows(db, table) for table in ("event_mentions", "coded_documents", "events")
    }

    def failing_coder(_docs: pa.Table) -> tuple[pa.Table, pa.Table]:
        raise RuntimeError("coder crashed half-way")

    with Store.open(db) as store, pytest.raises(RuntimeError, match="half-way"):
        store.replace_coder_version("test-run", VERSION, failing_coder, batch_size=10)
    # The failed re-code left every row as it was.
    assert {table: table_rows(db, table) for table in before} == before

    recoded = _mention(canonical, 1, "043", event_date=date(2026, 3, 4))

    def new_coder(docs: pa.Table) -> tuple[pa.Table, pa.Table]:
        assert docs.column("doc_id").to_pylist() == [canonical]
        return _mentions(recoded), _coded(canonical)

    with Store.open(db) as store:
        counts = store.replace_coder_version("test-run", VERSION, new_coder, batch_size=10)
    assert counts == (1, 1, 1)
    assert rows(
        db, "select coder_version, event_code, event_date from events order by coder_version"
    ) == [("older-coder", "057", date(2026, 3, 3)), (VERSION, "043", date(2026, 3, 4))]
    assert scalar(db, "select count(*) from event_mentions where coder_version = ?", [VERSION]) == 1
