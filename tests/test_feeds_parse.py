"""Feed parsing (RSS 2.0, RSS 1.0, Atom, JSON Feed; bozo recorded; entity declarations
refused), article extraction (no script, style or handler text), OPML, and the address policy
as a pure decision: no connection is made by any test here."""

from __future__ import annotations

import ipaddress
from datetime import UTC, date, datetime

import pytest
from feeds_data import BILLION_LAUGHS, STORIES, article_page, atom, json_feed, rss10, rss20

from wirewatch.feeds.extract import article_text, extract_html, html_to_text
from wirewatch.feeds.opml import OpmlError, read_opml
from wirewatch.feeds.parse import FeedParseError, canonical_url, parse_feed
from wirewatch.feeds.safety import AddressPolicy, RefusedUrl, check_url

BASE = "http://127.0.0.1:8000"
SLUGS = ["harbour-talks", "orchard-frost"]


@pytest.mark.parametrize(
    ("make", "content_type", "fmt"),
    [
        (rss20, "application/rss+xml", "rss20"),
        (rss10, "application/rdf+xml", "rss10"),
        (atom, "application/atom+xml", "atom10"),
        (json_feed, "application/feed+json", "json11"),
    ],
)
def test_every_format_yields_its_entries(make, content_type, fmt) -> None:
    parsed = parse_feed(make(BASE, SLUGS), content_type=content_type, base_url=f"{BASE}/feed")
    assert parsed.format == fmt and parsed.bozo is None and parsed.title
    assert [e.url for e in parsed.entries] == [f"{BASE}/articles/{s}.html" for s in SLUGS]
    assert [e.title for e in parsed.entries] == [STORIES[s].title for s in SLUGS]
    assert len({e.guid for e in parsed.entries}) == 2
    first = parsed.entries[0]
    assert first.published is not None and first.published.date() == date(2026, 11, 2)
    assert first.summary.startswith("VALMORA, Nov 2")


def test_a_broken_feed_is_recorded_as_bozo_not_raised() -> None:
    broken = rss20(BASE, SLUGS).replace(b"</channel></rss>", b"<item><title>cut off")
    parsed = parse_feed(broken, content_type="application/rss+xml", base_url=BASE)
    assert parsed.bozo is not None and len(parsed.entries) >= 2


def test_entity_declarations_and_non_feeds_are_parse_errors() -> None:
    with pytest.raises(FeedParseError, match="entities"):
        parse_feed(BILLION_LAUGHS, content_type="application/rss+xml", base_url=BASE)
    with pytest.raises(FeedParseError):
        parse_feed(b"just some words", content_type="text/plain", base_url=BASE)
    with pytest.raises(FeedParseError, match="JSON Feed"):
        parse_feed(b'{"items": []}', content_type="application/json", base_url=BASE)


def test_canonical_urls_drop_tracking_fragments_and_default_ports() -> None:
    assert canonical_url("HTTP://Example.COM:80/a?utm_source=x&id=3#top") == (
        "http://example.com/a?id=3"
    )
    assert canonical_url("https://example.com:8443/b") == "https://example.com:8443/b"


def test_extraction_keeps_the_article_and_drops_code_and_handlers() -> None:
    story = STORIES["border-ministers"]
    extracted = extract_html(article_page(story, hostile=True), url=f"{BASE}/x.html")
    assert extracted is not None
    for paragraph in story.paragraphs:
        assert paragraph in extracted.text
    for marker in (
        "SCRIPT_TEXT",
        "STYLE_TEXT",
        "NOSCRIPT_TEXT",
        "HANDLER_TEXT",
        "ONLOAD_TEXT",
        "document.cookie",
        "Home",
    ):
        assert marker not in extracted.text
    assert extracted.title == story.title
    assert extracted.author == "Mira Castell"
    assert extracted.published == date(2026, 11, 5)
    assert extracted.language == "en"


BYLINE_BODY = (
    "<p>The ferry timetable for the winter months was published on Monday by the harbour "
    "office, with two fewer crossings on weekdays.</p>"
)


@pytest.mark.parametrize(
    "byline",
    [
        '<p class="byline">By Tomas Reyl</p>',
        '<span itemprop="author">Tomas Reyl</span>',
        '<a rel="author" href="/t">Tomas Reyl</a>',
        '<div id="ArticleAuthor">Tomas Reyl</div>',
        '<div data-component="BylineBlock">Tomas Reyl</div>',
        '<span class="story-Writer">Tomas Reyl</span>',
        '<div class="submitted-by">Tomas Reyl</div>',
        "<author>Tomas Reyl</author>",
        # Inside what trafilatura prunes before its search: found by none.
        '<div class="date"><span class="author">Tomas Reyl</span></div>',
        '<p class="lede">No byline on this page at all.</p>',
        '<p data-author="x">An attribute the author XPaths do not read.</p>',
    ],
)
def test_the_byline_shortcut_finds_what_trafilatura_finds(byline: str) -> None:
    """Skipping trafilatura's byline search when no element could match it changes nothing:
    the author is the one its own search finds, on pages with and without a byline."""
    import lxml.html
    from trafilatura.metadata import extract_author

    from wirewatch.feeds.extract import _may_have_byline

    page = f"<html><body><article>{byline}{BYLINE_BODY}</article></body></html>"
    expected = extract_author(lxml.html.document_fromstring(page))
    tree = lxml.html.document_fromstring(page)
    assert _may_have_byline(tree) or expected is None
    extracted = extract_html(page)
    assert extracted is not None
    assert extracted.author == (" ".join(expected.split()) if expected else None)
    if "No byline" in byline:
        assert not _may_have_byline(tree)


def test_pages_without_an_article_extract_to_nothing() -> None:
    assert extract_html(b"<html><body><script>x()</script></body></html>") is None
    assert extract_html(b"") is None


def test_summaries_lose_their_markup_and_code() -> None:
    text = html_to_text("<p>First <b>bold</b> line.</p><script>EVIL()</script><p>Second.</p>")
    assert text == "First bold line.\nSecond."


def test_article_text_is_a_header_the_normaliser_reads() -> None:
    from wirewatch.ingest.normalise import normalise_text

    text = article_text(
        "Body paragraph one.\n\nBody paragraph two.",
        title="A title",
        outlet="Valley Courier",
        published=date(2026, 11, 2),
        url=f"{BASE}/a.html",
    )
    parts = normalise_text(text)
    assert (parts.title, parts.outlet, parts.url) == ("A title", "Valley Courier", f"{BASE}/a.html")
    assert parts.published_date == date(2026, 11, 2)
    assert parts.body == "Body paragraph one.\nBody paragraph two."


def test_opml_lists_feeds_and_refuses_entities() -> None:
    opml = b"""<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>
<outline text="News"><outline text="Valley" type="rss" xmlUrl="http://127.0.0.1:1/rss"/>
<outline title="Atom Post" xmlUrl="http://127.0.0.1:1/atom"/></outline></body></opml>"""
    assert read_opml(opml) == [
        ("http://127.0.0.1:1/rss", "Valley"),
        ("http://127.0.0.1:1/atom", "Atom Post"),
    ]
    with pytest.raises(OpmlError):
        read_opml(BILLION_LAUGHS)
    with pytest.raises(OpmlError):
        read_opml(b"<html/>")


# --- the address policy, as a pure decision -------------------------------------------------
@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "private"),
        ("fc00::1", "private"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
    ],
)
def test_the_default_policy_refuses_non_public_addresses(address: str, why: str) -> None:
    assert AddressPolicy().decide(address) == why


def test_public_addresses_pass_and_allow_loopback_allows_loopback_only() -> None:
    assert AddressPolicy().decide("93.184.216.34") is None
    assert AddressPolicy().decide("2606:2800:220:1::1") is None
    loopback = AddressPolicy.from_settings(allow_loopback=True)
    assert loopback.decide("127.0.0.1") is None and loopback.decide("127.0.0.2") is None
    assert loopback.decide("::1") is None
    for refused in ("10.0.0.1", "169.254.169.254", "192.168.0.1", "fe80::1"):
        assert loopback.decide(refused) is not None
    narrow = AddressPolicy(allowed=(ipaddress.ip_network("127.0.0.1/32"),))
    assert narrow.decide("127.0.0.1") is None and narrow.decide("127.0.0.2") == "loopback"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "unsupported_scheme"),
        ("gopher://127.0.0.1/", "unsupported_scheme"),
        ("http:///no-host", "bad_url"),
        ("http://127.0.0.1:notaport/", "bad_url"),
        ("http://169.254.169.254/latest/", "refused_address"),
        ("http://[fd00:ec2::254]/", "refused_address"),
        ("http://10.0.0.1/feed", "refused_address"),
    ],
)
def test_urls_are_judged_before_any_lookup(url: str, reason: str) -> None:
    with pytest.raises(RefusedUrl) as caught:
        check_url(url, AddressPolicy.from_settings(allow_loopback=True))
    assert caught.value.reason == reason


def test_feed_dates_are_utc() -> None:
    parsed = parse_feed(atom(BASE, ["rail-bridge"]), content_type=None, base_url=BASE)
    assert parsed.entries[0].published == datetime(2026, 11, 6, 10, 0, tzinfo=UTC)


def test_saved_pages_in_the_folder_go_through_the_same_extraction(tmp_path) -> None:
    from wirewatch.config import NormaliseSettings
    from wirewatch.ingest.normalise import normalise_documents
    from wirewatch.schemas import FileStat, RawFile

    story = STORIES["rail-bridge"]
    page = article_page(story, site="Estuary Post", hostile=True)
    empty = b"<html><body><nav>Home</nav><script>var x = 1;</script></body></html>"
    raws = [
        RawFile(FileStat(str(tmp_path / "bridge.html"), len(page), 1, 1), page, "a"),
        RawFile(FileStat(str(tmp_path / "empty.htm"), len(empty), 1, 2), empty, "b"),
    ]
    result = normalise_documents(raws, cfg=NormaliseSettings())
    [document] = result.rows
    assert (document.title, document.outlet) == (story.title, "Estuary Post")
    assert document.published_date == date(2026, 11, 6) and document.encoding == "html"
    assert document.body.startswith(story.paragraphs[0])
    assert "SCRIPT_TEXT" not in document.body and "HANDLER_TEXT" not in document.body
    [(path, reason)] = [(q.path, q.reason) for q in result.quarantine]
    assert path.endswith("empty.htm") and reason == "no_text"
