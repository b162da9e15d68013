"""The watched folder is a boundary: names that are not UTF-8, symlinks in and out of the
folder, loops, one folder under two spellings, and files that vanish. Real files in tmp_path,
real runs of the flow on real DuckDB files."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from helpers import RUN_SPECIFIC_COLUMNS, ingest, rows, scalar, table_rows

from wirewatch import progress, schemas
from wirewatch.ingest.paths import path_from_text, path_to_text
from wirewatch.store import Store

pytestmark = pytest.mark.usefixtures("prefect")

# Test texts written for these tests; each names its countries so the coder finds events.
ARTICLES = {
    "ports": (
        "Ghana and Togo agree to share port inspection data\n\n"
        "ACCRA, March 3 - Ghana and Togo agreed on Monday to share cargo inspection data at "
        "their main ports, the two trade ministers said after a meeting in Accra.\n"
        "The ministers said customs officers from both countries would meet every month to "
        "compare manifests and trace containers that change hands at sea.\n"
    ),
    "rail": (
        "Peru and Bolivia sign rail link accord\n\n"
        "LIMA, April 9 - Peru and Bolivia signed an accord on Wednesday to rebuild the rail "
        "line between their highland cities, the Peruvian transport ministry said.\n"
        "Engineers from both countries will survey the route this year, the ministry said, "
        "and freight trains could run again within three years.\n"
    ),
    "fish": (
        "Norway accuses Iceland of overfishing mackerel\n\n"
        "OSLO, June 2 - Norway accused Iceland on Friday of taking far more mackerel than "
        "scientists advise, and said it would raise the quota dispute at the next talks.\n"
        "Iceland's fisheries ministry rejected the criticism and said its catch followed "
        "its own research surveys of the stock in its waters.\n"
    ),
}


def _write(path: Path | bytes, text: str) -> None:
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8"))


def _ledger(db: Path) -> dict[str, tuple[str, str | None]]:
    return {
        path: (status, error)
        for path, status, error in rows(db, "select path, status, error from files")
    }


def _tables_without_run_columns(db: Path) -> dict[str, list[tuple]]:
    names = ("files", "documents", "document_sources", "quarantine")
    return {t: table_rows(db, t, RUN_SPECIFIC_COLUMNS) for t in names}


def _cells_containing(db: Path, needle: str) -> list[tuple[str, str]]:
    """(table, column) of every text cell in the database that contains `needle`."""
    found = []
    with duckdb.connect(str(db), read_only=True) as con:
        columns = con.execute(
            "select c.table_name, c.column_name from information_schema.columns as c "
            "join information_schema.tables as t using (table_schema, table_name) "
            "where t.table_type = 'BASE TABLE' and c.data_type = 'VARCHAR'"
        ).fetchall()
        for table, column in columns:
            n = con.execute(
                f'select count(*) from "{table}" where contains("{column}", ?)', [needle]
            ).fetchone()[0]
            if n:
                found.append((table, column))
    return found


def test_file_name_that_is_not_utf8_is_stored_losslessly_and_found_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    latin1_name = os.path.join(os.fsencode(folder), b"caf\xe9.txt")  # cp1252 'café'
    _write(latin1_name, ARTICLES["ports"])
    # A valid UTF-8 name spelling the same escape literally must stay a different file.
    _write(folder / "caf\\xe9.txt", ARTICLES["rail"])
    _write(folder / "plain.txt", ARTICLES["fish"])
    db = tmp_path / "w.duckdb"

    first = ingest(folder, db)

    assert first["n_documents_new"] == 3
    ledger = _ledger(db)
    assert len(ledger) == 3
    assert all(status == schemas.STATUS_INGESTED for status, _ in ledger.values())
    stored_bytes = {os.fsencode(path_from_text(path)) for path in ledger}
    assert latin1_name in stored_bytes
    assert os.fsencode(folder / "caf\\xe9.txt") in stored_bytes
    assert f"{folder}/caf\\xe9.txt" in ledger  # the documented escape: byte 0xe9 -> \xe9
    assert f"{folder}/caf\\\\xe9.txt" in ledger  # a literal backslash is doubled
    source = scalar(db, "select source_path from documents where title like 'Ghana%'")
    assert os.fsencode(path_from_text(source)) == latin1_name

    before = _tables_without_run_columns(db)
    again = ingest(folder, db)
    assert again["n_files_unchanged"] == 3
    assert again["n_documents_new"] == again["n_quarantined"] == 0
    assert _tables_without_run_columns(db) == before


def test_symlink_to_a_file_outside_the_folder_is_quarantined_and_never_read(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    marker = "Quokkasecretword"
    _write(secret, ARTICLES["fish"].replace("mackerel", marker))
    os.symlink(secret, folder / "leak.txt")
    # A folder symlink pointing outside is not descended into either.
    os.symlink(secret.parent, folder / "outside-dir")
    _write(folder / "good.txt", ARTICLES["ports"])
    db = tmp_path / "w.duckdb"

    summary = ingest(folder, db)

    assert summary["n_documents_new"] == 1
    leak = str(folder / "leak.txt")
    assert rows(db, "select reason from quarantine where path = ?", [leak]) == [
        (schemas.OUTSIDE_FOLDER,)
    ]
    assert _ledger(db)[leak] == (schemas.STATUS_QUARANTINED, schemas.OUTSIDE_FOLDER)
    assert _cells_containing(db, marker) == []
    assert scalar(db, "select count(*) from files where path like ?", [f"{secret.parent}%"]) == 0
    # A rerun keeps it out and adds nothing.
    before = _tables_without_run_columns(db)
    assert ingest(folder, db)["n_quarantined"] == 0
    assert _tables_without_run_columns(db) == before

    # The setting lets it in, recorded under the target's own (resolved) path.
    monkeypatch.setenv("WIREWATCH__INGEST__FOLLOW_SYMLINKS_OUTSIDE", "true")
    opened = ingest(folder, db)
    assert opened["n_documents_new"] == 1
    assert _ledger(db)[str(secret)] == (schemas.STATUS_INGESTED, None)
    assert scalar(db, "select count(*) from documents where contains(body, ?)", [marker]) == 1


def test_symlinks_inside_the_folder_lead_to_one_ledger_row_per_resolved_file(tmp_path):
    folder = tmp_path / "in"
    (folder / ".drafts").mkdir(parents=True)
    _write(folder / "ports.txt", ARTICLES["ports"])
    os.symlink("ports.txt", folder / "alias-of-ports.txt")  # the walk reaches ports.txt anyway
    os.symlink(folder / "ports.txt", folder / "zz-absolute-alias.txt")
    _write(folder / ".drafts" / "rail.txt", ARTICLES["rail"])  # hidden: reached only by links
    os.symlink(".drafts/rail.txt", folder / "rail-link.txt")
    os.symlink(".drafts/rail.txt", folder / "rail-link-2.txt")
    db = tmp_path / "w.duckdb"

    summary = ingest(folder, db)

    assert summary["n_documents_new"] == 2
    assert summary["n_documents_duplicate"] == 0
    assert _ledger(db) == {
        str(folder / "ports.txt"): (schemas.STATUS_INGESTED, None),
        str(folder / ".drafts" / "rail.txt"): (schemas.STATUS_INGESTED, None),
    }
    assert scalar(db, "select count(*) from document_sources") == 2
    before = _tables_without_run_columns(db)
    assert ingest(folder, db)["n_documents_new"] == 0
    assert _tables_without_run_columns(db) == before


def test_symlink_loops_neither_hang_nor_stop_the_run(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("self.txt", folder / "self.txt")
    os.symlink("..", folder / "sub" / "up")  # a folder loop
    os.symlink(folder, folder / "sub" / "root-again.txt")  # a folder loop named like an article
    _write(folder / "sub" / "rail.txt", ARTICLES["rail"])
    db = tmp_path / "w.duckdb"

    summary = ingest(folder, db)

    assert summary["n_documents_new"] == 1
    reasons = dict(rows(db, "select replace(path, ?, ''), reason from quarantine", [f"{folder}/"]))
    assert reasons == {
        "loop-a.txt": schemas.SYMLINK_LOOP,
        "loop-b.txt": schemas.SYMLINK_LOOP,
        "self.txt": schemas.SYMLINK_LOOP,
        "sub/root-again.txt": schemas.NOT_A_FILE,
    }
    assert scalar(db, "select count(*) from files") == 5
    assert ingest(folder, db)["n_files_unchanged"] == 5


def test_one_folder_under_two_spellings_is_one_folder(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "wire").mkdir(parents=True)
    for name, text in ARTICLES.items():
        _write(corpus / "wire" / f"{name}.txt", text)
    _write(corpus / "reprint-of-ports.txt", ARTICLES["ports"])
    (tmp_path / "work").mkdir()
    os.symlink(tmp_path, tmp_path / "parent-alias")
    db = tmp_path / "w.duckdb"
    monkeypatch.chdir(tmp_path / "work")

    first = ingest(Path("../corpus"), db)
    assert first["n_documents_new"] == 3
    assert first["n_documents_duplicate"] == 1
    before = _tables_without_run_columns(db)
    sightings = scalar(db, "select count(*) from document_sources")
    num_sources = scalar(db, "select sum(num_sources) from events")
    assert num_sources > 0  # events exist, so doubling sightings would show

    for spelling in (corpus, tmp_path / "parent-alias" / "corpus", Path("../work/../corpus/")):
        again = ingest(spelling, db)
        assert again["root"] == str(corpus)
        assert again["n_files_unchanged"] == 4
        assert again["n_documents_new"] == again["n_documents_duplicate"] == 0
        assert _tables_without_run_columns(db) == before
        assert scalar(db, "select count(*) from document_sources") == sightings == 4
        assert scalar(db, "select sum(num_sources) from events") == num_sources
    assert scalar(db, "select count(distinct root) from runs") == 1


class _DeleteAfterFirstBatch:
    """A progress sink that deletes a file once the first batch is committed: the scan has
    listed the folder by then but not yet looked at that file."""

    def __init__(self, victim: Path) -> None:
        self.victim = victim

    def batch_done(self, *, n_files: int, n_new: int, n_duplicate: int, n_quarantined: int) -> None:
        if self.victim.exists():
            self.victim.unlink()


def test_file_gone_during_a_run_is_retried_once_then_ends_vanished(tmp_path, monkeypatch):
    # The file must vanish after the scan and before its read: worker processes reading
    # batches ahead would have read it before the first batch is reported.
    monkeypatch.setenv("WIREWATCH__PIPELINE__WORKERS", "1")
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "a-ports.txt", ARTICLES["ports"])
    victim = folder / "b-rail.txt"
    _write(victim, ARTICLES["rail"])
    db = tmp_path / "w.duckdb"

    with progress.reporting_to(_DeleteAfterFirstBatch(victim)):
        first = ingest(folder, db, batch_size=1)
    assert first["n_documents_new"] == 1
    assert _ledger(db)[str(victim)] == (schemas.STATUS_RETRY, schemas.FILE_VANISHED)

    second = ingest(folder, db)  # looked for again: still gone
    assert second["n_files_vanished"] == 1
    assert _ledger(db)[str(victim)] == (schemas.STATUS_VANISHED, schemas.FILE_VANISHED)

    third = ingest(folder, db)  # final: no longer retried
    assert third["n_files_vanished"] == 0
    assert _ledger(db)[str(victim)][0] == schemas.STATUS_VANISHED

    _write(victim, ARTICLES["rail"])  # back again: processed like a new file
    fourth = ingest(folder, db)
    assert fourth["n_documents_new"] == 1
    assert _ledger(db)[str(victim)] == (schemas.STATUS_INGESTED, None)
    assert scalar(db, "select count(*) from files") == 2


def test_migration_escapes_backslashes_in_paths_of_an_older_database(tmp_path):
    db = tmp_path / "old.duckdb"
    Store.open(db).close()
    name = "/corpus/back\\slash.txt"
    with duckdb.connect(str(db)) as con:
        # As a database at migration 008 held it: written before paths were escaped.
        con.execute(
            "insert into files (path, size_bytes, mtime_ns, status, first_seen_at, "
            "processed_at, run_id) values (?, 1, 1, 'ingested', now(), now(), 'r')",
            [name],
        )
        con.execute(
            "insert into quarantine (path, reason, detail, size_bytes, mtime_ns, sha256, "
            "first_seen_at, run_id) values (?, 'binary', 'd', 1, 1, null, now(), 'r')",
            [name],
        )
        con.execute("delete from schema_migrations where version = 9")
    Store.open(db).close()

    assert path_to_text(name) == "/corpus/back\\\\slash.txt"
    assert scalar(db, "select path from files") == path_to_text(name)
    assert scalar(db, "select path from quarantine") == path_to_text(name)
    assert path_from_text(scalar(db, "select path from files")) == name
