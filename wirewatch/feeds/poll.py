"""One poll of a batch of feeds: fetch each feed (conditionally), parse it, fetch the page of
every entry not seen before, extract its text, and hand back article texts for the normalise
stage plus rows for the store (entries, failures, the feeds' new state).

Feeds of a batch are polled concurrently under one `Fetcher`; a feed that fails is a failure
row and a state change, never an exception, and never stops the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyarrow as pa

from wirewatch.config import FeedsSettings
from wirewatch.feeds.extract import Extracted, article_text, extract_html
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
    seconds_extract: float = 0.0
    seconds_fetch: float = 0.0


def poll_feeds(
    feeds: Sequence[DueFeed],
    cfg: FeedsSettings,
    known_entries: KnownEntries,
    *,
    policy: AddressPolicy | None = None,
    counts: PollCounts | None = None,
    pages: PageCache | None = None,
) -> list[FeedPoll]:
    """Poll `feeds` concurrently; one FeedPoll per feed, in the order given. Runs its own event
    loop in a worker thread, so callers need not be async (and may be inside a loop). With
    `pages`, each article page's fetch is kept there and a page kept earlier is not fetched."""
    counts = counts if counts is not None else PollCounts()

    async def run() -> list[FeedPoll]:
        claimed: set[str] = set()
        async with Fetcher(cfg, policy) as fetcher:
            return list(
                await asyncio.gather(
                    *(_poll_one(fetcher, feed, cfg, known_entries, claimed, counts, pages)
                      for feed in feeds)
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
) -> FeedPoll:
    poll = FeedPoll(feed, etag=feed.etag, last_modified=feed.last_modified)
    try:
        await _poll_feed(poll, fetcher, cfg, known_entries, claimed, counts, pages)
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
        parsed = parse_feed(
            result.body, content_type=result.content_type, base_url=result.final_url
        )
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
            _article(fetcher, cfg, feed, parsed, entry, outlet, counts, pages)
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
) -> tuple[Article | EntryRow, FailureRow | None]:
    """The entry's article from its page; from the feed's summary (marked so) when the page
    cannot be fetched or holds no article; an entry row alone when neither has text."""
    extracted: Extracted | None = None
    failure: FailureRow | None = None
    page_bytes = b""
    if entry.url is None:
        reason, detail, status = "no_link", "the entry has no link", None
    else:
        reason, detail, status, page_bytes, extracted = await _page(
            fetcher, cfg, entry, counts, pages
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
        stat=FileStat(path=entry.url or f"{feed.url}#{entry.guid}", size=len(page_bytes),
                      mtime_ns=0, seq=0),
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
    started = time.perf_counter()
    # In the event loop itself: extraction holds the GIL either way, and a worker thread only
    # added hand-offs (a few ms a page; the other fetches wait that long at most).
    # The entry's own date and author win over the page's: the page is not searched for them.
    extracted = extract_html(
        result.body,
        result.final_url,
        with_date=entry.published is None,
        with_author=entry.author is None,
    )
    counts.seconds_extract += time.perf_counter() - started
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
