"""`wirewatch feeds ...` commands on a real DuckDB file, `feeds poll` against a real HTTP
server on 127.0.0.1 under the session's Prefect harness, and the feeds deployment."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from feeds_data import STORIES, article_page, rss20
from feeds_server import feed_server, static
from helpers import REPO_ROOT, scalar
from typer.testing import CliRunner

from wirewatch import cli
from wirewatch.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli.console, "width", 250)
    monkeypatch.setattr(cli.err_console, "width", 250)


def feeds(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["feeds", *args])
    return result.exit_code, " ".join(result.output.split())  # rich wraps long lines


def test_add_list_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    code, out = feeds(
        "add", "http://127.0.0.1:9/rss", "--db", db, "--name", "valley", "--every", "2h"
    )
    assert code == 0, out
    code, out = feeds("add", "https://news.example/atom.xml", "--db", db)
    assert code == 0, out
    assert scalar(Path(db), "select every_seconds from feeds where name = 'valley'") == 7200
    assert scalar(Path(db), "select name from feeds where url like 'https://news%'") == (
        "news.example/atom.xml"
    )
    code, out = feeds("add", "http://127.0.0.1:9/rss", "--db", db, "--name", "other")
    assert code == 2 and "already registered" in out
    code, out = feeds("list", "--db", db)
    assert code == 0 and "valley" in out and "news.example/atom.xml" in out
    code, out = feeds("remove", "valley", "--db", db)
    assert code == 0 and "removed" in out
    code, out = feeds("remove", "https://news.example/atom.xml", "--db", db)
    assert code == 0
    assert scalar(Path(db), "select count(*) from feeds") == 0
    code, out = feeds("remove", "valley", "--db", db)
    assert code == 2 and "no feed" in out


@pytest.mark.parametrize(
    ("url", "every", "message"),
    [
        ("file:///etc/passwd", "15m", "only http and https"),
        ("http://169.254.169.254/latest/", "15m", "metadata"),
        ("http://127.0.0.1:9/rss", "soon", "positive duration"),
        ("http://127.0.0.1:9/rss", "0m", "positive duration"),
    ],
)
def test_add_refuses_bad_urls_and_intervals(
    tmp_path: Path, url: str, every: str, message: str
) -> None:
    code, out = feeds("add", url, "--every", every, "--db", str(tmp_path / "w.duckdb"))
    assert code == 2 and message in out, out


def test_import_opml(tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Valley" xmlUrl="http://127.0.0.1:9/rss"/>'
        '<outline text="Group"><outline title="Atom" xmlUrl="http://127.0.0.1:9/atom"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    code, out = feeds("import", str(opml), "--db", db)
    assert code == 0 and "2 feeds added" in out, out
    code, out = feeds("import", str(opml), "--db", db)
    assert code == 0 and "0 feeds added, 2 already registered" in out
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline", encoding="utf-8")
    code, out = feeds("import", str(bad), "--db", db)
    assert code == 2 and "not well-formed" in out


def test_poll_runs_the_flow_over_due_feeds(
    prefect: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIREWATCH__FEEDS__ALLOW_LOOPBACK", "true")
    monkeypatch.setenv("WIREWATCH__FEEDS__PER_HOST_DELAY_SECONDS", "0")
    db = str(tmp_path / "w.duckdb")
    with feed_server() as server:
        server.routes["/rss"] = static(rss20(server.base, ["orchard-frost"]), "application/rss+xml")
        server.routes["/articles/orchard-frost.html"] = static(
            article_page(STORIES["orchard-frost"])
        )
        assert feeds("add", server.url("/rss"), "--db", db)[0] == 0
        assert feeds("add", server.url("/gone.xml"), "--db", db, "--name", "gone-feed")[0] == 0
        code, out = feeds("poll", "--db", db)
        assert code == 0, out
        assert scalar(Path(db), "select count(*) from documents") == 1
        for command in ("status", "report"):
            result = runner.invoke(app, [command, "--db", db])
            assert result.exit_code == 0, result.output
            cells = result.output.replace("┃", " ").replace("│", " ")
            lines = [line.split() for line in cells.splitlines()]
            header = lines.index(
                [
                    "feeds",
                    "due_now",
                    "failing",
                    "last_poll",
                    "last_poll_status",
                    "new_entries",
                    "from_pages",
                    "kept_summary",
                    "fetch_failures",
                ]
            )
            summary = next(line for line in lines[header + 1 :] if line and line[0].isdigit())
            # 2 feeds, none due, 1 failing; the poll brought 1 entry, from its page.
            assert summary[:3] == ["2", "0", "1"] and summary[-4:] == ["1", "1", "0", "1"]
            failing = " ".join(cells.split())
            assert "Failing feeds" in failing and "gone-feed" in failing
            assert "http_404 HTTP 404 from" in failing and "gone.xml 404 1" in failing
        page = tmp_path / "report.html"
        result = runner.invoke(app, ["report", "--db", db, "--html", str(page)])
        assert result.exit_code == 0, result.output
        html_text = page.read_text(encoding="utf-8")
        assert "<caption>Feeds</caption>" in html_text
        assert "<caption>Failing feeds</caption>" in html_text and "gone-feed" in html_text
        code, out = feeds("poll", "--db", db)  # nothing due
        assert code == 0 and "Polled 0 feeds" in out
        code, out = feeds("poll", "--all", "--db", db)
        assert code == 0 and "Polled 2 feeds" in out
    code, out = feeds("poll", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "does not exist" in out


def test_the_feeds_deployment_follows_the_others() -> None:
    config = yaml.safe_load((REPO_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    by_entry = {d["entrypoint"]: d for d in config["deployments"]}
    feeds_deployment = by_entry["flows/ingest_feeds.py:ingest_feeds"]
    folder = by_entry["flows/ingest_folder.py:ingest_folder"]
    assert feeds_deployment["concurrency_limit"] == folder["concurrency_limit"]
    assert feeds_deployment["work_pool"] == folder["work_pool"]
    assert feeds_deployment["parameters"] == {"db": "wirewatch.duckdb"}
    assert [s["interval"] for s in feeds_deployment["schedules"]] == [300]
    from flows.ingest_feeds import ingest_feeds

    assert ingest_feeds.name == "ingest-feeds"
