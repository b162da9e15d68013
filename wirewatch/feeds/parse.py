"""Feed bytes -> entries: RSS 0.9x/1.0/2.0 and Atom through feedparser (given bytes, never a
URL, so it fetches nothing), JSON Feed 1.0/1.1 through our own small parser.

feedparser's `bozo` problems (a feed that is not well-formed XML but still yields entries)
are recorded on the result, never raised. A feed that declares XML entities is refused before
any parser sees it: entity expansion is how a few hundred bytes become gigabytes (billion
laughs), and news feeds have no use for it.

Entries are keyed by GUID (the entry id, else its link) and by canonical URL (scheme and host
lower-cased, default port, fragment and tracking parameters dropped).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser

from wirewatch.errors import WirewatchError
from wirewatch.feeds.extract import html_to_text

PARSE_ERROR = "parse_error"

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.I)
_JSON_FEED_VERSION = "https://jsonfeed.org/version/"
_MAX_TITLE_CHARS = 1000


class FeedParseError(WirewatchError):
    """The bytes are no feed we can read; `reason` is always `parse_error`."""

    reason = PARSE_ERROR


@dataclass(frozen=True, slots=True)
class FeedEntry:
    guid: str
    url: str | None  # the entry's link, absolute
    canonical_url: str | None
    title: str | None
    summary: str  # plain text of the entry's content or summary (no markup)
    author: str | None
    published: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    format: str  # rss20, rss10, rss091u, atom10, json11, ...
    title: str | None
    site_url: str | None
    entries: list[FeedEntry]
    bozo: str | None  # what feedparser found wrong, when it still produced a feed


def parse_feed(content: bytes, *, content_type: str | None, base_url: str) -> ParsedFeed:
    """Parse feed bytes fetched from `base_url`; raises FeedParseError when they are none."""
    head = content.lstrip()[:1]
    if head in (b"{", b"[") or (content_type or "").split(";")[0].strip().endswith("json"):
        return parse_json_feed(content, base_url=base_url)
    if _ENTITY_DECLARATION.search(content):
        raise FeedParseError("the feed declares XML entities; refused (entity expansion)")
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never a string: feedparser fetches a string that looks like a URL or a path.
    parsed = feedparser.parse(
        io.BytesIO(content), response_headers=headers, sanitize_html=True
    )
    bozo = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        bozo = f"{type(exc).__name__}: {exc}"[:500] if exc is not None else "not well-formed"
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        raise FeedParseError(f"no RSS or Atom feed found ({bozo or 'unknown format'})")
    feed = parsed.get("feed", {})
    site_url = _absolute(feed.get("link"), base_url)
    entries = [_feedparser_entry(e, site_url or base_url) for e in parsed.entries]
    return ParsedFeed(
        format=version or "unknown",
        title=_clean_title(feed.get("title")),
        site_url=site_url,
        entries=entries,
        bozo=bozo,
    )


def _feedparser_entry(entry: Any, base_url: str) -> FeedEntry:
    url = _absolute(entry.get("link"), base_url)
    html = ""
    if entry.get("content"):
        html = max((c.get("value", "") for c in entry["content"]), key=len)
    html = html or entry.get("summary", "") or ""
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    title = _clean_title(entry.get("title"))
    summary = html_to_text(html) if html else ""
    return FeedEntry(
        guid=_guid(entry.get("id"), url, title, summary),
        url=url,
        canonical_url=canonical_url(url) if url else None,
        title=title,
        summary=summary,
        author=_clean_title(entry.get("author")),
        published=(
            datetime.fromtimestamp(calendar.timegm(published), UTC) if published else None
        ),
    )


def parse_json_feed(content: bytes, *, base_url: str) -> ParsedFeed:
    """JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        data = json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        _JSON_FEED_VERSION
    ):
        raise FeedParseError("JSON without a jsonfeed.org version: not a JSON Feed")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedParseError("JSON Feed without an items list")
    site_url = _absolute(_text(data.get("home_page_url")), base_url)
    feed_authors = _json_authors(data)
    entries: list[FeedEntry] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        url = _absolute(_text(item.get("url")) or _text(item.get("external_url")), base_url)
        title = _clean_title(_text(item.get("title")))
        html = _text(item.get("content_html"))
        summary = html_to_text(html) if html else ""
        summary = summary or _text(item.get("content_text")) or _text(item.get("summary")) or ""
        published = _iso_datetime(_text(item.get("date_published")))
        authors = _json_authors(item) or feed_authors
        entries.append(
            FeedEntry(
                guid=_guid(_text(item.get("id")), url, title, summary),
                url=url,
                canonical_url=canonical_url(url) if url else None,
                title=title,
                summary=summary.strip(),
                author=authors,
                published=published,
            )
        )
    version = str(data["version"]).rsplit("/", 1)[-1]
    return ParsedFeed(
        format=f"json{version.replace('.', '')}",
        title=_clean_title(_text(data.get("title"))),
        site_url=site_url,
        entries=entries,
        bozo=None,
    )


def _json_authors(obj: dict[str, Any]) -> str | None:
    authors = obj.get("authors")
    if not isinstance(authors, list):
        single = obj.get("author")  # JSON Feed 1.0
        authors = [single] if isinstance(single, dict) else []
    names = [_text(a.get("name")) for a in authors if isinstance(a, dict)]
    joined = ", ".join(n for n in names if n)
    return joined or None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _iso_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _clean_title(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = " ".join(value.split())[:_MAX_TITLE_CHARS]
    return cleaned or None


def _absolute(url: str | None, base_url: str) -> str | None:
    if not url or not url.strip():
        return None
    try:
        return urljoin(base_url, url.strip())
    except ValueError:
        return None


def _guid(entry_id: str | None, url: str | None, title: str | None, summary: str) -> str:
    if entry_id and entry_id.strip():
        return entry_id.strip()
    if url:
        return url
    # Neither id nor link: the entry is its text.
    digest = hashlib.sha256(f"{title or ''}\n{summary}".encode()).hexdigest()[:32]
    return f"sha256:{digest}"


def canonical_url(url: str) -> str:
    """One spelling per article URL: lower-case scheme and host, no default port, no
    fragment, no tracking parameters; other query parameters kept in their order."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not _TRACKING_PARAMS.match(k)]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))
