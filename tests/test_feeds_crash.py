"""A feed poll SIGKILLed inside a batch's transaction, then run again: the database holds
exactly the rows of a clean poll (full table contents compared), and no article page is
fetched twice over the crash and the rerun."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from feeds_data import STORIES, article_page, atom, json_feed, rss20
from feeds_server import feed_server, static
from helpers import RUN_SPECIFIC_COLUMNS, kill_when_paused, table_rows

from wirewatch.feeds.pagecache import PageCache
from wirewatch.store import Store

CHILD = Path(__file__).with_name("crash_child_feeds.py")
TABLES = (
    "documents",
    "document_sources",
    "document_signatures",
    "document_clusters",
    "story_clusters",
    "coded_documents",
    "event_mentions",
    "events",
    "feed_entries",
    "feed_fetch_failures",
    "feeds",
)
# Feed state columns that are times of this particular poll.
FEED_TIME_COLUMNS = ("next_due", "last_polled_at", "added_at")
FEEDS = {"/a": "harbour-talks", "/b": "orchard-frost", "/c": "library-reopens"}


def register(db: Path, base: str) -> None:
    with Store.open(db) as store:
        store.add_feeds(
            pa.table(
                {
                    "url": [f"{base}{path}" for path in FEEDS],
                    "name": [path.strip("/") for path in FEEDS],
                    "every_seconds": [900.0] * len(FEEDS),
                    "ord": list(range(len(FEEDS))),
                }
            )
        )


@pytest.mark.slow
@pytest.mark.parametrize("where", ["commit", "fetch"])
def test_a_poll_killed_inside_a_batch_then_rerun_equals_a_clean_poll(
    prefect: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    from flows.ingest_feeds import ingest_feeds

    for key, value in {"ALLOW_LOOPBACK": "true", "PER_HOST_DELAY_SECONDS": "0"}.items():
        monkeypatch.setenv(f"WIREWATCH__FEEDS__{key}", value)
    with feed_server() as server:
        base = server.base
        server.routes["/a"] = static(rss20(base, ["harbour-talks"]), "application/rss+xml")
        server.routes["/b"] = static(atom(base, ["orchard-frost"]), "application/atom+xml")
        server.routes["/c"] = static(json_feed(base, ["library-reopens"]), "application/json")
        for slug in FEEDS.values():
            server.routes[f"/articles/{slug}.html"] = static(article_page(STORIES[slug]))

        clean = tmp_path / "clean.duckdb"
        register(clean, base)
        ingest_feeds(db=str(clean), feeds_per_batch=1)
        server.requests.clear()

        crashed = tmp_path / "crashed.duckdb"
        register(crashed, base)
        marker = tmp_path / "paused"
        kill_when_paused(CHILD, [str(crashed), str(marker), "2", where], marker, prefect)
        ingest_feeds(db=str(crashed), feeds_per_batch=1)

        # Batch 1 (feed /a) committed before the kill; batch 2 (feed /b) died uncommitted
        # (before its COMMIT, or right after its page was fetched), and the rerun polled its
        # feed again but read its page from the page cache. No page was fetched twice.
        assert len(server.hits("/b")) == 2
        for slug in FEEDS.values():
            assert len(server.hits(f"/articles/{slug}.html")) == 1, slug
        assert not PageCache.beside(crashed).folder.exists()  # removed by the finished run

    for table in TABLES:
        exclude = RUN_SPECIFIC_COLUMNS + (FEED_TIME_COLUMNS if table == "feeds" else ())
        assert table_rows(crashed, table, exclude) == table_rows(clean, table, exclude), table
    assert len(table_rows(clean, "documents")) == 3
