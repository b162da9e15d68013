"""Per-batch refreshes that read only what a batch touched (migration 013): the ingest-order keys
they look rows up by stay equal to the documents', and after every run the story clusters,
events and coded rows equal what a full recomputation gives (real flows, real coder, real
DuckDB). Cost by corpus size is measured by bench/flat_cost.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest
from helpers import REPO_SEEDS, ingest, rows, scalar, table_rows

from wirewatch.coding.mentions import empty_mentions
from wirewatch.errors import StoreError
from wirewatch.schemas import CODED_DOCUMENTS
from wirewatch.store import Store

pytestmark = pytest.mark.usefixtures("prefect")

ORIGINAL = REPO_SEEDS / "wire" / "reuters" / "kenya-ethiopia-border-security-pact.txt"

# Every row whose doc_seq (or cluster_seq) disagrees with the documents it names.
KEY_MISMATCHES = """
select 'document_sources', count(*) from document_sources as s
left join documents as d on d.doc_id = s.doc_id
where s.doc_seq is distinct from d.doc_seq
union all
select 'event_mentions', count(*) from event_mentions as m
left join documents as d on d.doc_id = m.doc_id
where m.doc_seq is distinct from d.doc_seq
union all
select 'coded_documents', count(*) from coded_documents as k
left join documents as d on d.doc_id = k.doc_id
where k.doc_seq is distinct from d.doc_seq
union all
select 'document_clusters', count(*) from document_clusters as c
join (
    select cluster_id, min(doc_seq) as first_seq from document_clusters group by cluster_id
) as f using (cluster_id)
where c.cluster_seq is distinct from f.first_seq
"""

# story_clusters as a recomputation from every member and every sighting would give.
STORY_CLUSTERS_IN_FULL = """
select
    c.cluster_id,
    any_value(c.doc_id) filter (where c.is_canonical) as canonical_doc_id,
    min(s.seen_at) as first_seen_at,
    max(s.seen_at) as last_seen_at,
    count(distinct c.doc_id) as n_docs,
    count(distinct s.source) as n_sources
from document_clusters as c
join document_sources as s on s.doc_id = c.doc_id
group by c.cluster_id
order by all
"""


LOOKUP_INDEXES = (
    "document_clusters_cluster_seq",
    "document_clusters_doc_seq",
    "document_signatures_doc_seq",
    "document_sources_doc_seq",
    "documents_doc_id",
    "story_clusters_cluster_id",
)


def _index_names(store: Store) -> list[str]:
    return sorted(name for (name,) in store.query("select index_name from duckdb_indexes()")[1])


def _events_after_full_rebuild(db: Path, scratch: Path) -> list[tuple]:
    shutil.copyfile(db, scratch)
    with Store.open(scratch) as store:
        (version,) = {v for (v,) in store.query("select coder_version from events")[1]}
        store.rebuild_events(version, full=True)
    return table_rows(scratch, "events")


def test_every_run_leaves_what_a_full_recomputation_gives(tmp_path):
    """New stories, reprints joining old stories, a known body seen under a new path, a file
    whose body changes under a known path, a fuller copy becoming canonical and two stories
    merging: after each run the keys match the documents, and story clusters, events and
    coded rows are those a recomputation from every row gives."""
    seeds = sorted(p for p in REPO_SEEDS.rglob("*.txt") if p.stat().st_size)
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "w.duckdb"

    def add(paths: list[Path], prefix: str = "") -> None:
        for path in paths:
            shutil.copyfile(path, folder / f"{prefix}{path.parent.name}-{path.name}")

    original = ORIGINAL.read_text(encoding="utf-8")
    paragraphs = [p for p in original.split("\n") if p.strip()]
    runs = [
        lambda: add(seeds[::2]),
        lambda: (add(seeds[1::2]), add(seeds[:2], prefix="again-")),
        # The same path now carries another body of the same story: one source, two bodies.
        lambda: (folder / "edited.txt").write_text("\n".join(paragraphs[:6]), encoding="utf-8"),
        lambda: (folder / "edited.txt").write_text("\n".join(paragraphs[:7]), encoding="utf-8"),
        lambda: (folder / "half-a.txt").write_text("\n".join(paragraphs[:5]), encoding="utf-8"),
        lambda: (folder / "whole.txt").write_text(
            original + "\n\nThe regional bloc's envoy praised the accord.\n", encoding="utf-8"
        ),
    ]
    for number, prepare in enumerate(runs):
        prepare()
        ingest(folder, db)
        assert rows(db, KEY_MISMATCHES) == [
            ("document_sources", 0),
            ("event_mentions", 0),
            ("coded_documents", 0),
            ("document_clusters", 0),
        ], f"run {number}"
        assert rows(db, "select * from story_clusters order by all") == rows(
            db, STORY_CLUSTERS_IN_FULL
        ), f"run {number}"
        assert table_rows(db, "events") == _events_after_full_rebuild(
            db, tmp_path / f"full-{number}.duckdb"
        ), f"run {number}"
        for table in ("event_mentions", "coded_documents"):
            stale = scalar(
                db,
                f"select count(*) from {table} as t where not exists (select 1 from "
                "document_clusters as c where c.doc_id = t.doc_id and c.is_canonical)",
            )
            assert stale == 0, f"run {number}: {table} of non-canonical documents"
    assert scalar(db, "select max(n_docs) from story_clusters") >= 3
    assert scalar(db, "select count(*) from events") > 0


def test_migration_013_keys_a_database_written_before_it(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(seeds_copy, db)
    keyed = {
        table: table_rows(db, table)
        for table in ("document_sources", "event_mentions", "coded_documents", "document_clusters")
    }
    cluster_id, n_members = rows(
        db,
        "select cluster_id, count(*) from document_clusters group by cluster_id "
        "order by count(*) desc, cluster_id limit 1",
    )[0]
    # Back to the layout before migration 013, with a story change queued in the old form
    # (and without migration 015's indexes, which depend on the keys).
    with Store.open(db) as store:
        for index in LOOKUP_INDEXES:
            store.query(f"drop index {index}")
        for table, column in (
            ("document_sources", "doc_seq"),
            ("event_mentions", "doc_seq"),
            ("coded_documents", "doc_seq"),
            ("document_clusters", "cluster_seq"),
            ("event_refresh_queue", "doc_seq"),
        ):
            store.query(f"alter table {table} drop column {column}")
        store.query(
            "insert into event_refresh_queue (seq, cluster_id) values (7, $c)", {"c": cluster_id}
        )
        # 014 (DuckLake's refresh marks) is independent of the keys: it stays applied.
        store.query("delete from schema_migrations where version in (13, 15)")
    with Store.open(db) as store:
        assert _index_names(store) == sorted(LOOKUP_INDEXES)
    for table, before in keyed.items():
        assert table_rows(db, table) == before, table
    assert rows(
        db, "select seq, cluster_id, count(doc_seq) from event_refresh_queue group by all"
    ) == [(7, cluster_id, n_members)]
    assert scalar(db, "select count(*) from event_refresh_queue where doc_seq is null") == 0


def test_coded_rows_of_a_document_not_stored_are_refused(tmp_path):
    db = tmp_path / "w.duckdb"
    coded = pa.Table.from_pylist(
        [
            {
                "coder_version": "v1",
                "doc_id": "0" * 32,
                "n_sentences": 1,
                "n_mentions": 0,
                "doc_tone": 0.0,
                "coded_at": None,
                "run_id": "r",
                "n_chars_coded": 10,
                "coding_error": None,
                "coding_error_detail": None,
            }
        ],
        schema=CODED_DOCUMENTS,
    )
    with Store.open(db) as store:
        store.start_run("r", "test", "", {})
        with pytest.raises(StoreError, match="not stored"):
            store.write_coded_batch("r", "v1", empty_mentions(), coded)
        assert store.query("select count(*) from coded_documents")[1] == [(0,)]


def test_a_batch_finds_its_old_stories_rows_through_the_indexes(seeds_copy, tmp_path):
    """Migration 015 and the writer's settings: a lookup of a few stored documents by doc_seq,
    as the story-cluster refresh makes, is an index scan, not a scan of the table."""
    db = tmp_path / "w.duckdb"
    ingest(seeds_copy, db)
    with Store.open(db) as store:
        assert _index_names(store) == sorted(LOOKUP_INDEXES)
        # Keys with gaps: for a dense run of keys DuckDB pushes a range, not an IN filter.
        store.query(
            "create temp table touched_members as select doc_seq, false as is_new "
            "from document_clusters where doc_seq % 3 = 0 order by doc_seq limit 3"
        )
        _, plan = store.query(
            "explain analyze select s.source from document_sources as s "
            "where s.doc_seq in (select doc_seq from touched_members where not is_new)"
        )
        assert "Index Scan" in plan[0][1]
        _, plan = store.query(
            "explain analyze select source from document_sources where doc_seq in "
            "(select doc_seq from range(0, 100000) as r(doc_seq))"
        )
        assert "Index Scan" not in plan[0][1], "too many keys for an index scan"
