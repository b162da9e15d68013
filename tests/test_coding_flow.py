"""Event coding through the real flows (Prefect harness, real coder, real DuckDB): canonical
documents only, events counted over story clusters, reruns and re-codes that change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import REPO_SEEDS, RUN_SPECIFIC_COLUMNS, ingest, rows, scalar, table_rows
from typer.testing import CliRunner

from flows.recode import recode_events
from wirewatch.cli import app
from wirewatch.store import Store

pytestmark = pytest.mark.usefixtures("prefect")

EVENT_TABLES = ("coded_documents", "event_mentions", "events")
ORIGINAL = REPO_SEEDS / "wire" / "reuters" / "kenya-ethiopia-border-security-pact.txt"


def _event_tables(db: Path) -> dict[str, list]:
    return {table: table_rows(db, table, RUN_SPECIFIC_COLUMNS) for table in EVENT_TABLES}


def test_run_codes_each_story_once_and_counts_reprints_over_its_cluster(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    summary = ingest(seeds_copy, db)
    n_english_stories = scalar(
        db,
        "select count(*) from story_clusters s join documents d "
        "on d.doc_id = s.canonical_doc_id where d.lang = 'en'",
    )
    assert summary["n_documents_coded"] == n_english_stories
    assert scalar(db, "select count(*) from coded_documents") == n_english_stories
    # Only canonical copies are coded.
    assert (
        scalar(
            db,
            "select count(*) from event_mentions m join document_clusters c using (doc_id) "
            "where not c.is_canonical",
        )
        == 0
    )
    assert summary["n_event_mentions"] == scalar(db, "select count(*) from event_mentions") > 0
    assert summary["n_events"] == scalar(db, "select count(*) from events") > 0
    assert rows(db, "select n_documents_coded, n_event_mentions from runs") == [
        (summary["n_documents_coded"], summary["n_event_mentions"])
    ]
    # Each event's articles and sources are exactly those of its mentioning stories.
    mismatched = rows(
        db,
        """
        with reach as (
            select e.event_id, count(distinct c2.doc_id) as n_docs,
                   count(distinct s.source) as n_sources
            from (select distinct event_id, doc_id from event_mentions) e
            join document_clusters c1 on c1.doc_id = e.doc_id
            join document_clusters c2 on c2.cluster_id = c1.cluster_id
            join document_sources s on s.doc_id = c2.doc_id
            group by e.event_id)
        select ev.event_id from events ev join reach r using (event_id)
        where ev.num_articles <> r.n_docs or ev.num_sources <> r.n_sources
        """,
    )
    assert mismatched == []
    # The wire story with four reprints is coded once, and its events count every copy's
    # source (more when an independent story reports the same event).
    assert scalar(db, "select max(num_sources) from events") >= 5


def test_second_run_codes_nothing_and_changes_no_event_row(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(seeds_copy, db)
    before = _event_tables(db)
    summary = ingest(seeds_copy, db)
    assert (summary["n_documents_coded"], summary["n_event_mentions"]) == (0, 0)
    assert _event_tables(db) == before


def _events_after_full_rebuild(db: Path, scratch: Path) -> list:
    """The events table a full rebuild gives on a copy of `db`."""
    shutil.copyfile(db, scratch)
    with Store.open(scratch) as store:
        (version,) = {v for (v,) in store.query("select coder_version from events")[1]}
        store.rebuild_events(version, full=True)
    return table_rows(scratch, "events")


def test_incremental_events_equal_a_full_rebuild_after_every_run(tmp_path):
    """Runs rebuild only the events they touched; stories growing, sources added to known
    documents, a fuller copy taking over as canonical and stories merging must all leave the
    rows a full rebuild leaves."""
    seeds = sorted(p for p in REPO_SEEDS.rglob("*.txt") if p.stat().st_size)
    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "w.duckdb"

    def add(paths: list[Path], prefix: str = "") -> None:
        for path in paths:
            target = folder / f"{prefix}{path.parent.name}-{path.name}"
            shutil.copyfile(path, target)

    original = ORIGINAL.read_text(encoding="utf-8")
    paragraphs = [p for p in original.split("\n") if p.strip()]
    runs = [
        lambda: add(seeds[::2]),
        # The rest of the folder (reprints join stories of run 1) and a second sighting of a
        # known document (only its sources change).
        lambda: (add(seeds[1::2]), add(seeds[:1], prefix="again-")),
        # Two halves of a story, then a whole copy that bridges them and becomes canonical.
        lambda: (folder / "half-a.txt").write_text("\n".join(paragraphs[:5]), encoding="utf-8"),
        lambda: (folder / "whole.txt").write_text(
            original + "\n\nIGAD's executive secretary welcomed the pact.\n", encoding="utf-8"
        ),
    ]
    for number, prepare in enumerate(runs):
        prepare()
        ingest(folder, db)
        assert table_rows(db, "events") == _events_after_full_rebuild(
            db, tmp_path / f"full-{number}.duckdb"
        ), f"run {number}"
        # Every queued change was consumed (one coder version) and the watermark moved.
        assert scalar(db, "select count(*) from event_refresh_queue") == 0
    assert scalar(db, "select count(*) from events") > 0
    assert scalar(db, "select count(*) from event_refresh_state") == 1


def test_article_without_publication_date_keeps_relative_dates_unknown(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # No metadata header: the publication date is unknown; the dateline has no year.
    (folder / "pact.txt").write_text(ORIGINAL.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    ingest(folder, db)
    assert scalar(db, "select count(*) from documents where published_date is null") == 1
    precisions = rows(db, "select distinct event_date_precision, event_date from event_mentions")
    assert precisions == [("unknown", None)]


def test_recode_flow_replaces_the_version_with_identical_rows(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(seeds_copy, db)
    before = _event_tables(db)
    summary = recode_events(db=str(db))
    assert summary["n_events"] == len(before["events"])
    assert _event_tables(db) == before
    assert rows(db, "select flow_name, status from runs order by started_at") == [
        ("ingest-folder", "completed"),
        ("recode-events", "completed"),
    ]


def test_recode_command_reports_counts(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(seeds_copy, db)
    result = CliRunner().invoke(app, ["recode", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "event mentions" in result.output
    missing = CliRunner().invoke(app, ["recode", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2


def test_coding_disabled_writes_no_event_rows(seeds_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("WIREWATCH__CODING__ENABLED", "false")
    db = tmp_path / "w.duckdb"
    summary = ingest(seeds_copy, db)
    assert summary["n_documents_coded"] == 0
    assert scalar(db, "select count(*) from coded_documents") == 0


def test_recluster_keeps_events_consistent_with_the_rebuilt_clusters(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(seeds_copy, db)
    before = _event_tables(db)
    result = CliRunner().invoke(app, ["recluster", "--db", str(db)])
    assert result.exit_code == 0, result.output
    # Same settings give the same clusters, so the same canonical copies and events.
    assert _event_tables(db) == before


def test_shared_seeds_key_events_land_with_exact_evidence_and_no_guessed_dates(
    shared_seeds, tmp_path
):
    db = tmp_path / "shared.duckdb"
    ingest(shared_seeds, db)
    mentions = rows(
        db,
        """
        select right(d.source_path, 24) as seed, m.sentence_index,
               coalesce(m.actor1_known_group, m.actor1_country),
               coalesce(m.actor2_known_group, m.actor2_country), m.event_code,
               m.event_date, m.event_date_precision,
               d.body, m.sentence_start, m.sentence_end, m.evidence_start, m.evidence_end,
               m.action_start, m.action_end
        from event_mentions as m join documents as d using (doc_id)
        """,
    )
    coded = {(seed[:3], actor1, actor2, code) for seed, _, actor1, actor2, code, *_ in mentions}
    # What a careful reader codes from the seeds (see bench/events/gold.jsonl, seed items).
    assert ("000", "TUR", "RUS", "057") in coded  # Ankara signed an accord with Moscow
    assert ("000", "USA", "TUR", "1312") in coded  # warns Turkey it might face sanctions
    assert ("002", "USA", "TUR", "1312") in coded  # warned Turkey could face sanctions
    assert ("004", "USA", "TUR", "163") in coded  # Washington slapped sanctions on Turkey
    # "Turkey will not turn back" is a refusal, never a yield (root 08).
    assert not [m for m in mentions if m[0].startswith("004") and m[1] == 0 and m[4][:2] == "08"]
    for *_, body, s_start, s_end, e_start, e_end, a_start, a_end in mentions:
        sentence = body[s_start:s_end]
        assert sentence == sentence.strip() and sentence[-1] in ".!?)\"”'’"
        assert s_start <= e_start <= a_start < a_end <= e_end <= s_end
    # No seed carries a publication date: relative dates stay unresolved, and only a year
    # written in the sentence ("in April 2018") dates an event.
    assert scalar(db, "select count(*) from documents where published_date is not null") == 0
    for _, _, _, _, _, event_date, precision, *_ in mentions:
        assert precision in ("unknown", "month", "year")
        assert (event_date is None) == (precision == "unknown")
