"""A poll whose feeds are parsed and pages extracted in worker processes: the same rows, in
the same order, as a poll that does everything in its own process; only a bounded number of
fetched pages waits for extraction; a pool whose workers were killed leaves the poll to finish
in its own process. Real worker processes and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, replace
from html import escape
from typing import Any

import pytest
from feeds_data import STORIES, article_page, atom, rss20
from feeds_server import FeedServer, feed_server, static

from wirewatch.config import FeedsSettings
from wirewatch.feeds.poll import DueFeed, FeedPoll, PollCounts, PollWorkers, poll_feeds
from wirewatch.orchestration.workers import StagePool

CFG = replace(
    FeedsSettings(),
    allow_loopback=True,
    per_host_delay_seconds=0.0,
    connect_timeout_seconds=5.0,
    read_timeout_seconds=5.0,
    request_timeout_seconds=10.0,
)
SLUGS = list(STORIES)


def serve_feeds(server: FeedServer) -> list[DueFeed]:
    """Two feeds of three stories each, one page with no article (its entry keeps the
    summary), and a URL that is no feed (a parse error)."""
    base = server.base
    server.routes["/rss"] = static(rss20(base, SLUGS[:3]), "application/rss+xml")
    server.routes["/atom"] = static(atom(base, SLUGS[3:6]), "application/atom+xml")
    server.routes["/not-a-feed"] = static(b"<html><body><p>A shop.</p></body></html>")
    for slug in SLUGS[:6]:
        server.routes[f"/articles/{slug}.html"] = static(article_page(STORIES[slug]))
    server.routes[f"/articles/{SLUGS[4]}.html"] = static(
        b"<html><body><script>start()</script></body></html>"
    )
    return [DueFeed(server.url(path), path.strip("/")) for path in ("/rss", "/not-a-feed", "/atom")]


def rows(polls: list[FeedPoll]) -> list[Any]:
    """Everything a poll hands to the store and the normaliser, in order."""
    return [
        (
            (p.feed, p.status, p.failed, p.error, p.etag, p.title, p.format, p.bozo),
            [(a.raw.content, a.raw.sha256, a.raw.stat, asdict(a.entry)) for a in p.articles],
            [asdict(entry) for entry in p.entries],
            [asdict(failure) for failure in p.failures],
        )
        for p in polls
    ]


class Recording:
    """Real workers underneath; counts what the poll sent them."""

    def __init__(self, pool: PollWorkers) -> None:
        self._pool = pool
        self.workers = pool.workers
        self.calls: list[str] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        self.calls.append(getattr(fn, "__name__", None) or fn.func.__name__)  # type: ignore[attr-defined]
        return self._pool.submit(fn, *args)


@pytest.fixture(scope="module")
def pool() -> Any:
    workers = StagePool(2)
    yield workers
    workers.shutdown()


def test_a_poll_with_workers_gives_the_rows_of_a_poll_without(pool: StagePool) -> None:
    with feed_server() as server:
        feeds = serve_feeds(server)
        alone = poll_feeds(feeds, CFG, lambda _: {})
        recording = Recording(pool)
        counts = PollCounts()
        pooled = poll_feeds(feeds, CFG, lambda _: {}, workers=recording, counts=counts)
    assert rows(pooled) == rows(alone)
    # The cases are there: a parse error, a page without an article, pages extracted.
    assert [p.error for p in alone] == [None, "parse_error", None]
    assert [f.reason for p in alone for f in p.failures] == ["parse_error", "empty_extraction"]
    assert sum(len(p.articles) for p in alone) == 6
    # Every feed parsed and every page extracted by the workers.
    assert sorted(recording.calls) == ["extract_page"] * 6 + ["parse_feed"] * 3
    assert counts.seconds_extract > 0 and not counts.workers_broken


def numbered_feed(base: str, n: int) -> bytes:
    items = "".join(
        f"<item><title>{escape(STORIES[SLUGS[i % 6]].title)} ({i})</title>"
        f"<link>{base}/n/{i}.html</link><guid>urn:test:{i}</guid></item>"
        for i in range(n)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Numbered</title>'
        f"<link>{base}/</link><description>d</description>{items}</channel></rss>"
    ).encode()


class SlowThreads:
    """One slow worker (a thread: nothing to pickle); records how many submitted pages were
    outstanding at most."""

    workers = 1

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._lock = threading.Lock()
        self.outstanding = 0
        self.most = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        with self._lock:
            self.outstanding += 1
            self.most = max(self.most, self.outstanding)

        def run() -> Any:
            time.sleep(0.02)
            try:
                return fn(*args)
            finally:
                with self._lock:
                    self.outstanding -= 1

        return self._pool.submit(run)


def test_pages_waiting_for_extraction_are_bounded() -> None:
    cfg = replace(CFG, max_concurrency=2, max_new_entries_per_poll=40)
    slow = SlowThreads()
    with feed_server() as server:
        server.routes["/feed"] = static(numbered_feed(server.base, 40), "application/rss+xml")
        for i in range(40):
            server.routes[f"/n/{i}.html"] = static(article_page(STORIES[SLUGS[i % 6]]))
        (polled,) = poll_feeds([DueFeed(server.url("/feed"), "n")], cfg, lambda _: {}, workers=slow)
    assert len(polled.articles) == 40 and not polled.failures
    assert all(a.entry.body_source == "page" for a in polled.articles)
    # The fetches in progress plus QUEUED_PER_WORKER queued for the one worker, not all 40.
    assert 2 <= slow.most <= cfg.max_concurrency + 4
    slow._pool.shutdown()


def test_a_pool_whose_workers_were_killed_leaves_the_work_to_the_poll() -> None:
    broken = StagePool(2)
    try:
        for pid in broken.worker_pids():
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until the executor has noticed
            try:
                broken.submit(os.getpid).result(timeout=5)
            except BrokenProcessPool:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the pool did not notice its killed workers")
        with feed_server() as server:
            feeds = serve_feeds(server)
            alone = poll_feeds(feeds, CFG, lambda _: {})
            counts = PollCounts()
            pooled = poll_feeds(feeds, CFG, lambda _: {}, workers=broken, counts=counts)
        assert counts.workers_broken
        assert rows(pooled) == rows(alone)
    finally:
        with contextlib.suppress(BrokenProcessPool):
            broken.shutdown()
