"""The `wirewatch` command line, driven in-process with typer's runner on real files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers import scalar, write_lock_held_by_another_process
from typer.testing import CliRunner

from wirewatch.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def ingested_db(tmp_path_factory, prefect_api_url):
    from helpers import REPO_SEEDS

    db = tmp_path_factory.mktemp("cli") / "w.duckdb"
    result = runner.invoke(app, ["run", str(REPO_SEEDS), "--db", str(db), "--settle-seconds", "0"])
    assert result.exit_code == 0, result.output
    assert "reprints" in result.output and "quarantined" in result.output
    return db


def test_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "status", "sql"):
        assert command in result.output


def test_run_ingests_and_prints_a_summary(ingested_db):
    assert scalar(ingested_db, "select count(*) from documents") > 0
    assert scalar(ingested_db, "select status from runs") == "completed"


def test_run_quiet_prints_nothing_on_success(ingested_db, tmp_path):
    from helpers import REPO_SEEDS

    db = tmp_path / "quiet.duckdb"
    result = runner.invoke(app, ["run", str(REPO_SEEDS), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "reprints" not in result.output


def test_run_on_missing_folder_exits_2_with_a_message(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2
    # The console wraps long paths, so the words may land on two lines.
    assert "does not exist" in " ".join(result.output.split())


def test_status_shows_counts_runs_quarantine_and_languages(ingested_db):
    result = runner.invoke(app, ["status", "--db", str(ingested_db)])
    assert result.exit_code == 0, result.output
    for heading in ("Tables", "Last runs", "Quarantine by reason", "Languages"):
        assert heading in result.output
    assert "empty_file" in result.output


def test_sql_accepts_text_and_prints_csv(ingested_db):
    query = "select lang, count(*) as n from documents group by lang order by lang"
    result = runner.invoke(app, ["sql", query, "--db", str(ingested_db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    parsed = list(csv.reader(io.StringIO(result.output)))
    assert parsed[0] == ["lang", "n"]
    assert {row[0] for row in parsed[1:]} == {"de", "en", "es", "fr"}


def test_sql_accepts_a_file_and_prints_json(ingested_db, tmp_path):
    query_file = tmp_path / "q.sql"
    query_file.write_text("select count(*) as n_docs from documents;\n")
    result = runner.invoke(
        app, ["sql", str(query_file), "--db", str(ingested_db), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {"n_docs": scalar(ingested_db, "select count(*) from documents")}
    ]


def test_sql_table_output_and_bad_sql_error(ingested_db):
    ok = runner.invoke(app, ["sql", "select 41 + 1 as answer", "--db", str(ingested_db)])
    assert ok.exit_code == 0 and "answer" in ok.output and "42" in ok.output
    bad = runner.invoke(app, ["sql", "select * from no_such_table", "--db", str(ingested_db)])
    assert bad.exit_code == 2
    assert "no_such_table" in bad.output


def test_sql_cannot_write_to_the_database(ingested_db):
    result = runner.invoke(app, ["sql", "delete from documents", "--db", str(ingested_db)])
    assert result.exit_code == 2
    assert scalar(ingested_db, "select count(*) from documents") > 0


def test_status_while_another_process_writes_exits_3_with_a_clear_message(tmp_path):
    db = tmp_path / "held.duckdb"
    with write_lock_held_by_another_process(db):
        result = runner.invoke(app, ["status", "--db", str(db)])
    assert result.exit_code == 3
    assert "another process" in " ".join(result.output.split())


def test_sql_long_statement_is_not_mistaken_for_a_path(ingested_db):
    long_query = "select " + ", ".join(f"{i} as c{i}" for i in range(200))
    result = runner.invoke(app, ["sql", long_query, "--db", str(ingested_db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("c0,c1,")
