"""Values printed by the CLI are text, not rich markup: a stored title or path holding `[/x]`
(a closing tag with no opening one, which rich refuses) or `[bold]` prints literally."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirewatch import cli
from wirewatch.cli import app

runner = CliRunner()

TITLE = "[/x] [bold]hi"
BODY = (
    "GENEVA - Negotiators from two neighbouring states met on Monday to talk about a "
    "ceasefire along their shared border, officials said. The talks, hosted by a regional "
    "mediator, ended with a joint statement that promised further meetings and the release "
    "of detained fishermen.\n"
)


@pytest.fixture(scope="module")
def markup_db(tmp_path_factory: pytest.TempPathFactory, prefect_api_url: str) -> Path:
    """A database ingested from a folder whose paths and one title look like rich markup."""
    root = tmp_path_factory.mktemp("markup")
    folder = root / "corpus"
    # `[/x]` in a path: a folder named `dir[` holding a folder named `x]`.
    article = folder / "dir[" / "x]" / "a[" / "x].txt"
    article.parent.mkdir(parents=True)
    article.write_text(
        f"Title: {TITLE}\nOutlet: Test Wire [/red]\nPublished: 2026-11-02\n\n{BODY}",
        encoding="utf-8",
    )
    # An empty file is quarantined; status shows its path.
    empty = folder / "odd[" / "x]" / "empty[bold].txt"
    empty.parent.mkdir(parents=True)
    empty.write_bytes(b"")
    db = root / "w.duckdb"
    result = runner.invoke(app, ["run", str(folder), "--db", str(db), "--settle-seconds", "0"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    # Wide enough that no value is folded across lines, so it can be found whole.
    monkeypatch.setattr(cli.console, "width", 250)
    monkeypatch.setattr(cli.err_console, "width", 250)


def test_sql_prints_a_markup_like_title_literally(markup_db):
    result = runner.invoke(app, ["sql", "select title from documents", "--db", str(markup_db)])
    assert result.exit_code == 0, result.output
    assert TITLE in result.output


def test_sql_prints_a_markup_like_path_and_column_name_literally(markup_db):
    query = 'select source_path as "[/x] [bold]path" from documents'
    result = runner.invoke(app, ["sql", query, "--db", str(markup_db)])
    assert result.exit_code == 0, result.output
    assert "[/x] [bold]path" in result.output
    assert "dir[/x]/a[/x].txt" in result.output


def test_status_prints_a_markup_like_quarantined_path_literally(markup_db):
    result = runner.invoke(app, ["status", "--db", str(markup_db)])
    assert result.exit_code == 0, result.output
    assert "empty_file" in result.output
    assert "odd[/x]/empty[bold].txt" in result.output


def test_report_prints_a_markup_like_headline_literally(markup_db):
    result = runner.invoke(app, ["report", "--db", str(markup_db)])
    assert result.exit_code == 0, result.output
    assert TITLE in result.output


def test_an_error_message_quoting_a_markup_like_path_prints_it_literally(tmp_path):
    missing = tmp_path / "nope[" / "x]" / "[bold]"
    result = runner.invoke(app, ["run", str(missing), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2
    assert f"folder {missing} does not exist" in result.output


def test_an_sql_error_quoting_markup_prints_it_literally(markup_db):
    result = runner.invoke(app, ["sql", 'select "[/x]" from documents', "--db", str(markup_db)])
    assert result.exit_code == 2
    assert '"[/x]" not found' in result.output
