"""`wirewatch sql` only reads: every writing or escaping statement is refused before it runs,
and the connection itself (sealed: no other file, no extension, settings locked) refuses what
slips past the statement check. Each test checks the message, the exit code and that nothing
was written."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from wirewatch.cli import app
from wirewatch.errors import StoreError
from wirewatch.store import Store

runner = CliRunner()

SECRET = "only-the-owner-may-read-this-7f3a"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A real, migrated wirewatch database (empty tables, current views)."""
    path = tmp_path / "wirewatch.duckdb"
    Store.open(path).close()
    return path


@pytest.fixture
def other_db(tmp_path: Path) -> Path:
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table kept as select range as n from range(5)")
    return path


@pytest.fixture
def outside_file(tmp_path: Path) -> Path:
    """A file outside the database that `sql` must not read."""
    path = tmp_path / "private" / "notes.csv"
    path.parent.mkdir()
    path.write_text(f"name,value\nsecret,{SECRET}\n", encoding="utf-8")
    return path


def run_sql(db: Path, sql: str, *options: str) -> tuple[int, str]:
    result = runner.invoke(app, ["sql", sql, "--db", str(db), *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    # Rich wraps long messages at the console width.
    return result.exit_code, " ".join(result.output.split())


def assert_refused(db: Path, sql: str, what: str) -> str:
    code, output = run_sql(db, sql)
    assert code == 2, output
    assert f"only reads the database: {what} is refused" in output, output
    assert "DuckDB shell" in output
    return output


def kept_rows(other_db: Path) -> list[tuple[int]]:
    with duckdb.connect(str(other_db), read_only=True) as con:
        return con.execute("select n from kept order by n").fetchall()


def test_attach_read_write_then_delete_is_refused_and_the_other_db_is_unchanged(db, other_db):
    before = other_db.read_bytes()
    assert_refused(
        db, f"ATTACH '{other_db}' AS other (READ_WRITE); DELETE FROM other.kept", "ATTACH"
    )
    assert other_db.read_bytes() == before
    assert kept_rows(other_db) == [(n,) for n in range(5)]


def test_drop_in_an_attached_db_is_refused(db, other_db):
    assert_refused(db, f"ATTACH '{other_db}' AS other; DROP TABLE other.kept", "ATTACH")
    assert kept_rows(other_db) == [(n,) for n in range(5)]


def test_detach_is_refused(db):
    assert_refused(db, "DETACH wirewatch", "DETACH")


def test_copy_to_a_file_is_refused_and_writes_nothing(db, tmp_path):
    target = tmp_path / "stolen.csv"
    assert_refused(db, f"COPY (SELECT 42 AS n) TO '{target}'", "COPY")
    assert not target.exists()


def test_export_database_is_refused_and_writes_nothing(db, tmp_path):
    target = tmp_path / "exported"
    assert_refused(db, f"EXPORT DATABASE '{target}'", "EXPORT")
    assert not target.exists()


def test_import_database_is_refused(db, tmp_path):
    source = tmp_path / "dump"
    source.mkdir()
    (source / "schema.sql").write_text("CREATE TABLE planted (n INTEGER);\n", encoding="utf-8")
    (source / "load.sql").write_text("", encoding="utf-8")
    assert_refused(db, f"IMPORT DATABASE '{source}'", "IMPORT")
    with duckdb.connect(str(db), read_only=True) as con:
        names = {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert "planted" not in names


@pytest.mark.parametrize("reader", ["read_text", "read_csv", "read_blob", "read_json"])
def test_reading_a_file_outside_the_database_is_refused(db, outside_file, reader):
    code, output = run_sql(db, f"SELECT * FROM {reader}('{outside_file}')", "--format", "csv")
    assert code == 2, output
    assert "Permission Error" in output and "only reads the database" in output
    assert SECRET not in output


def test_a_file_named_in_from_is_not_read(db, outside_file):
    code, output = run_sql(db, f"SELECT * FROM '{outside_file}'", "--format", "csv")
    assert code == 2, output
    assert SECRET not in output


def test_install_is_refused(db):
    assert_refused(db, "INSTALL spatial", "INSTALL (a LOAD statement)")


def test_load_is_refused(db):
    assert_refused(db, "LOAD spatial", "LOAD")


def test_set_is_refused_and_external_access_stays_off(db, outside_file):
    output = assert_refused(
        db,
        f"SET enable_external_access = true; SELECT * FROM read_text('{outside_file}')",
        "SET",
    )
    assert SECRET not in output


def test_reset_is_refused(db):
    assert_refused(db, "RESET threads", "RESET (a SET statement)")


def test_pragma_that_writes_a_profile_is_refused_and_writes_nothing(db, tmp_path):
    profile = tmp_path / "profile.json"
    assert_refused(
        db,
        f"PRAGMA enable_profiling = 'json'; PRAGMA profiling_output = '{profile}'; SELECT 1",
        "PRAGMA (a SET statement)",
    )
    assert not profile.exists()


def test_checkpoint_pragma_is_refused(db):
    assert_refused(db, "PRAGMA force_checkpoint", "PRAGMA")


def test_explain_analyze_of_a_copy_is_refused_and_writes_nothing(db, tmp_path):
    target = tmp_path / "explained.csv"
    assert_refused(db, f"EXPLAIN ANALYZE COPY (SELECT 1) TO '{target}'", "EXPLAIN of COPY")
    assert not target.exists()


def test_a_write_after_a_read_refuses_the_whole_text(db, tmp_path):
    target = tmp_path / "second.csv"
    assert_refused(db, f"SELECT 1; COPY (SELECT 2) TO '{target}'", "COPY")
    assert not target.exists()


def test_temporary_tables_are_refused(db):
    assert_refused(db, "CREATE TEMP TABLE scratch AS SELECT 1", "CREATE")


@pytest.mark.parametrize("sql", ["", "   \n\t", "/* only a comment */", ";;"])
def test_no_sql_is_a_clear_error(db, sql):
    code, output = run_sql(db, sql)
    assert code == 2, output
    assert "no SQL" in output
    assert "Traceback" not in output


def test_a_sql_file_of_only_comments_is_a_clear_error(db, tmp_path):
    query_file = tmp_path / "empty.sql"
    query_file.write_text("-- nothing to run yet\n", encoding="utf-8")
    code, output = run_sql(db, str(query_file))
    assert code == 2, output
    assert "no SQL" in output


def test_a_sql_file_that_is_not_utf8_is_a_clear_error(db, tmp_path):
    query_file = tmp_path / "latin1.sql"
    query_file.write_bytes("select 'caf\xe9' as word\n".encode("latin-1"))
    code, output = run_sql(db, str(query_file))
    assert code == 2, output
    assert "not UTF-8" in output


def test_a_syntax_error_is_a_clear_error(db):
    code, output = run_sql(db, "SELEC 1")
    assert code == 2, output
    assert "SQL error" in output and "syntax error" in output


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT count(*) AS n FROM documents", "n"),
        ("DESCRIBE documents", "doc_id"),
        ("SHOW TABLES", "documents"),
        ("SUMMARIZE runs", "column_name"),
        ("PRAGMA table_info('documents')", "doc_id"),
        ("EXPLAIN SELECT * FROM documents", "physical_plan"),
        ("EXPLAIN ANALYZE SELECT count(*) FROM documents", "analyzed_plan"),
        ("WITH t AS (SELECT 1 AS x) SELECT x FROM t; SELECT 2 AS y", "y"),
    ],
)
def test_reads_still_run(db, sql, expected):
    code, output = run_sql(db, sql, "--format", "csv")
    assert code == 0, output
    assert expected in output


def test_the_sealed_connection_refuses_files_even_without_the_statement_check(db, tmp_path):
    """The second line of defence, for status and report too: the connection itself."""
    target = tmp_path / "direct.csv"
    with Store.open_sealed(db) as store:
        for sql in (
            f"COPY (SELECT 1) TO '{target}'",
            f"SELECT * FROM read_text('{db}')",
            "SET enable_external_access = true",
            "LOAD spatial",
            "CREATE TABLE planted (n INTEGER)",
        ):
            with pytest.raises(StoreError):
                store.query(sql)
    assert not target.exists()
