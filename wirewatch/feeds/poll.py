"""One poll of a batch of feeds: fetch each feed (conditionally), parse it, fetch the page of
every entry not seen before, extract its text, and hand back article texts for the normalise
stage plus rows for the store (entries, failures, the feeds' new state).

Feeds of a batch are polled concurrently under one `Fetcher`; a feed that fails is a failure
row and a state change, never an exception, and never stops the others.

Feeds are parsed and pages extracted in worker processes when the caller passes some
(`workers`), so the event loop fetches on one core while the workers parse and extract on the
others; at most a few pages per worker wait for extraction (the pages in memory stay bounded),
and each result goes back to its own feed or entry, so the rows are the rows of a poll
without workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any, Protocol

import pyarrow as pa

from wirewatch.config import FeedsSettings
from wirewatch.feeds.extract import Extracted, article_text, extract_page
from wirewatch.feeds.fetch import PAGE_ACCEPT, ROBOTS, Fetcher, FetchResult
from wirewatch.feeds.pagecache import PageCache
from wirewatch.feeds.parse import FeedEntry, FeedParseError, ParsedFeed, parse_feed
from wirewatch.feeds.safety import AddressPolicy, RefusedUrl, check_url
from wirewatch.schemas import (
    BATCH_FEED_ENTRIES,
    BATCH_FEED_FAILURES,
    BATCH_FEED_STATES,
    FEED_ENTRY_CANDIDATES,
    FileStat,
    RawFile,
)

EMPTY_EXTRACTION = "empty_extraction"  # the page had no article text

# feed_entries.body_source
BODY_PAGE = "page"
BODY_SUMMARY = "summary"
BODY_NONE = "none"
BODY_KNOWN_URL = "known_url"

# guid -> (how it is known, the doc_id it became), for the entries seen before.
KnownEntries = Callable[[pa.Table], dict[str, tuple[str, str | None]]]


@dataclass(frozen=True)
class DueFeed:
    url: str
    name: str
    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DueFeed:
        return cls(row["url"], row["name"], row.get("etag"), row.get("last_modified"))


@dataclass
class EntryRow:
    feed_url: str
    guid: str
    canonical_url: str | None
    entry_url: str | None
    title: str | None
    published_at: datetime | None
    body_source: str
    fetch_reason: str | None
    doc_id: str | None
    lang_hint: str | None
    seq: int = 0


@dataclass
class FailureRow:
    feed_url: str
    url: str
    kind: str  # feed | page
    reason: str
    detail: str
    http_status: int | None = None
    seq: int = 0


@dataclass
class Article:
    """An entry's text for the normalise stage, and the entry row that records it."""

    raw: RawFile
    entry: EntryRow


@dataclass
class FeedPoll:
    """Everything one feed's poll produced."""

    feed: DueFeed
    status: int | None = None
    failed: bool = False
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    format: str | None = None
    bozo: str | None = None
    not_modified: bool = False
    n_entries: int = 0
    n_deferred: int = 0
    articles: list[Article] = field(default_factory=list)
    entries: list[EntryRow] = field(default_factory=list)  # rows without an article
    failures: list[FailureRow] = field(default_factory=list)


@dataclass
class PollCounts:
    bytes_read: int = 0
    seconds_extract: float = 0.0  # summed over pages, wherever they were extracted
    seconds_fetch: float = 0.0
    workers_broken: bool = False  # a worker died; the poll did the rest itself


class PollWorkers(Protocol):
    """Worker processes for the CPU side of a poll (`wirewatch.orchestration.workers.StagePool`):
    feed parsing and page extraction."""

    workers: int

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]: ...


class _CpuWork:
    """Where a poll parses feeds and extracts pages (worker processes, or the event loop), and
    how many fetched pages may be held in memory meanwhile."""

    # Pages queued per worker beyond the fetches in progress: enough to keep each busy.
    QUEUED_PER_WORKER = 4

    def __init__(
        self, workers: PollWorkers | None, max_concurrency: int, counts: PollCounts
    ) -> None:
        self._workers = workers
        self._counts = counts
        queued = self.QUEUED_PER_WORKER * workers.workers if workers is not None else 0
        # Held from a page's fetch to the end of its extraction.
        self.pages_held = asyncio.Semaphore(max_concurrency + queued)

    async def _run(self, fn: Callable[..., Any], *args: Any) -> Any:
        if self._workers is not None and not self._counts.workers_broken:
            try:
                return await asyncio.wrap_future(self._workers.submit(fn, *args))
            except BrokenProcessPool:
                # A worker was killed (out of memory, by hand): the bytes are still here, do
                # the work here rather than record failures that are not the feeds'.
                self._counts.workers_broken = True
        # In the event loop itself: this work holds the GIL either way, and a worker thread
        # only added hand-offs (a few ms a page; the other fetches wait that long at most).
        return fn(*args)

    async def parse(self, body: bytes, content_type: str | None, base_url: str) -> ParsedFeed:
        """`parse_feed`; raises its FeedParseError."""
        parse = partial(parse_feed, content_type=content_type, base_url=base_url)
        parsed: ParsedFeed = await self._run(parse, body)
        return parsed

    async def extract(
        self, body: bytes, url: str, with_date: bool, with_author: bool
    ) -> Extracted | None:
        extracted, seconds = await self._run(extract_page, body, url, with_date, with_author)
        self._counts.seconds_extract += seconds
        return extracted


def poll_feeds(
    feeds: Sequence[DueFeed],
    cfg: FeedsSettings,
    known_entries: KnownEntries,
    *,
    policy: AddressPolicy | None = None,
    counts: PollCounts | None = None,
    pages: PageCache | None = None,
    workers: PollWorkers | None = None,
) -> list[FeedPoll]:
    """Poll `feeds` concurrently; one FeedPoll per feed, in the order given. Runs its own event
    loop in a worker thread, so callers need not be async (and may be inside a loop). With
    `pages`, each article page's fetch is kept there and a page kept earlier is not fetched;
    with `workers`, feeds are parsed and pages extracted in those worker processes."""
    counts = counts if counts is not None else PollCounts()

    async def run() -> list[FeedPoll]:
        claimed: set[str] = set()
        work = _CpuWork(workers, cfg.max_concurrency, counts)
        async with Fetcher(cfg, policy) as fetcher:
            return list(
                await asyncio.gather(
                    *(
                        _poll_one(fetcher, feed, cfg, known_entries, claimed, counts, pages, work)
                        for feed in feeds
                    )
                )
            )

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="feeds-poll") as pool:
        return pool.submit(asyncio.run, run()).result()


async def _poll_one(
    fetcher: Fetcher,
    feed: DueFeed,
    cfg: FeedsSettings,
    known_entries: KnownEntries,
    claimed: set[str],
    counts: PollCounts,
    pages: PageCache | None,
    work: _CpuWork,
) -> FeedPoll:
    poll = FeedPoll(feed, etag=feed.etag, last_modified=feed.last_modified)
    try:
        await _poll_feed(poll, fetcher, cfg, known_entries, claimed, counts, pages, work)
    except Exception as exc:  # a bug one feed triggers must not stop the others
        poll.failed = True
        poll.error = "poll_failed"
        detail = f"{type(exc).__name__}: {exc}"[:500]
        poll.failures.append(FailureRow(feed.url, feed.url, "feed", "poll_failed", detail))
    return poll


async def _poll_feed(
    poll: FeedPoll,
    fetcher: Fetcher,
    cfg: FeedsSettings,
    known_entries: KnownEntries,
    claimed: set[str],
    counts: PollCounts,
    pages: PageCache | None,
    work: _CpuWork,
) -> None:
    feed = poll.feed
    result = await fetcher.fetch(
        feed.url,
        max_bytes=cfg.max_feed_bytes,
        etag=feed.etag,
        last_modified=feed.last_modified,
    )
    counts.seconds_fetch += result.seconds
    poll.status = result.status
    if result.reason is not None:
        _feed_failed(poll, result.reason, result.detail or "", result.status)
        return
    if result.not_modified:
        poll.not_modified = True
        poll.etag = result.etag or feed.etag
        poll.last_modified = result.last_modified or feed.last_modified
        return
    assert result.body is not None
    counts.bytes_read += len(result.body)
    try:
        parsed = await work.parse(result.body, result.content_type, result.final_url)
    except FeedParseError as exc:
        _feed_failed(poll, exc.reason, str(exc), result.status)
        return
    poll.title, poll.format, poll.bozo = parsed.title, parsed.format, parsed.bozo
    poll.n_entries = len(parsed.entries)
    new = _new_entries(feed, parsed, known_entries, claimed, poll)
    fetched, deferred = new[: cfg.max_new_entries_per_poll], new[cfg.max_new_entries_per_poll :]
    poll.n_deferred = len(deferred)
    # Entries left for the next poll: keep the old validators, so that poll is no 304.
    poll.etag = feed.etag if deferred else result.etag
    poll.last_modified = feed.last_modified if deferred else result.last_modified
    outlet = parsed.title or feed.name
    articles = await asyncio.gather(
        *(
            _article(fetcher, cfg, feed, parsed, entry, outlet, counts, pages, work)
            for entry in fetched
        )
    )
    for article, failure in articles:
        if failure is not None:
            poll.failures.append(failure)
        if isinstance(article, Article):
            poll.articles.append(article)
        else:
            poll.entries.append(article)


def _feed_failed(poll: FeedPoll, reason: str, detail: str, status: int | None) -> None:
    poll.failed = True
    poll.error = reason
    poll.failures.append(FailureRow(poll.feed.url, poll.feed.url, "feed", reason, detail, status))


def _new_entries(
    feed: DueFeed,
    parsed: ParsedFeed,
    known_entries: KnownEntries,
    claimed: set[str],
    poll: FeedPoll,
) -> list[FeedEntry]:
    """Entries of this feed not seen before (by guid in this feed, or by canonical URL in any
    feed, earlier or in this poll). One seen under its URL gets a `known_url` row, unfetched."""
    unique: dict[str, FeedEntry] = {}
    for entry in parsed.entries:
        unique.setdefault(entry.guid, entry)
    candidates = pa.table(
        {
            "feed_url": [feed.url] * len(unique),
            "guid": list(unique),
            "canonical_url": [e.canonical_url for e in unique.values()],
        },
        schema=FEED_ENTRY_CANDIDATES,
    )
    known = known_entries(candidates)
    new: list[FeedEntry] = []
    for guid, entry in unique.items():
        how = known.get(guid)
        if how is not None and how[0] == "guid":
            continue
        if how is not None or (entry.canonical_url is not None and entry.canonical_url in claimed):
            poll.entries.append(
                _entry_row(feed, entry, BODY_KNOWN_URL, None, how[1] if how else None, None)
            )
            continue
        if entry.canonical_url is not None:
            claimed.add(entry.canonical_url)
        new.append(entry)
    return new


def _entry_row(
    feed: DueFeed,
    entry: FeedEntry,
    body_source: str,
    reason: str | None,
    doc_id: str | None,
    lang_hint: str | None,
) -> EntryRow:
    return EntryRow(
        feed_url=feed.url,
        guid=entry.guid,
        canonical_url=entry.canonical_url,
        entry_url=entry.url,
        title=entry.title,
        published_at=entry.published,
        body_source=body_source,
        fetch_reason=reason,
        doc_id=doc_id,
        lang_hint=lang_hint,
    )


async def _article(
    fetcher: Fetcher,
    cfg: FeedsSettings,
    feed: DueFeed,
    parsed: ParsedFeed,
    entry: FeedEntry,
    outlet: str,
    counts: PollCounts,
    pages: PageCache | None,
    work: _CpuWork,
) -> tuple[Article | EntryRow, FailureRow | None]:
    """The entry's article from its page; from the feed's summary (marked so) when the page
    cannot be fetched or holds no article; an entry row alone when neither has text."""
    extracted: Extracted | None = None
    failure: FailureRow | None = None
    page_bytes = b""
    if entry.url is None:
        reason, detail, status = "no_link", "the entry has no link", None
    else:
        async with work.pages_held:
            reason, detail, status, page_bytes, extracted = await _page(
                fetcher, cfg, entry, counts, pages, work
            )
    if reason is not None:
        failure = FailureRow(feed.url, entry.url or feed.url, "page", reason, detail, status)
    published = entry.published.date() if entry.published else None
    if extracted is not None:
        text = article_text(
            extracted.text,
            title=extracted.title or entry.title,
            author=entry.author or extracted.author,
            outlet=outlet,
            published=published or extracted.published,
            url=entry.url,
        )
        source, lang_hint = BODY_PAGE, extracted.language
    elif entry.summary.strip():
        text = article_text(
            entry.summary,
            title=entry.title,
            author=entry.author,
            outlet=outlet,
            published=published,
            url=entry.url,
        )
        source, lang_hint, page_bytes = BODY_SUMMARY, None, entry.summary.encode()
    else:
        return _entry_row(feed, entry, BODY_NONE, reason, None, None), failure
    row = _entry_row(feed, entry, source, reason, None, lang_hint)
    content = text.encode("utf-8")
    raw = RawFile(
        stat=FileStat(
            path=entry.url or f"{feed.url}#{entry.guid}", size=len(page_bytes), mtime_ns=0, seq=0
        ),
        content=content,
        sha256=hashlib.sha256(page_bytes).hexdigest(),
    )
    return Article(raw, row), failure


async def _page(
    fetcher: Fetcher,
    cfg: FeedsSettings,
    entry: FeedEntry,
    counts: PollCounts,
    pages: PageCache | None,
    work: _CpuWork,
) -> tuple[str | None, str, int | None, bytes, Extracted | None]:
    """(failure reason, detail, status, page bytes, extraction) of an entry's page."""
    assert entry.url is not None
    url = entry.url
    result: FetchResult | None = None
    try:
        check_url(url, fetcher.policy)  # a file:// link needs no robots.txt to be refused
        result = pages.get(url) if pages is not None else None
        if result is None:
            if cfg.respect_robots:
                allowed, why = await fetcher.robots_allow(url)
                if not allowed:
                    return ROBOTS, why, None, b"", None
            result = await fetcher.fetch(url, max_bytes=cfg.max_page_bytes, accept=PAGE_ACCEPT)
            if pages is not None:
                with contextlib.suppress(OSError):  # a full disk costs a refetch after a crash
                    pages.put(result)
    except RefusedUrl as exc:
        return exc.reason, exc.detail, None, b"", None
    except Exception as exc:
        return "fetch_failed", f"{type(exc).__name__}: {exc}"[:500], None, b"", None
    counts.seconds_fetch += result.seconds
    if result.reason is not None or result.body is None:
        return result.reason or "no_body", result.detail or "", result.status, b"", None
    counts.bytes_read += len(result.body)
    # The entry's own date and author win over the page's: the page is not searched for them.
    extracted = await work.extract(
        result.body, result.final_url, entry.published is None, entry.author is None
    )
    if extracted is None:
        return EMPTY_EXTRACTION, f"no article text in {url}", result.status, result.body, None
    return None, "", result.status, result.body, extracted


# --- rows for the store --------------------------------------------------------------------
def entry_table(rows: Sequence[EntryRow]) -> pa.Table:
    return _table(rows, BATCH_FEED_ENTRIES)


def failure_table(rows: Sequence[FailureRow]) -> pa.Table:
    return _table(rows, BATCH_FEED_FAILURES)


def state_table(polls: Sequence[FeedPoll]) -> pa.Table:
    return pa.table(
        {
            "url": [p.feed.url for p in polls],
            "etag": [p.etag for p in polls],
            "last_modified": [p.last_modified for p in polls],
            "last_status": [p.status for p in polls],
            "last_error": [p.error for p in polls],
            "failed": [p.failed for p in polls],
            "title": [p.title for p in polls],
        },
        schema=BATCH_FEED_STATES,
    )


def _table(rows: Sequence[Any], schema: pa.Schema) -> pa.Table:
    return pa.table(
        {name: [getattr(row, name) for row in rows] for name in schema.names}, schema=schema
    )
