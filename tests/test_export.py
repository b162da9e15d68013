"""Export: GDELT tab-separated files, Parquet and CSV, read back with DuckDB's own readers."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pytest
from analytics_data import build_analytics_db
from helpers import rows
from test_views import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS
from typer.testing import CliRunner

from wirewatch.analytics.export import ExportError, export_events, plan_export
from wirewatch.cli import app
from wirewatch.store import Store

runner = CliRunner()


def _said(result: Any) -> str:
    """The CLI's output with line wrapping undone: rich wraps at the terminal width, so a long
    temporary path moves the line breaks."""
    return " ".join(result.output.split())


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_analytics_db(tmp_path_factory.mktemp("export") / "w.duckdb")


def _read(sql: str) -> list[tuple]:
    with duckdb.connect() as con:
        return con.execute(sql).fetchall()


def test_gdelt_export_reads_back_as_61_tab_separated_columns_with_leading_zeros(db, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "--format", "gdelt", "--db", str(db), str(out)])
    assert result.exit_code == 0, result.output
    events_file = out / "wirewatch.export.CSV"
    assert "wrote 6 rows" in _said(result)
    assert "1 events without a resolvable date were not exported" in _said(result)

    read = f"read_csv('{events_file}', delim='\\t', header=false)"
    assert len(_read(f"select * from (describe select * from {read})")) == 61
    got = _read(f"select * from {read}")
    assert got == rows(db, "select * from events_gdelt")
    by_id = {row[0]: row for row in got}
    assert by_id[104][26:29] == ("0251", "025", "02")
    assert by_id[101][26:29] == ("042", "042", "04")
    # GDELT's layout: no header line, no quoting, empty fields for NULL.
    first_line = events_file.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.split("\t")[0] == "101" and '"' not in first_line
    assert first_line.count("\t") == 60
    assert not (out / "wirewatch.mentions.CSV").exists()


def test_gdelt_export_with_mentions_and_since_writes_only_later_events(db, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["export", "--db", str(db), "--since", "2024-03-02", "--mentions", "--format", "gdelt",
         str(out)],
    )
    assert result.exit_code == 0, result.output
    events = _read(
        f"select column00, column01 from read_csv('{out / 'wirewatch.export.CSV'}', delim='\\t',"
        " header=false) order by column00"
    )
    assert events == [(103, 20240302), (104, 20240302), (107, 20240302)]
    mentions_read = f"read_csv('{out / 'wirewatch.mentions.CSV'}', delim='\\t', header=false)"
    assert len(_read(f"select * from (describe select * from {mentions_read})")) == 16
    assert _read(f"select column00 from {mentions_read} order by column00") == [
        (103,), (104,), (107,)
    ]


def test_parquet_export_round_trips_events_and_mentions_with_their_types(db, tmp_path):
    with Store.open(db, read_only=True) as store:
        result = export_events(store, "parquet", tmp_path, include_mentions=True)
    assert [(path.name, n) for path, n in result.files] == [
        ("events.parquet", 6),
        ("mentions.parquet", 7),
    ]
    events = tmp_path / "events.parquet"
    described = _read(f"select column_name, column_type from (describe '{events}')")
    assert [name for name, _ in described] == GDELT_EVENT_COLUMNS
    assert dict(described)["EventCode"] == "VARCHAR"
    assert dict(described)["SQLDATE"] == "INTEGER"
    assert _read(f"select * from '{events}'") == rows(db, "select * from events_gdelt")
    mentions = tmp_path / "mentions.parquet"
    assert _read(f"select * from '{mentions}'") == rows(db, "select * from mentions_gdelt")


def test_csv_export_round_trips_with_a_header_row(db, tmp_path):
    with Store.open(db, read_only=True) as store:
        export_events(store, "csv", tmp_path, since=date(2024, 3, 1), include_mentions=True)
    events = tmp_path / "events.csv"
    header = events.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == GDELT_EVENT_COLUMNS
    assert _read(f"select * from read_csv('{events}', header=true)") == rows(
        db, "select * from events_gdelt"
    )
    mentions = tmp_path / "mentions.csv"
    header = mentions.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == GDELT_MENTION_COLUMNS


def test_export_of_unknown_format_exits_2(db, tmp_path):
    result = runner.invoke(app, ["export", "--format", "xml", "--db", str(db), str(tmp_path)])
    assert result.exit_code == 2
    assert "--format must be one of gdelt, parquet, csv" in _said(result)
    with pytest.raises(ExportError, match="format='xml'"):
        plan_export("xml", tmp_path, include_mentions=False)


def test_export_into_a_path_that_is_a_file_is_refused(db, tmp_path):
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["export", "--db", str(db), str(target)])
    assert result.exit_code == 2
    assert "is a file" in _said(result)
    assert target.read_text(encoding="utf-8") == "x"


def test_export_leaves_no_partial_file_behind(db, tmp_path):
    with Store.open(db, read_only=True) as store:
        export_events(store, "gdelt", tmp_path, include_mentions=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "wirewatch.export.CSV",
        "wirewatch.mentions.CSV",
    ]


def test_export_of_a_database_without_events_writes_empty_files(tmp_path):
    db = tmp_path / "empty.duckdb"
    Store.open(db).close()
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "--db", str(db), "--mentions", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "wirewatch.export.CSV").read_text(encoding="utf-8") == ""
    assert (out / "wirewatch.mentions.CSV").read_text(encoding="utf-8") == ""


def test_gdelt_export_keeps_61_columns_when_text_holds_tabs_and_line_breaks(tmp_path):
    db = build_analytics_db(tmp_path / "w.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute(
            "update events set actor1_name = 'Turkish\tgovernment\nin Ankara', "
            "source_url = 'https://example.org/a?x=1\t2' where event_id = 'ev1'"
        )
    with Store.open(db, read_only=True) as store:
        export_events(store, "gdelt", tmp_path / "out")
    lines = (tmp_path / "out" / "wirewatch.export.CSV").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    assert all(line.count("\t") == 60 for line in lines)
    first = lines[0].split("\t")
    assert first[6] == "TURKISH GOVERNMENT IN ANKARA"
    assert first[60] == "https://example.org/a?x=1 2"
