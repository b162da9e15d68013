"""Report: headline tables from known rows, the HTML page rendered by headless Chromium, and the
Prefect artifact every ingest run publishes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from analytics_data import CURRENT_CODER, build_analytics_db
from helpers import REPO_SEEDS, ingest, report_artifacts, scalar
from typer.testing import CliRunner

from wirewatch.analytics import report
from wirewatch.cli import app
from wirewatch.store import Store

runner = CliRunner()
CHROMIUM = "/usr/bin/chromium"
SCREEN_WIDTH, SCREEN_HEIGHT = 1200, 1600


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_analytics_db(tmp_path_factory.mktemp("report") / "w.duckdb")


@pytest.fixture(scope="module")
def full_report(db) -> report.Report:
    with Store.open(db, read_only=True) as store:
        return report.collect_report(store.named_query)


def _table(result: report.Report, title_start: str) -> report.ReportTable:
    return next(t for t in result.tables if t.title.startswith(title_start))


def test_report_headline_tables_hold_the_views_numbers(full_report):
    assert full_report.totals["coder_version"] == CURRENT_CODER
    assert full_report.totals["n_events"] == 7
    assert full_report.totals["n_events_undated"] == 1
    by_root = _table(full_report, "Events by CAMEO root")
    assert by_root.rows[0] == ("16", "Reduce relations", "4 material conflict", 2, 3, -6.0)
    assert [row[0] for row in by_root.rows] == ["16", "02", "04", "13", "14", "19"]
    dyads = _table(full_report, "Top 10 dyads")
    assert dyads.rows[0][:6] == ("TUR", "USA", 2, 1, 1, -1.95)
    index = _table(full_report, "Conflict/cooperation index")
    assert [(row[0], row[1], row[4]) for row in index.rows] == [
        (date(2024, 3, 1), 3, -10.4),
        (date(2024, 3, 2), 3, -9.0),
    ]
    stories = _table(full_report, "Top 10 stories")
    assert stories.rows[0][:6] == ("Turkey and US hold talks on S-400", "Reuters", 2, 3, 3, 4)
    runs = _table(full_report, "Last 5 runs")
    assert [row[2] for row in runs.rows] == ["running", "completed"]


def test_report_since_leaves_out_earlier_and_undated_events(db):
    with Store.open(db, read_only=True) as store:
        later = report.collect_report(store.named_query, since=date(2024, 3, 2), days=1, top=2)
    assert later.totals["n_events"] == 3
    assert later.totals["n_events_undated"] == 0
    assert [row[:2] for row in later.top_dyads] == [("USA", "TUR"), ("NATO", "TUR")]
    assert [row[0] for row in later.index_series] == [date(2024, 3, 2)]


def test_report_command_prints_the_headline_tables(db):
    result = runner.invoke(app, ["report", "--db", str(db)])
    assert result.exit_code == 0, result.output
    for heading in ("Events by CAMEO root", "Top 10 dyads", "Conflict/cooperation index",
                    "Top 10 stories", "Last 5 runs"):
        assert heading in result.output
    assert "7 events (all time, 1 without a resolvable date)" in result.output


def test_summary_markdown_has_one_table_per_headline(full_report):
    markdown = report.summary_markdown(full_report)
    assert markdown.startswith("# wirewatch report\n")
    assert markdown.count("\n## ") == len(full_report.tables)
    assert "| TUR | USA | 2 | 1 | 1 | -1.95 | 2024-03-01 | 2024-03-01 |" in markdown
    assert "| 16 | Reduce relations | 4 material conflict | 2 | 3 | -6 |" in markdown


def test_report_on_a_database_without_events_says_so(tmp_path):
    db = tmp_path / "empty.duckdb"
    Store.open(db).close()
    with Store.open(db, read_only=True) as store:
        empty = report.collect_report(store.named_query)
    assert "No coded events (all time)." in report.summary_markdown(empty)
    page = report.render_html(empty)
    assert page.count("<svg") == 3 and "No dated events yet" in page


# --- the HTML page in a real browser ----------------------------------------------------------
def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
    if os.environ.get("WIREWATCH_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _screenshot(page: Path, png: Path, profile: Path) -> None:
    subprocess.run(
        [
            _chromium_or_skip(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={png}",
            f"--window-size={SCREEN_WIDTH},{SCREEN_HEIGHT}", page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _count_pixels(pixels: np.ndarray, hex_color: str, tolerance: int = 6) -> int:
    """Pixels of an H x W x 3 image within `tolerance` of the colour on every channel."""
    want = np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    close = np.abs(pixels.astype(np.int16) - want) <= tolerance
    return int(close.all(axis=2).sum())


def test_html_report_charts_render_in_headless_chromium(full_report, tmp_path):
    from PIL import Image

    page = tmp_path / "report.html"
    page.write_text(report.render_html(full_report), encoding="utf-8")
    text = page.read_text(encoding="utf-8")
    # Self-contained: nothing to fetch.
    assert not re.search(r"<script|<link|<img|url\((?!#)|(src|href)=\"(?!#)", text)
    # Each chart's SVG holds its data marks: one bar per day / dyad in the chart's colours.
    figures = dict(re.findall(r'<figure id="([a-z-]+)">(.*?)</figure>', text, flags=re.S))
    assert set(figures) == {"chart-index", "chart-quad-class", "chart-dyads"}
    assert figures["chart-index"].count(f"fill: {report.COLOR_INDEX_NEGATIVE}") == 2
    assert figures["chart-index"].count(f"stroke: {report.COLOR_INDEX_MEAN}") >= 1
    for quad_class in (1, 3, 4):
        # One bar per day plus the legend swatch.
        assert figures["chart-quad-class"].count(
            f"fill: {report.COLOR_QUAD_CLASS[quad_class]}"
        ) == 3
    assert figures["chart-dyads"].count(f"fill: {report.COLOR_DYAD_CONFLICT}") == 5  # 4 + legend

    png = tmp_path / "report.png"
    _screenshot(page, png, tmp_path / "chromium-profile")
    with Image.open(png) as image:
        assert image.size == (SCREEN_WIDTH, SCREEN_HEIGHT)
        pixels = np.asarray(image.convert("RGB"))
    non_white = int((pixels.min(axis=2) < 245).sum())
    assert non_white > 0.1 * SCREEN_WIDTH * SCREEN_HEIGHT
    # Every chart drew its marks: a bar of 1 event is at least ~300 x 40 px on this screen.
    for color in (
        report.COLOR_INDEX_NEGATIVE,
        report.COLOR_QUAD_CLASS[1],
        report.COLOR_QUAD_CLASS[3],
        report.COLOR_QUAD_CLASS[4],
        report.COLOR_DYAD_COOPERATION,
        report.COLOR_DYAD_CONFLICT,
    ):
        assert _count_pixels(pixels, color) > 10_000, color
    assert _count_pixels(pixels, report.COLOR_INDEX_MEAN) > 300  # the mean line and its markers
    assert _count_pixels(pixels, report.COLOR_INDEX_POSITIVE) == 0  # no day summed >= 0


def test_report_command_writes_the_html_file(db, tmp_path):
    page = tmp_path / "out" / "report.html"
    result = runner.invoke(app, ["report", "--db", str(db), "--since", "2024-03-02",
                                 "--html", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>")
    assert "3 events (since 2024-03-02)" in text


# --- the Prefect artifact ---------------------------------------------------------------------
def test_ingest_run_publishes_the_report_as_a_markdown_artifact(prefect, tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(REPO_SEEDS, folder)
    db = tmp_path / "w.duckdb"
    summary = ingest(folder, db)
    artifacts = report_artifacts(summary["run_id"])
    assert len(artifacts) == 1
    markdown = artifacts[0]
    assert markdown.startswith("# wirewatch report")
    assert "## Top 10 stories" in markdown and "## Last 5 runs" in markdown
    # The run itself is listed, already finished: the report is collected after it ends.
    assert "| ingest-folder | completed |" in markdown
    # The run codes the seeds' stories, so the report counts events from this very run.
    n_events = scalar(db, "select count(*) from stg_events")
    assert n_events > 0
    assert f"{n_events} events (all time" in markdown


def test_recode_and_recluster_runs_publish_the_report_too(prefect, tmp_path):
    from flows.recluster import recluster_documents
    from flows.recode import recode_events

    folder = tmp_path / "seeds"
    shutil.copytree(REPO_SEEDS, folder)
    db = tmp_path / "w.duckdb"
    ingest(folder, db)
    for flow_fn, flow_name in (
        (recode_events, "recode-events"),
        (recluster_documents, "recluster-documents"),
    ):
        artifacts = report_artifacts(flow_fn(db=str(db))["run_id"])
        assert len(artifacts) == 1, flow_name
        assert f"| {flow_name} | completed |" in artifacts[0]


def test_long_spans_are_charted_by_week_then_by_month():
    from datetime import timedelta

    start = date(2024, 1, 1)

    def series(n_days: int) -> list[tuple]:
        return [(start + timedelta(days=i), 2, 1, 1, -1.0, -0.5) for i in range(n_days)]

    def n_bars(svg: str) -> int:
        return svg.count(f"fill: {report.COLOR_INDEX_NEGATIVE}")

    assert "by day" in report.index_chart_svg(series(report.MAX_BARS))
    assert n_bars(report.index_chart_svg(series(report.MAX_BARS))) == report.MAX_BARS
    weekly = report.index_chart_svg(series(400))
    assert "by week" in weekly and n_bars(weekly) == 58  # 2024-01-01 is a Monday: 57 weeks + 1
    monthly = report.index_chart_svg(series(1000))
    assert "by month" in monthly and n_bars(monthly) == 33  # Jan 2024 .. Sep 2026
    quad = report.quad_chart_svg([(day, 4, 2) for day, *_ in series(1000)])
    assert "Events per month by QuadClass" in quad
