"""The real ingest flow under Prefect's test harness, on real DuckDB files."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from helpers import REPO_SEEDS, RUN_SPECIFIC_COLUMNS, ingest, rows, scalar, table_rows

from wirewatch import schemas

pytestmark = pytest.mark.usefixtures("prefect")

NEW_ARTICLE = """Chad and Niger agree to reopen border posts after security talks

N'DJAMENA, May 4 (Reuters) - Chad and Niger agreed on Saturday to reopen three border posts
closed since January, after two days of talks between their interior ministers in N'Djamena,
a joint statement said.
The two countries will also set up a joint commission to monitor smuggling of fuel and arms
across the desert frontier, the statement said, adding that the commission would meet every
three months.
"Our peoples trade with each other every day. Closing the border punished them more than the
smugglers," Chad's interior minister told reporters after the talks.
"""


def _manifest() -> list[dict]:
    return json.loads((REPO_SEEDS / "manifest.json").read_text(encoding="utf-8"))


def test_bundled_seeds_land_as_documents_with_one_row_per_distinct_body(seeds_copy, tmp_path):
    db = tmp_path / "wirewatch.duckdb"
    summary = ingest(seeds_copy, db)

    articles = [e for e in _manifest() if e["kind"] != "empty"]
    assert scalar(db, "select count(*) from files") == len(_manifest())
    n_docs = scalar(db, "select count(*) from documents")
    n_dups = scalar(db, "select count(*) from files where status = 'duplicate'")
    assert n_docs + n_dups == len(articles)
    assert summary["n_documents_new"] == n_docs
    assert summary["n_documents_duplicate"] == n_dups
    assert scalar(db, "select list(reason) from quarantine") == [schemas.EMPTY_FILE]
    # Every document's file points at it; the languages are the ones the manifest declares.
    langs = {
        Path(path).relative_to(seeds_copy).as_posix(): lang
        for path, lang in rows(db, "select source_path, lang from documents")
    }
    for entry in articles:
        if entry["path"] in langs:
            assert langs[entry["path"]] == entry["lang"], entry["path"]
    orphans = (
        "select count(*) from files where status in ('ingested', 'duplicate') and doc_id is null"
    )
    assert scalar(db, orphans) == 0
    assert scalar(db, "select status from runs") == "completed"


def test_rerun_adds_nothing_and_one_new_article_adds_exactly_one_document(seeds_copy, tmp_path):
    db = tmp_path / "wirewatch.duckdb"
    ingest(seeds_copy, db)
    before = {
        t: table_rows(db, t, RUN_SPECIFIC_COLUMNS) for t in ("documents", "files", "quarantine")
    }

    again = ingest(seeds_copy, db)
    assert again["n_documents_new"] == 0
    assert again["n_files_unchanged"] == len(_manifest())
    for table, expected in before.items():
        assert table_rows(db, table, RUN_SPECIFIC_COLUMNS) == expected, table

    (seeds_copy / "wire" / "chad-niger-border.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    third = ingest(seeds_copy, db)
    assert third["n_documents_new"] == 1
    assert scalar(db, "select count(*) from documents") == len(before["documents"]) + 1
    assert scalar(db, "select title from documents where source_path like '%chad-niger%'") == (
        "Chad and Niger agree to reopen border posts after security talks"
    )
    assert scalar(db, "select count(*) from runs where status = 'completed'") == 3


def test_shared_seeds_give_five_english_documents_with_clean_bodies(shared_seeds, tmp_path):
    db = tmp_path / "shared.duckdb"
    ingest(shared_seeds, db)

    assert scalar(db, "select count(*) from documents") == 5
    assert scalar(db, "select list(distinct lang) from documents") == ["en"]
    place, month, day, agency, body = rows(
        db,
        "select dateline_place, dateline_month, dateline_day, dateline_agency, body "
        "from documents where source_path like '%000_2d3a86c4d2cb8e3e.txt'",
    )[0]
    assert (place, month, day, agency) == ("Ankara", 3, 23, "Xinhua")
    assert not body.startswith("ANKARA") and "(Xinhua)" not in body
    assert body.startswith("Turkey and the United States are")
    body_001 = scalar(db, "select body from documents where source_path like '%001_7fe6e08a33%'")
    furniture_lines = ("-0.1 C", "Frankfurt am Main", "Must read", "Patreon", "Liked it?")
    for furniture in (*furniture_lines, "More News", "Latest News"):
        assert furniture not in body_001, furniture


def test_bad_inputs_are_quarantined_each_with_its_reason_and_good_files_still_land(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = "Kenya and Ethiopia signed a border security pact on Tuesday, officials said. " * 8
    (folder / "good-1.txt").write_text(good, encoding="utf-8")
    (folder / "good-2.txt").write_text(good.replace("Tuesday", "Wednesday"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "nul.txt").write_bytes(b"text\x00with\x00nul bytes" * 10)
    (folder / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "garbage.txt").write_bytes(bytes(range(1, 32)) * 40)
    (folder / "huge.txt").write_bytes(b"word " * 3000)
    (folder / "furniture-only.txt").write_text("Must read\n\nShare this article\nMore News\n")
    (folder / "dir-named-like-article.txt").mkdir()
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("missing-target.txt", folder / "dangling.txt")
    db = tmp_path / "bad.duckdb"

    summary = ingest(folder, db, max_file_bytes=10_000)

    prefix = [f"{folder}/"]
    reasons = dict(rows(db, "select replace(path, ?, ''), reason from quarantine", prefix))
    assert reasons == {
        "empty.txt": schemas.EMPTY_FILE,
        "nul.txt": schemas.BINARY,
        "report.txt": schemas.BINARY,
        "garbage.txt": schemas.UNDECODABLE,
        "huge.txt": schemas.TOO_LARGE,
        "furniture-only.txt": schemas.NO_TEXT,
        "dir-named-like-article.txt": schemas.NOT_A_FILE,
        "loop-a.txt": schemas.SYMLINK_LOOP,
        "loop-b.txt": schemas.SYMLINK_LOOP,
        "dangling.txt": schemas.BROKEN_SYMLINK,
    }
    assert summary["n_documents_new"] == 2
    assert scalar(db, "select count(*) from documents") == 2
    statuses = dict(rows(db, "select replace(path, ?, ''), status from files", prefix))
    assert statuses["dangling.txt"] == schemas.STATUS_RETRY
    assert statuses["huge.txt"] == schemas.STATUS_QUARANTINED

    # A second run re-examines only the retryable failure and duplicates nothing.
    again = ingest(folder, db, max_file_bytes=10_000)
    assert again["n_quarantined"] == 1
    assert scalar(db, "select count(*) from quarantine") == len(reasons)
    # Fixing the dangling link lets the file in on the next run, recorded under its resolved
    # path; the link's own retry row is closed, as the link now stands for that file.
    (folder / "missing-target.txt").write_text(good.replace("Tuesday", "Friday"), encoding="utf-8")
    ingest(folder, db, max_file_bytes=10_000)
    statuses = dict(rows(db, "select replace(path, ?, ''), status from files", prefix))
    assert statuses["missing-target.txt"] == schemas.STATUS_INGESTED
    assert statuses["dangling.txt"] == schemas.STATUS_VANISHED


def test_changed_file_becomes_a_new_document_and_its_ledger_row_moves(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    target = seeds_copy / "wire" / "tass" / "russia-kazakhstan-caspian-ports.txt"
    ingest(seeds_copy, db)
    old_doc = scalar(db, "select doc_id from files where path = ?", [str(target)])

    extra_paragraph = "\nThe ministers will meet again in May.\n"
    target.write_text(target.read_text(encoding="utf-8") + extra_paragraph)
    summary = ingest(seeds_copy, db)

    assert summary["n_documents_new"] == 1
    new_doc = scalar(db, "select doc_id from files where path = ?", [str(target)])
    assert new_doc != old_doc
    both = "select count(*) from documents where doc_id in (?, ?)"
    assert scalar(db, both, [old_doc, new_doc]) == 2
    assert scalar(db, "select count(*) from files where path = ?", [str(target)]) == 1


def test_file_still_being_written_is_left_for_the_next_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    fresh = folder / "fresh.txt"
    fresh.write_text("Officials in Nairobi said talks would resume next week. " * 5)
    old = folder / "old.txt"
    old.write_text("Officials in Addis Ababa said talks had been productive. " * 5)
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    db = tmp_path / "w.duckdb"

    first = ingest(folder, db, settle_seconds=600)
    assert first["n_documents_new"] == 1
    assert first["n_files_deferred"] == 1
    assert scalar(db, "select count(*) from files where path = ?", [str(fresh)]) == 0

    second = ingest(folder, db, settle_seconds=0)
    assert second["n_documents_new"] == 1
    assert scalar(db, "select count(*) from documents") == 2


def test_small_batches_give_the_same_tables_as_one_batch(seeds_copy, tmp_path):
    one = tmp_path / "one.duckdb"
    many = tmp_path / "many.duckdb"
    ingest(seeds_copy, one, batch_size=1000)
    summary = ingest(seeds_copy, many, batch_size=3)
    assert scalar(many, "select n_batches from runs") == -(-len(_manifest()) // 3)
    assert summary["n_documents_new"] == scalar(one, "select count(*) from documents")
    for table in ("documents", "files", "quarantine"):
        expected = table_rows(one, table, RUN_SPECIFIC_COLUMNS)
        assert table_rows(many, table, RUN_SPECIFIC_COLUMNS) == expected, table


def test_glob_setting_limits_what_is_scanned(seeds_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    tass = seeds_copy / "wire" / "tass" / "russia-kazakhstan-caspian-ports.txt"
    shutil.copy(tass, seeds_copy / "copy.text")
    summary = ingest(seeds_copy, db, glob=["foreign/**/*.txt", "*.text"])
    assert summary["n_files_matched"] == 4
    assert sorted(rows(db, "select lang from documents")) == [("de",), ("en",), ("es",), ("fr",)]
