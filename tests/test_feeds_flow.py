"""The `ingest-feeds` flow end to end against a real HTTP server on 127.0.0.1, under the
session's Prefect harness and a real DuckDB file: feeds of every format land as documents; a
second poll is conditional and adds nothing; hostile feeds end as reason rows while the others
land and the run completes; a story seen in a feed, as a saved page and as a text file is one
cluster with three sightings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from feeds_data import BILLION_LAUGHS, STORIES, article_page, atom, json_feed, rss10, rss20
from feeds_server import (
    FeedServer,
    chunked_forever,
    conditional,
    drip,
    failing_then,
    feed_server,
    gzip_bomb,
    redirect,
    static,
)
from helpers import ingest, report_artifacts, scalar, table_rows

from wirewatch.store import Store

LAST_MODIFIED = "Sat, 07 Nov 2026 12:00:00 GMT"
GOOD_FEEDS = {
    "/rss20": ("harbour-talks", "Valley Courier"),
    "/rss10": ("orchard-frost", "Estuary Gazette"),
    "/atom": ("library-reopens", "Northern Atom Post"),
    "/json": ("border-ministers", "Selva Daily JSON"),
    "/flaky": ("rail-bridge", "Valley Courier"),  # 500 first, then 200
}


@pytest.fixture
def fast_feeds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback allowed (the test server), no politeness wait, short deadlines."""
    for key, value in {
        "ALLOW_LOOPBACK": "true",
        "PER_HOST_DELAY_SECONDS": "0",
        "REQUEST_TIMEOUT_SECONDS": "2",
        "BACKOFF_SECONDS": "0.05",
        "MAX_FEED_BYTES": str(256 * 1024),
    }.items():
        monkeypatch.setenv(f"WIREWATCH__FEEDS__{key}", value)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with feed_server() as srv:
        base = srv.base
        srv.routes["/robots.txt"] = static(b"User-agent: *\nDisallow: /private/\n", "text/plain")
        for slug, story in STORIES.items():
            srv.routes[f"/articles/{slug}.html"] = static(article_page(story, hostile=True))
        srv.routes["/rss20"] = conditional(
            rss20(base, ["harbour-talks"]), "application/rss+xml", '"rss-v1"', LAST_MODIFIED
        )
        srv.routes["/rss10"] = static(rss10(base, ["orchard-frost"]), "application/rdf+xml")
        srv.routes["/atom"] = conditional(
            atom(base, ["library-reopens"]), "application/atom+xml", '"atom-v1"', LAST_MODIFIED
        )
        srv.routes["/json"] = static(json_feed(base, ["border-ministers"]), "application/json")
        srv.routes["/flaky"] = failing_then(
            rss20(base, ["rail-bridge"]), "application/rss+xml", [500]
        )
        yield srv


def add_feeds(db: Path, server: FeedServer, paths: list[str]) -> None:
    urls = [server.url(p) for p in paths]
    with Store.open(db) as store:
        store.add_feeds(
            pa.table(
                {
                    "url": urls,
                    "name": [p.strip("/") for p in paths],
                    "every_seconds": [900.0] * len(urls),
                    "ord": list(range(len(urls))),
                }
            )
        )


def poll(db: Path, *, all_feeds: bool = False) -> dict:
    from flows.ingest_feeds import ingest_feeds

    return ingest_feeds(db=str(db), all_feeds=all_feeds)


def test_every_format_lands_and_a_second_poll_is_conditional(
    prefect: str, fast_feeds: None, server: FeedServer, tmp_path: Path
) -> None:
    db = tmp_path / "feeds.duckdb"
    add_feeds(db, server, list(GOOD_FEEDS))
    first = poll(db)
    assert first["n_feeds"] == 5 and first["n_failed_feeds"] == 0
    assert first["n_documents_new"] == 5
    rows = table_rows(db, "documents")
    with Store.open(db, read_only=True) as store:
        _, docs = store.query(
            "select url, outlet, published_date, title, body from documents order by url"
        )
        _, sources = store.query("select source, outlet from document_sources order by source")
        _, entries = store.query("select body_source, fetch_reason from feed_entries")
    assert len(rows) == 5
    by_url = {url: (outlet, published, title, body) for url, outlet, published, title, body in docs}
    for path, (slug, outlet) in GOOD_FEEDS.items():
        story = STORIES[slug]
        url = server.url(f"/articles/{slug}.html")
        got_outlet, published, title, body = by_url[url]
        assert got_outlet == outlet, path
        assert published.isoformat() == story.published, path
        assert title == story.title, path
        assert story.paragraphs[-1] in body, path
        for marker in ("SCRIPT_TEXT", "STYLE_TEXT", "HANDLER_TEXT", "ONLOAD_TEXT", "NOSCRIPT"):
            assert marker not in body
        assert (url, outlet) in sources
    assert set(entries) == {("page", None)}
    assert len(server.hits("/flaky")) == 2  # 500, then 200
    assert scalar(db, "select status from runs where flow_name = 'ingest-feeds'") == "completed"
    # The run publishes the analyst report, feeds tables included, like the folder flow.
    report = report_artifacts(first["run_id"])
    assert len(report) == 1 and "| ingest-feeds | completed |" in report[0]
    assert "## Feeds" in report[0]

    n_page_requests = sum(r.path.startswith("/articles/") for r in server.requests)
    second = poll(db, all_feeds=True)
    assert second["n_documents_new"] == 0 and second["n_entries_new"] == 0
    assert second["n_not_modified"] == 2  # the two feeds that send validators
    assert server.hits("/rss20")[-1].headers["if-none-match"] == '"rss-v1"'
    assert server.hits("/atom")[-1].headers["if-modified-since"] == LAST_MODIFIED
    assert sum(r.path.startswith("/articles/") for r in server.requests) == n_page_requests
    assert table_rows(db, "documents") == rows
    assert scalar(db, "select count(*) from feed_entries") == 5
    # Not due yet: a plain poll polls nothing.
    assert poll(db)["n_feeds"] == 0


def test_hostile_feeds_end_as_reason_rows_while_the_others_land(
    prefect: str, fast_feeds: None, server: FeedServer, tmp_path: Path
) -> None:
    base = server.base
    server.routes["/loop-a"] = redirect("/loop-b")
    server.routes["/loop-b"] = redirect("/loop-a")
    server.routes["/bomb"] = gzip_bomb(512 * 1024 * 1024)
    server.routes["/big"] = chunked_forever()
    server.routes["/laughs"] = static(BILLION_LAUGHS, "application/rss+xml")
    server.routes["/to-metadata"] = redirect("http://169.254.169.254/latest/meta-data/")
    server.routes["/to-private"] = redirect("http://10.0.0.1/feed.xml")
    server.routes["/slow"] = drip(total_bytes=200, every_seconds=0.1)
    server.routes["/file-link"] = static(
        rss20(base, ["rail-bridge"]).replace(
            f"{base}/articles/rail-bridge.html".encode(), b"file:///etc/passwd"
        ),
        "application/rss+xml",
    )
    server.routes["/private-page"] = static(
        rss20(base, ["library-reopens"]).replace(
            b"/articles/library-reopens.html", b"/private/library-reopens.html"
        ),
        "application/rss+xml",
    )
    hostile = {
        "/loop-a": "redirect_loop",
        "/bomb": "too_large",
        "/big": "too_large",
        "/laughs": "parse_error",
        "/to-metadata": "refused_address",
        "/to-private": "refused_address",
        "/slow": "timeout",
    }
    db = tmp_path / "hostile.duckdb"
    add_feeds(db, server, ["/rss20", *hostile, "/file-link", "/private-page", "/json"])
    summary = poll(db)
    assert scalar(db, "select status from runs where flow_name = 'ingest-feeds'") == "completed"
    assert summary["n_failed_feeds"] == len(hostile)
    with Store.open(db, read_only=True) as store:
        _, failures = store.query(
            "select feed_url, url, kind, reason from feed_fetch_failures order by all"
        )
        _, feeds = store.query("select url, last_error, consecutive_failures from feeds")
        _, entries = store.query(
            "select feed_url, body_source, fetch_reason, doc_id is not null from feed_entries"
        )
        _, urls = store.query("select url from documents order by url")
    feed_failures = {(f, reason) for f, _url, kind, reason in failures if kind == "feed"}
    assert feed_failures == {(server.url(path), reason) for path, reason in hostile.items()}
    state = {url: (error, n) for url, error, n in feeds}
    for path, reason in hostile.items():
        assert state[server.url(path)] == (reason, 1)
    assert state[server.url("/rss20")] == (None, 0)
    # The file:// link and the robots-disallowed page keep the feed's summary, marked so.
    page_failures = {(f, reason) for f, _url, kind, reason in failures if kind == "page"}
    assert page_failures == {
        (server.url("/file-link"), "unsupported_scheme"),
        (server.url("/private-page"), "robots"),
    }
    assert (server.url("/file-link"), "summary", "unsupported_scheme", True) in entries
    assert (server.url("/private-page"), "summary", "robots", True) in entries
    assert not any(r.path.startswith("/private/") for r in server.requests)
    # The healthy feeds landed in the same poll.
    assert server.url("/articles/harbour-talks.html") in {u for (u,) in urls}
    assert server.url("/articles/border-ministers.html") in {u for (u,) in urls}
    assert summary["n_documents_new"] == 4


def test_a_story_from_a_feed_a_saved_page_and_a_text_file_is_one_cluster(
    prefect: str, fast_feeds: None, server: FeedServer, tmp_path: Path
) -> None:
    story = STORIES["ministers-meet"]
    server.routes["/world"] = static(rss20(server.base, ["ministers-meet"]), "application/rss+xml")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "ministers.html").write_bytes(article_page(story, site="Paris Wire"))
    (folder / "ministers.txt").write_text(
        f"Title: {story.title}\nOutlet: Border Radio\nPublished: {story.published}\n\n"
        + story.body.replace(" on Saturday", " on Saturday morning"),
        encoding="utf-8",
    )
    db = tmp_path / "story.duckdb"
    ingest(folder, db)
    add_feeds(db, server, ["/world"])
    polled = poll(db)
    # The feed's page is the saved page's twin: the same body, so an exact duplicate.
    assert (polled["n_documents_new"], polled["n_documents_duplicate"]) == (0, 1)
    with Store.open(db, read_only=True) as store:
        _, clusters = store.query("select cluster_id, n_sources from story_clusters")
        _, sources = store.query("select source, outlet from document_sources order by source")
        _, events = store.query(
            "select distinct num_sources from events where num_sources > 0"
        )
    assert len(clusters) == 1 and clusters[0][1] == 3, (clusters, sources)
    assert len(sources) == 3
    assert {outlet for _, outlet in sources} == {"Paris Wire", "Border Radio", "Valley Courier"}
    assert events == [(3,)]
